package e2e

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// The schema read from the JS and Go fixtures (knex, TypeORM, GORM). The
// file is not named schema_js_test.go: a _js suffix is GOOS=js to Go.

// tableShape writes a table the way a reviewer reads it: columns with
// type and NOT NULL, primary key, foreign keys with ON DELETE, indexes.
func tableShape(t facts.Table) []string {
	var out []string
	for _, c := range t.Columns {
		s := c.Name + " " + c.Type
		if !c.Nullable {
			s += " not null"
		}
		out = append(out, s)
	}
	out = append(out, "pk("+strings.Join(t.PrimaryKey, ",")+")")
	for _, fk := range t.ForeignKeys {
		out = append(out, "fk("+strings.Join(fk.Columns, ",")+")->"+fk.References+"("+strings.Join(fk.RefColumns, ",")+") "+fk.OnDelete)
	}
	for _, ix := range t.Indexes {
		s := "index(" + strings.Join(ix.Columns, ",") + ")"
		if ix.Unique {
			s = "unique(" + strings.Join(ix.Columns, ",") + ")"
		}
		out = append(out, s)
	}
	return out
}

func tableNames(ts []facts.Table) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Name)
	}
	return out
}

func findTable(ts []facts.Table, name string) facts.Table {
	for _, t := range ts {
		if t.Name == name {
			return t
		}
	}
	return facts.Table{}
}

func TestSchemaExpressKnex(t *testing.T) {
	t.Parallel()
	sc := runAudit(t, build(t, "express-complete", completePlan()), "express-complete")
	s := sc.Facts.Schema
	c := &checker{t: t}
	c.eq("source", s.Source+"/"+s.Tool, "migrations/knex")
	c.eq("tables", tableNames(s.Tables), []string{"users", "boards", "cards"})
	c.eq("users", tableShape(findTable(s.Tables, "users")), []string{
		"id serial not null", "email varchar(255) not null", "password_hash varchar(255) not null",
		"created_at timestamp not null", "updated_at timestamp not null", "pk(id)", "unique(email)"})
	// knex creates no index for a foreign key
	c.eq("boards", tableShape(findTable(s.Tables, "boards")), []string{
		"id serial not null", "name varchar(100) not null", "owner_id integer not null",
		"created_at timestamp not null", "updated_at timestamp not null", "pk(id)", "fk(owner_id)->users(id) cascade"})
	c.eq("cards", tableShape(findTable(s.Tables, "cards")), []string{
		"id serial not null", "title varchar(200) not null", "description text", "position integer not null",
		"board_id integer not null", "created_at timestamp not null", "updated_at timestamp not null",
		"pk(id)", "fk(board_id)->boards(id) cascade"})
	c.eq("fk line", findTable(s.Tables, "cards").ForeignKeys[0].At, facts.Location{Path: "migrations/20240129184500_create_cards.js", Line: 7})
	c.eq("migrations", len(s.Migrations), 2)
	for _, m := range s.Migrations {
		c.eq("reversible "+m.At.Path, m.Reversible, "yes")
	}
}

func TestSchemaNestTypeORM(t *testing.T) {
	t.Parallel()
	sc := runAudit(t, build(t, "nestjs-complete", completePlan()), "nestjs-complete")
	s := sc.Facts.Schema
	c := &checker{t: t}
	c.eq("source", s.Source+"/"+s.Tool, "migrations/typeorm")
	c.eq("tables", tableNames(s.Tables), []string{"users", "courses", "lessons", "enrollments"})
	c.eq("users", tableShape(findTable(s.Tables, "users")), []string{
		"id serial not null", "email varchar not null", "password_hash varchar not null", "pk(id)", "unique(email)"})
	c.eq("courses", tableShape(findTable(s.Tables, "courses")), []string{
		"id serial not null", "title varchar not null", "description text not null", "teacherId integer not null",
		"pk(id)", "fk(teacherId)->users(id) cascade"})
	c.eq("lessons", tableShape(findTable(s.Tables, "lessons")), []string{
		"id serial not null", "title varchar not null", "position integer not null", "courseId integer not null",
		"pk(id)", "fk(courseId)->courses(id) cascade"})
	c.eq("enrollments", tableShape(findTable(s.Tables, "enrollments")), []string{
		"id serial not null", "enrolled_at timestamp not null", "studentId integer not null", "courseId integer not null",
		"pk(id)", "fk(studentId)->users(id) cascade", "fk(courseId)->courses(id) cascade", "unique(studentId,courseId)"})
	c.eq("enrollments fk line", findTable(s.Tables, "enrollments").ForeignKeys[0].At, facts.Location{Path: "src/migrations/1706540400000-LessonsAndEnrollments.ts", Line: 11})
	c.eq("migrations", len(s.Migrations), 2)
	for _, m := range s.Migrations {
		c.eq("reversible "+m.At.Path, m.Reversible, "yes")
	}
	// The entities, kept for the drift check, agree with the migrations.
	c.eq("models", tableNames(s.Models), []string{"users", "courses", "lessons", "enrollments"})
	c.eq("enrollment model", tableShape(findTable(s.Models, "enrollments")), []string{
		"id serial not null", "studentId integer not null", "courseId integer not null", "enrolled_at timestamp not null",
		"pk(id)", "fk(studentId)->users(id) cascade", "fk(courseId)->courses(id) cascade", "unique(studentId,courseId)"})
	c.eq("course model source", findTable(s.Models, "courses").Source, facts.Location{Path: "src/courses/entities.ts", Line: 27})
}

func TestSchemaGinGORM(t *testing.T) {
	t.Parallel()
	sc := runAudit(t, build(t, "gin-gorm", completePlan()), "gin-gorm")
	s := sc.Facts.Schema
	c := &checker{t: t}
	c.eq("source", s.Source+"/"+s.Tool, "models/gorm")
	// ReviewInput is a request body, not a table.
	c.eq("tables", tableNames(s.Tables), []string{"members", "books", "genres", "reviews", "book_genres"})
	c.eq("members", tableShape(findTable(s.Tables, "members")), []string{
		"id bigserial not null", "created_at timestamptz", "updated_at timestamptz", "deleted_at timestamptz",
		"email varchar(255) not null", "display_name varchar(80)", "password_hash text not null",
		"pk(id)", "index(deleted_at)", "unique(email)"})
	c.eq("books", tableShape(findTable(s.Tables, "books")), []string{
		"id bigserial not null", "title text not null", "price double", "published_at timestamptz", "pk(id)", "index(title)"})
	// Review's member_id is a has-many of Member, book_id a belongs-to
	// of Book with ON DELETE CASCADE; GORM indexes neither.
	c.eq("reviews", tableShape(findTable(s.Tables, "reviews")), []string{
		"id bigserial not null", "member_id bigint not null", "book_id bigint not null", "rating bigint not null", "body text",
		"pk(id)", "fk(book_id)->books(id) cascade", "fk(member_id)->members(id) "})
	c.eq("book_genres", tableShape(findTable(s.Tables, "book_genres")), []string{
		"book_id bigint not null", "genre_id bigint not null", "pk(book_id,genre_id)",
		"fk(book_id)->books(id) ", "fk(genre_id)->genres(id) "})
	members := findTable(s.Tables, "members")
	c.eq("email line", members.Column("email").At, facts.Location{Path: "internal/models/models.go", Line: 13})
}
