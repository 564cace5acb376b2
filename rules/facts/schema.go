package facts

import "strings"

// Schema is the database schema as the repository declares it: the tables
// its migrations leave when applied in order, or, when it has no
// migrations the schema reader understands, the tables its ORM models
// (or a committed schema dump such as Rails' db/schema.rb) declare.
//
// Column types are written in one vocabulary for every stack, lower-cased
// SQL: integer, bigint, smallint, serial, bigserial, varchar(N), char(N),
// text, boolean, float (single precision, Rails :float, Django
// FloatField), double, real, decimal(P,S), numeric(P,S), money, date,
// time, timestamp, timestamptz, interval, uuid, json, jsonb, bytea, blob,
// enum, array, objectid (a Mongo reference); anything else as written.
type Schema struct {
	// Source says where the tables came from: migrations, snapshot (a
	// committed dump: db/schema.rb, structure.sql) or models; "" when no
	// table was read.
	Source string `json:"source,omitempty"`
	// Tool is the migration tool or ORM the tables were read with
	// (flyway, alembic, django, rails, prisma, ...).
	Tool   string  `json:"tool,omitempty"`
	Tables []Table `json:"tables"`

	// Migrations are the migration files read, in the order applied,
	// with what the reviewer checks need (reversibility, destructive
	// steps).
	Migrations []SchemaMigration `json:"-"`
	// Models are the tables as the ORM models declare them, when both
	// models and migrations were read: the schema checks compare them
	// (a model field no migration creates).
	Models []Table `json:"-"`
}

// Table is one table (or collection) of the schema.
type Table struct {
	Name    string   `json:"name"`
	Columns []Column `json:"columns"`
	// PrimaryKey lists the primary key's columns; empty when the table
	// has none.
	PrimaryKey  []string     `json:"primary_key,omitempty"`
	ForeignKeys []ForeignKey `json:"foreign_keys,omitempty"`
	// Indexes include unique constraints (Unique set); a column declared
	// UNIQUE inline is an index of that one column.
	Indexes []Index `json:"indexes,omitempty"`
	// Source is where the table was created (the migration or model line).
	Source Location `json:"source"`
	// Partial is true when no step that was read created the table (a
	// migration vetfolio cannot read, an app renamed since, the
	// framework's own tables): only the columns later steps touched are
	// known, so its keys, indexes and missing columns are not judged.
	Partial bool `json:"partial,omitempty"`
}

// Column is one column of a table.
type Column struct {
	Name string `json:"name"`
	// Type is in the vocabulary Schema documents ("varchar(255)", "float").
	Type     string `json:"type"`
	Nullable bool   `json:"nullable"`
	// Default is the default as written in the source, when there is one.
	Default string `json:"default,omitempty"`
	// At is where the column was declared or last altered.
	At Location `json:"-"`
}

// ForeignKey is a reference from some columns of a table to another's.
type ForeignKey struct {
	// Name is the constraint's name when the source gives one.
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	// References is the referenced table; RefColumns its columns (often
	// just ["id"]).
	References string   `json:"references"`
	RefColumns []string `json:"ref_columns,omitempty"`
	// OnDelete is the ON DELETE action, lower-cased (cascade, set null,
	// restrict, no action, set default); "" when the source left it to
	// the database's default.
	OnDelete string   `json:"on_delete,omitempty"`
	At       Location `json:"-"`
}

// Index is an index or a unique constraint over some columns.
type Index struct {
	Name    string   `json:"name,omitempty"`
	Columns []string `json:"columns"`
	Unique  bool     `json:"unique,omitempty"`
	At      Location `json:"-"`
}

// SchemaMigration is one migration file as the schema checks see it.
type SchemaMigration struct {
	At Location `json:"-"`
	// Tool is the migration tool (alembic, django, rails, ...).
	Tool string `json:"-"`
	// Reversible says whether the migration can be undone: yes (a down
	// or downgrade that undoes it, a Rails change of reversible steps),
	// no (the tool supports a way back and this migration has none or an
	// empty one), or "" where the tool has no way back to judge (Flyway
	// community, a plain SQL file).
	Reversible string `json:"-"`
	// Destructive are the steps that drop data (DROP TABLE, a dropped
	// column) with no guard or copy in the same migration.
	Destructive []Location `json:"-"`
}

// Table returns the table named name (case-insensitively), or nil.
func (s *Schema) Table(name string) *Table {
	for i := range s.Tables {
		if strings.EqualFold(s.Tables[i].Name, name) {
			return &s.Tables[i]
		}
	}
	return nil
}

// Column returns the column named name (case-insensitively), or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}
