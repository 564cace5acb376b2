package golang

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// schemaFixes are the schema checks' fixes: SQL migrations for
// golang-migrate (the pack's default), goose's annotations for a goose
// project, struct tags for GORM's AutoMigrate. Placeholders ({table},
// {column}, {column2}, {ref}, {file}) are filled by the rubric with the
// finding's names.
var schemaFixes = pack.Fixes{
	"database.fk-indexes":            {"Add a migration pair (`migrate create -ext sql -dir migrations -seq index_{table}_{column}`) with `CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_{table}_{column} ON {table} ({column});` in the .up.sql and `DROP INDEX CONCURRENTLY IF EXISTS ix_{table}_{column};` in the .down.sql"},
	"database.money-types":           {"Add a migration pair that changes the type (`ALTER TABLE {table} ALTER COLUMN {column} TYPE numeric(12,2);` up, the old type down), and scan it into a decimal type (shopspring/decimal) or integer cents, not float64"},
	"database.normalised":            {"Move {table}.{column} into a child table (`CREATE TABLE ... ({table}_id bigint NOT NULL REFERENCES {table}(id), ...)`, one row per value) in a new migration pair that also copies the data"},
	"database.primary-keys":          {"Add a migration pair with `ALTER TABLE {table} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;` up and `ALTER TABLE {table} DROP COLUMN id;` down"},
	"database.primary-keys+join":     {"Add a migration pair with `ALTER TABLE {table} ADD PRIMARY KEY ({column}, {column2});` up and `ALTER TABLE {table} DROP CONSTRAINT {table}_pkey;` down"},
	"database.constraints":           {"Add a migration pair with `ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;` and `CREATE UNIQUE INDEX CONCURRENTLY ux_{table}_{column} ON {table} ({column});` up, and their inverse down (fill existing NULLs and remove duplicates first)"},
	"database.reversible-migrations": {"Write the .down.sql of {file} so it undoes the .up.sql statement by statement, and copy the data out before a DROP"},
	"database.model-drift":           {"Add the migration pair that creates {table}.{column} as the Go struct reads it, and run `migrate -path migrations -database \"$DATABASE_URL\" up` in CI against a fresh database"},

	"database.fk-indexes|migrations=goose":            {"Add a goose migration (`goose -dir migrations create index_{table}_{column} sql`) with `-- +goose NO TRANSACTION` and `CREATE INDEX CONCURRENTLY ix_{table}_{column} ON {table} ({column});` under `-- +goose Up`, `DROP INDEX CONCURRENTLY ix_{table}_{column};` under `-- +goose Down`"},
	"database.money-types|migrations=goose":           {"Add a goose migration with `ALTER TABLE {table} ALTER COLUMN {column} TYPE numeric(12,2);` under `-- +goose Up` and the old type under `-- +goose Down`"},
	"database.primary-keys|migrations=goose":          {"Add a goose migration with `ALTER TABLE {table} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;` under `-- +goose Up` and `ALTER TABLE {table} DROP COLUMN id;` under `-- +goose Down`"},
	"database.primary-keys+join|migrations=goose":     {"Add a goose migration with `ALTER TABLE {table} ADD PRIMARY KEY ({column}, {column2});` under `-- +goose Up` and `ALTER TABLE {table} DROP CONSTRAINT {table}_pkey;` under `-- +goose Down`"},
	"database.constraints|migrations=goose":           {"Add a goose migration with `ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;` and `ALTER TABLE {table} ADD CONSTRAINT uq_{table}_{column} UNIQUE ({column});` under `-- +goose Up`, and their inverse under `-- +goose Down`"},
	"database.reversible-migrations|migrations=goose": {"Write the `-- +goose Down` section of {file} so it undoes the Up section, and copy the data out before a DROP"},
	"database.model-drift|migrations=goose":           {"Add the goose migration that creates {table}.{column} as the Go struct reads it (`goose -dir migrations create add_{column} sql`)"},

	"database.fk-indexes|orm=gorm":            {"Tag the foreign key field behind {table}.{column} with `gorm:\"index\"` so AutoMigrate creates the index (or create it in a versioned SQL migration)"},
	"database.money-types|orm=gorm":           {"Declare {table}.{column} as `decimal.Decimal` (shopspring/decimal) with `gorm:\"type:numeric(12,2)\"`, or an int64 of cents, instead of float64"},
	"database.normalised|orm=gorm":            {"Move {table}.{column} into its own struct with a `{table}ID` field and a `[]Child` has-many on the owner (one row per value)"},
	"database.primary-keys|orm=gorm":          {"Embed `gorm.Model` (or an `ID uint gorm:\"primaryKey\"` field) in the struct behind {table}"},
	"database.primary-keys+join|orm=gorm":     {"Let a `many2many:{table}` tag own the join table, or tag both of its key fields `gorm:\"primaryKey\"`"},
	"database.constraints|orm=gorm":           {"Tag the field behind {table}.{column} `gorm:\"not null;uniqueIndex\"`"},
	"database.reversible-migrations|orm=gorm": {"Move schema changes from AutoMigrate into versioned migrations with a way back (golang-migrate up/down pairs), and copy the data out before a drop"},
	"database.model-drift|orm=gorm":           {"Add the versioned migration that creates {table}.{column} as the GORM struct declares it"},
}
