package database

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/rules/facts"
)

var (
	// Path shapes of the migration tools that are known by their file names.
	djangoMigration = scan.MustCompile(`(^|/)migrations/\d{4}_\w+\.py$`)
	prismaMigration = scan.MustCompile(`(^|/)migrations/[^/]+/migration\.sql$`)
	// Flyway versioned migrations: V1__init.sql, V1.1__x.sql, V2_1__x.sql.
	// Repeatable (R__) and undo (U1__) scripts are not versions.
	flywayName = scan.MustCompile(`^V\d+(?:[._]\d+)*__\w[^/]*\.(?:sql|java|kt)$`)
	// golang-migrate: 000001_create_users.up.sql and its .down.sql.
	migrateName = scan.MustCompile(`^(\d+)_[^/]*\.(?:up|down)\.sql$`)

	alembicRevision = scan.MustCompile(`(?m)^revision\s*(?::\s*str\s*)?=`)
	gooseSQL        = scan.MustCompile(`(?i)--\s*\+goose\s+up`)
	knexUp          = scan.MustCompile(`exports\.up\s*=|export\s+(?:async\s+)?function\s+up\s*\(|export\s+const\s+up\s*=|\bup\s*:\s*(?:async\s*)?(?:function\s*)?\(\s*knex`)
	liquibaseSet    = scan.MustCompile(`<changeSet\b|(?m)^\s*-?\s*changeSet\s*:|"changeSet"\s*:|(?m)^--\s*changeset\s`)
	// Go migrations registered in code: bun's Migrations.MustRegister and
	// go-pg's migrations.MustRegisterTx, in a migrations folder.
	goRegister = scan.MustCompile(`\.(?:MustRegister|Register)(?:Tx)?\(\s*func\b`)
	// gormigrate lists its versions as Migration values with an ID.
	gormigrateID = scan.MustCompile(`\bID\s*:\s*["\x60]`)
	numPrefix    = scan.MustCompile(`^(\d+)_`)
	liquibaseInc = scan.MustCompile(`<include\b|<includeAll\b|(?m)^\s*-\s*include\s*:|"include"\s*:`)
)

// migrationDirs are folder names that hold migrations of some tool.
var migrationDirs = map[string]bool{
	"migrations": true, "migration": true, "migrate": true, "db-migrations": true,
	"schema-migrations": true, "sql-migrations": true, "drizzle": true,
}

