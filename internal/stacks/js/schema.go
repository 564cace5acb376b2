package js

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
)

// migrationFile matches a JS/TS file in a migrations folder (knex's
// migrations/, TypeORM's src/migrations/, sequelize-cli's migrations/).
var migrationFile = scan.MustCompile(`(?:^|/)(?:migrations?|db-migrations)/(?:[^/]+/)*[^/]+\.(?:[cm]?js|[cm]?ts)$`)

// jsFile matches the JS/TS sources models are declared in.
var jsFile = scan.MustCompile(`\.(?:[cm]?js|[cm]?ts)$`)

// schemaReaders are the pack's schema readers. Each migration reader
// leaves the files of the others alone by its Need literals and a check
// of the file's shape.
var schemaReaders = []schema.Reader{
	{Tool: "typeorm", Path: migrationFile, Need: []string{"MigrationInterface", "queryRunner"}, Read: readTypeORMMigration},
	{Tool: "sequelize", Path: migrationFile, Need: []string{"queryInterface"}, Read: notTypeORM(readSequelize)},
	{Tool: "knex", Path: migrationFile, Need: []string{"knex", "Knex"}, Read: notTypeORM(notSequelize(readKnex))},
	{Tool: "typeorm", Path: jsFile, Need: []string{"@Entity"}, Read: readTypeORMEntities},
	{Tool: "sequelize", Path: jsFile, Need: []string{".define(", ".init("}, Read: readSequelizeModels},
	{Tool: "mongoose", Path: jsFile, Need: []string{"mongoose"}, Read: readMongoose},
}
