// Package erd draws a facts.Schema as an entity-relationship diagram:
// Mermaid erDiagram source (GitHub renders it in Markdown), Graphviz DOT,
// and a self-contained SVG laid out here, so the HTML report needs no
// script and no network.
package erd

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// MaxTables bounds a diagram: past it, the most connected tables are
// drawn and the rest are named in a note. A 300-table schema drawn whole
// helps no reader.
const MaxTables = 40

// maxColumns bounds the rows drawn for one table.
const maxColumns = 16

// Pick returns the tables a diagram draws, in the schema's order, and how
// many it leaves out: all of them up to MaxTables, else the MaxTables with
// the most foreign keys in or out (ties by order).
func Pick(s facts.Schema) (tables []facts.Table, omitted int) {
	if len(s.Tables) <= MaxTables {
		return s.Tables, 0
	}
	degree := map[string]int{}
	for _, t := range s.Tables {
		for _, fk := range t.ForeignKeys {
			degree[strings.ToLower(t.Name)]++
			degree[strings.ToLower(fk.References)]++
		}
	}
	idx := make([]int, len(s.Tables))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return degree[strings.ToLower(s.Tables[b].Name)] - degree[strings.ToLower(s.Tables[a].Name)]
	})
	idx = idx[:MaxTables]
	slices.Sort(idx)
	for _, i := range idx {
		tables = append(tables, s.Tables[i])
	}
	return tables, len(s.Tables) - MaxTables
}

// keys returns the key markers of column c of t: PK, FK, UK.
func keys(t facts.Table, c facts.Column) []string {
	var ks []string
	if containsFold(t.PrimaryKey, c.Name) {
		ks = append(ks, "PK")
	}
	for _, fk := range t.ForeignKeys {
		if containsFold(fk.Columns, c.Name) {
			ks = append(ks, "FK")
			break
		}
	}
	for _, ix := range t.Indexes {
		if ix.Unique && len(ix.Columns) == 1 && strings.EqualFold(ix.Columns[0], c.Name) {
			ks = append(ks, "UK")
			break
		}
	}
	return ks
}

func containsFold(xs []string, s string) bool {
	return slices.ContainsFunc(xs, func(x string) bool { return strings.EqualFold(x, s) })
}

// edge is one foreign key drawn: from a table's columns to another.
type edge struct {
	from, to string // table names as in the schema
	fk       facts.ForeignKey
	// optional: the referencing columns may be NULL; unique: at most one
	// row refers to each parent (one-to-one).
	optional, unique bool
}

// edges lists the foreign keys between drawn tables.
func edges(tables []facts.Table) []edge {
	drawn := map[string]string{}
	for _, t := range tables {
		drawn[strings.ToLower(t.Name)] = t.Name
	}
	var es []edge
	for _, t := range tables {
		for _, fk := range t.ForeignKeys {
			to, ok := drawn[strings.ToLower(fk.References)]
			if !ok {
				continue
			}
			e := edge{from: t.Name, to: to, fk: fk}
			for _, col := range fk.Columns {
				if c := t.Column(col); c != nil && c.Nullable {
					e.optional = true
				}
			}
			for _, ix := range t.Indexes {
				if ix.Unique && sameFold(ix.Columns, fk.Columns) {
					e.unique = true
				}
			}
			if sameFold(t.PrimaryKey, fk.Columns) {
				e.unique = true
			}
			es = append(es, e)
		}
	}
	return es
}

func sameFold(a, b []string) bool { return len(a) > 0 && slices.EqualFunc(a, b, strings.EqualFold) }

// label names a foreign key on its line: its columns, and its ON DELETE
// action when the source gave one.
func label(fk facts.ForeignKey) string {
	l := strings.Join(fk.Columns, ", ")
	if fk.OnDelete != "" {
		l += " (on delete " + fk.OnDelete + ")"
	}
	return l
}

