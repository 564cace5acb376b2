package rules

import (
	"fmt"
	"strings"
)

// inMemoryEngines are relational engines that usually live only in memory:
// fine for tests, not the database a hiring manager asks for.
var inMemoryEngines = map[string]bool{"h2": true, "hsqldb": true, "derby": true}

// databaseCriterion judges the data layer: a relational database, a schema
// that evolves through migrations, models, and relations between them.
//
// The points favour what shows design: migrations (4) and relations (3)
// outweigh merely using a relational database (2) or declaring a model
// (1), so a single unrelated model with no migrations fails the criterion.
var databaseCriterion = &Criterion{
	ID:    "database",
	Title: "Database design",
	Doc: "The guide asks for a relational database with migrations and real relationships: " +
		"hiring managers look for a schema that is versioned in the repository, models that " +
		"map it, and foreign keys or ORM relations that show the data was designed, not dumped.",
	Checks: append([]*Check{
		{
			ID:    "database.relational",
			Title: "Uses a relational database",
			Doc: "The guide asks for a relational database (PostgreSQL, MySQL, SQLite, ...). " +
				"It is found from database drivers among the dependencies, connection URLs and " +
				"settings (Django DATABASES, spring.datasource.url, DATABASE_URL, a Prisma datasource) " +
				"and database images in docker-compose. MongoDB alone, or only an in-memory database " +
				"such as H2, does not pass.",
			Points: 2,
			Run:    runRelational,
			Fix: func(s Stack) []string {
				return Steps{ID: "database.relational", Generic: []string{"Store the data in a relational database such as PostgreSQL, with its driver declared in the manifest and the URL read from `DATABASE_URL`"}}.For(s)
			},
		},
		{
			ID:    "database.migrations",
			Title: "Schema changes are versioned as migrations",
			Doc: "Migrations let anyone rebuild the schema from the repository and show how it changed. " +
				"Recognised tools: Alembic, Django, Flyway, Liquibase, Prisma, TypeORM, Sequelize, Knex, " +
				"golang-migrate, goose, Atlas, Rails, EF Core, or a migrations folder of SQL files. " +
				"Passes with at least one migration version.",
			Points: 4,
			Run: func(f *Facts) Result {
				m := f.Migrations
				if m.Tool == "" || m.Tool == "none" || m.Count == 0 {
					return Fail("no schema migrations found")
				}
				var ev []Location
				if m.Dir != "" {
					ev = []Location{{Path: m.Dir}}
				}
				if m.DirCount > 0 && m.DirCount < m.Count {
					return Pass(fmt.Sprintf("%s: %s, %d in %s", m.Tool, dbPlural(m.Count, "migration"), m.DirCount, m.Dir), ev...)
				}
				return Pass(fmt.Sprintf("%s: %s in %s", m.Tool, dbPlural(m.Count, "migration"), m.Dir), ev...)
			},
			Fix: func(s Stack) []string {
				return Steps{ID: "database.migrations", Generic: []string{"Add a migration tool for your stack and commit a first migration that creates the schema"}}.For(s)
			},
		},
		{
			ID:    "database.migration-history",
			Title: "The schema evolved over several migrations",
			Doc: "A single migration is often a dump of the final schema; two or more versions show " +
				"the schema was changed the way teams change it, one reviewed step at a time. " +
				"An up/down pair counts as one version. A history needs a migration after a folder's first: " +
				"two apps' `0001_initial.py` are two initial migrations, not a history.",
			Points: 1,
			Run: func(f *Facts) Result {
				m := f.Migrations
				if m.Count >= 2 && m.Count-max(m.Folders, 1) < 1 {
					return Fail(fmt.Sprintf("%d %s folders each hold only their initial migration", m.Folders, m.Tool), migrationEvidence(m)...)
				}
				if m.Count >= 2 {
					return Pass(fmt.Sprintf("%s: %s", m.Tool, dbPlural(m.Count, "migration")), migrationEvidence(m)...)
				}
				if m.Count == 1 {
					return Fail(fmt.Sprintf("only one %s migration", m.Tool), migrationEvidence(m)...)
				}
				return Fail("no schema migrations found")
			},
			Fix: func(s Stack) []string {
				return Steps{ID: "database.migration-history", Generic: []string{"Add each schema change as a new migration instead of editing the first one"}}.For(s)
			},
		},
		{
			ID:    "database.models",
			Title: "Data models are declared",
			Doc: "Models or entities (SQLAlchemy, Django, JPA, Prisma, TypeORM, Sequelize, Mongoose, " +
				"GORM, ent, ...) or CREATE TABLE statements show what the API stores. " +
				"Passes with at least one model or table.",
			Points: 1,
			Run: func(f *Facts) Result {
				db := f.Database
				if db.Models == 0 {
					return Fail("no models, entities or tables found")
				}
				what := "table"
				if db.ORM != "" {
					what = db.ORM + " model"
				}
				return Pass(dbPlural(db.Models, what), db.ModelEvidence...)
			},
			Fix: func(s Stack) []string {
				return Steps{ID: "database.models", Generic: []string{"Declare the data models (ORM classes or CREATE TABLE statements) in the repository"}}.For(s)
			},
		},
		{
			ID:    "database.relationships",
			Title: "Models are related by foreign keys or ORM relations",
			Doc: "Real data has relations: an order belongs to a user. Foreign keys in SQL " +
				"(FOREIGN KEY, REFERENCES) and ORM relation declarations (ForeignKey, relationship(), " +
				"@ManyToOne, Prisma @relation, belongsTo, GORM foreignKey, ent edges, Mongoose ref) " +
				"show a designed schema rather than unrelated tables.",
			Points: 3,
			Run: func(f *Facts) Result {
				if !f.Relationships {
					if f.Database.Models > 1 {
						return Fail(fmt.Sprintf("%s but no relations between them", dbPlural(f.Database.Models, "model")), f.Database.ModelEvidence...)
					}
					return Fail("no foreign keys or ORM relations found")
				}
				n := f.Database.Relations
				if n == 0 {
					n = len(f.RelationEvidence)
				}
				msg := dbPlural(n, "relation") + " between models"
				if !f.Database.Relational && len(f.Database.Engines) > 0 {
					msg += " (references between documents, not foreign keys)"
				}
				return Pass(msg, f.RelationEvidence...)
			},
			Fix: func(s Stack) []string {
				return Steps{ID: "database.relationships", Generic: []string{"Relate the tables with foreign keys (FOREIGN KEY ... REFERENCES ...) or the ORM's relation declarations"}}.For(s)
			},
		},
	}, schemaChecks()...),
}

