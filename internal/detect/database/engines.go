package database

import (
	"bytes"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// relationalEngines are the engines that count as a relational database.
var relationalEngines = map[string]bool{
	"postgres": true, "mysql": true, "mariadb": true, "sqlite": true, "sqlserver": true,
	"oracle": true, "h2": true, "hsqldb": true, "derby": true, "cockroachdb": true,
}

// depEngines maps a dependency name (as facts.Stack.Dependencies spells it)
// to the engine its presence implies.
var depEngines = map[string]string{
	// Python
	"psycopg2": "postgres", "psycopg2-binary": "postgres", "psycopg": "postgres", "psycopg-binary": "postgres",
	"asyncpg": "postgres", "pg8000": "postgres",
	"mysqlclient": "mysql", "pymysql": "mysql", "aiomysql": "mysql", "mysql-connector-python": "mysql", "asyncmy": "mysql",
	"aiosqlite": "sqlite",
	"pymongo":   "mongodb", "motor": "mongodb", "mongoengine": "mongodb", "beanie": "mongodb", "odmantic": "mongodb",
	"pynamodb": "dynamodb",
	// Java / Kotlin
	"org.postgresql:postgresql": "postgres", "postgresql": "postgres", "org.postgresql:r2dbc-postgresql": "postgres",
	"r2dbc-postgresql":           "postgres",
	"mysql:mysql-connector-java": "mysql", "mysql-connector-java": "mysql", "com.mysql:mysql-connector-j": "mysql",
	"mysql-connector-j":                    "mysql",
	"org.mariadb.jdbc:mariadb-java-client": "mariadb", "mariadb-java-client": "mariadb",
	"com.h2database:h2": "h2", "h2": "h2", "org.hsqldb:hsqldb": "hsqldb", "hsqldb": "hsqldb",
	"org.xerial:sqlite-jdbc": "sqlite", "sqlite-jdbc": "sqlite",
	"com.microsoft.sqlserver:mssql-jdbc": "sqlserver", "mssql-jdbc": "sqlserver",
	"com.oracle.database.jdbc:ojdbc8": "oracle", "com.oracle.database.jdbc:ojdbc11": "oracle", "ojdbc8": "oracle", "ojdbc11": "oracle",
	"spring-boot-starter-data-mongodb": "mongodb", "spring-boot-starter-data-mongodb-reactive": "mongodb",
	// npm
	"pg": "postgres", "postgres": "postgres", "pg-promise": "postgres", "@neondatabase/serverless": "postgres",
	"@vercel/postgres": "postgres",
	"mysql":            "mysql", "mysql2": "mysql", "mariadb": "mariadb",
	"sqlite3": "sqlite", "better-sqlite3": "sqlite", "sqlite": "sqlite", "@libsql/client": "sqlite",
	"mongoose": "mongodb", "mongodb": "mongodb", "@nestjs/mongoose": "mongodb",
	"mssql": "sqlserver", "tedious": "sqlserver", "oracledb": "oracle",
	"@aws-sdk/client-dynamodb": "dynamodb", "@aws-sdk/lib-dynamodb": "dynamodb", "dynamoose": "dynamodb",
	// Go (module paths; versioned paths are matched by prefix below)
	"github.com/lib/pq": "postgres", "gorm.io/driver/postgres": "postgres",
	"github.com/go-sql-driver/mysql": "mysql", "gorm.io/driver/mysql": "mysql",
	"github.com/mattn/go-sqlite3": "sqlite", "modernc.org/sqlite": "sqlite", "gorm.io/driver/sqlite": "sqlite",
	"github.com/glebarez/sqlite": "sqlite",
	"gorm.io/driver/sqlserver":   "sqlserver", "github.com/microsoft/go-mssqldb": "sqlserver",
	"github.com/denisenkom/go-mssqldb": "sqlserver",
	// Ruby (pg, mysql2, sqlite3 share the npm names)
	"mongoid": "mongodb", "trilogy": "mysql",
	// C#
	"npgsql": "postgres", "npgsql.entityframeworkcore.postgresql": "postgres",
	"microsoft.entityframeworkcore.sqlserver": "sqlserver", "microsoft.data.sqlclient": "sqlserver",
	"system.data.sqlclient": "sqlserver", "microsoft.entityframeworkcore.sqlite": "sqlite",
	"microsoft.data.sqlite": "sqlite", "pomelo.entityframeworkcore.mysql": "mysql", "mysql.data": "mysql",
	"mysqlconnector": "mysql", "mongodb.driver": "mongodb",
}

// depEnginePrefixes catch versioned Go module paths (github.com/jackc/pgx/v5).
var depEnginePrefixes = []struct{ prefix, engine string }{
	{"github.com/jackc/pgx", "postgres"},
	{"go.mongodb.org/mongo-driver", "mongodb"},
	{"github.com/aws/aws-sdk-go-v2/service/dynamodb", "dynamodb"},
}

// depEngine returns the engine a dependency implies, or "".
func depEngine(dep string) string {
	if e, ok := depEngines[dep]; ok {
		return e
	}
	for _, p := range depEnginePrefixes {
		if strings.HasPrefix(dep, p.prefix) {
			return p.engine
		}
	}
	return ""
}

// urlEngine finds connection URLs and JDBC URLs.
var urlEngine = scan.MustCompile(`(?i)\b(?:jdbc:|r2dbc:)?(postgres|postgresql|postgis|mysql|mariadb|sqlite|sqlserver|oracle|h2|hsqldb|mongodb|cockroachdb)(?:\+[a-z0-9]+)?(?:://|:(?:thin|mem|file|tcp|@|//|h2|postgresql|mysql))`)

// urlEngineEnds are what follows the colon that ends every urlEngine
// match ("://", ":thin", ":mem", ...), lower-case. postgresql and mysql are
// cut before their s: under (?i) an s also matches the long s (U+017F),
// which an ASCII comparison would not.
var urlEngineEnds = [][]byte{[]byte("//"), []byte("thin"), []byte("mem"), []byte("file"), []byte("tcp"), []byte("@"),
	[]byte("h2"), []byte("postgre"), []byte("my")}

// mayHoldEngineURL reports whether code holds a colon followed by one of
// urlEngineEnds in any ASCII case: no urlEngine match without one. Source
// files have colons, but few followed by these, so most skip the
// case-insensitive regexp.
func mayHoldEngineURL(code []byte) bool {
	for i := bytes.IndexByte(code, ':'); i >= 0; {
		rest := code[i+1:]
		for _, end := range urlEngineEnds {
			if len(rest) >= len(end) && bytes.EqualFold(rest[:len(end)], end) {
				return true
			}
		}
		j := bytes.IndexByte(rest, ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// djangoEngine matches the ENGINE of Django's DATABASES setting.
var djangoEngine = scan.MustCompile(`django(?:\.contrib\.gis)?\.db\.backends\.(postgresql_psycopg2|postgresql|postgis|mysql|sqlite3|oracle|spatialite)`)

// hibernateDialect matches spring.jpa.database-platform and hibernate.dialect values.
var hibernateDialect = scan.MustCompile(`\b(PostgreSQL|PostgresPlus|MySQL|MariaDB|H2|HSQL|SQLServer|Oracle|SQLite)\d*[A-Za-z]*Dialect\b`)

// composeImage matches an image line of docker-compose.
var composeImage = scan.MustCompile(`(?m)^\s*image:\s*["']?([\w./:@-]+)`)

// keyValueEngine matches Laravel's DB_CONNECTION, Rails' adapter, and the
// dialect/client/type of Sequelize, Knex and TypeORM options.
var keyValueEngine = scan.MustCompile(`(?m)(?:\bDB_CONNECTION\s*=\s*|\badapter:\s*|\b(?:dialect|client|type)["']?\s*:\s*)["']?(postgres|postgresql|pgsql|postgis|pg|mysql2?|mariadb|sqlite3?|better-sqlite3|mssql|sqlsrv|oracle|mongodb|cockroachdb)\b`)

// prismaProvider matches the provider of a Prisma datasource.
var prismaProvider = scan.MustCompile(`provider\s*=\s*"(postgresql|postgres|mysql|sqlite|sqlserver|mongodb|cockroachdb)"`)

// canonicalEngine maps the many spellings to the vocabulary of facts.Database.Engines.
func canonicalEngine(s string) string {
	switch strings.ToLower(s) {
	case "postgres", "postgresql", "postgresql_psycopg2", "postgis", "pg", "pgsql", "postgresplus", "timescaledb":
		return "postgres"
	case "mysql", "mysql2":
		return "mysql"
	case "mariadb":
		return "mariadb"
	case "sqlite", "sqlite3", "better-sqlite3", "spatialite":
		return "sqlite"
	case "sqlserver", "mssql", "sqlsrv":
		return "sqlserver"
	case "oracle":
		return "oracle"
	case "h2":
		return "h2"
	case "hsql", "hsqldb":
		return "hsqldb"
	case "mongodb", "mongo":
		return "mongodb"
	case "cockroachdb":
		return "cockroachdb"
	case "redis":
		return "redis"
	}
	return ""
}

// imageEngine maps a container image (postgres:16, bitnami/postgresql,
// mcr.microsoft.com/mssql/server:2022-latest) to an engine.
func imageEngine(image string) string {
	image = strings.ToLower(image)
	if strings.Contains(image, "mssql") {
		return "sqlserver"
	}
	name := image
	if i := strings.IndexAny(name, ":@"); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	switch name {
	case "postgres", "postgresql", "postgis", "timescaledb":
		return "postgres"
	case "mysql", "mariadb", "mongo", "mongodb", "redis":
		return canonicalEngine(name)
	case "cockroach":
		return "cockroachdb"
	}
	return ""
}
