package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// fastapiSchema is the schema of the fastapi-complete fixture as a reviewer
// reads its two Alembic revisions (and as the Alembic reader reports it):
// users, projects owned by a user, tasks of a project, both foreign keys
// ON DELETE CASCADE and neither indexed.
func fastapiSchema() facts.Schema {
	const first = "migrations/versions/3f1c2a9b7d10_create_users_and_projects.py"
	const second = "migrations/versions/8a4d6e0f2c31_add_tasks.py"
	at := func(path string, line int) facts.Location { return facts.Location{Path: path, Line: line} }
	col := func(name, typ string, nullable bool, path string, line int) facts.Column {
		return facts.Column{Name: name, Type: typ, Nullable: nullable, At: at(path, line)}
	}
	return facts.Schema{Source: "migrations", Tool: "alembic",
		Tables: []facts.Table{
			{Name: "users", Source: at(first, 17), PrimaryKey: []string{"id"},
				Columns: []facts.Column{col("id", "integer", false, first, 19), col("email", "varchar(255)", false, first, 20), col("hashed_password", "varchar(255)", false, first, 21)},
				Indexes: []facts.Index{{Name: "ix_users_email", Columns: []string{"email"}, Unique: true, At: at(first, 23)}}},
			{Name: "projects", Source: at(first, 24), PrimaryKey: []string{"id"},
				Columns:     []facts.Column{col("id", "integer", false, first, 26), col("name", "varchar(120)", false, first, 27), col("owner_id", "integer", false, first, 28)},
				ForeignKeys: []facts.ForeignKey{{Columns: []string{"owner_id"}, References: "users", RefColumns: []string{"id"}, OnDelete: "cascade", At: at(first, 28)}}},
			{Name: "tasks", Source: at(second, 17), PrimaryKey: []string{"id"},
				Columns: []facts.Column{col("id", "integer", false, second, 19), col("title", "varchar(200)", false, second, 20), col("notes", "text", true, second, 21),
					col("due_at", "timestamptz", true, second, 22), col("project_id", "integer", false, second, 23)},
				ForeignKeys: []facts.ForeignKey{{Columns: []string{"project_id"}, References: "projects", RefColumns: []string{"id"}, OnDelete: "cascade", At: at(second, 23)}}},
		},
		Migrations: []facts.SchemaMigration{
			{At: at(first, 1), Tool: "alembic", Reversible: "yes"},
			{At: at(second, 1), Tool: "alembic", Reversible: "yes"},
		},
	}
}

var schemaCheckIDs = []string{"database.fk-indexes", "database.money-types", "database.normalised", "database.primary-keys",
	"database.constraints", "database.reversible-migrations", "database.model-drift"}

// TestSchemaChecksOnAnAuditedProject scores the fastapi-complete fixture
// as audited, then with its schema: without a schema nothing of the schema
// review shows (the goldens hold); with it, the unindexed foreign keys are
// one smell that costs a point, not the grade, and fixing them wins it
// back; the questions to prepare are in every report format.
func TestSchemaChecksOnAnAuditedProject(t *testing.T) {
	audited := runAudit(t, build(t, "fastapi-complete", completePlan()), "fastapi-complete")
	profile, err := rules.LookupProfile(rules.DefaultProfile)
	if err != nil {
		t.Fatal(err)
	}
	// The audit's facts with the schema given: the fixture's as read by
	// hand, whatever the schema readers (landing apart) make of it.
	withSchema := func(s facts.Schema) *rules.Scorecard {
		f := *audited.Facts
		f.Schema = s
		out := rules.Score(&f, profile)
		out.Target = audited.Target
		return out
	}
	sc := withSchema(facts.Schema{})
	got := checkIDs(sc)
	for _, id := range schemaCheckIDs {
		if _, ok := got[id]; ok {
			t.Errorf("%s is in the scorecard of a project whose schema was not read", id)
		}
	}
	if js := render(t, sc, "json", false); strings.Contains(js, `"questions"`) {
		t.Error("the JSON report has questions with no schema read")
	}
	smelly := withSchema(fastapiSchema())
	res := checkIDs(smelly)
	for _, id := range schemaCheckIDs {
		r, ok := res[id]
		switch {
		case !ok:
			t.Errorf("%s missing from the scorecard with a schema", id)
		case id == "database.fk-indexes":
			if r.Passed || !strings.Contains(r.Message, "2 foreign keys without an index: projects.owner_id → users (migrations/versions/3f1c2a9b7d10_create_users_and_projects.py:28)") {
				t.Errorf("fk-indexes: %+v", r)
			}
		case id == "database.money-types" || id == "database.model-drift":
			if !r.Skipped {
				t.Errorf("%s: %+v, want skipped (no money column; no models read)", id, r)
			}
		default:
			if !r.Passed {
				t.Errorf("%s: %+v, want passed", id, r)
			}
		}
	}
	if smelly.Grade != sc.Grade || sc.Score-smelly.Score > 1 {
		t.Errorf("one smell moved the project from %d (%s) to %d (%s)", sc.Score, sc.Grade, smelly.Score, smelly.Grade)
	}
	var fix *rules.Fix
	for i := range smelly.Fixes {
		if smelly.Fixes[i].Check == "database.fk-indexes" {
			fix = &smelly.Fixes[i]
		}
	}
	if fix == nil || !strings.Contains(strings.Join(fix.Steps, " "), `op.create_index("ix_projects_owner_id", "projects", ["owner_id"])`) {
		t.Errorf("fk-indexes fix %+v, want Alembic's op.create_index for projects.owner_id", fix)
	}

	sound := fastapiSchema()
	sound.Tables[1].Indexes = []facts.Index{{Name: "ix_projects_owner_id", Columns: []string{"owner_id"}}}
	sound.Tables[2].Indexes = []facts.Index{{Name: "ix_tasks_project_id", Columns: []string{"project_id"}}}
	fixed := withSchema(sound)
	if !checkIDs(fixed)["database.fk-indexes"].Passed || fixed.Score < smelly.Score || fixed.Score < sc.Score {
		t.Errorf("indexed: %d, smelly %d, without schema %d", fixed.Score, smelly.Score, sc.Score)
	}

	if len(smelly.Questions) < 3 {
		t.Fatalf("questions %+v", smelly.Questions)
	}
	if q := smelly.Questions[0]; q.Question != "Which index serves `GET /projects/{project_id}/tasks`? `tasks.project_id` has none." ||
		q.About != "tasks.project_id" || len(q.Evidence) == 0 || q.Evidence[0].Line != 23 {
		t.Errorf("first question %+v, want the unindexed foreign key", q)
	}
	var doc struct {
		Questions []rules.Question `json:"questions"`
	}
	if err := json.Unmarshal([]byte(render(t, smelly, "json", false)), &doc); err != nil || len(doc.Questions) != len(smelly.Questions) {
		t.Errorf("JSON questions %v (%v)", doc.Questions, err)
	}
	for _, format := range []string{"markdown", "html"} {
		if out := render(t, smelly, format, false); !strings.Contains(out, "Questions to prepare") || !strings.Contains(out, "What happens to a project") {
			t.Errorf("%s report lacks the questions", format)
		}
	}
	if out := render(t, smelly, "text", true); !strings.Contains(out, "Questions to prepare:") {
		t.Error("verbose text report lacks the questions")
	}
}

// checkIDs maps each check of the scorecard to its result.
func checkIDs(sc *rules.Scorecard) map[string]rules.CheckResult {
	out := map[string]rules.CheckResult{}
	for _, cr := range sc.Criteria {
		for _, k := range cr.Checks {
			out[k.ID] = k
		}
	}
	return out
}
