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

// TestSchemaReadersLinear reads a file of deeply nested and repeated
// constructs: the readers must finish quickly (a quadratic reader would
// take minutes on it).
func TestSchemaReadersLinear(t *testing.T) {
	var b []byte
	for i := 0; i < 20000; i++ {
		b = append(b, "queryInterface.createTable('a', { x: { type: S.INTEGER, references: { model: "...)
	}
	for i := 0; i < 20000; i++ {
		b = append(b, "new Schema({ a: [{ "...)
	}
	for _, r := range schemaReaders {
		r.Read(scan.File{Path: "migrations/1_a.js", Data: b})
	}
}
