// Package schema builds a project's database schema from its code: the
// stack packs' readers turn migration files into steps (Op) and models into
// tables, and Build applies the migrations in order to give the tables
// they leave (facts.Schema).
//
// A reader only parses; ordering, applying, and choosing between
// migrations, a committed dump and models is done here once for every
// stack.
package schema

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Reader reads one migration tool's files, or one ORM's models. Packs list
// them in pack.Database.Schema.
type Reader struct {
	// Tool names the migration tool or ORM (facts.Schema.Tool): flyway,
	// golang-migrate, goose, alembic, django, rails, laravel, efcore,
	// prisma, typeorm, sequelize, knex, sqlalchemy, jpa, gorm, mongoose,
	// active-record, eloquent.
	Tool string
	// Path matches the slash-separated paths of the files the reader
	// wants. Test files never reach a reader.
	Path *scan.Regexp
	// Need, when set, is a literal one of which the file must contain
	// for Read to be called: a cheap gate (e.g. "CREATE", "op.").
	Need []string
	// Read parses one file. It must be linear in the file's size: files
	// come from the audited repository and may be hostile.
	Read func(f scan.File) Result
}

// Result is what a reader found in one file.
type Result struct {
	// Migrations are the migrations the file holds (usually one).
	Migrations []Migration
	// Snapshot are tables of a committed dump of the whole schema (Rails'
	// db/schema.rb, a structure.sql): used when no migration was read.
	Snapshot []facts.Table
	// Models are the tables ORM models declare, with the table names the
	// ORM gives them (Django app_model, Rails plural snake case).
	Models []facts.Table
	// Aliases map a name other files may have guessed for one of this
	// file's tables to its real name: a reader sees one file at a time,
	// so a relation to a class declared elsewhere is named from the class
	// (user_entity) while its own file says @Entity('user'). Build
	// renames the models' references and join tables by them.
	Aliases map[string]string
}

// Migration is one migration: its steps and what the reviewer checks
// need to know about it.
type Migration struct {
	// Tool is the migration tool; empty means the reader's Tool.
	Tool string
	// At is the migration file.
	At facts.Location
	// Key orders migrations: compared naturally (runs of digits as
	// numbers), so V2__ comes before V10__ and timestamps sort by time.
	// Empty means At.Path.
	Key string
	// ID and After, when set, order by dependency instead: alembic's
	// revision and down_revision, Django's (app, name) and dependencies.
	// A migration comes after every migration it names in After.
	ID    string
	After []string
	// Ops are the steps, in the order written.
	Ops []Op
	// Reversible and Destructive: see facts.SchemaMigration.
	Reversible  string
	Destructive []facts.Location
	// Undo marks an entry that is no migration but the way back of the
	// one with the same Tool and Key, read from a file of its own
	// (golang-migrate's .down.sql, a Flyway U file): Build gives that
	// migration this entry's Reversible and drops the entry.
	Undo bool
}

// Kind is the kind of one migration step.
type Kind int

// Kinds of step. Each names the Op fields it reads.
const (
	// CreateTable creates Def (replacing a table of that name).
	CreateTable Kind = iota
	// DropTable drops Table.
	DropTable
	// RenameTable renames Table to NewName; foreign keys follow.
	RenameTable
	// AddColumn adds Column to Table.
	AddColumn
	// DropColumn drops the column Name of Table, and the indexes,
	// foreign keys and primary key that use it.
	DropColumn
	// RenameColumn renames the column Name of Table to NewName.
	RenameColumn
	// AlterColumn changes the column Name of Table by Change.
	AlterColumn
	// AddIndex adds Index (an index or unique constraint) to Table.
	AddIndex
	// DropIndex drops the index called Name of Table, or, with no
	// Name, the one over Index.Columns. With no Table (PostgreSQL's DROP
	// INDEX names none) the index called Name goes from any table.
	DropIndex
	// AddForeignKey adds FK to Table.
	AddForeignKey
	// DropForeignKey drops the foreign key called Name of Table, or, with
	// no Name, the one over FK.Columns.
	DropForeignKey
	// SetPrimaryKey makes Columns the primary key of Table.
	SetPrimaryKey
	// DropPrimaryKey drops Table's primary key.
	DropPrimaryKey
)

// Op is one step of a migration.
type Op struct {
	Kind  Kind
	Table string
	// Def is the table CreateTable creates.
	Def facts.Table
	// Column is the column AddColumn adds.
	Column facts.Column
	// Name and NewName: the column, index or foreign key acted on, and
	// the new name of a rename.
	Name, NewName string
	// Change is what AlterColumn changes.
	Change Change
	Index  facts.Index
	FK     facts.ForeignKey
	// Columns are SetPrimaryKey's.
	Columns []string
	// Model names the model behind Table the way its migrations do in
	// every file (Django's app.model). A reader sees one file at a time
	// and guesses the table of a model created elsewhere; Apply keeps
	// each model's table as CreateTable and RenameTable leave it and
	// puts that in place of the guess.
	Model string
	At    facts.Location
}

// Change is what an AlterColumn step changes; nil fields are kept.
type Change struct {
	Type     *string
	Nullable *bool
	Default  *string
}
