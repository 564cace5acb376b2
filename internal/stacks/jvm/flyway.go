package jvm

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
)

// flywayFile is a Flyway SQL migration, versioned (V1__init.sql,
// V1_1__x.sql, V2.3__y.sql) or undo (U1__init.sql, Flyway Teams); group 1
// is V or U, group 2 the version. Repeatable R__ scripts hold views and
// functions, not versions. Flyway finds them in any configured location,
// db/migration by default; the name alone is how the database detector
// recognises them too.
var flywayFile = scan.MustCompile(`(?:^|/)([VU])(\d+(?:[._]\d+)*)__[^/]*\.sql$`)

// flywayReader reads Flyway's SQL migrations in version order. Flyway
// community has no way back, so a migration's Reversible is "" unless the
// project ships an undo (U) file of that version.
var flywayReader = schema.Reader{
	Tool: "flyway",
	Path: flywayFile,
	Read: readFlyway,
}

func readFlyway(f scan.File) schema.Result {
	m := flywayFile.FindStringSubmatch(f.Path)
	if m == nil {
		return schema.Result{}
	}
	// The order key is the version with '_' written as '.' (V1_1 is 1.1,
	// after V1, before V2), compared part by part; Flyway orders every
	// location together, so the folder is not part of it.
	key := strings.ReplaceAll(m[2], "_", ".")
	if m[1] == "U" {
		return schema.Result{Migrations: []schema.Migration{schema.SQLUndo(f, key)}}
	}
	mig := schema.SQLMigration(f)
	mig.Key = key
	return schema.Result{Migrations: []schema.Migration{mig}}
}
