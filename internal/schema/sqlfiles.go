package schema

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// SQLMigration reads a migration written in plain SQL (Flyway,
// golang-migrate, a Prisma migration.sql): its steps and the statements
// that drop data. Key and Reversible are the caller's: they depend on the
// tool.
func SQLMigration(f scan.File) Migration {
	r := ReadSQL(f.Path, 1, f.Data)
	return Migration{At: facts.Location{Path: f.Path}, Ops: r.Ops, Destructive: r.Destructive}
}

// SQLUndo reads a file that undoes the migration keyed key (a .down.sql,
// a Flyway U file): the way back is "yes" when it holds a statement, "no"
// when it is empty or only comments.
func SQLUndo(f scan.File, key string) Migration {
	rev := "no"
	if ReadSQL(f.Path, 1, f.Data).Statements > 0 {
		rev = "yes"
	}
	return Migration{At: facts.Location{Path: f.Path}, Key: key, Undo: true, Reversible: rev}
}

// SQLSnapshot reads a committed dump of the whole schema in plain SQL:
// schema.sql (also Spring Boot's and SQLite's init script), init.sql,
// Rails' db/structure.sql. A file in a migrations folder is a migration,
// not a dump, and is left to the migration tools' readers.
var SQLSnapshot = Reader{
	Tool: "sql",
	Path: scan.MustCompile(`(?i)(?:^|/)(?:schema|init|structure|ddl|tables|create[-_]tables|init[-_]db|database|db)\.sql$`),
	Need: []string{"CREATE", "create", "Create"},
	Read: func(f scan.File) Result {
		if inMigrationsDir(f.Path) {
			return Result{}
		}
		return Result{Snapshot: Apply([]Migration{{Ops: ParseSQL(f.Path, f.Data)}})}
	},
}

func inMigrationsDir(p string) bool {
	for _, seg := range strings.Split(path.Dir(p), "/") {
		switch strings.ToLower(seg) {
		case "migrations", "migration", "migrate", "db-migrations", "sql-migrations", "schema-migrations":
			return true
		}
	}
	return false
}
