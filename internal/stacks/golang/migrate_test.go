package golang

import (
	"fmt"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
)

func readAll(t *testing.T, r schema.Reader, files map[string]string) schema.Result {
	t.Helper()
	var found []schema.Found
	for p, body := range files {
		if !r.Path.MatchString(p) {
			continue
		}
		found = append(found, schema.Found{Tool: r.Tool, Result: r.Read(scan.File{Path: p, Data: []byte(body)})})
	}
	var all schema.Result
	for _, f := range found {
		all.Migrations = append(all.Migrations, f.Migrations...)
	}
	return all
}

func TestMigrateReaderPairsUpAndDown(t *testing.T) {
	res := readAll(t, migrateReader, map[string]string{
		"db/migrations/000001_users.up.sql":    "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL);",
		"db/migrations/000001_users.down.sql":  "DROP TABLE users;",
		"db/migrations/000002_orders.up.sql":   "CREATE TABLE orders (id bigserial PRIMARY KEY, user_id bigint REFERENCES users ON DELETE CASCADE);",
		"db/migrations/000002_orders.down.sql": "-- nothing to undo\n",
		"db/migrations/000010_email.up.sql":    "ALTER TABLE users DROP COLUMN email;",
		"db/migrations/notes.sql":              "CREATE TABLE not_a_migration (id int);",
	})
	s := schema.Build([]schema.Found{{Tool: "golang-migrate", Result: res}})
	var got []string
	for _, m := range s.Migrations {
		got = append(got, fmt.Sprintf("%s=%s/%d", m.At.Path[len("db/migrations/"):], m.Reversible, len(m.Destructive)))
	}
	// 000001 has a down; 000002's is only a comment; 000010 has none and
	// drops a column.
	if want := "[000001_users.up.sql=yes/0 000002_orders.up.sql=no/0 000010_email.up.sql=no/1]"; fmt.Sprint(got) != want {
		t.Errorf("migrations %v, want %s", got, want)
	}
	if len(s.Tables) != 2 || len(s.Tables[0].Columns) != 1 || s.Tables[1].ForeignKeys[0].RefColumns[0] != "id" {
		t.Errorf("tables %+v", s.Tables)
	}
}

func TestGooseReader(t *testing.T) {
	cases := []struct {
		name, sql string
		tables    string
		rev       string
		firstLine int
	}{
		{"up and down", "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE a (id int);\n-- +goose StatementEnd\n\n-- +goose Down\nDROP TABLE a;\n", "[a]", "yes", 3},
		{"empty down", "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\n-- nothing\n", "[a]", "no", 2},
		{"no down", "-- +goose Up\n\nCREATE TABLE a (id int);\n", "[a]", "no", 3},
		// the Down section's statements are not the schema
		{"down first", "-- +goose Down\nCREATE TABLE old (id int);\n-- +goose Up\nCREATE TABLE a (id int);\n", "[a]", "yes", 4},
		{"lower case, dollar body", "--  +goose up\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\nCREATE TABLE b (id int);\n", "[b]", "no", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := "migrations/20240101000000_x.sql"
			if !gooseReader.Path.MatchString(p) {
				t.Fatal("path not matched")
			}
			res := gooseReader.Read(scan.File{Path: p, Data: []byte(tc.sql)})
			if len(res.Migrations) != 1 {
				t.Fatalf("%d migrations", len(res.Migrations))
			}
			m := res.Migrations[0]
			var names []string
			for _, tb := range schema.Apply(res.Migrations) {
				names = append(names, tb.Name)
			}
			if fmt.Sprint(names) != tc.tables || m.Reversible != tc.rev || m.At.Path != p {
				t.Errorf("tables %v reversible %q at %q; want %s %q", names, m.Reversible, m.At.Path, tc.tables, tc.rev)
			}
			if l := m.Ops[len(m.Ops)-1].At.Line; l != tc.firstLine {
				t.Errorf("table at line %d, want %d", l, tc.firstLine)
			}
		})
	}
	// Not goose: no annotation, or golang-migrate's files are the other reader's.
	if res := gooseReader.Read(scan.File{Path: "schema.sql", Data: []byte("-- goose up\nCREATE TABLE a (id int);")}); len(res.Migrations) != 0 {
		t.Errorf("a file without +goose Up read as goose: %+v", res)
	}
	if res := migrateReader.Read(scan.File{Path: "m/1_a.up.sql", Data: []byte("-- +goose Up\nCREATE TABLE a (id int);")}); len(res.Migrations) != 0 {
		t.Errorf("a goose file read as golang-migrate: %+v", res)
	}
}
