package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestSchemaCommand(t *testing.T) {
	for name, file := range map[string]string{"report": "report.schema.json", "cohort": "cohort.schema.json", "config": "vetfolio.schema.json"} {
		code, out, _ := vf(t, "schema", name)
		published, err := os.ReadFile(filepath.Join("..", "..", "schema", file))
		if code != ExitOK || err != nil || out != string(published) {
			t.Errorf("schema %s: code %d, err %v, equal to schema/%s: %v", name, code, err, file, out == string(published))
		}
	}
	code, _, errOut := vf(t, "schema", "sarif")
	if code != ExitUsage || !strings.Contains(errOut, `unknown schema "sarif" (valid: report, cohort, config)`) {
		t.Errorf("schema sarif: code %d, stderr %q", code, errOut)
	}
}

// toySchemaPack reads "table NAME" and "fk TABLE COLUMN REF" lines of .mig files.
func toySchemaPack() *pack.Pack {
	read := func(f scan.File) schema.Result {
		m := schema.Migration{At: facts.Location{Path: f.Path}}
		for i, line := range strings.Split(string(f.Data), "\n") {
			w := strings.Fields(line)
			at := facts.Location{Path: f.Path, Line: i + 1}
			switch {
			case len(w) == 2 && w[0] == "table":
				m.Ops = append(m.Ops, schema.Op{Kind: schema.CreateTable, At: at, Def: facts.Table{Name: w[1],
					Columns: []facts.Column{{Name: "id", Type: "bigint"}}, PrimaryKey: []string{"id"}}})
			case len(w) == 4 && w[0] == "fk":
				m.Ops = append(m.Ops, schema.Op{Kind: schema.AddColumn, Table: w[1], At: at, Column: facts.Column{Name: w[2], Type: "bigint"}},
					schema.Op{Kind: schema.AddForeignKey, Table: w[1], At: at, FK: facts.ForeignKey{Columns: []string{w[2]}, References: w[3], OnDelete: "cascade"}})
			}
		}
		return schema.Result{Migrations: []schema.Migration{m}}
	}
	return &pack.Pack{ID: "toy", Name: "Toy", Languages: map[string]string{".toy": "toy"},
		Database: pack.Database{Schema: []schema.Reader{{Tool: "toymig", Path: scan.MustCompile(`\.mig$`), Read: read}}}}
}

func TestSchemaDrawsATarget(t *testing.T) {
	restore := stacks.SetForTest([]*pack.Pack{toySchemaPack()})
	defer restore()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "db"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "db", "1.mig"), []byte("table users\ntable orders\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "db", "2.mig"), []byte("fk orders user_id users\n"), 0o644)

	code, out, errOut := vf(t, "schema", dir)
	if code != ExitOK || !strings.HasPrefix(out, "erDiagram\n") || !strings.Contains(out, `users ||--o{ orders : "user_id (on delete cascade)"`) {
		t.Errorf("mermaid: code %d, stderr %q, out:\n%s", code, errOut, out)
	}
	code, out, _ = vf(t, "schema", dir, "--format", "dot")
	if code != ExitOK || !strings.Contains(out, `"orders" -> "users"`) {
		t.Errorf("dot: code %d, out:\n%s", code, out)
	}
	code, out, _ = vf(t, "schema", dir, "--format", "svg")
	if code != ExitOK || !strings.HasPrefix(out, "<svg ") || strings.Count(out, `class="erd-table"`) != 2 {
		t.Errorf("svg: code %d, out:\n%s", code, out)
	}
	code, out, _ = vf(t, "schema", dir, "-f", "json")
	var doc struct{ Schema facts.Schema }
	if err := json.Unmarshal([]byte(out), &doc); code != ExitOK || err != nil || doc.Schema.Source != "migrations" || len(doc.Schema.Tables) != 2 ||
		doc.Schema.Tables[1].ForeignKeys[0].References != "users" {
		t.Errorf("json: code %d, err %v, out:\n%s", code, err, out)
	}

	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "main.toy"), []byte("nothing\n"), 0o644)
	code, _, errOut = vf(t, "schema", empty)
	if code != ExitNoSchema || !strings.Contains(errOut, "no database schema found in "+empty) {
		t.Errorf("no schema: code %d, stderr %q", code, errOut)
	}
	code, _, errOut = vf(t, "schema", dir, "--format", "png")
	if code != ExitUsage || !strings.Contains(errOut, `unknown --format "png" (valid: mermaid, dot, json, svg)`) {
		t.Errorf("bad format: code %d, stderr %q", code, errOut)
	}
}
