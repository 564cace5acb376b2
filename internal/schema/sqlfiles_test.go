package schema

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

func TestSQLSnapshot(t *testing.T) {
	sql := "CREATE TABLE users (id serial PRIMARY KEY);\nCREATE TABLE posts (id serial PRIMARY KEY, user_id int REFERENCES users);\n"
	for p, want := range map[string]int{
		"schema.sql": 2, "db/structure.sql": 2, "src/main/resources/schema.sql": 2, "docker/init.sql": 2,
		// a migrations folder's file is a migration, not a dump
		"db/migrations/schema.sql": 0,
	} {
		if !SQLSnapshot.Path.MatchString(p) {
			t.Errorf("%s not matched", p)
			continue
		}
		res := SQLSnapshot.Read(scan.File{Path: p, Data: []byte(sql)})
		if len(res.Snapshot) != want || len(res.Migrations)+len(res.Models) != 0 {
			t.Errorf("%s: %d tables in the snapshot, want %d (%+v)", p, len(res.Snapshot), want, res)
		}
		if want > 0 && res.Snapshot[1].ForeignKeys[0].RefColumns[0] != "id" {
			t.Errorf("%s: %+v", p, res.Snapshot[1])
		}
	}
	for _, p := range []string{"seed.sql", "V1__init.sql", "queries/users.sql", "schema.sql.bak"} {
		if SQLSnapshot.Path.MatchString(p) {
			t.Errorf("%s matched: not a schema dump", p)
		}
	}
}

func TestSQLUndo(t *testing.T) {
	if m := SQLUndo(scan.File{Path: "1_a.down.sql", Data: []byte("DROP TABLE a;")}, "k"); !m.Undo || m.Reversible != "yes" || m.Key != "k" {
		t.Errorf("%+v", m)
	}
	if m := SQLUndo(scan.File{Path: "1_a.down.sql", Data: []byte("-- nothing\n/* */\n")}, "k"); m.Reversible != "no" {
		t.Errorf("an empty down file reversible: %+v", m)
	}
}
