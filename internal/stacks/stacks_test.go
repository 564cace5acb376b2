package stacks

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestRegistryIsValid(t *testing.T) {
	if err := Validate(All()); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRejects(t *testing.T) {
	ok := func() *pack.Pack {
		return &pack.Pack{ID: "elixir", Name: "Elixir", Languages: map[string]string{".ex": "elixir"}}
	}
	cases := map[string]func(p *pack.Pack){
		"claimed twice":     func(p *pack.Pack) { p.Languages[".py"] = "python" },
		"no name":           func(p *pack.Pack) { p.Name = "" },
		"framework twice":   func(p *pack.Pack) { p.Frameworks = []pack.Framework{{ID: "fastapi", Name: "x"}} },
		"bad fix qualifier": func(p *pack.Pack) { p.Fixes = pack.Fixes{"auth.mechanism|color=blue": {"x"}} },
		"bad security kind": func(p *pack.Pack) {
			p.Security = []pack.SecuritySignal{{Kind: "firewall", Name: "x", Re: scan.MustCompile("x")}}
		},
		"route without verb": func(p *pack.Pack) { p.Routes = []pack.RoutePattern{{Re: scan.MustCompile(`get "(.*)"`), Path: 1}} },
	}
	if err := Validate(append(All(), ok())); err != nil {
		t.Fatalf("a valid new pack was refused: %v", err)
	}
	for name, spoil := range cases {
		p := ok()
		spoil(p)
		if err := Validate(append(All(), p)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestGroupAnswersForEveryLanguageOnce(t *testing.T) {
	for path, want := range map[string]string{
		"app/main.py": "python", "src/Main.java": "jvm", "src/App.kt": "jvm", "index.js": "js", "src/a.mts": "js",
		"cmd/api/main.go": "go", "Controllers/UsersController.cs": "dotnet", "app/models/user.rb": "ruby",
		"app/Http/Kernel.php": "php", "README.md": "", "lib/app.ex": "", "build.scala": "",
	} {
		if got := Group(path); got != want {
			t.Errorf("Group(%q) = %q, want %q", path, got, want)
		}
	}
	if Language("src/App.KT") != "kotlin" || GroupOf("typescript") != "js" || GroupOf("elixir") != "" {
		t.Errorf("Language/GroupOf disagree with the packs")
	}
}

// The detectors read a pack's source through the collector's blanked copy
// (scan.File.Source, blanked for scan.SourceExts' language), not their own
// scan.Code(data, stacks.Language(p)): the two must name one language.
func TestPackLanguagesAreTheSourceLanguages(t *testing.T) {
	for _, pk := range All() {
		for ext, lang := range pk.Languages {
			if got := scan.SourceExts[ext]; got != lang {
				t.Errorf("pack %s: %s is %q, scan.SourceExts says %q", pk.ID, ext, lang, got)
			}
		}
	}
}

func TestFixPrefersFrameworkThenLanguageAndQualifiers(t *testing.T) {
	if _, pk, ok := Framework("express"); !ok || pk.ID != "js" {
		t.Fatalf("express is not in the js pack")
	}
	// A framework's own steps.
	steps, ok := Fix("auth.mechanism", facts.Stack{Language: "python", Framework: "fastapi"})
	if !ok || !strings.Contains(strings.Join(steps, " "), "OAuth2PasswordBearer") {
		t.Errorf("fastapi auth.mechanism = %q", steps)
	}
	// A framework without steps takes its language's pack's.
	steps, ok = Fix("auth.mechanism", facts.Stack{Language: "go", Framework: "gorilla"})
	if !ok || !strings.Contains(strings.Join(steps, " "), "golang-jwt") {
		t.Errorf("gorilla auth.mechanism = %q", steps)
	}
	// No pack for the language: no steps, the rubric's generic ones apply.
	if steps, ok := Fix("auth.mechanism", facts.Stack{Language: "elixir", Framework: "phoenix"}); ok {
		t.Errorf("elixir got %q", steps)
	}
	fixes := pack.Fixes{
		"x":                          {"plain"},
		"x|orm=mongoose":             {"mongoose"},
		"x|dep=dotenv":               {"has dotenv"},
		"x|!dep=dotenv|orm=mongoose": {"mongoose without dotenv"},
		"x|migrations=knex":          {"knex"},
	}
	for _, c := range []struct {
		st   facts.Stack
		want string
	}{
		{facts.Stack{}, "plain"},
		{facts.Stack{ORM: "prisma"}, "plain"},
		// Two keys as qualified as each other: the first in sorted order.
		{facts.Stack{ORM: "mongoose", Dependencies: map[string]bool{"dotenv": true}}, "has dotenv"},
		{facts.Stack{ORM: "mongoose"}, "mongoose without dotenv"},
		{facts.Stack{Dependencies: map[string]bool{"dotenv": true}}, "has dotenv"},
		{facts.Stack{Migrations: "knex"}, "knex"},
		{facts.Stack{Migrations: "prisma"}, "plain"},
	} {
		got, _ := lookup(fixes, "x", c.st)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%+v: got %q, want %q", c.st, got, c.want)
		}
	}
	if bad := ValidateFixes(pack.Fixes{"x|migrations=knex": nil, "x|migration=knex": nil, "x|!migrations=knex": nil}); len(bad) != 2 || bad[0] != "x|!migrations=knex" {
		t.Errorf("ValidateFixes = %v, want the misspelt and the negated migrations qualifier", bad)
	}
	if got := fill([]string{"node {entry}"}, facts.Stack{Entry: "app.js"}, pack.Framework{Entry: "src/index.js"}); got[0] != "node app.js" {
		t.Errorf("entry = %q", got)
	}
	if got := fill([]string{"node {entry}"}, facts.Stack{}, pack.Framework{Entry: "src/index.js"}); got[0] != "node src/index.js" {
		t.Errorf("default entry = %q", got)
	}
}

// A Mongoose project is not told to use Prisma, an Express app started by
// app.js is not told src/index.js, and dotenv already loaded is not asked for.
func TestFixesNameWhatTheProjectUses(t *testing.T) {
	mongoose := facts.Stack{Language: "javascript", Framework: "express", ORM: "mongoose", Entry: "app.js",
		Dependencies: map[string]bool{"express": true, "mongoose": true, "dotenv": true}}
	for _, id := range []string{"database.migrations", "database.models", "database.relationships", "database.relational", "scope.relations", "scope.pagination", "scope.layered"} {
		for _, fw := range []string{"express", "nestjs", "fastify"} {
			st := mongoose
			st.Framework = fw
			steps, _ := Fix(id, st)
			if joined := strings.Join(steps, " "); strings.Contains(joined, "Prisma") || strings.Contains(joined, "prisma") || strings.Contains(joined, "TypeORM") {
				t.Errorf("%s on %s with Mongoose: %q", id, fw, joined)
			}
		}
	}
	steps, _ := Fix("deployment.config", mongoose)
	if joined := strings.Join(steps, " "); !strings.Contains(joined, "node app.js") || strings.Contains(joined, "src/index.js") {
		t.Errorf("deployment.config = %q, want the project's app.js", joined)
	}
	steps, _ = Fix("readme.configuration", mongoose)
	if joined := strings.Join(steps, " "); strings.Contains(joined, "Load variables with dotenv") {
		t.Errorf("readme.configuration asks for dotenv, which the project has: %q", joined)
	}
	// Without those, the usual advice stands.
	plain := facts.Stack{Language: "javascript", Framework: "express"}
	if steps, _ := Fix("database.migrations", plain); !strings.Contains(strings.Join(steps, " "), "Prisma") {
		t.Errorf("a project without an ORM: %q", steps)
	}
	if steps, _ := Fix("deployment.config", plain); !strings.Contains(strings.Join(steps, " "), "node src/index.js") {
		t.Errorf("entry unknown: %q", steps)
	}
}
