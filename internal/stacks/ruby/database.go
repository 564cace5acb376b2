package ruby

import (
	"bytes"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	// migrationFileRe matches db/migrate/<version>_<name>[.<engine>].rb.
	migrationFileRe = scan.MustCompile(`(?:^|/)db/migrate/(\d+)_(\w+)(?:\.(\w+))?\.rb$`)
	// fromEngineRe is the first comment `rails <engine>:install:migrations`
	// writes into a copied migration.
	fromEngineRe = scan.MustCompile(`(?m)^\s*#\s*This migration comes from (\w+)`)
	// frameworkSchemaRe matches the schemas of Rails 8's Solid Cache, Queue
	// and Cable (db/cache_schema.rb, ...): the framework's tables, not the
	// project's design.
	frameworkSchemaRe = scan.MustCompile(`(?:^|/)db/(?:cache|queue|cable|solid_\w+)_schema\.rb$|(?:^|/)db/(?:cache|queue|cable)_migrate/`)

	modelClassRe    = scan.MustCompile(`(?m)^\s*class\s+((?:\w+::)*\w+)\s*<\s*(?:ApplicationRecord|ActiveRecord::Base)\b`)
	abstractModelRe = scan.MustCompile(`(?m)^\s*(?:primary_abstract_class|self\.abstract_class\s*=\s*true)\b`)
	associationRe   = scan.MustCompile(`(?m)^\s*(belongs_to|has_many|has_one|has_and_belongs_to_many)\s*\(?\s*:\w+`)
	foreignKeyRe    = scan.MustCompile(`(?m)^\s*(?:add_foreign_key\b|add_reference\b|t\.(?:references|belongs_to)\b[^\n]*\bforeign_key:\s*(?:true|\{)|t\.foreign_key\b)`)
)

// Migration classifies a file: whether it is an Active Record migration
// under db/migrate, and the engine it was copied from ("" for the project's
// own). Engine-installed migrations (active_storage, action_text,
// acts_as_taggable_on_engine, ...) are the engine's design, not the
// candidate's, so they are not counted; migrations written by a generator
// (devise's devise_create_users) are the project's own once committed.
func Migration(p string, src []byte) (ok bool, engine string) {
	m := migrationFileRe.FindStringSubmatch(p)
	if m == nil {
		return false, ""
	}
	if m[3] != "" {
		return true, m[3]
	}
	head := src
	if len(head) > 512 {
		head = head[:512]
	}
	if e := fromEngineRe.FindSubmatch(head); e != nil {
		return true, string(e[1])
	}
	return true, ""
}

// FrameworkSchema reports whether a file is a schema or migration of a
// Rails framework database (Solid Cache/Queue/Cable), whose tables and
// foreign keys say nothing about the project's design.
func FrameworkSchema(p string) bool { return frameworkSchemaRe.MatchString(p) }

// Model is an Active Record model class.
type Model struct {
	Name string
	Line int
}

// Models returns the concrete Active Record models a file declares
// (ApplicationRecord itself, abstract, is not one).
func Models(src []byte) []Model {
	code := scan.Code(src, "ruby")
	if abstractModelRe.Match(code) && bytes.Count(code, []byte("class ")) == 1 {
		return nil
	}
	var out []Model
	for _, m := range modelClassRe.FindAllSubmatchIndex(code, -1) {
		name := string(code[m[2]:m[3]])
		if name == "ApplicationRecord" {
			continue
		}
		out = append(out, Model{Name: name, Line: lineAt(code, m[0])})
	}
	return out
}

// Relations returns the lines of a file that relate tables: Active Record
// associations in models, foreign keys and references in migrations and
// db/schema.rb. Framework schemas and engine-installed migrations give
// none.
func Relations(p string, src []byte) []int {
	if FrameworkSchema(p) {
		return nil
	}
	if ok, engine := Migration(p, src); ok && engine != "" {
		return nil
	}
	code := scan.Code(src, "ruby")
	var lines []int
	add := func(re *scan.Regexp) {
		for _, loc := range re.FindAllIndex(code, -1) {
			lines = append(lines, lineAt(code, loc[0]))
		}
	}
	if strings.Contains(p, "app/models/") {
		add(associationRe)
	}
	if strings.Contains(p, "db/") {
		add(foreignKeyRe)
	}
	return lines
}

// leadingNewlines counts the newlines a (?m)^\s* match swallowed.
func leadingNewlines(b []byte) int {
	n := 0
	for _, c := range b {
		switch c {
		case '\n':
			n++
		case ' ', '\t', '\r':
		default:
			return n
		}
	}
	return n
}