func inMigrationDir(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if migrationDirs[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

// migration is one migration version found.
type migration struct {
	tool string
	// key identifies the version: an up/down pair shares one key.
	key string
	// weight is how many versions the file holds (Liquibase change sets).
	weight int
	loc    facts.Location
}

// addMigration records a version once per key.
func (d *detector) addMigration(tool, key string, weight int, p string, line int) {
	k := tool + "\x00" + key
	if d.seenMig[k] {
		return
	}
	d.seenMig[k] = true
	d.migrations = append(d.migrations, migration{tool: tool, key: key, weight: weight, loc: facts.Location{Path: p, Line: line}})
}

// scanMigrationPath records migrations recognisable by their path alone.
// It returns true when the file is one.
func (d *detector) scanMigrationPath(p string) bool {
	if scan.InTestDir(p) {
		return false
	}
	base := path.Base(p)
	switch {
	case djangoMigration.MatchString(p):
		d.addMigration("django", p, 1, p, 0)
	case d.packMigration(p):
	case prismaMigration.MatchString(p):
		d.addMigration("prisma", path.Dir(p), 1, p, 0)
	case flywayName.MatchString(base):
		d.addMigration("flyway", p, 1, p, 0)
	case migrateName.MatchString(base):
		num := migrateName.FindStringSubmatch(base)[1]
		d.addMigration("golang-migrate", path.Dir(p)+"/"+strings.TrimLeft(num, "0"), 1, p, 0)
	default:
		return false
	}
	return true
}

// packMigration records p when a stack pack's migration tool claims it.
func (d *detector) packMigration(p string) bool {
	for _, pk := range stacks.All() {
		for _, t := range pk.Database.Migrations {
			if t.Path.MatchString(p) && (t.Skip == nil || !t.Skip(p)) {
				if t.Count != nil {
					d.pendingMig[p] = t // decided on its content in Scan
				} else {
					d.addMigration(t.Tool, p, 1, p, 0)
				}
				return true
			}
		}
	}
	return false
}

// scanMigrationContent recognises migrations by what they contain.
// code is the file with comments blanked (or the raw data for SQL).
func (d *detector) scanMigrationContent(p string, raw, code []byte, lang string) {
	if scan.InTestDir(p) {
		return
	}
	ext := scan.Ext(p)
	dir := path.Dir(p)
	switch {
	case ext == ".sql":
		switch {
		case gooseSQL.Match(raw):
			d.addMigration("goose", p, 1, p, 0)
		case bytes.Contains(raw, []byte("liquibase formatted")):
			d.addLiquibase(p, raw)
		case inMigrationDir(p):
			d.otherSQL = append(d.otherSQL, p)
		}
	case lang == "python":
		if path.Base(dir) == "versions" && alembicRevision.Match(code) && scan.Contains(code, "down_revision") {
			d.addMigration("alembic", p, 1, p, 0)
		}
	case lang == "javascript" || lang == "typescript":
		switch {
		case scan.Contains(code, "implements MigrationInterface"):
			d.addMigration("typeorm", p, 1, p, 0)
		case !inMigrationDir(p):
		case scan.Contains(code, "queryInterface") && scan.Contains(code, "up"):
			d.addMigration("sequelize", p, 1, p, 0)
		case knexUp.Match(code) && scan.Contains(code, "knex"):
			d.addMigration("knex", p, 1, p, 0)
		case scan.Contains(code, "extends Migration"):
			// MikroORM and others without a name in the vocabulary.
			d.addMigration("other", p, 1, p, 0)
		}
	case lang == "go":
		switch {
		case scan.Contains(code, "goose.AddMigration"):
			d.addMigration("goose", p, 1, p, 0)
		case bytes.Contains(raw, []byte("go-gormigrate/gormigrate")):
			if n := len(gormigrateID.FindAllIndex(code, -1)); n > 0 {
				d.addMigration("other", p, n, p, 0)
			}
		case inMigrationDir(p) && goRegister.Match(code):
			// 2_x.up.sql and 3_y.go are versions 2 and 3 of one sequence.
			key := p
			if m := numPrefix.FindStringSubmatch(path.Base(p)); m != nil {
				key = dir + "/" + strings.TrimLeft(m[1], "0")
			}
			d.goMigDirs[dir] = true
			d.addMigration("other", key, 1, p, 0)
		}
	}
}

// isLiquibaseFile reports whether p looks like a Liquibase changelog.
func isLiquibaseFile(p string) bool {
	switch scan.Ext(p) {
	case ".xml", ".yaml", ".yml", ".json":
	default:
		return false
	}
	return strings.Contains(strings.ToLower(p), "changelog")
}

// addLiquibase counts the change sets of a changelog file; a master file
// that only includes others counts its includes when nothing else is found.
func (d *detector) addLiquibase(p string, raw []byte) {
	n := len(liquibaseSet.FindAllIndex(raw, -1))
	if n > 0 {
		d.addMigration("liquibase", p, n, p, 0)
		return
	}
	if inc := len(liquibaseInc.FindAllIndex(raw, -1)); inc > 0 {
		d.liquibaseIncludes += inc
		d.liquibaseMaster = p
	}
}

// finishMigrations picks the tool with the most versions.
func (d *detector) finishMigrations(f *facts.Facts) {
	d.relabelGoSQL(f.Stack.Dependencies)
	// Plain SQL files in a folder with atlas.sum are Atlas migrations;
	// the rest, with no known tool, are "other".
	for _, p := range d.otherSQL {
		if d.atlasDirs[path.Dir(p)] {
			d.addMigration("atlas", p, 1, p, 0)
		} else {
			d.addMigration("other", p, 1, p, 0)
		}
	}
	counts := map[string]int{}
	for _, m := range d.migrations {
		counts[m.tool] += m.weight
	}
	if counts["liquibase"] == 0 && d.liquibaseIncludes > 0 {
		d.addMigration("liquibase", d.liquibaseMaster, d.liquibaseIncludes, d.liquibaseMaster, 0)
		counts["liquibase"] = d.liquibaseIncludes
	}
	best, bestN := "", 0
	for _, tool := range migrationTools() {
		if counts[tool] > bestN {
			best, bestN = tool, counts[tool]
		}
	}
	if best == "" {
		f.Migrations = facts.Migrations{Tool: "none"}
		return
	}
	dirs := map[string]int{}
	var ev []facts.Location
	for _, m := range d.migrations {
		if m.tool != best {
			continue
		}
		dirs[path.Dir(m.loc.Path)]++
		if len(ev) < scan.MaxEvidence {
			ev = append(ev, m.loc)
		}
	}
	dir, dirN := "", 0
	for k, n := range dirs {
		if n > dirN || (n == dirN && k < dir) {
			dir, dirN = k, n
		}
	}
	// Prisma keeps each version in a folder of its own under one history
	// folder: the history is the parent.
	folders := map[string]bool{}
	for _, m := range d.migrations {
		if m.tool != best {
			continue
		}
		folder := path.Dir(m.loc.Path)
		if best == "prisma" {
			folder = path.Dir(folder)
		}
		folders[folder] = true
	}
	dirWeight := 0
	for _, m := range d.migrations {
		if m.tool == best && path.Dir(m.loc.Path) == dir {
			dirWeight += m.weight
		}
	}
	f.Migrations = facts.Migrations{Tool: best, Count: bestN, Dir: dir, DirCount: dirWeight, Folders: len(folders), Evidence: ev}
}

// toolOrder breaks ties between tools deterministically: named tools
// before "other".
var toolOrder = []string{
	"alembic", "django", "flyway", "liquibase", "prisma", "typeorm", "sequelize", "knex",
	"golang-migrate", "goose", "atlas", "rails", "efcore", "other",
}

// migrationTools is toolOrder with the stack packs' tools (laravel, ecto,
// ...) before "other".
func migrationTools() []string {
	out := slices.Clone(toolOrder[:len(toolOrder)-1])
	for _, pk := range stacks.All() {
		for _, t := range pk.Database.Migrations {
			if !slices.Contains(out, t.Tool) {
				out = append(out, t.Tool)
			}
		}
	}
	return append(out, "other")
}

// relabelGoSQL gives numbered .up.sql files to the Go library that runs
// them: bun and go-pg name SQL migrations like golang-migrate does. They
// are theirs when Go migrations are registered in the same folder, or when
// the project depends on bun or go-pg migrations and not on golang-migrate
// (which is often run as a CLI, so its absence alone proves nothing).
func (d *detector) relabelGoSQL(deps map[string]bool) {
	other := false
	if !hasDepPrefix(deps, "github.com/golang-migrate/migrate") {
		other = deps["github.com/uptrace/bun"] || hasDepPrefix(deps, "github.com/go-pg/migrations")
	}
	var kept []migration
	for _, m := range d.migrations {
		if m.tool == "golang-migrate" && (other || d.goMigDirs[path.Dir(m.loc.Path)]) {
			m.tool = "other"
			if k := "other\x00" + m.key; d.seenMig[k] {
				continue // the same version also has a Go file
			} else {
				d.seenMig[k] = true
			}
		}
		kept = append(kept, m)
	}
	d.migrations = kept
}

func hasDepPrefix(deps map[string]bool, prefix string) bool {
	for k := range deps {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
