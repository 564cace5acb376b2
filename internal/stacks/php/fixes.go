package php

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the PHP group's fix texts by check ID: the schema checks',
// written as Laravel migrations (Laravel's other fixes come from Fix).
// Placeholders ({table}, {column}, {column2}, {ref}, {file}) are filled by
// the rubric with the finding's names.
var fixes = pack.Fixes{
	"database.fk-indexes":            {"Add a migration (`php artisan make:migration add_{column}_index_to_{table}`) with `Schema::table('{table}', fn (Blueprint $table) => $table->index('{column}'))` in up() and `$table->dropIndex(['{column}'])` in down(); `foreignId()->constrained()` alone does not index on PostgreSQL"},
	"database.money-types":           {"Add a migration that changes the column: `$table->decimal('{column}', 12, 2)->change()` on `{table}` (or keep integer cents), with the old type in down()"},
	"database.normalised":            {"Move {table}.{column} into its own table (`$table->foreignId('{table}_id')->constrained()->cascadeOnDelete()`, one row per value) in a new migration that copies the data, with `hasMany` on the owner model"},
	"database.primary-keys":          {"Give {table} a key in a new migration: `Schema::table('{table}', fn (Blueprint $table) => $table->id())`"},
	"database.primary-keys+join":     {"Key {table} on both foreign keys in a new migration: `$table->primary(['{column}', '{column2}'])` (or `$table->unique(['{column}', '{column2}'])` when it keeps an id)"},
	"database.constraints":           {"In a new migration on `{table}`, `$table->string('{column}')->nullable(false)->unique()->change()` (fill existing NULLs and remove duplicates first), and `'required|unique:{table},{column}'` in the form request"},
	"database.reversible-migrations": {"Write down() of {file} so it undoes up() (`Schema::dropIfExists` for `Schema::create`, `dropColumn` for a new column), and copy the data out before a drop"},
	"database.model-drift":           {"Add the migration that creates {table}.{column} (`php artisan make:migration add_{column}_to_{table}_table`) and run `php artisan migrate`"},
}
