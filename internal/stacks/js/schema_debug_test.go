package js

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// TestDebugSchema prints what the readers make of the files named in
// SCHEMA_FILES (space-separated); it is skipped otherwise.
func TestDebugSchema(t *testing.T) {
	env := os.Getenv("SCHEMA_FILES")
	if env == "" {
		t.Skip("SCHEMA_FILES not set")
	}
	var found []schema.Found
	for _, p := range strings.Fields(env) {
		data, _ := os.ReadFile(p)
		for _, r := range schemaReaders {
			if !r.Path.MatchString(p) || !needAny(data, r.Need) {
				continue
			}
			res := r.Read(scan.File{Path: p, Data: data})
			for _, m := range res.Migrations {
				t.Logf("%s migration %s reversible=%q destructive=%v ops=%d", r.Tool, m.At.Path, m.Reversible, m.Destructive, len(m.Ops))
			}
			found = append(found, schema.Found{Tool: r.Tool, Result: res})
		}
	}
	s := schema.Build(found)
	t.Logf("source=%s tool=%s\n%s", s.Source, s.Tool, dumpTables(s.Tables))
	if len(s.Models) > 0 {
		t.Logf("models:\n%s", dumpTables(s.Models))
	}
}

func needAny(data []byte, lits []string) bool {
	for _, l := range lits {
		if bytes.Contains(data, []byte(l)) {
			return true
		}
	}
	return len(lits) == 0
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
