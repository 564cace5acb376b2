package schema

import (
	"reflect"
	"slices"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

func at(p string, line int) facts.Location { return facts.Location{Path: p, Line: line} }

func col(name, typ string, null bool) facts.Column {
	return facts.Column{Name: name, Type: typ, Nullable: null}
}

func TestApplyCreateAlterRenameDrop(t *testing.T) {
	migs := []Migration{
		{At: at("V1__init.sql", 1), Ops: []Op{
			{Kind: CreateTable, At: at("V1__init.sql", 1), Def: facts.Table{Name: "customers",
				Columns: []facts.Column{col("id", "bigint", false), col("mail", "text", true)}, PrimaryKey: []string{"id"}}},
			{Kind: CreateTable, At: at("V1__init.sql", 5), Def: facts.Table{Name: "orders",
				Columns:     []facts.Column{col("id", "bigint", false), col("customer_id", "bigint", true), col("price", "float", false)},
				PrimaryKey:  []string{"id"},
				ForeignKeys: []facts.ForeignKey{{Columns: []string{"customer_id"}, References: "customers", RefColumns: []string{"id"}, OnDelete: "cascade"}}}},
			{Kind: CreateTable, At: at("V1__init.sql", 9), Def: facts.Table{Name: "scratch"}},
		}},
		{At: at("V2__more.sql", 1), Ops: []Op{
			{Kind: RenameTable, Table: "customers", NewName: "clients"},
			{Kind: RenameColumn, Table: "clients", Name: "id", NewName: "client_id"},
			{Kind: RenameColumn, Table: "clients", Name: "mail", NewName: "email"},
			{Kind: AlterColumn, Table: "clients", Name: "email", Change: Change{Nullable: new(false)}, At: at("V2__more.sql", 4)},
			{Kind: AddIndex, Table: "clients", Index: facts.Index{Columns: []string{"email"}, Unique: true}},
			{Kind: DropColumn, Table: "orders", Name: "price"},
			{Kind: AddColumn, Table: "orders", Column: col("total", "decimal(10,2)", false), At: at("V2__more.sql", 7)},
			{Kind: DropTable, Table: "scratch"},
			{Kind: AddColumn, Table: "audit_log", Column: col("id", "bigint", false), At: at("V2__more.sql", 9)},
		}},
	}
	got := Apply(migs)
	names := []string{}
	for _, tb := range got {
		names = append(names, tb.Name)
	}
	if want := []string{"clients", "orders", "audit_log"}; !slices.Equal(names, want) {
		t.Fatalf("tables = %v, want %v", names, want)
	}
	clients, orders := got[0], got[1]
	if !slices.Equal(clients.PrimaryKey, []string{"client_id"}) {
		t.Errorf("renamed primary key = %v", clients.PrimaryKey)
	}
	email := clients.Column("email")
	if email == nil || email.Nullable || email.At != at("V2__more.sql", 4) {
		t.Errorf("email after rename and alter = %+v", email)
	}
	if len(clients.Indexes) != 1 || !clients.Indexes[0].Unique || clients.Indexes[0].Columns[0] != "email" {
		t.Errorf("indexes = %+v", clients.Indexes)
	}
	fk := orders.ForeignKeys[0]
	if fk.References != "clients" || fk.RefColumns[0] != "client_id" || fk.OnDelete != "cascade" {
		t.Errorf("foreign key did not follow the renames: %+v", fk)
	}
	if orders.Column("price") != nil || orders.Column("total") == nil {
		t.Errorf("orders columns = %+v", orders.Columns)
	}
	if got[2].Source != at("V2__more.sql", 9) {
		t.Errorf("implicit table source = %v", got[2].Source)
	}
	// Apply must not write into the readers' results.
	if migs[0].Ops[0].Def.Name != "customers" || migs[0].Ops[0].Def.Columns[1].Name != "mail" {
		t.Errorf("Apply changed its input: %+v", migs[0].Ops[0].Def)
	}
}

func TestDropColumnDropsWhatUsesIt(t *testing.T) {
	got := Apply([]Migration{{Ops: []Op{
		{Kind: CreateTable, Def: facts.Table{Name: "t", Columns: []facts.Column{col("id", "int", false), col("u", "int", true)},
			PrimaryKey: []string{"id"}, Indexes: []facts.Index{{Columns: []string{"u"}}, {Columns: []string{"id"}}},
			ForeignKeys: []facts.ForeignKey{{Name: "fk_u", Columns: []string{"u"}, References: "users"}}}},
		{Kind: DropColumn, Table: "t", Name: "U"},
	}}})
	tb := got[0]
	if len(tb.Indexes) != 1 || len(tb.ForeignKeys) != 0 || len(tb.Columns) != 1 || len(tb.PrimaryKey) != 1 {
		t.Fatalf("after dropping u: %+v", tb)
	}
}

func TestDropByName(t *testing.T) {
	got := Apply([]Migration{{Ops: []Op{
		{Kind: CreateTable, Def: facts.Table{Name: "t", Columns: []facts.Column{col("a", "int", true), col("b", "int", true)}}},
		{Kind: AddIndex, Table: "t", Index: facts.Index{Name: "ix_a", Columns: []string{"a"}}},
		{Kind: AddIndex, Table: "t", Index: facts.Index{Name: "ix_b", Columns: []string{"b"}}},
		{Kind: AddForeignKey, Table: "t", FK: facts.ForeignKey{Name: "fk_a", Columns: []string{"a"}, References: "x"}},
		{Kind: AddForeignKey, Table: "t", FK: facts.ForeignKey{Name: "fk_b", Columns: []string{"b"}, References: "y"}},
		{Kind: DropIndex, Table: "t", Name: "IX_A"},
		{Kind: DropForeignKey, Table: "t", FK: facts.ForeignKey{Columns: []string{"b"}}},
		{Kind: SetPrimaryKey, Table: "t", Columns: []string{"a", "b"}},
	}}})
	tb := got[0]
	if len(tb.Indexes) != 1 || tb.Indexes[0].Name != "ix_b" {
		t.Errorf("indexes = %+v", tb.Indexes)
	}
	if len(tb.ForeignKeys) != 1 || tb.ForeignKeys[0].Name != "fk_a" {
		t.Errorf("foreign keys = %+v", tb.ForeignKeys)
	}
	if !slices.Equal(tb.PrimaryKey, []string{"a", "b"}) {
		t.Errorf("primary key = %v", tb.PrimaryKey)
	}
}

func TestNatural(t *testing.T) {
	in := []string{"V10__x.sql", "V2__x.sql", "V1_1__x.sql", "V1__x.sql", "0002_b.py", "0010_a.py", "0001_initial.py"}
	slices.SortFunc(in, Natural)
	want := []string{"0001_initial.py", "0002_b.py", "0010_a.py", "V1_1__x.sql", "V1__x.sql", "V2__x.sql", "V10__x.sql"}
	if !slices.Equal(in, want) {
		t.Errorf("natural order = %v\nwant %v", in, want)
	}
}

func TestOrderFollowsDependencies(t *testing.T) {
	// alembic revisions have random IDs: only down_revision orders them.
	migs := []Migration{
		{At: at("versions/a1.py", 1), ID: "a1", After: []string{"ff"}},
		{At: at("versions/ff.py", 1), ID: "ff"},
		{At: at("versions/0c.py", 1), ID: "0c", After: []string{"a1"}},
	}
	var got []string
	for _, m := range Order(migs) {
		got = append(got, m.ID)
	}
	if want := []string{"ff", "a1", "0c"}; !slices.Equal(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
	// A cycle falls back to the natural order instead of looping.
	cyc := []Migration{{ID: "x", Key: "1", After: []string{"y"}}, {ID: "y", Key: "2", After: []string{"x"}}}
	if n := len(Order(cyc)); n != 2 {
		t.Errorf("cycle: %d migrations out", n)
	}
}

func TestBuildPrefersMigrationsThenSnapshotThenModels(t *testing.T) {
	model := facts.Table{Name: "users", Columns: []facts.Column{col("id", "int", false), col("nick", "text", true)}}
	mig := Migration{At: at("m/1.sql", 1), Ops: []Op{{Kind: CreateTable, Def: facts.Table{Name: "users", Columns: []facts.Column{col("id", "int", false)}}}}}
	s := Build([]Found{{Tool: "flyway", Result: Result{Migrations: []Migration{mig}}}, {Tool: "jpa", Result: Result{Models: []facts.Table{model}}}})
	if s.Source != "migrations" || s.Tool != "flyway" || len(s.Tables) != 1 || len(s.Tables[0].Columns) != 1 || len(s.Models) != 1 || len(s.Migrations) != 1 {
		t.Errorf("with migrations: %+v", s)
	}
	s = Build([]Found{{Tool: "rails", Result: Result{Snapshot: []facts.Table{model}}}})
	if s.Source != "snapshot" || len(s.Tables[0].Columns) != 2 {
		t.Errorf("snapshot: %+v", s)
	}
	half := facts.Table{Name: "Users", Columns: []facts.Column{col("age", "int", true)}}
	s = Build([]Found{{Tool: "sqlalchemy", Result: Result{Models: []facts.Table{model}}}, {Tool: "sqlalchemy", Result: Result{Models: []facts.Table{half}}}})
	if s.Source != "models" || len(s.Tables) != 1 || len(s.Tables[0].Columns) != 3 || s.Models != nil {
		t.Errorf("models merged: %+v", s)
	}
	if s := Build(nil); !reflect.DeepEqual(s, facts.Schema{}) {
		t.Errorf("nothing read: %+v", s)
	}
}

func TestBuildPairsUndoFiles(t *testing.T) {
	up := func(key string) Migration {
		return Migration{Key: key, At: at(key+".up.sql", 0), Reversible: "no", Ops: []Op{{Kind: CreateTable, Def: facts.Table{Name: "t" + key}}}}
	}
	s := Build([]Found{
		{Tool: "golang-migrate", Result: Result{Migrations: []Migration{up("1"), up("2"), up("3")}}},
		{Tool: "golang-migrate", Result: Result{Migrations: []Migration{{Key: "1", Undo: true, Reversible: "yes"}}}},
		{Tool: "golang-migrate", Result: Result{Migrations: []Migration{{Key: "2", Undo: true, Reversible: "no"}}}},
		// another tool's undo of the same key is not this one's
		{Tool: "flyway", Result: Result{Migrations: []Migration{{Key: "3", Undo: true, Reversible: "yes"}}}},
	})
	var got []string
	for _, m := range s.Migrations {
		got = append(got, m.At.Path+"="+m.Reversible)
	}
	if want := []string{"1.up.sql=yes", "2.up.sql=no", "3.up.sql=no"}; !slices.Equal(got, want) {
		t.Errorf("migrations %v, want %v", got, want)
	}
	if s.Tool != "golang-migrate" || len(s.Tables) != 3 {
		t.Errorf("tool %q, %d tables; want golang-migrate, 3 (undo entries are no migrations)", s.Tool, len(s.Tables))
	}
}

func TestBuildResolvesAliasesAcrossFiles(t *testing.T) {
	// user.entity.ts says @Entity('user') class UserEntity; article.entity.ts
	// relates to UserEntity without seeing that file, so it guesses
	// user_entity, also in its join table's name.
	user := Result{Models: []facts.Table{{Name: "user", Columns: []facts.Column{col("id", "int", false)}}},
		Aliases: map[string]string{"user_entity": "user"}}
	article := Result{Models: []facts.Table{
		{Name: "article", Columns: []facts.Column{col("id", "int", false), col("authorId", "int", true)},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"authorId"}, References: "user_entity"}}},
		{Name: "article_favorited_by_user_entity", ForeignKeys: []facts.ForeignKey{{Columns: []string{"userId"}, References: "user_entity"}}},
	}}
	s := Build([]Found{{Tool: "typeorm", Result: article}, {Tool: "typeorm", Result: user}})
	if s.Table("article").ForeignKeys[0].References != "user" {
		t.Errorf("reference not resolved: %+v", s.Table("article").ForeignKeys)
	}
	if s.Table("article_favorited_by_user") == nil || s.Table("article_favorited_by_user").ForeignKeys[0].References != "user" {
		t.Errorf("join table not renamed: %+v", s.Tables)
	}
	// A name a table really has is never renamed.
	real := Result{Models: []facts.Table{{Name: "user_entity"}}}
	s = Build([]Found{{Tool: "typeorm", Result: article}, {Tool: "typeorm", Result: user}, {Tool: "typeorm", Result: real}})
	if s.Table("article").ForeignKeys[0].References != "user_entity" {
		t.Errorf("a real table's name was renamed: %+v", s.Table("article").ForeignKeys)
	}
}

