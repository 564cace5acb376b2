package e2e

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// schemaTable writes a table as the schema tests compare it: name and
// primary key, columns (type, ? when NULL, =default), references with
// ON DELETE, indexes (uq when unique).
func schemaTable(t facts.Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s pk(%s)", t.Name, strings.Join(t.PrimaryKey, ","))
	for _, c := range t.Columns {
		fmt.Fprintf(&b, " | %s %s", c.Name, c.Type)
		if c.Nullable {
			b.WriteString("?")
		}
		if c.Default != "" {
			fmt.Fprintf(&b, "=%s", c.Default)
		}
	}
	for _, fk := range t.ForeignKeys {
		fmt.Fprintf(&b, " | fk %s->%s(%s)", strings.Join(fk.Columns, ","), fk.References, strings.Join(fk.RefColumns, ","))
		if fk.OnDelete != "" {
			fmt.Fprintf(&b, " %s", fk.OnDelete)
		}
	}
	for _, ix := range t.Indexes {
		kind := "ix"
		if ix.Unique {
			kind = "uq"
		}
		fmt.Fprintf(&b, " | %s %s(%s)", kind, ix.Name, strings.Join(ix.Columns, ","))
	}
	return b.String()
}

func schemaTables(ts []facts.Table) []string {
	var out []string
	for _, t := range ts {
		out = append(out, schemaTable(t))
	}
	return out
}

// pythonSchemaCase is a Python fixture and the schema a reviewer reads in
// its migrations (or models, when it has none).
type pythonSchemaCase struct {
	dir            string
	plan           func() fixture.Plan
	source, tool   string
	tables, models []string
	// reversible is each migration's Reversible, in the order applied.
	reversible []string
}

var pythonSchemaCases = []pythonSchemaCase{
	{dir: "fastapi-complete", plan: completePlan, source: "migrations", tool: "alembic",
		tables: []string{
			"users pk(id) | id integer | email varchar(255) | hashed_password varchar(255) | uq ix_users_email(email)",
			"projects pk(id) | id integer | name varchar(120) | owner_id integer | fk owner_id->users(id) cascade",
			"tasks pk(id) | id integer | title varchar(200) | notes text? | due_at timestamptz? | project_id integer | fk project_id->projects(id) cascade",
		},
		// app/models.py: mapped_column(String(255), unique=True, index=True).
		models: []string{
			"users pk(id) | id integer | email varchar(255) | hashed_password varchar(255) | uq ix_users_email(email)",
			"projects pk(id) | id integer | name varchar(120) | owner_id integer | fk owner_id->users(id) cascade",
			"tasks pk(id) | id integer | title varchar(200) | notes text? | due_at timestamptz? | project_id integer | fk project_id->projects(id) cascade",
		},
		reversible: []string{"yes", "yes"}},
	{dir: "flask-complete", plan: completePlan, source: "migrations", tool: "alembic",
		tables: []string{
			"users pk(id) | id integer | email varchar(255) | password_hash varchar(128) | uq (email)",
			"recipes pk(id) | id integer | title varchar(200) | instructions text | created_at timestamp? | author_id integer | fk author_id->users(id)",
			"ingredients pk(id) | id integer | name varchar(120) | quantity varchar(50)? | recipe_id integer | fk recipe_id->recipes(id) cascade",
		},
		models: []string{
			"users pk(id) | id integer | email varchar(255) | password_hash varchar(128) | uq (email)",
			"recipes pk(id) | id integer | title varchar(200) | instructions text | created_at timestamp? | author_id integer | fk author_id->users(id)",
			"ingredients pk(id) | id integer | name varchar(120) | quantity varchar(50)? | recipe_id integer | fk recipe_id->recipes(id) cascade",
		},
		reversible: []string{"yes", "yes"}},
	// Django: the owner/author references are to settings.AUTH_USER_MODEL
	// (auth_user, integer id); each ForeignKey is indexed by Django.
	{dir: "django-complete", plan: completePlan, source: "migrations", tool: "django",
		tables: []string{
			"library_shelf pk(id) | id bigint | name varchar(100) | created_at timestamptz | owner_id integer | fk owner_id->auth_user(id) cascade | ix (owner_id) | uq (owner_id,name)",
			"library_book pk(id) | id bigint | title varchar(200) | author varchar(200) | isbn varchar(13) | finished boolean=False | shelf_id bigint | fk shelf_id->library_shelf(id) cascade | ix (shelf_id)",
			"library_review pk(id) | id bigint | rating smallint | body text | created_at timestamptz | author_id integer | book_id bigint | fk author_id->auth_user(id) cascade | fk book_id->library_book(id) cascade | ix (author_id) | ix (book_id)",
		},
		// models.py declares fields in another order and leaves id implicit.
		models: []string{
			"library_shelf pk(id) | id bigint | owner_id integer | name varchar(100) | created_at timestamptz | fk owner_id->auth_user(id) cascade | ix (owner_id) | uq (owner_id,name)",
			"library_book pk(id) | id bigint | shelf_id bigint | title varchar(200) | author varchar(200) | isbn varchar(13) | finished boolean=False | fk shelf_id->library_shelf(id) cascade | ix (shelf_id)",
			"library_review pk(id) | id bigint | book_id bigint | author_id integer | rating smallint | body text | created_at timestamptz | fk book_id->library_book(id) cascade | fk author_id->auth_user(id) cascade | ix (book_id) | ix (author_id)",
		},
		reversible: []string{"yes", "yes"}},
	// The weak projects have no migrations: their models are the schema.
	{dir: "django-weak", plan: weakPlan, source: "models", tool: "django",
		tables: []string{"notes_note pk(id) | id bigint | title varchar(100) | text text"}},
	{dir: "flask-weak", plan: weakPlan, source: "models", tool: "sqlalchemy",
		tables: []string{"todo pk(id) | id integer | task varchar(200)? | done boolean?=False"}},
	// A pydantic model is not a table.
	{dir: "fastapi-weak", plan: weakPlan},
}

// TestPythonSchema holds the schema read from each Python fixture to what
// a reviewer reads in its alembic revisions, Django migrations or models.
func TestPythonSchema(t *testing.T) {
	for _, tc := range pythonSchemaCases {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			dir := build(t, tc.dir, tc.plan())
			s := runAudit(t, dir, tc.dir).Facts.Schema
			if s.Source != tc.source || s.Tool != tc.tool {
				t.Errorf("source %q tool %q, want %q %q", s.Source, s.Tool, tc.source, tc.tool)
			}
			if got := schemaTables(s.Tables); !slices.Equal(got, tc.tables) {
				t.Errorf("tables:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.tables, "\n     "))
			}
			if got := schemaTables(s.Models); !slices.Equal(got, tc.models) {
				t.Errorf("models:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.models, "\n     "))
			}
			var rev []string
			for _, m := range s.Migrations {
				rev = append(rev, m.Reversible)
				if len(m.Destructive) > 0 {
					t.Errorf("%s: destructive steps %v in a migration that only creates", m.At.Path, m.Destructive)
				}
			}
			if !slices.Equal(rev, tc.reversible) {
				t.Errorf("reversible %v, want %v", rev, tc.reversible)
			}
			for _, tb := range s.Tables {
				if tb.Source.Path == "" || tb.Source.Line == 0 {
					t.Errorf("table %s has no source line: %+v", tb.Name, tb.Source)
				}
			}
		})
	}
}
