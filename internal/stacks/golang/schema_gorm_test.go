package golang

import (
	"reflect"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

const gormModels = `package models

import (
	"database/sql"
	"time"

	"gorm.io/gorm"
)

// User is a user.
type User struct {
	gorm.Model
	Email   string  ` + "`gorm:\"uniqueIndex;not null;size:255\" json:\"email\"`" + `
	Name    *string
	Phone   sql.NullString
	Posts   []Post
	Profile Profile
	secret  string
}

type Profile struct {
	ID     uint
	UserID uint
	Bio    string ` + "`gorm:\"type:text\"`" + `
}

type Post struct {
	ID        uint      ` + "`gorm:\"primaryKey\"`" + `
	Title     string    ` + "`gorm:\"not null;index:idx_title_created\"`" + `
	CreatedAt time.Time ` + "`gorm:\"index:idx_title_created\"`" + `
	Price     float64
	Body      string ` + "`gorm:\"-\"`" + `
	UserID    uint
	User      User  ` + "`gorm:\"constraint:OnDelete:CASCADE;\"`" + `
	Tags      []Tag ` + "`gorm:\"many2many:post_tags;\"`" + `
}

type Tag struct {
	ID   uint
	Name string ` + "`gorm:\"unique;default:'misc'\"`" + `
}

func (Tag) TableName() string { return "labels" }

// LoginRequest is a request body, not a table.
type LoginRequest struct {
	Email string ` + "`json:\"email\"`" + `
}
`

func gormTable(t *testing.T, ts []facts.Table, name string) facts.Table {
	t.Helper()
	for _, tb := range ts {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %s", name)
	return facts.Table{}
}

func colsOf(tb facts.Table) []string {
	var out []string
	for _, c := range tb.Columns {
		s := c.Name + " " + c.Type
		if c.Nullable {
			s += " null"
		}
		if c.Default != "" {
			s += " =" + c.Default
		}
		out = append(out, s)
	}
	return out
}

func fksOf(tb facts.Table) []string {
	var out []string
	for _, fk := range tb.ForeignKeys {
		out = append(out, strings.Join(fk.Columns, ",")+"->"+fk.References+"("+strings.Join(fk.RefColumns, ",")+") "+fk.OnDelete)
	}
	return out
}

func idxOf(tb facts.Table) []string {
	var out []string
	for _, ix := range tb.Indexes {
		s := ix.Name + "(" + strings.Join(ix.Columns, ",") + ")"
		if ix.Unique {
			s += " unique"
		}
		out = append(out, s)
	}
	return out
}

func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func TestGORMModels(t *testing.T) {
	res := readGORM(scan.File{Path: "internal/models/models.go", Data: []byte(gormModels)})
	var names []string
	for _, tb := range res.Models {
		names = append(names, tb.Name)
	}
	same(t, "tables", names, []string{"users", "profiles", "posts", "labels", "post_tags"})

	users := gormTable(t, res.Models, "users")
	same(t, "users columns", colsOf(users), []string{"id bigserial", "created_at timestamptz null", "updated_at timestamptz null", "deleted_at timestamptz null", "email varchar(255)", "name text null", "phone text null"})
	same(t, "users pk", users.PrimaryKey, []string{"id"})
	same(t, "users indexes", idxOf(users), []string{"(deleted_at)", "(email) unique"})
	same(t, "users source", users.Source, facts.Location{Path: "internal/models/models.go", Line: 11})

	same(t, "profiles fks (has-one)", fksOf(gormTable(t, res.Models, "profiles")), []string{"user_id->users(id) "})

	posts := gormTable(t, res.Models, "posts")
	same(t, "posts columns", colsOf(posts), []string{"id bigserial", "title text", "created_at timestamptz null", "price double null", "user_id bigint null"})
	// belongs-to and has-many name one foreign key once
	same(t, "posts fks", fksOf(posts), []string{"user_id->users(id) cascade"})
	same(t, "posts indexes", idxOf(posts), []string{"idx_title_created(title,created_at)"})

	labels := gormTable(t, res.Models, "labels")
	same(t, "labels columns", colsOf(labels), []string{"id bigserial", "name text null ='misc'"})
	same(t, "labels indexes", idxOf(labels), []string{"(name) unique"})

	jt := gormTable(t, res.Models, "post_tags")
	same(t, "join pk", jt.PrimaryKey, []string{"post_id", "tag_id"})
	same(t, "join fks", fksOf(jt), []string{"post_id->posts(id) ", "tag_id->labels(id) "})
}

func TestGORMHasManyAcrossFiles(t *testing.T) {
	src := "package m\nimport \"gorm.io/gorm\"\ntype Author struct {\n\tgorm.Model\n\tBooks []Book `gorm:\"constraint:OnDelete:SET NULL\"`\n}\n"
	res := readGORM(scan.File{Path: "m/author.go", Data: []byte(src)})
	books := gormTable(t, res.Models, "books")
	same(t, "books fk", fksOf(books), []string{"author_id->authors(id) set null"})
}

func TestGORMNeedsGORM(t *testing.T) {
	// A struct with an ID in a file that does not use GORM is not read:
	// the reader's Need gate keeps it out, and plain structs stay plain.
	var r = schemaReaders[0]
	src := []byte("package store\ntype User struct {\n\tID int64\n\tEmail string\n}\n")
	for _, need := range r.Need {
		if strings.Contains(string(src), need) {
			t.Fatalf("need %q matched a file without GORM", need)
		}
	}
	res := readGORM(scan.File{Path: "store.go", Data: []byte("package x\nimport \"gorm.io/gorm\"\ntype Req struct {\n\tEmail string `json:\"email\"`\n}\nvar _ gorm.DB\n")})
	if len(res.Models) != 0 {
		t.Fatalf("a request struct became a table: %+v", res.Models)
	}
}

// FuzzGORM feeds arbitrary Go-ish text to the GORM reader: unbalanced
// braces, half-written tags and stray quotes must never panic.
func FuzzGORM(f *testing.F) {
	for _, s := range []string{gormModels, "type X struct {", "type X struct { A []", "type X struct { A B `gorm:\"", "func (X) TableName() string { return", "db.AutoMigrate(&X{"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res := readGORM(scan.File{Path: "m.go", Data: data})
		for _, tb := range res.Models {
			if len(tb.Columns) > 500 {
				t.Fatalf("%d columns", len(tb.Columns))
			}
		}
	})
}