func TestMergedModelsKeepOneForeignKeyPerColumns(t *testing.T) {
	a := facts.Table{Name: "posts", ForeignKeys: []facts.ForeignKey{{Columns: []string{"user_id"}, References: "users"}}}
	b := facts.Table{Name: "posts", ForeignKeys: []facts.ForeignKey{{Columns: []string{"user_id"}, References: "users"}, {Columns: []string{"tag_id"}, References: "tags"}}}
	s := Build([]Found{{Tool: "gorm", Result: Result{Models: []facts.Table{a}}}, {Tool: "gorm", Result: Result{Models: []facts.Table{b}}}})
	if n := len(s.Table("posts").ForeignKeys); n != 2 {
		t.Errorf("%d foreign keys, want 2: %+v", n, s.Table("posts").ForeignKeys)
	}
}

func TestTablesNoStepCreatedArePartial(t *testing.T) {
	got := Apply([]Migration{{Ops: []Op{
		{Kind: CreateTable, Def: facts.Table{Name: "made"}},
		{Kind: AddColumn, Table: "elsewhere", Column: col("x", "int", true)},
		{Kind: AddColumn, Table: "made", Column: col("y", "int", true)},
	}}})
	if got[0].Partial || !got[1].Partial {
		t.Errorf("partial: made %v, elsewhere %v", got[0].Partial, got[1].Partial)
	}
}
