package golang

import (
	"bytes"
	"path"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// migrateFile is a golang-migrate migration: 000001_create_users.up.sql
// and its way back, 000001_create_users.down.sql. Group 1 is the
// version, group 2 the direction.
var migrateFile = scan.MustCompile(`(?:^|/)(\d+)_[^/]*\.(up|down)\.sql$`)

// migrateReader reads golang-migrate's SQL migrations: the up files are
// the migrations, in version order; a migration is reversible when its
// down file exists and holds a statement.
var migrateReader = schema.Reader{
	Tool: "golang-migrate",
	Path: migrateFile,
	Read: readMigrate,
}

func readMigrate(f scan.File) schema.Result {
	m := migrateFile.FindStringSubmatch(f.Path)
	if m == nil || gooseUp.Match(f.Data) {
		return schema.Result{}
	}
	// The up and down files of a version share the key; the folder keeps
	// two migration sets of one repository apart.
	key := path.Dir(f.Path) + "/" + m[1]
	if m[2] == "down" {
		return schema.Result{Migrations: []schema.Migration{schema.SQLUndo(f, key)}}
	}
	mig := schema.SQLMigration(f)
	mig.Key, mig.Reversible = key, "no"
	return schema.Result{Migrations: []schema.Migration{mig}}
}

var (
	gooseUp   = scan.MustCompile(`(?im)^\s*--\s*\+goose\s+up\b`)
	gooseDown = scan.MustCompile(`(?im)^\s*--\s*\+goose\s+down\b`)
)

// gooseReader reads goose's SQL migrations: one file per version
// (20240115120000_create_users.sql, 00001_x.sql) whose "-- +goose Up"
// section migrates and whose "-- +goose Down" section goes back. Only
// the Up section is read; the migration is reversible when the Down
// section holds a statement. Goose orders by the version that prefixes
// the name, which the path's natural order follows.
var gooseReader = schema.Reader{
	Tool: "goose",
	Path: scan.MustCompile(`\.sql$`),
	Need: []string{"+goose"},
	Read: readGoose,
}

func readGoose(f scan.File) schema.Result {
	up := gooseUp.FindIndex(f.Data)
	if up == nil {
		return schema.Result{}
	}
	// The Up section starts on the line after its annotation.
	start := up[1]
	if nl := bytes.IndexByte(f.Data[start:], '\n'); nl >= 0 {
		start += nl + 1
	} else {
		start = len(f.Data)
	}
	end := len(f.Data)
	rev := "no"
	if down := gooseDown.FindIndex(f.Data); down != nil {
		if down[0] > start {
			end = down[0]
		}
		if schema.ReadSQL(f.Path, 1, downSection(f.Data, down, up)).Statements > 0 {
			rev = "yes"
		}
	}
	line := 1 + bytes.Count(f.Data[:start], []byte("\n"))
	r := schema.ReadSQL(f.Path, line, f.Data[start:end])
	return schema.Result{Migrations: []schema.Migration{{
		At: facts.Location{Path: f.Path}, Ops: r.Ops, Destructive: r.Destructive, Reversible: rev,
	}}}
}

// downSection is the text of the Down section: from its annotation to
// the Up annotation when Up comes after it, else to the end.
func downSection(data []byte, down, up []int) []byte {
	if up[0] > down[1] {
		return data[down[1]:up[0]]
	}
	return data[down[1]:]
}
