package dotnet

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// schemaFixes are the schema checks' fixes written for EF Core migrations.
// Placeholders ({table}, {column}, {column2}, {ref}, {file}) are filled by
// the rubric with the finding's names.
var schemaFixes = pack.Fixes{
	"database.fk-indexes":            {"Configure the index in OnModelCreating (`modelBuilder.Entity<...>().HasIndex(e => e.{column})` for {table}) and add a migration: `dotnet ef migrations add Index{table}{column}` (it writes `migrationBuilder.CreateIndex` and its Down)"},
	"database.money-types":           {"Declare {table}.{column} as `decimal` with `[Precision(12, 2)]` (or `.HasPrecision(12, 2)`) instead of double/float, and run `dotnet ef migrations add Decimal{column}`"},
	"database.normalised":            {"Move {table}.{column} into its own entity with a navigation to the owner (one row per value), run `dotnet ef migrations add`, and copy the data with `migrationBuilder.Sql(...)` in Up"},
	"database.primary-keys":          {"Give the entity behind {table} an `Id` property (or `[Key]` / `HasKey(...)`), and run `dotnet ef migrations add Key{table}`"},
	"database.primary-keys+join":     {"Key {table} on both foreign keys: `modelBuilder.Entity<...>().HasKey(e => new { e.{column}, e.{column2} })` (or `HasIndex(...).IsUnique()` when it keeps an Id), then `dotnet ef migrations add`"},
	"database.constraints":           {"Mark {table}.{column} `[Required]` (a non-nullable property) and add `HasIndex(e => e.{column}).IsUnique()`, then run `dotnet ef migrations add Require{column}`"},
	"database.reversible-migrations": {"Write Down() of {file} so it undoes Up() (`DropTable` for `CreateTable`, `DropColumn` for `AddColumn`), and copy the data out with `migrationBuilder.Sql(...)` before a drop"},
	"database.model-drift":           {"Run `dotnet ef migrations add Add{column}` so a migration creates {table}.{column}, commit it with the updated ModelSnapshot, and run `dotnet ef migrations has-pending-model-changes` in CI"},
}
