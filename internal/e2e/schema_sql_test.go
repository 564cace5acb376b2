package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// describeSchema writes the tables one line each, as a reviewer lists
// them: "name: col type[?], ... | pk(a) | fk(a->t(b) action) | ix([u ]a,b)";
// "?" marks a nullable column.
func describeSchema(ts []facts.Table) string {
	var b strings.Builder
	for _, t := range ts {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = c.Name + " " + c.Type
			if c.Nullable {
				cols[i] += "?"
			}
		}
		fmt.Fprintf(&b, "%s: %s | pk(%s)", t.Name, strings.Join(cols, ", "), strings.Join(t.PrimaryKey, ","))
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, " | fk(%s->%s(%s) %s)", strings.Join(fk.Columns, ","), fk.References, strings.Join(fk.RefColumns, ","), fk.OnDelete)
		}
		for _, ix := range t.Indexes {
			u := ""
			if ix.Unique {
				u = "u "
			}
			fmt.Fprintf(&b, " | ix(%s%s)", u, strings.Join(ix.Columns, ","))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestSchemaFromSQL reads the schema of the fixtures whose migrations are
// SQL (Flyway, golang-migrate, goose, Prisma) and checks it table by
// table against what the migration files say.
func TestSchemaFromSQL(t *testing.T) {
	cases := []struct {
		fixture, source, tool string
		weak                  bool
		tables                []string
		// reversible lists each migration's Reversible in the order applied.
		reversible []string
		models     []string
	}{
		{fixture: "spring-maven-complete", source: "migrations", tool: "flyway", tables: []string{
			"users: id bigserial, email varchar(255), password_hash varchar(100), created_at timestamptz | pk(id) | ix(u email)",
			"events: id bigserial, title varchar(200), starts_at timestamptz, capacity integer, organizer_id bigint | pk(id) | fk(organizer_id->users(id) cascade) | ix(organizer_id)",
			"tickets: id bigserial, event_id bigint, holder_id bigint, booked_at timestamptz | pk(id) | fk(event_id->events(id) cascade) | fk(holder_id->users(id) ) | ix(u event_id,holder_id)",
		}, reversible: []string{"", ""}},
		{fixture: "spring-gradle-kotlin-complete", source: "migrations", tool: "flyway", tables: []string{
			"users: id bigserial, email varchar(255), password_hash varchar(100) | pk(id) | ix(u email)",
			"rooms: id bigserial, name varchar(120), seats integer, owner_id bigint | pk(id) | fk(owner_id->users(id) cascade)",
			"bookings: id bigserial, room_id bigint, guest_id bigint, starts_at timestamptz, ends_at timestamptz | pk(id) | fk(room_id->rooms(id) cascade) | fk(guest_id->users(id) cascade) | ix(room_id)",
		}, reversible: []string{"", ""}},
		{fixture: "gin-complete", source: "migrations", tool: "golang-migrate", tables: []string{
			"users: id bigserial, email text, password_hash text, created_at timestamptz | pk(id) | ix(u email)",
			"recipes: id bigserial, user_id bigint, title text, minutes integer, created_at timestamptz | pk(id) | fk(user_id->users(id) cascade)",
			"ingredients: id bigserial, recipe_id bigint, name text, quantity text | pk(id) | fk(recipe_id->recipes(id) cascade) | ix(recipe_id)",
		}, reversible: []string{"yes", "yes"}},
		{fixture: "go-chi-complete", source: "migrations", tool: "goose", tables: []string{
			"users: id bigserial, email text, password_hash text, created_at timestamptz | pk(id) | ix(u email)",
			"habits: id bigserial, user_id bigint, name text, goal_per_week integer | pk(id) | fk(user_id->users(id) cascade)",
			"checkins: id bigserial, habit_id bigint, day date | pk(id) | fk(habit_id->habits(id) cascade) | ix(u habit_id,day)",
		}, reversible: []string{"yes", "yes"}},
		{fixture: "fastify-ts-complete", source: "migrations", tool: "prisma", tables: []string{
			"users: id serial, email text, password_hash text, created_at timestamp | pk(id) | ix(u email)",
			"notes: id serial, title text, body text, author_id integer, created_at timestamp | pk(id) | fk(author_id->users(id) cascade)",
			"tags: id serial, name text, note_id integer | pk(id) | fk(note_id->notes(id) cascade) | ix(u note_id,name)",
		}, reversible: []string{"", ""}, models: []string{
			// schema.prisma declares the same tables; Prisma adds no index
			// to a foreign key, as the migration shows.
			"users: id serial, email text, password_hash text, created_at timestamp | pk(id) | ix(u email)",
			"notes: id serial, title text, body text, author_id integer, created_at timestamp | pk(id) | fk(author_id->users(id) cascade)",
			"tags: id serial, name text, note_id integer | pk(id) | fk(note_id->notes(id) cascade) | ix(u note_id,name)",
		}},
		// A committed schema.sql with no migrations is the schema as a dump.
		{fixture: "gin-weak", weak: true, source: "snapshot", tool: "sql", tables: []string{
			"products: id serial, name text?, price numeric? | pk(id)",
		}},
	}
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			t.Parallel()
			plan := completePlan()
			if tc.weak {
				plan = weakPlan()
			}
			sc := runAudit(t, build(t, tc.fixture, plan), tc.fixture)
			s := sc.Facts.Schema
			if s.Source != tc.source || s.Tool != tc.tool {
				t.Errorf("source %q tool %q, want %q %q", s.Source, s.Tool, tc.source, tc.tool)
			}
			if got, want := describeSchema(s.Tables), strings.Join(tc.tables, "\n")+"\n"; got != want {
				t.Errorf("tables:\n%s\nwant:\n%s", got, want)
			}
			var rev []string
			for _, m := range s.Migrations {
				rev = append(rev, m.Reversible)
				if len(m.Destructive) > 0 {
					t.Errorf("%s: destructive steps %v in a migration that only creates", m.At.Path, m.Destructive)
				}
			}
			if fmt.Sprint(rev) != fmt.Sprint(tc.reversible) {
				t.Errorf("reversible %q, want %q", rev, tc.reversible)
			}
			if tc.models != nil {
				if got, want := describeSchema(s.Models), strings.Join(tc.models, "\n")+"\n"; got != want {
					t.Errorf("models:\n%s\nwant:\n%s", got, want)
				}
			}
			// Every table and column points at the line that declares it.
			for _, tb := range s.Tables {
				if tb.Source.Path == "" || tb.Source.Line == 0 {
					t.Errorf("table %s has no source line: %+v", tb.Name, tb.Source)
				}
				for _, c := range tb.Columns {
					if c.At.Line <= tb.Source.Line {
						t.Errorf("column %s.%s at line %d, not after its table's line %d", tb.Name, c.Name, c.At.Line, tb.Source.Line)
					}
				}
			}
		})
	}
}
