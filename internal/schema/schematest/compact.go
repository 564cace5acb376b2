// Package schematest holds what the schema readers' tests share: a compact
// text form of tables, to assert a whole schema as a reviewer reads it.
package schematest

import (
	"fmt"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// Compact writes each table on lines: "table(pk)", then one line per
// column "  name type [null] [=default]", foreign key "  fk cols -> table(cols) [on delete x]"
// and index "  [unique] index cols".
func Compact(tables []facts.Table) string {
	var b strings.Builder
	for _, t := range tables {
		fmt.Fprintf(&b, "%s(%s)\n", t.Name, strings.Join(t.PrimaryKey, ","))
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "  %s %s", c.Name, c.Type)
			if c.Nullable {
				b.WriteString(" null")
			}
			if c.Default != "" {
				fmt.Fprintf(&b, " =%s", c.Default)
			}
			b.WriteByte('\n')
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, "  fk %s -> %s(%s)", strings.Join(fk.Columns, ","), fk.References, strings.Join(fk.RefColumns, ","))
			if fk.OnDelete != "" {
				fmt.Fprintf(&b, " on delete %s", fk.OnDelete)
			}
			b.WriteByte('\n')
		}
		for _, ix := range t.Indexes {
			b.WriteString("  ")
			if ix.Unique {
				b.WriteString("unique ")
			}
			fmt.Fprintf(&b, "index %s\n", strings.Join(ix.Columns, ","))
		}
	}
	return b.String()
}