// Mermaid writes the schema as a Mermaid erDiagram.
func Mermaid(w io.Writer, s facts.Schema) error {
	tables, omitted := Pick(s)
	var b strings.Builder
	b.WriteString("erDiagram\n")
	if omitted > 0 {
		fmt.Fprintf(&b, "    %%%% %d more tables not drawn (the %d most connected are)\n", omitted, MaxTables)
	}
	for _, t := range tables {
		fmt.Fprintf(&b, "    %s {\n", mermaidName(t.Name))
		cols, more := t.Columns, 0
		if len(cols) > maxColumns {
			cols, more = cols[:maxColumns], len(cols)-maxColumns
		}
		for _, c := range cols {
			fmt.Fprintf(&b, "        %s %s", mermaidType(c.Type), mermaidName(c.Name))
			if ks := keys(t, c); len(ks) > 0 {
				b.WriteString(" " + strings.Join(ks, ", "))
			}
			if c.Nullable {
				b.WriteString(` "null"`)
			}
			b.WriteByte('\n')
		}
		if more > 0 {
			fmt.Fprintf(&b, "        more_columns %d\n", more)
		}
		b.WriteString("    }\n")
	}
	for _, e := range edges(tables) {
		parent, child := "||", "o{"
		if e.optional {
			parent = "|o"
		}
		if e.unique {
			child = "o|"
		}
		fmt.Fprintf(&b, "    %s %s--%s %s : %q\n", mermaidName(e.to), parent, child, mermaidName(e.from), mermaidLabel(label(e.fk)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidName keeps what Mermaid accepts in an entity or attribute name:
// letters, digits, _ and -; anything else becomes _.
func mermaidName(s string) string {
	out := []byte(s)
	for i, c := range out {
		if !(c == '_' || c == '-' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			out[i] = '_'
		}
	}
	if len(out) == 0 || out[0] == '-' || ('0' <= out[0] && out[0] <= '9') {
		out = append([]byte("t_"), out...)
	}
	return string(out)
}

// mermaidType writes a type as Mermaid allows it: it must start with a
// letter and may hold letters, digits, _, -, () and []; a comma (the
// scale of decimal(10,2)) becomes -.
func mermaidType(s string) string {
	if s == "" {
		return "unknown"
	}
	out := []byte(s)
	for i, c := range out {
		switch {
		case c == ',':
			out[i] = '-'
		case c == '_' || c == '-' || c == '(' || c == ')' || c == '[' || c == ']' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9':
		default:
			out[i] = '_'
		}
	}
	if !('a' <= out[0] && out[0] <= 'z' || 'A' <= out[0] && out[0] <= 'Z') {
		out = append([]byte("t"), out...)
	}
	return string(out)
}

// mermaidLabel drops the quote a relationship label cannot hold.
func mermaidLabel(s string) string { return strings.ReplaceAll(s, `"`, "'") }

// DOT writes the schema as a Graphviz digraph: one HTML-like table per
// table, an arrow per foreign key from the referencing table.
func DOT(w io.Writer, s facts.Schema) error {
	tables, omitted := Pick(s)
	var b strings.Builder
	b.WriteString("digraph schema {\n  rankdir=LR;\n  node [shape=plaintext, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	if omitted > 0 {
		fmt.Fprintf(&b, "  // %d more tables not drawn (the %d most connected are)\n", omitted, MaxTables)
	}
	for _, t := range tables {
		fmt.Fprintf(&b, "  %s [label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\"><tr><td bgcolor=\"#dde7f3\" colspan=\"2\"><b>%s</b></td></tr>", dotID(t.Name), htmlEscape(t.Name))
		cols, more := t.Columns, 0
		if len(cols) > maxColumns {
			cols, more = cols[:maxColumns], len(cols)-maxColumns
		}
		for _, c := range cols {
			name := htmlEscape(c.Name)
			if ks := keys(t, c); len(ks) > 0 {
				name += " <i>" + strings.Join(ks, " ") + "</i>"
			}
			typ := htmlEscape(c.Type)
			if c.Nullable {
				typ += " null"
			}
			fmt.Fprintf(&b, "<tr><td align=\"left\">%s</td><td align=\"left\">%s</td></tr>", name, typ)
		}
		if more > 0 {
			fmt.Fprintf(&b, "<tr><td colspan=\"2\">%d more columns</td></tr>", more)
		}
		b.WriteString("</table>>];\n")
	}
	for _, e := range edges(tables) {
		fmt.Fprintf(&b, "  %s -> %s [label=%s];\n", dotID(e.from), dotID(e.to), dotString(label(e.fk)))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotID(s string) string { return dotString(s) }

// dotString quotes s as a DOT string.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}