// runRelational passes with at least one relational engine that is not
// only in memory.
func runRelational(f *Facts) Result {
	db := f.Database
	if len(db.Engines) == 0 {
		return Fail("no database found (no driver, connection URL or database service)")
	}
	var persistent, inMemory []string
	for _, e := range db.Engines {
		switch {
		case inMemoryEngines[e]:
			inMemory = append(inMemory, e)
		case relationalEngineNames[e]:
			persistent = append(persistent, e)
		}
	}
	if len(persistent) > 0 {
		return Pass("relational database: "+strings.Join(persistent, ", "), db.Evidence...)
	}
	if len(inMemory) > 0 {
		return Fail("only an in-memory database ("+strings.Join(inMemory, ", ")+"); the guide asks for a relational database such as PostgreSQL", db.Evidence...)
	}
	return Fail("no relational database: only "+strings.Join(db.Engines, ", ")+"; the guide asks for a relational database such as PostgreSQL", db.Evidence...)
}

// relationalEngineNames are the persistent relational engines of Database.Engines.
var relationalEngineNames = map[string]bool{
	"postgres": true, "mysql": true, "mariadb": true, "sqlite": true, "sqlserver": true,
	"oracle": true, "cockroachdb": true,
}

func migrationEvidence(m Migrations) []Location {
	if len(m.Evidence) > 0 {
		return m.Evidence
	}
	if m.Dir != "" {
		return []Location{{Path: m.Dir}}
	}
	return nil
}

// dbPlural writes "1 migration" or "3 migrations".
func dbPlural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
