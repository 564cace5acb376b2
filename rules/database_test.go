package rules

import (
	"strings"
	"testing"
)

func dbCheck(t *testing.T, id string) *Check {
	t.Helper()
	for _, k := range databaseCriterion.Checks {
		if k.ID == id {
			return k
		}
	}
	t.Fatalf("no check %s", id)
	return nil
}

func TestDatabaseCriterionValid(t *testing.T) {
	if err := Validate([]*Criterion{databaseCriterion}); err != nil {
		t.Fatal(err)
	}
	stacks := []Stack{
		{Language: "python", Framework: "fastapi"}, {Language: "python", Framework: "django"},
		{Language: "python", Framework: "flask"}, {Language: "java", Framework: "spring-boot"},
		{Language: "kotlin", Framework: "spring-boot"}, {Language: "javascript", Framework: "express"},
		{Language: "typescript", Framework: "nestjs"}, {Language: "typescript", Framework: "fastify"},
		{Language: "go", Framework: "gin"}, {Language: "go", Framework: "net-http"}, {Language: "ruby"}, {},
	}
	for _, k := range databaseCriterion.Checks {
		for _, s := range stacks {
			if steps := k.Fix(s); len(steps) == 0 {
				t.Errorf("%s: no fix for %+v", k.ID, s)
			}
		}
	}
	if got := dbCheck(t, "database.migrations").Fix(Stack{Language: "python", Framework: "fastapi"}); !strings.Contains(strings.Join(got, " "), "alembic revision --autogenerate") {
		t.Errorf("FastAPI migrations fix = %q, want Alembic autogenerate", got)
	}
	if got := dbCheck(t, "database.migrations").Fix(Stack{Language: "java", Framework: "spring-boot"}); !strings.Contains(strings.Join(got, " "), "V1__init.sql") {
		t.Errorf("Spring migrations fix = %q, want Flyway V1__init.sql", got)
	}
	if got := dbCheck(t, "database.migrations").Fix(Stack{Language: "go", Framework: "chi"}); !strings.Contains(strings.Join(got, " "), "golang-migrate") {
		t.Errorf("Go migrations fix = %q, want golang-migrate", got)
	}
}

func TestDatabaseRelational(t *testing.T) {
	k := dbCheck(t, "database.relational")
	cases := []struct {
		engines []string
		pass    bool
		msg     string
	}{
		{[]string{"postgres", "h2"}, true, "postgres"},
		{[]string{"sqlite"}, true, "sqlite"},
		{[]string{"h2"}, false, "in-memory"},
		{[]string{"mongodb"}, false, "relational database"},
		{[]string{"mongodb", "redis"}, false, "mongodb, redis"},
		{nil, false, "no database"},
	}
	for _, c := range cases {
		f := &Facts{Database: Database{Engines: c.engines, Relational: c.pass}}
		r := k.Run(f)
		if r.Passed != c.pass || r.Skipped || !strings.Contains(r.Message, c.msg) {
			t.Errorf("engines %v: got %+v, want passed=%v with %q", c.engines, r, c.pass, c.msg)
		}
	}
}

func TestDatabaseMigrationChecks(t *testing.T) {
	mig, hist := dbCheck(t, "database.migrations"), dbCheck(t, "database.migration-history")
	none := &Facts{Migrations: Migrations{Tool: "none"}}
	if r := mig.Run(none); r.Passed || r.Skipped {
		t.Errorf("no migrations: %+v", r)
	}
	if r := hist.Run(none); r.Passed || r.Skipped {
		t.Errorf("no migrations history: %+v", r)
	}
	one := &Facts{Migrations: Migrations{Tool: "alembic", Count: 1, Dir: "migrations/versions",
		Evidence: []Location{{Path: "migrations/versions/a1_init.py"}}}}
	r := mig.Run(one)
	if !r.Passed || len(r.Evidence) != 1 || r.Evidence[0].Path != "migrations/versions" || !strings.Contains(r.Message, "1 migration in") {
		t.Errorf("one migration: %+v", r)
	}
	if r := hist.Run(one); r.Passed || !strings.Contains(r.Message, "only one alembic") {
		t.Errorf("one migration history: %+v", r)
	}
	two := &Facts{Migrations: Migrations{Tool: "flyway", Count: 2, Dir: "db/migration"}}
	if r := hist.Run(two); !r.Passed || !strings.Contains(r.Message, "2 migrations") {
		t.Errorf("two migrations history: %+v", r)
	}
}

