package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/vetfolio/vetfolio/internal/erd"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// schemaSummary says in a sentence what schema was read and from where:
// "5 tables, 4 foreign keys, from the alembic migrations".
func schemaSummary(s facts.Schema) string {
	if len(s.Tables) == 0 {
		return ""
	}
	fks := 0
	for _, t := range s.Tables {
		fks += len(t.ForeignKeys)
	}
	from := ""
	switch s.Source {
	case "migrations":
		from = "the " + s.Tool + " migrations, applied in order"
	case "snapshot":
		from = "the committed schema dump (" + s.Tool + ")"
	case "models":
		from = "the " + s.Tool + " models (no migrations were read)"
	}
	return fmt.Sprintf("%s, %s, from %s", plural(len(s.Tables), "table"), plural(fks, "foreign key"), from)
}

// markdownSchema is the Markdown report's schema section: the summary and
// a Mermaid erDiagram, which GitHub draws.
func markdownSchema(s facts.Schema) string {
	sum := schemaSummary(s)
	if sum == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("### Database schema\n\n")
	b.WriteString(mdEscape(sum) + ".\n\n```mermaid\n")
	_ = erd.Mermaid(&b, s) // a strings.Builder does not fail
	b.WriteString("```\n\n")
	return b.String()
}

// htmlSchema is the HTML report's schema section.
type htmlSchema struct {
	Summary string
	SVG     template.HTML
}

// newHTMLSchema lays the diagram out as inline SVG; erd escapes every
// name it writes.
func newHTMLSchema(s facts.Schema) *htmlSchema {
	sum := schemaSummary(s)
	if sum == "" {
		return nil
	}
	var b bytes.Buffer
	_ = erd.SVG(&b, s, "erd") // a bytes.Buffer does not fail
	return &htmlSchema{Summary: sum, SVG: template.HTML(b.String())}
}
