package jvm

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// schemaFixes are the schema checks' fixes, written for Flyway SQL scripts
// and JPA entities, with Liquibase changesets for a project on Liquibase.
// Placeholders ({table}, {column}, {column2}, {ref}, {file}) are filled by
// the rubric with the finding's names.
var schemaFixes = pack.Fixes{
	"database.fk-indexes": {"Add `CREATE INDEX CONCURRENTLY ix_{table}_{column} ON {table} ({column});` in a new Flyway script (src/main/resources/db/migration/V<next>__index_{table}_{column}.sql; Flyway runs a CONCURRENTLY index outside a transaction)",
		"Declare it on the entity too: `@Table(indexes = @Index(name = \"ix_{table}_{column}\", columnList = \"{column}\"))`"},
	"database.money-types":           {"Change the column in a new Flyway script (`ALTER TABLE {table} ALTER COLUMN {column} TYPE numeric(12,2);`) and map it as `BigDecimal` with `@Column(precision = 12, scale = 2)`"},
	"database.normalised":            {"Move {table}.{column} into a child table with a foreign key to {table} (one row per value), created by a new migration that copies the data, and map it with `@OneToMany` or `@ElementCollection`"},
	"database.primary-keys":          {"Add a key in a new Flyway script (`ALTER TABLE {table} ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;`) and map it with `@Id @GeneratedValue(strategy = GenerationType.IDENTITY)`"},
	"database.primary-keys+join":     {"Key {table} on both foreign keys in a new Flyway script: `ALTER TABLE {table} ADD PRIMARY KEY ({column}, {column2});` (a `@ManyToMany` with `@JoinTable(name = \"{table}\")` maps it as it is)"},
	"database.constraints":           {"In a new Flyway script, `ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;` and `ALTER TABLE {table} ADD CONSTRAINT uq_{table}_{column} UNIQUE ({column});`, and say so on the entity: `@Column(nullable = false, unique = true)`"},
	"database.reversible-migrations": {"Keep a way back for {file}: an undo script (U<version>__....sql) or a tested forward fix, and copy the data out before a DROP"},
	"database.model-drift":           {"Write the Flyway script that creates {table}.{column} as the entity maps it (V<next>__add_{column}.sql), and set `spring.jpa.hibernate.ddl-auto=validate` so a drift stops the application at start-up"},

	"database.fk-indexes|migrations=liquibase":            {"Add a changeset with `createIndex` (indexName: ix_{table}_{column}, tableName: {table}, column name: {column}) to the changelog, and `@Table(indexes = @Index(columnList = \"{column}\"))` on the entity"},
	"database.money-types|migrations=liquibase":           {"Add a changeset with `modifyDataType` (tableName: {table}, columnName: {column}, newDataType: numeric(12,2)) and map the field as `BigDecimal`"},
	"database.primary-keys|migrations=liquibase":          {"Add a changeset with `addColumn` (id, bigint, autoIncrement) and `addPrimaryKey` (tableName: {table}, columnNames: id), mapped with `@Id @GeneratedValue`"},
	"database.primary-keys+join|migrations=liquibase":     {"Add a changeset with `addPrimaryKey` (tableName: {table}, columnNames: \"{column}, {column2}\") or `addUniqueConstraint` over both columns"},
	"database.constraints|migrations=liquibase":           {"Add a changeset with `addNotNullConstraint` and `addUniqueConstraint` (tableName: {table}, columnNames: {column}), and `@Column(nullable = false, unique = true)` on the entity"},
	"database.reversible-migrations|migrations=liquibase": {"Give the changesets of {file} a `rollback` block (Liquibase writes one itself only for changes it can invert, never for `sql` or `dropColumn`), and copy the data out before a drop"},
	"database.model-drift|migrations=liquibase":           {"Generate the missing changeset with `liquibase diff-changelog` (or the Gradle/Maven plugin's diffChangeLog) so {table}.{column} is created, and set `spring.jpa.hibernate.ddl-auto=validate`"},
}
