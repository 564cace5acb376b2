package schema

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// toyPack has toy readers: each line "create NAME" of a .mig file
// creates a table; a .model file's lines are models.
func toyPack(calls *int) *pack.Pack {
	read := func(models bool) func(f scan.File) schema.Result {
		return func(f scan.File) schema.Result {
			*calls++
			var res schema.Result
			var m schema.Migration
			m.At = facts.Location{Path: f.Path}
			for i, line := range bytes.Split(f.Data, []byte("\n")) {
				name, ok := bytes.CutPrefix(line, []byte("create "))
				if !ok {
					continue
				}
				tb := facts.Table{Name: string(name), Source: facts.Location{Path: f.Path, Line: i + 1}}
				if models {
					res.Models = append(res.Models, tb)
				} else {
					m.Ops = append(m.Ops, schema.Op{Kind: schema.CreateTable, Def: tb})
				}
			}
			if len(m.Ops) > 0 {
				res.Migrations = []schema.Migration{m}
			}
			return res
		}
	}
	return &pack.Pack{ID: "toy", Name: "Toy", Languages: map[string]string{".toy": "toy"}, Database: pack.Database{Schema: []schema.Reader{
		{Tool: "toymig", Path: scan.MustCompile(`\.mig$`), Need: []string{"create "}, Read: read(false)},
		{Tool: "toyorm", Path: scan.MustCompile(`\.model$`), Read: read(true)},
	}}}
}

func run(t *testing.T, files map[string]string) (facts.Schema, int) {
	t.Helper()
	calls := 0
	restore := stacks.SetForTest([]*pack.Pack{toyPack(&calls)})
	defer restore()
	d := New()
	for _, p := range []string{"db/2.mig", "db/10.mig", "db/1.mig", "app/user.model", "tests/fixture.mig", "db/empty.mig", "README.md"} {
		body, ok := files[p]
		if !ok {
			continue
		}
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(body)
		}
		d.Scan(f)
	}
	var out facts.Facts
	d.Finish(&out)
	return out.Schema, calls
}

func TestMigrationsAppliedInNaturalOrderWithModelsKept(t *testing.T) {
	s, calls := run(t, map[string]string{
		"db/1.mig":          "create users\n",
		"db/2.mig":          "create orders\n",
		"db/10.mig":         "create payments\n",
		"tests/fixture.mig": "create fixture_only\n",
		"db/empty.mig":      "nothing here\n",
		"app/user.model":    "create users\n",
		"README.md":         "create readme\n",
	})
	var names []string
	for _, tb := range s.Tables {
		names = append(names, tb.Name)
	}
	if got := strings.Join(names, " "); got != "users orders payments" {
		t.Errorf("tables = %q, want users orders payments (natural order, no test fixture)", got)
	}
	if s.Source != "migrations" || s.Tool != "toymig" || len(s.Models) != 1 || len(s.Migrations) != 3 {
		t.Errorf("schema = %+v", s)
	}
	// The Need gate keeps db/empty.mig from its reader; the fixture is never read.
	if calls != 4 {
		t.Errorf("readers called %d times, want 4", calls)
	}
}

func TestModelsWhenNoMigrations(t *testing.T) {
	s, _ := run(t, map[string]string{"app/user.model": "create users\ncreate posts\n"})
	if s.Source != "models" || s.Tool != "toyorm" || len(s.Tables) != 2 || s.Tables[1].Source.Line != 2 {
		t.Errorf("schema = %+v", s)
	}
}

func TestNoSchema(t *testing.T) {
	s, _ := run(t, map[string]string{"README.md": "create x\n"})
	if s.Source != "" || len(s.Tables) != 0 {
		t.Errorf("schema = %+v", s)
	}
}
