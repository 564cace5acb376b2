package js

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// FuzzSchemaReaders feeds arbitrary text to every JS schema reader under
// the paths they read: unbalanced brackets, unclosed strings and
// templates, deep nesting must never panic, and the caps hold.
func FuzzSchemaReaders(f *testing.F) {
	for _, s := range []string{
		typeormMigration, typeormEntities,
		"exports.up = (knex) => knex.schema.createTable('a', (t) => { t.increments(); t.string('x').references('id').inTable('b'); });",
		"module.exports = { async up(q, S) { await q.createTable('A', { id: { type: S.INTEGER, primaryKey: true } }); } }",
		"mongoose.model('A', new Schema({ a: { type: String, ref: 'B' } }))",
		"sequelize.define('A', { a: DataTypes.STRING }); A.belongsTo(B);",
		"@Entity() class A { @ManyToOne(() => B) b: B }",
		"createTable('a', (t) => { t.", "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{", "`${", "'\\", "up(", "@Column(", "new Schema({a:[[[[[[[[[[",
	} {
		f.Add([]byte(s))
	}
	paths := []string{"migrations/1_a.js", "src/migrations/1-a.ts", "src/models/a.js", "src/a.entity.ts"}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range paths {
			for _, r := range schemaReaders {
				if !r.Path.MatchString(p) {
					continue
				}
				res := r.Read(scan.File{Path: p, Data: data})
				for _, tb := range append(res.Models, res.Snapshot...) {
					if len(tb.Columns) > 500 {
						t.Fatalf("%s: %d columns", r.Tool, len(tb.Columns))
					}
				}
			}
		}
	})
}

// TestSchemaReadersUnclosed reads a file of repeated constructs whose
// brackets never close: no reader may take a table from them, and a
// reader that rescanned the rest of the file for each of them would not
// finish in the test's time.
func TestSchemaReadersUnclosed(t *testing.T) {
	var b []byte
	for i := 0; i < 5000; i++ {
		b = append(b, "queryInterface.createTable('a', { x: { type: S.INTEGER, references: { model: "...)
	}
	for i := 0; i < 5000; i++ {
		b = append(b, "mongoose.model('A', new Schema({ a: [{ "...)
	}
	for _, r := range schemaReaders {
		res := r.Read(scan.File{Path: "migrations/1_a.js", Data: b})
		for _, m := range res.Migrations {
			if len(m.Ops) > 0 {
				t.Errorf("%s: %d steps from unclosed calls", r.Tool, len(m.Ops))
			}
		}
		if len(res.Models) > 0 {
			t.Errorf("%s: %d models from unclosed calls", r.Tool, len(res.Models))
		}
	}
}
