package collect

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// toyRoutes is a RouteScanner for the toy pack: `get "/path"` lines, all
// protected in a file that pipes through :auth, under the /api scope.
type toyRoutes struct{ routes []pack.Route }

var toyRouteRe = regexp.MustCompile(`(get|post) "([^"]+)"`)

func (r *toyRoutes) Scan(src pack.Source) {
	protected := bytes.Contains(src.Code, []byte("pipe_through :auth"))
	for _, m := range toyRouteRe.FindAllSubmatchIndex(src.Code, -1) {
		r.routes = append(r.routes, pack.Route{Method: string(src.Code[m[2]:m[3]]), Path: "/api" + string(src.Code[m[4]:m[5]]),
			At: src.Loc(m[0]), Protected: protected})
	}
}
func (r *toyRoutes) Routes() []pack.Route { return r.routes }

// toyModels finds `schema "books"` models and belongs_to relations.
type toyModels struct {
	models []pack.Model
	rels   []facts.Location
}

func (m *toyModels) Scan(src pack.Source) {
	if i := bytes.Index(src.Code, []byte(`schema "`)); i >= 0 {
		m.models = append(m.models, pack.Model{Name: "Book", At: src.Loc(i)})
	}
	if i := bytes.Index(src.Code, []byte("belongs_to :")); i >= 0 {
		m.rels = append(m.rels, src.Loc(i))
	}
}
func (m *toyModels) Models() []pack.Model        { return m.models }
func (m *toyModels) Relations() []facts.Location { return m.rels }

var toyPack = &pack.Pack{
	ID: "toy", Name: "Toy", Languages: map[string]string{".ex": "elixir"},
	NewRouteScanner: func() pack.RouteScanner { return &toyRoutes{} },
	Pagination:      scan.MustCompile(`offset: \^\w+`),
	Auth: pack.Auth{
		Code:      []pack.Signal{pack.Sig(`\bGuardian\b`, "guardian", "jwt", ""), pack.Sig(`Bcrypt\.hash_pwd_salt`, "", "", "bcrypt")},
		KeyAssign: scan.MustCompile(`()JOSE\.JWK\.from_oct\("([^"]+)"\)`),
	},
	Database: pack.Database{
		NewScanner: func() pack.ModelScanner { return &toyModels{} },
		Migrations: []pack.MigrationTool{{Tool: "ecto", Path: scan.MustCompile(`(^|/)priv/repo/migrations/\d+_\w+\.exs$`),
			Count: func(_ string, data []byte) bool { return bytes.Contains(data, []byte("create table")) }}},
	},
	OpenAPI: []pack.Generator{{Name: "open-api-spex", Code: scan.MustCompile(`OpenApiSpex`),
		Quality: func(code []byte) pack.DocQuality {
			n := bytes.Count(code, []byte("operation :"))
			return pack.DocQuality{Operations: n, Described: n}
		}}},
	Tests: pack.Tests{Languages: map[string]pack.TestLanguage{"elixir": {Test: scan.MustCompile(`(?m)^\s*test "`)}}},
	Secrets: pack.Secrets{
		Find: func(p string, data []byte) []pack.SecretAt {
			if i := bytes.Index(data, []byte("secret_key_base: \"")); i >= 0 && strings.HasSuffix(p, "prod.secret.ex") {
				return []pack.SecretAt{{Line: bytes.Count(data[:i], []byte("\n")) + 1, Rule: "phoenix-secret-key-base"}}
			}
			return nil
		},
		NotSecret: func(_, line string) bool { return strings.Contains(line, "generated-template") },
	},
}

var toyFiles = map[string]string{
	"lib/router.ex":  "defmodule Router do\n  pipe_through :auth\n  get \"/books\", BookController, :index\n  post \"/books\", BookController, :create\nend\n",
	"lib/books.ex":   "defmodule Books do\n  use Guardian\n  def list(l, o), do: Repo.all(from b in Book, limit: ^l, offset: ^o)\n  def hash(p), do: Bcrypt.hash_pwd_salt(p)\n  def key, do: JOSE.JWK.from_oct(\"s3cr3t-signing-key-in-code\")\nend\n",
	"lib/book.ex":    "defmodule Book do\n  schema \"books\" do\n    belongs_to :author, Author\n  end\nend\n",
	"lib/api_doc.ex": "defmodule ApiSpec do\n  use OpenApiSpex\n  operation :index, summary: \"List\"\n  operation :create, summary: \"Create\"\nend\n",
	"priv/repo/migrations/20240101000000_create_books.exs": "defmodule M do\n  def change, do: create table(:books)\nend\n",
	"priv/repo/migrations/20240102000000_noop.exs":         "defmodule N do\n  def change, do: :ok\nend\n",
	"lib/prod.secret.ex":                                   "config :app, Endpoint,\n  secret_key_base: \"9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928\"\n",
	"test/books_test.ex":                                   "defmodule BooksTest do\n  test \"lists\" do\n    assert true\n  end\nend\n",
}

// TestAPackSeesItsHooksCalled shows the engines a pack of a language
// vetfolio does not know, through every hook a table cannot express.
func TestAPackSeesItsHooksCalled(t *testing.T) {
	restore := stacks.SetForTest(append(slices.Clone(stacks.All()), toyPack))
	defer restore()
	f, _, err := Collect(context.Background(), snapshotOf(t, toyFiles), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Endpoints != 2 || !slices.Contains(f.Routes.List, "POST /api/books") {
		t.Errorf("routes %v (%d endpoints), want the scanner's 2", f.Routes.List, f.Endpoints)
	}
	if f.Auth.ProtectedRoutes != 2 || f.Auth.Kind != "jwt" || f.Auth.PasswordHashing != "bcrypt" {
		t.Errorf("auth %+v: want jwt, bcrypt, the 2 protected routes", f.Auth)
	}
	if len(f.Auth.HardcodedKeys) != 1 {
		t.Errorf("hard-coded keys %v: want the unnamed literal in a JWT file", f.Auth.HardcodedKeys)
	}
	if !f.Scope.Pagination {
		t.Errorf("pagination not seen")
	}
	if f.Database.Models != 1 || !f.Relationships {
		t.Errorf("models %d relationships %v", f.Database.Models, f.Relationships)
	}
	if f.Migrations.Tool != "ecto" || f.Migrations.Count != 1 {
		t.Errorf("migrations %+v: want ecto 1 (the no-op one does not count)", f.Migrations)
	}
	if f.OpenAPI.Generator != "open-api-spex" || f.OpenAPI.Operations != 2 || f.OpenAPI.Described != 2 {
		t.Errorf("openapi %+v", f.OpenAPI)
	}
	if f.Tests.Files != 1 {
		t.Errorf("tests %+v", f.Tests)
	}
	found := false
	for _, s := range f.Secrets {
		found = found || s.Rule == "phoenix-secret-key-base"
		if strings.Contains(s.Redacted, "9f8e7d6c") {
			t.Errorf("secret value leaked: %+v", s)
		}
	}
	if !found {
		t.Errorf("secrets %v: want the pack's finding", f.Secrets)
	}
}
