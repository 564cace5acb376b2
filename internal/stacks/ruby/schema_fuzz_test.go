package ruby

import (
	"bytes"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// FuzzRailsSchema feeds arbitrary text to the migration and schema.rb
// reader: unclosed blocks, stray ends and half-written calls must never
// panic, and every step points at a line of the file.
func FuzzRailsSchema(f *testing.F) {
	for _, s := range []string{
		"class A < ActiveRecord::Migration[7.1]\n def change\n create_table :users do |t|\n t.references :org, foreign_key: { on_delete: :cascade }, index: { unique: true }\n end\n end\nend\n",
		"create_table(", "t.string :a, null:", "end end end", "def up; end", "%i[a b", "add_index :t, [:a, ", "create_join_table :a", "do |t|\n t.index [",
		"ActiveRecord::Schema.define do\n create_table \"x\", id: false do |t|\n t.bigint \"y\"\n end\n add_foreign_key \"x\", \"y\"\nend",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		res := readRailsMigration(scan.File{Path: "db/migrate/1_x.rb", Data: data})
		for _, m := range res.Migrations {
			for _, op := range m.Ops {
				if op.At.Line < 1 || op.At.Line > lines {
					t.Fatalf("step at line %d of %d", op.At.Line, lines)
				}
			}
		}
		readSchemaRb(scan.File{Path: "db/schema.rb", Data: data})
	})
}
