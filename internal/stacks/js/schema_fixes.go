package js

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// schemaFixes are the schema checks' fixes: Prisma's by default (the tool
// the pack recommends), Knex's, TypeORM's and Sequelize's for a project on
// one of those, Mongoose's for a document store. Placeholders ({table},
// {column}, {column2}, {ref}, {file}) are filled by the rubric with the
// finding's names.
var schemaFixes = pack.Fixes{
	"database.fk-indexes":            {"Add `@@index([{column}])` to the model behind {table} in prisma/schema.prisma and run `npx prisma migrate dev --name index_{table}_{column}`"},
	"database.money-types":           {"Declare {table}.{column} as `Decimal @db.Decimal(12, 2)` in prisma/schema.prisma (or integer cents) and run `npx prisma migrate dev --name decimal_{column}`"},
	"database.normalised":            {"Move {table}.{column} into its own model with a relation to the owner (one row per value) in prisma/schema.prisma, run `npx prisma migrate dev --create-only`, and copy the data in the generated migration.sql"},
	"database.primary-keys":          {"Give the model behind {table} an `id Int @id @default(autoincrement())` field and run `npx prisma migrate dev --name add_{table}_id`"},
	"database.primary-keys+join":     {"Key the model behind {table} on both relations with `@@id([{column}, {column2}])` (or `@@unique([{column}, {column2}])` when it keeps an id) and run `npx prisma migrate dev`"},
	"database.constraints":           {"Make {table}.{column} required and unique in prisma/schema.prisma (drop the `?`, add `@unique`) and run `npx prisma migrate dev` (fill existing NULLs and remove duplicates first)"},
	"database.reversible-migrations": {"Write the way back of {file} as a down.sql beside it (`npx prisma migrate diff --from-schema-datamodel prisma/schema.prisma --to-migrations prisma/migrations --script`), and copy the data out before a DROP"},
	"database.model-drift":           {"Run `npx prisma migrate dev --name add_{column}` so the migrations create {table}.{column}, and commit prisma/migrations/"},

	"database.fk-indexes|migrations=knex":            {"Write a new Knex migration (`npx knex migrate:make index_{table}_{column}`) with `knex.schema.alterTable('{table}', (table) => { table.index(['{column}']) })` in up and `table.dropIndex(['{column}'])` in down"},
	"database.money-types|migrations=knex":           {"Write a new Knex migration that alters the column: `knex.schema.alterTable('{table}', (table) => { table.decimal('{column}', 12, 2).alter() })`, with the old type in down"},
	"database.normalised|migrations=knex":            {"Create a child table in a new Knex migration (`table.integer('{table}_id').references('id').inTable('{table}')`, one row per value of {column}) and copy the data over in up"},
	"database.primary-keys|migrations=knex":          {"Add a key in a new Knex migration: `knex.schema.alterTable('{table}', (table) => { table.increments('id').primary() })`"},
	"database.primary-keys+join|migrations=knex":     {"Key {table} on both foreign keys in a new Knex migration: `table.primary(['{column}', '{column2}'])` (or `table.unique(['{column}', '{column2}'])` when it keeps an id)"},
	"database.constraints|migrations=knex":           {"In a new Knex migration: `knex.schema.alterTable('{table}', (table) => { table.string('{column}').notNullable().alter(); table.unique(['{column}']) })`"},
	"database.reversible-migrations|migrations=knex": {"Write `exports.down` of {file} so it undoes `exports.up` (`dropTable` for `createTable`, `dropColumn` for a new column), and copy the data out before a drop"},
	"database.model-drift|migrations=knex":           {"Write the Knex migration that creates {table}.{column} (`npx knex migrate:make add_{column}`) and run `npx knex migrate:latest`"},

	"database.fk-indexes|migrations=typeorm":            {"Add `@Index()` to the `@ManyToOne` side behind {table}.{column} (or `@Index(['{column}'])` on the entity) and generate the migration: `npx typeorm migration:generate src/migrations/Index{column} -d src/data-source.ts`"},
	"database.money-types|migrations=typeorm":           {"Declare the column as `@Column('decimal', { precision: 12, scale: 2 })` and generate a migration with `npx typeorm migration:generate`"},
	"database.normalised|migrations=typeorm":            {"Move {table}.{column} into its own entity with a `@ManyToOne` to the owner (one row per value), generate the migration, and copy the data in its up()"},
	"database.primary-keys|migrations=typeorm":          {"Give the entity behind {table} a `@PrimaryGeneratedColumn()` id and generate a migration with `npx typeorm migration:generate`"},
	"database.primary-keys+join|migrations=typeorm":     {"Key {table} on both relations with `@PrimaryColumn()` on {column} and {column2} (or `@Unique(['{column}', '{column2}'])`), or let `@ManyToMany` + `@JoinTable()` own it, and generate a migration"},
	"database.constraints|migrations=typeorm":           {"Declare the column as `@Column({ nullable: false, unique: true })` on the entity behind {table}.{column} and generate a migration with `npx typeorm migration:generate`"},
	"database.reversible-migrations|migrations=typeorm": {"Write `down(queryRunner)` of {file} so it undoes up() statement by statement, and copy the data out before a DROP"},
	"database.model-drift|migrations=typeorm":           {"Generate the migration the entities need (`npx typeorm migration:generate src/migrations/Add{column} -d src/data-source.ts`) so {table}.{column} exists, and keep `synchronize: false`"},

	"database.fk-indexes|migrations=sequelize":            {"Write a new migration (`npx sequelize-cli migration:generate --name index-{table}-{column}`) with `queryInterface.addIndex('{table}', ['{column}'])` in up and `removeIndex` in down"},
	"database.money-types|migrations=sequelize":           {"Write a new migration with `queryInterface.changeColumn('{table}', '{column}', { type: Sequelize.DECIMAL(12, 2) })` and declare `DataTypes.DECIMAL(12, 2)` on the model"},
	"database.normalised|migrations=sequelize":            {"Create a child table with `queryInterface.createTable` and a `references: { model: '{table}', key: 'id' }` column (one row per value), copy the data in the same migration, and relate the models with `hasMany`/`belongsTo`"},
	"database.primary-keys|migrations=sequelize":          {"Add a key in a new migration: `queryInterface.addColumn('{table}', 'id', { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true })`"},
	"database.primary-keys+join|migrations=sequelize":     {"Key {table} on both foreign keys in a new migration: `queryInterface.addConstraint('{table}', { fields: ['{column}', '{column2}'], type: 'primary key' })` (or type 'unique' when it keeps an id)"},
	"database.constraints|migrations=sequelize":           {"In a new migration, `queryInterface.changeColumn('{table}', '{column}', { type: Sequelize.STRING, allowNull: false, unique: true })`, and `allowNull: false, unique: true` on the model"},
	"database.reversible-migrations|migrations=sequelize": {"Write `down` of {file} so it undoes `up` (`dropTable` for `createTable`, `removeColumn` for `addColumn`), and copy the data out before a drop"},
	"database.model-drift|migrations=sequelize":           {"Write the migration the model needs (`npx sequelize-cli migration:generate --name add-{column}`) with `queryInterface.addColumn('{table}', '{column}', ...)`"},

	"database.fk-indexes|orm=mongoose":  {"Index the reference in the schema of {table}: `schema.index({ {column}: 1 })` (MongoDB does not index a `ref` by itself), and build it with `Model.syncIndexes()` or a migrate-mongo migration"},
	"database.money-types|orm=mongoose": {"Store {table}.{column} as `Schema.Types.Decimal128` (or integer cents) instead of Number"},
	"database.normalised|orm=mongoose":  {"Keep {table}.{column} as an array field (`[String]`) or referenced documents instead of a comma-separated string"},
	"database.constraints|orm=mongoose": {"Declare {table}.{column} as `{ type: String, required: true, unique: true }` in the schema, and build the unique index with `Model.syncIndexes()`"},
	"database.model-drift|orm=mongoose": {"Add the migrate-mongo migration that sets up {table}.{column} (its index or default) so existing documents match the schema"},
}
