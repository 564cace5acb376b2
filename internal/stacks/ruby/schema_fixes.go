package ruby

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// railsSchemaFixes are the schema checks' fixes written as Rails
// migrations. Placeholders ({table}, {column}, {column2}, {ref}, {file})
// are filled by the rubric with the finding's names.
var railsSchemaFixes = pack.Fixes{
	"database.fk-indexes":            {"Generate a migration (`bin/rails g migration AddIndexTo{table}`) with `add_index :{table}, :{column}, algorithm: :concurrently` and `disable_ddl_transaction!`; `t.references` adds that index by itself"},
	"database.money-types":           {"Generate a migration with `change_column :{table}, :{column}, :decimal, precision: 12, scale: 2` in up (the old type in down), or keep integer cents with the money-rails gem"},
	"database.normalised":            {"Move {table}.{column} into its own model (`bin/rails g model ... {table}:references`, one row per value) with `has_many` on the owner, and copy the data in the migration"},
	"database.primary-keys":          {"Give {table} a key in a new migration: `add_column :{table}, :id, :primary_key` (create_table adds `id` unless told `id: false`)"},
	"database.primary-keys+join":     {"Key {table} on both references in a new migration: `add_index :{table}, %i[{column} {column2}], unique: true` (or `create_table :{table}, primary_key: %i[{column} {column2}]`)"},
	"database.constraints":           {"In a new migration, `change_column_null :{table}, :{column}, false` and `add_index :{table}, :{column}, unique: true`; add `validates :{column}, presence: true, uniqueness: true` to the model"},
	"database.reversible-migrations": {"Make {file} reversible: only reversible steps in `change` (give `remove_column` its type, wrap raw SQL in `reversible do |dir| dir.up { ... }; dir.down { ... } end`), or write `up` and `down`, and copy the data out before a `drop_table`/`remove_column`"},
	"database.model-drift":           {"Generate the migration that creates {table}.{column} (`bin/rails g migration Add{column}To{table} {column}:type`), run `bin/rails db:migrate`, and commit db/schema.rb with it"},
}