func TestDatabaseModelsAndRelationships(t *testing.T) {
	models, rels := dbCheck(t, "database.models"), dbCheck(t, "database.relationships")
	f := &Facts{Database: Database{ORM: "jpa", Models: 3, ModelEvidence: []Location{{Path: "A.java", Line: 5}}}}
	if r := models.Run(f); !r.Passed || r.Message != "3 jpa models" || len(r.Evidence) != 1 {
		t.Errorf("models: %+v", r)
	}
	if r := rels.Run(f); r.Passed || !strings.Contains(r.Message, "no relations") {
		t.Errorf("no relations: %+v", r)
	}
	if r := models.Run(&Facts{}); r.Passed || r.Skipped {
		t.Errorf("no models: %+v", r)
	}
	f.Relationships = true
	f.Database.Relations = 2
	f.Database.Relational = true
	f.Database.Engines = []string{"postgres"}
	f.RelationEvidence = []Location{{Path: "A.java", Line: 9}}
	if r := rels.Run(f); !r.Passed || r.Message != "2 relations between models" {
		t.Errorf("relations: %+v", r)
	}
	mongo := &Facts{Relationships: true, Database: Database{Engines: []string{"mongodb"}, Relations: 1},
		RelationEvidence: []Location{{Path: "models/Post.js", Line: 4}}}
	if r := rels.Run(mongo); !r.Passed || !strings.Contains(r.Message, "documents") {
		t.Errorf("mongo relations: %+v", r)
	}
}

// TestDatabaseWeights pins the criterion's status for typical projects: a
// weak one-model project with no migrations and no relations fails, one
// that versions its schema but relates nothing is partial, and a designed
// schema passes.
func TestDatabaseWeights(t *testing.T) {
	p, err := LookupProfile(DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	one := Database{Engines: []string{"postgres"}, Relational: true, ORM: "sqlalchemy", Models: 1}
	two := Database{Engines: []string{"postgres"}, Relational: true, ORM: "sqlalchemy", Models: 2}
	cases := []struct {
		name   string
		f      *Facts
		status string
		max    int
	}{
		{"one model, no migrations, no relations", &Facts{Database: one}, StatusFail, 34},
		{"nothing", &Facts{}, StatusFail, 0},
		{"migrations without relations", &Facts{Database: two,
			Migrations: Migrations{Tool: "alembic", Count: 2, Dir: "migrations/versions"}}, StatusPartial, 74},
		{"relations without migrations", &Facts{Database: two, Relationships: true}, StatusPartial, 74},
		{"designed schema", &Facts{Database: two, Relationships: true,
			Migrations: Migrations{Tool: "alembic", Count: 2, Dir: "migrations/versions"}}, StatusPass, 100},
	}
	for _, tc := range cases {
		sc := Score(tc.f, p)
		var cr *CriterionResult
		for i := range sc.Criteria {
			if sc.Criteria[i].ID == "database" {
				cr = &sc.Criteria[i]
			}
		}
		if cr == nil {
			t.Fatal("no database criterion")
		}
		if cr.Status != tc.status || cr.Score > tc.max {
			t.Errorf("%s: %s (score %d), want %s with score <= %d", tc.name, cr.Status, cr.Score, tc.status, tc.max)
		}
	}
}

// Two Django apps' 0001_initial.py are two initial migrations, not a
// history; a folder with a second migration is.
func TestMigrationHistoryNeedsALaterMigration(t *testing.T) {
	mig, hist := dbCheck(t, "database.migrations"), dbCheck(t, "database.migration-history")
	initials := &Facts{Migrations: Migrations{Tool: "django", Count: 2, Dir: "account/migrations", DirCount: 1, Folders: 2}}
	if r := hist.Run(initials); r.Passed || !strings.Contains(r.Message, "initial migration") {
		t.Errorf("two initials: %+v", r)
	}
	if r := mig.Run(initials); !r.Passed || strings.Contains(r.Message, "2 migrations in account/migrations") || !strings.Contains(r.Message, "1 in account/migrations") {
		t.Errorf("evidence miscounts the folder: %q", r.Message)
	}
	grown := &Facts{Migrations: Migrations{Tool: "django", Count: 3, Dir: "shop/migrations", DirCount: 2, Folders: 2}}
	if r := hist.Run(grown); !r.Passed {
		t.Errorf("a second migration in one app is a history: %+v", r)
	}
}
