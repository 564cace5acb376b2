package jvm

import (
	"fmt"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
)

func TestFlywayReader(t *testing.T) {
	read := func(p, sql string) schema.Found {
		t.Helper()
		if !flywayReader.Path.MatchString(p) {
			t.Fatalf("%s not matched", p)
		}
		return schema.Found{Tool: "flyway", Result: flywayReader.Read(scan.File{Path: p, Data: []byte(sql)})}
	}
	dir := "src/main/resources/db/migration/"
	found := []schema.Found{
		read(dir+"V10__drop_legacy.sql", "DROP TABLE legacy;"),
		read(dir+"V2__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users(id));"),
		read(dir+"V1_1__legacy.sql", "CREATE TABLE legacy (id int);"),
		read(dir+"V1__users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);"),
		read(dir+"U2__orders.sql", "DROP TABLE orders;"),
	}
	s := schema.Build(found)
	var order, rev []string
	for _, m := range s.Migrations {
		order = append(order, m.At.Path[len(dir):])
		rev = append(rev, m.Reversible)
	}
	if want := "[V1__users.sql V1_1__legacy.sql V2__orders.sql V10__drop_legacy.sql]"; fmt.Sprint(order) != want {
		t.Errorf("order %v, want %s", order, want)
	}
	// Flyway community has no way back; an undo file gives V2 one.
	if want := "[  yes ]"; fmt.Sprint(rev) != want {
		t.Errorf("reversible %q, want %s", rev, want)
	}
	if len(s.Tables) != 2 || s.Tables[0].Name != "users" || s.Tables[1].Name != "orders" {
		t.Errorf("tables %+v, want users and orders (legacy dropped by V10)", s.Tables)
	}
	if d := s.Migrations[3].Destructive; len(d) != 1 || d[0].Line != 1 {
		t.Errorf("V10's DROP TABLE not destructive: %+v", d)
	}
	for _, p := range []string{"db/migration/R__views.sql", "db/migration/V1_init.sql", "db/migration/V1__init.java", "db/migration/notes.sql"} {
		if flywayReader.Path.MatchString(p) {
			t.Errorf("%s matched: not a versioned SQL migration", p)
		}
	}
}
