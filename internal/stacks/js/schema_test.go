package js

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// readAll runs every reader of the pack that takes the file, as the
// schema engine does, and builds the schema from what they found.
func readAll(t *testing.T, files map[string]string) facts.Schema {
	t.Helper()
	var found []schema.Found
	for p, body := range files {
		for _, r := range schemaReaders {
			if !r.Path.MatchString(p) || !needAny([]byte(body), r.Need) {
				continue
			}
			res := r.Read(scan.File{Path: p, Data: []byte(body)})
			found = append(found, schema.Found{Tool: r.Tool, Result: res})
		}
	}
	return schema.Build(found)
}

func table(t *testing.T, tabs []facts.Table, name string) facts.Table {
	t.Helper()
	for _, tb := range tabs {
		if tb.Name == name {
			return tb
		}
	}
	var names []string
	for _, tb := range tabs {
		names = append(names, tb.Name)
	}
	t.Fatalf("no table %q in %v", name, names)
	return facts.Table{}
}

// cols writes a table's columns as "name type [null]" for comparison.
func cols(tb facts.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		s := c.Name + " " + c.Type
		if c.Nullable {
			s += " null"
		}
		if c.Default != "" {
			s += " =" + c.Default
		}
		out = append(out, s)
	}
	return out
}

func fks(tb facts.Table) []string {
	var out []string
	for _, fk := range tb.ForeignKeys {
		out = append(out, strings.Join(fk.Columns, ",")+"->"+fk.References+"("+strings.Join(fk.RefColumns, ",")+") "+fk.OnDelete)
	}
	return out
}

func idxs(tb facts.Table) []string {
	var out []string
	for _, ix := range tb.Indexes {
		s := strings.Join(ix.Columns, ",")
		if ix.Unique {
			s += " unique"
		}
		out = append(out, s)
	}
	return out
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

// needAny is the schema engine's Need gate: one of lits must occur.
func needAny(data []byte, lits []string) bool {
	for _, l := range lits {
		if strings.Contains(string(data), l) {
			return true
		}
	}
	return len(lits) == 0
}
