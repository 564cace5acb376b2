package golang

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// TestDebugGORM prints the models read from the files in SCHEMA_FILES;
// skipped otherwise.
func TestDebugGORM(t *testing.T) {
	env := os.Getenv("SCHEMA_FILES")
	if env == "" {
		t.Skip("SCHEMA_FILES not set")
	}
	for _, p := range strings.Fields(env) {
		data, _ := os.ReadFile(p)
		res := readGORM(scan.File{Path: p, Data: data})
		t.Logf("%s:\n%s", p, dumpTables(res.Models))
	}
}

func dumpTables(ts []facts.Table) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s (line %d) pk=%v\n", t.Name, t.Source.Line, t.PrimaryKey)
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %s %s null=%v default=%q @%d\n", c.Name, c.Type, c.Nullable, c.Default, c.At.Line)
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, "  FK %v -> %s%v on delete %q @%d\n", fk.Columns, fk.References, fk.RefColumns, fk.OnDelete, fk.At.Line)
		}
		for _, ix := range t.Indexes {
			fmt.Fprintf(&b, "  IX %s %v unique=%v @%d\n", ix.Name, ix.Columns, ix.Unique, ix.At.Line)
		}
	}
	return b.String()
}
