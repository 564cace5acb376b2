// Package database detects the data layer of a project: the database
// engines it talks to, its ORM and models, the relations between them, and
// its schema migrations (tool, versions, folder).
//
// Raw signals are collected file by file in Scan; decisions that need the
// whole tree (a Python model whose base class lives in another file, a GORM
// field typed with another model, the migration tool with most versions)
// and the dependencies read by the stack detector are made in Finish.
package database

import (
	"bytes"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

type detector struct {
	migrations        []migration
	seenMig           map[string]bool
	otherSQL          []string
	atlasDirs         map[string]bool
	goMigDirs         map[string]bool // folders of migrations registered in Go (bun, go-pg)
	liquibaseIncludes int
	liquibaseMaster   string

	engines   []string
	engineEv  map[string]facts.Location
	djangoSet *facts.Location // where DATABASES is configured

	models        []model
	pyClasses     []pyClass
	pyBases       map[string]string
	sawSQLAlchemy bool
	goStructs     []goStruct
	autoMigrated  map[string]bool
	prismaModels  map[string]bool
	prismaFields  []goField
	tables        map[string]facts.Location
	tableOrder    []string
	ormSeen       map[string]bool

	relations   int
	relationEv  []facts.Location
	relationSet map[facts.Location]bool

	// modelScanners are the stack packs' model scanners, by group;
	// pendingMig the pack migrations that wait for their content.
	modelScanners map[string]pack.ModelScanner
	pendingMig    map[string]pack.MigrationTool
}

// New returns a detector of databases, models, relations and migrations.
func New() scan.Detector {
	scanners := map[string]pack.ModelScanner{}
	for _, pk := range stacks.All() {
		if pk.Database.NewScanner != nil {
			scanners[pk.ID] = pk.Database.NewScanner()
		}
	}
	return &detector{
		modelScanners: scanners, pendingMig: map[string]pack.MigrationTool{},
		seenMig:      map[string]bool{},
		atlasDirs:    map[string]bool{},
		goMigDirs:    map[string]bool{},
		engineEv:     map[string]facts.Location{},
		pyBases:      map[string]string{},
		autoMigrated: map[string]bool{},
		prismaModels: map[string]bool{},
		tables:       map[string]facts.Location{},
		ormSeen:      map[string]bool{},
		relationSet:  map[facts.Location]bool{},
	}
}

// configNames are the configuration files that name a database.
func isConfig(p string) bool {
	base := scan.Base(p)
	ext := scan.Ext(p)
	switch {
	case strings.HasPrefix(base, ".env"):
		return true
	case strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose."):
		return ext == ".yml" || ext == ".yaml"
	case strings.HasPrefix(base, "application") || strings.HasPrefix(base, "bootstrap"):
		return ext == ".properties" || ext == ".yml" || ext == ".yaml"
	case strings.HasPrefix(base, "appsettings") && ext == ".json":
		return true
	case base == "database.yml" || base == "persistence.xml" || base == "hibernate.cfg.xml":
		return true
	case strings.HasPrefix(base, "ormconfig"):
		return true
	case base == "knexfile.js" || base == "knexfile.ts" ||
		base == "drizzle.config.ts" || base == "drizzle.config.js" || base == "atlas.hcl":
		return true
	}
	return isLiquibaseFile(p)
}

// Wants asks for source, SQL, Prisma schemas and the few configuration
// files that name a database; never for tests, whose fixtures (an H2 URL
// in src/test/resources, a model in a test) are not the project's schema.
func (d *detector) Wants(p scan.PathInfo) bool {
	if p.InTestDir {
		return false
	}
	switch p.Ext {
	case ".sql", ".prisma":
		return true
	}
	if p.Source {
		return !p.Test
	}
	return isConfig(p.Path) || packMigrationByContent(p.Path)
}

// packMigrationByContent reports whether a pack's migration tool must read
// p to decide (MigrationTool.Count): Ecto's .exs scripts are no source.
func packMigrationByContent(p string) bool {
	for _, pk := range stacks.All() {
		for _, t := range pk.Database.Migrations {
			if t.Count != nil && t.Path.MatchString(p) {
				return true
			}
		}
	}
	return false
}

// Scan records path-only signals for every file and content signals for
// the files it asked for.
func (d *detector) Scan(f scan.File) {
	p := f.Path
	base := scan.Base(p)
	switch base {
	case "atlas.sum":
		d.atlasDirs[path.Dir(p)] = true
	case "sqlc.yaml", "sqlc.yml", "sqlc.json":
		d.ormSeen["sqlc"] = true
	case "schema.prisma":
		d.ormSeen["prisma"] = true
	}
	known := d.scanMigrationPath(p)
	if f.Data == nil || !d.Wants(f.PathInfo()) {
		return
	}
	if t, ok := d.pendingMig[p]; ok && t.Count(p, f.Data) {
		d.addMigration(t.Tool, p, 1, p, 0)
	}
	ext := scan.Ext(p)
	switch {
	case ext == ".sql":
		code := blankSQLComments(f.Data)
		if !known {
			d.scanMigrationContent(p, f.Data, code, "")
		}
		d.scanSQL(p, code)
	case ext == ".prisma":
		d.scanPrisma(p, f.Data)
	case scan.IsSource(p):
		lang := scan.SourceExts[ext]
		code := f.Source()
		if !known {
			d.scanMigrationContent(p, f.Data, code, lang)
		}
		d.scanSource(p, code, lang)
	default:
		d.scanConfig(p, f.Data)
	}
}

var (
	sqlRelation    = scan.MustCompile(`(?i)\bFOREIGN\s+KEY\b|\bREFERENCES\s+[\x60"\[]?\w+`)
	rawSQLRelation = scan.MustCompile(`\bFOREIGN KEY\b|\bREFERENCES\s+[\x60"\[]?\w+[\x60"\]]?\s*\(`)
	pyRelation     = scan.MustCompile(`\b(?:ForeignKey|ForeignKeyConstraint|OneToOneField|ManyToManyField|ForeignKeyField|OneToOneField|ManyToManyField|relationship|Relationship|ReferenceField)\s*\(|\bforeign_key\s*=\s*["']`)
	jvmRelation    = scan.MustCompile(`@(?:ManyToOne|OneToMany|ManyToMany|OneToOne|JoinColumn|JoinTable|DBRef)\b`)
	jsRelation     = scan.MustCompile(`@(?:ManyToOne|OneToMany|ManyToMany|OneToOne|JoinColumn|JoinTable|BelongsTo|HasMany|HasOne|BelongsToMany|ForeignKey)\s*\(|\.(?:belongsTo|hasMany|hasOne|belongsToMany)\s*\(|\breferences\s*:\s*\{|\.references\s*\(|\.foreign\s*\(`)
	mongooseRef    = scan.MustCompile(`\bref\s*:\s*["'\x60\w]`)
	goRelation     = scan.MustCompile(`\bedge\.(?:To|From)\s*\(`)
	configRelation = scan.MustCompile(`addForeignKeyConstraint|foreignKeyName|referencedTableName`)
	goSQLOpen      = scan.MustCompile(`\bsqlx?\.(?:Open|Connect|MustConnect)\(\s*"(postgres|pgx|mysql|sqlite3|sqlite|sqlserver|mssql)"`)
	gormOpen       = scan.MustCompile(`gorm\.Open\(\s*(postgres|mysql|sqlite|sqlserver)\.Open|gorm\.Open\(\s*"(postgres|mysql|sqlite3|mssql)"`)
	// goDriverImport finds database drivers imported in code, which go.mod
	// may list only as indirect.
	goDriverImport  = scan.MustCompile(`"(github\.com/lib/pq|github\.com/jackc/pgx[\w/]*|github\.com/go-sql-driver/mysql|github\.com/mattn/go-sqlite3|modernc\.org/sqlite|gorm\.io/driver/\w+|github\.com/jinzhu/gorm/dialects/\w+|go\.mongodb\.org/mongo-driver[\w/]*)"`)
	jsDBConfigHints = [][]byte{[]byte("typeorm"), []byte("TypeOrm"), []byte("DataSource"), []byte("equelize"), []byte("knex"), []byte("Knex"), []byte("drizzle"), []byte("createConnection")}
)

// scanSQL counts tables and relations in a SQL file.
func (d *detector) scanSQL(p string, code []byte) {
	for _, m := range createTableSQL.FindAllSubmatchIndex(code, -1) {
		d.addTable(string(code[m[2]:m[3]]), facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
	for _, m := range sqlRelation.FindAllIndex(code, -1) {
		d.addRelation(facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
}

// scanSource looks for models, relations and engines in program source.
func (d *detector) scanSource(p string, code []byte, lang string) {
	at := func(off int) facts.Location { return facts.Location{Path: p, Line: scan.LineAt(code, off)} }
	rels := func(re *scan.Regexp) {
		for _, m := range re.FindAllIndex(code, -1) {
			d.addRelation(at(m[0]))
		}
	}
	rels(rawSQLRelation)
	for _, m := range createTableSQL.FindAllSubmatchIndex(code, -1) {
		// Only upper-case CREATE TABLE in code: raw SQL in a string.
		if bytes.HasPrefix(code[m[0]:], []byte("CREATE")) {
			d.addTable(string(code[m[2]:m[3]]), at(m[0]))
		}
	}
	if inMigrationDir(p) || scan.Contains(code, "op.create_table") {
		for _, m := range createTableCode.FindAllSubmatchIndex(code, -1) {
			d.addTable(string(code[m[2]:m[3]]), at(m[0]))
		}
	}
	d.scanURLs(p, code)
	switch lang {
	case "python":
		d.scanPython(p, code)
		rels(pyRelation)
		if m := djangoEngine.FindSubmatchIndex(code); m != nil {
			d.addEngine(canonicalEngine(string(code[m[2]:m[3]])), at(m[0]))
		}
		if d.djangoSet == nil {
			if i := bytes.Index(code, []byte("DATABASES")); i >= 0 && bytes.Contains(code[i:], []byte("=")) {
				l := at(i)
				d.djangoSet = &l
			}
		}
	case "java", "kotlin":
		d.scanJVM(p, code)
		rels(jvmRelation)
		if m := hibernateDialect.FindSubmatchIndex(code); m != nil {
			d.addEngine(canonicalEngine(string(code[m[2]:m[3]])), at(m[0]))
		}
	case "javascript", "typescript":
		d.scanJS(p, code)
		rels(jsRelation)
		if scan.Contains(code, "mongoose") {
			rels(mongooseRef)
		}
		for _, h := range jsDBConfigHints {
			if bytes.Contains(code, h) {
				d.scanKeyValueEngines(p, code)
				break
			}
		}
	case "go":
		d.scanGo(p, code)
		rels(goRelation)
		for _, re := range []*scan.Regexp{goSQLOpen, gormOpen} {
			for _, m := range re.FindAllSubmatchIndex(code, -1) {
				g := 2
				if m[2] < 0 {
					g = 4
				}
				name := string(code[m[g]:m[g+1]])
				if name == "pgx" {
					name = "postgres"
				}
				d.addEngine(canonicalEngine(name), at(m[0]))
			}
		}
		for _, m := range goDriverImport.FindAllSubmatchIndex(code, -1) {
			imp := string(code[m[2]:m[3]])
			e := depEngine(imp)
			if e == "" {
				e = canonicalEngine(imp[strings.LastIndexByte(imp, '/')+1:])
			}
			d.addEngine(e, at(m[0]))
		}
	default:
		d.scanPack(p, code, lang)
	}
}

// scanPack reads models and relations with the tables of the file's stack
// pack (Pack.Database), for the groups without a scanner of their own
// above. A model is counted once per name and file.
func (d *detector) scanPack(p string, code []byte, lang string) {
	pk := stacks.ForLanguage(lang)
	if pk == nil {
		return
	}
	db := pk.Database
	if db.Skip != nil && db.Skip(p) {
		return
	}
	if ms := d.modelScanners[pk.ID]; ms != nil {
		ms.Scan(pack.Source{Path: p, Lang: lang, Code: code})
	}
	at := func(off int) facts.Location { return facts.Location{Path: p, Line: scan.LineAt(code, off)} }
	if db.Model != nil {
		orm := packORM(pk)
		seen := map[string]bool{}
		for _, m := range db.Model.FindAllSubmatchIndex(code, -1) {
			name, off := "", m[0]
			if len(m) >= 4 && m[2] >= 0 {
				name, off = string(code[m[2]:m[3]]), m[2]
			}
			if name == "" || !seen[name] {
				seen[name] = true
				d.addModel(name, orm, at(off))
			}
		}
	}
	if db.Relation != nil {
		for _, m := range db.Relation.FindAllIndex(code, -1) {
			d.addRelation(at(m[0]))
		}
	}
}

// finishPacks takes the models and relations of the packs' scanners.
func (d *detector) finishPacks() {
	for _, pk := range stacks.All() {
		ms := d.modelScanners[pk.ID]
		if ms == nil {
			continue
		}
		orm := packORM(pk)
		for _, m := range ms.Models() {
			d.addModel(m.Name, orm, m.At)
		}
		for _, l := range ms.Relations() {
			d.addRelation(l)
		}
	}
}

// packORM names the ORM a pack's models belong to: its first ORM in
// depORMs order.
func packORM(pk *pack.Pack) string {
	for _, o := range depORMs {
		for _, name := range pk.Database.ORMs {
			if name == o.orm {
				return o.orm
			}
		}
	}
	for _, name := range pk.Database.ORMs {
		return name
	}
	return ""
}

// scanConfig reads engines from configuration files and Liquibase changelogs.
func (d *detector) scanConfig(p string, data []byte) {
	code := data
	ext := scan.Ext(p)
	if ext != ".xml" && ext != ".json" {
		code = blankHashLines(data)
	}
	if isLiquibaseFile(p) {
		d.addLiquibase(p, code)
		for _, m := range configRelation.FindAllIndex(code, -1) {
			d.addRelation(facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
		}
	}
	d.scanURLs(p, code)
	d.scanKeyValueEngines(p, code)
	if m := hibernateDialect.FindSubmatchIndex(code); m != nil {
		d.addEngine(canonicalEngine(string(code[m[2]:m[3]])), facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
	base := scan.Base(p)
	if strings.HasPrefix(base, "docker-compose") || strings.HasPrefix(base, "compose.") {
		for _, m := range composeImage.FindAllSubmatchIndex(code, -1) {
			d.addEngine(imageEngine(string(code[m[2]:m[3]])), facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
		}
	}
}

func (d *detector) scanURLs(p string, code []byte) {
	if !mayHoldEngineURL(code) {
		return
	}
	for _, m := range urlEngine.FindAllSubmatchIndex(code, -1) {
		d.addEngine(canonicalEngine(string(code[m[2]:m[3]])), facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
}

func (d *detector) scanKeyValueEngines(p string, code []byte) {
	for _, m := range keyValueEngine.FindAllSubmatchIndex(code, -1) {
		d.addEngine(canonicalEngine(string(code[m[2]:m[3]])), facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
}

func (d *detector) addEngine(e string, loc facts.Location) {
	if e == "" {
		return
	}
	if _, ok := d.engineEv[e]; ok {
		return
	}
	d.engineEv[e] = loc
	d.engines = append(d.engines, e)
}

func (d *detector) addModel(name, orm string, loc facts.Location) {
	d.models = append(d.models, model{name: name, orm: orm, loc: loc})
}

func (d *detector) addTable(name string, loc facts.Location) {
	name = strings.ToLower(name)
	if name == "" || name == "if" {
		return
	}
	if _, ok := d.tables[name]; ok {
		return
	}
	d.tables[name] = loc
	d.tableOrder = append(d.tableOrder, name)
}

func (d *detector) addRelation(loc facts.Location) {
	if d.relationSet[loc] {
		return
	}
	d.relationSet[loc] = true
	d.relations++
	if len(d.relationEv) < scan.MaxEvidence {
		d.relationEv = append(d.relationEv, loc)
	}
}

// depORMs lists the ORMs and query builders by the dependencies that
// declare them, most model-centric first: when a project has several, the
// first one with models or, failing that, the first declared wins.
var depORMs = withPackORMs([]ormDeps{
	{"sqlmodel", []string{"sqlmodel"}},
	{"sqlalchemy", []string{"sqlalchemy", "flask-sqlalchemy", "flask-migrate", "alembic"}},
	{"django-orm", []string{"django"}},
	{"tortoise", []string{"tortoise-orm"}},
	{"peewee", []string{"peewee"}},
	{"jpa", []string{"spring-boot-starter-data-jpa", "hibernate-core", "org.hibernate:hibernate-core", "org.hibernate.orm:hibernate-core", "jakarta.persistence-api"}},
	{"prisma", []string{"prisma", "@prisma/client"}},
	{"typeorm", []string{"typeorm", "@nestjs/typeorm"}},
	{"sequelize", []string{"sequelize", "sequelize-typescript", "@nestjs/sequelize"}},
	{"mikro-orm", []string{"@mikro-orm/core"}},
	{"drizzle", []string{"drizzle-orm"}},
	{"gorm", []string{"gorm.io/gorm", "github.com/jinzhu/gorm"}},
	{"ent", []string{"entgo.io/ent"}},
	{"bun", []string{"github.com/uptrace/bun"}},
	{"ef-core", []string{"microsoft.entityframeworkcore"}},
	{"activerecord", []string{"activerecord", "rails"}},
	{"eloquent", []string{"laravel/framework"}},
	{"doctrine", []string{"doctrine/orm"}},
	{"jooq", []string{"jooq", "org.jooq:jooq", "spring-boot-starter-jooq"}},
	{"mybatis", []string{"mybatis", "mybatis-spring-boot-starter", "org.mybatis:mybatis"}},
	{"spring-data-jdbc", []string{"spring-boot-starter-data-jdbc"}},
	{"sqlc", nil},
	{"sqlx", []string{"github.com/jmoiron/sqlx"}},
	{"knex", []string{"knex"}},
	{"objection", []string{"objection"}},
	{"kysely", []string{"kysely"}},
	{"mongoose", []string{"mongoose", "@nestjs/mongoose"}},
	{"spring-data-mongodb", []string{"spring-boot-starter-data-mongodb"}},
	{"mongoengine", []string{"mongoengine"}},
	{"beanie", []string{"beanie"}},
})

type ormDeps struct {
	orm  string
	deps []string
}

// withPackORMs adds the stack packs' ORMs (Pack.Database.ORMs) that the
// list does not name yet, after it.
func withPackORMs(list []ormDeps) []ormDeps {
	known := map[string]int{}
	for i, o := range list {
		known[o.orm] = i
	}
	for _, pk := range stacks.All() {
		deps := make([]string, 0, len(pk.Database.ORMs))
		for dep := range pk.Database.ORMs {
			deps = append(deps, dep)
		}
		sort.Strings(deps)
		for _, dep := range deps {
			orm := pk.Database.ORMs[dep]
			i, ok := known[orm]
			if !ok {
				list = append(list, ormDeps{orm: orm})
				i = len(list) - 1
				known[orm] = i
			}
			if !slices.Contains(list[i].deps, dep) {
				list[i].deps = append(list[i].deps, dep)
			}
		}
	}
	return list
}

// Finish decides engines, ORM, models, relations and migrations.
func (d *detector) Finish(f *facts.Facts) {
	d.finishPython()
	d.finishGo()
	d.finishPacks()
	for _, fl := range d.prismaFields {
		if d.prismaModels[fl.typ] {
			d.addRelation(fl.loc)
		}
	}
	d.finishMigrations(f)

	db := facts.Database{}
	// Engines: dependencies first (sorted for a stable order), then what
	// configuration and code name.
	var depEng []string
	for dep := range f.Stack.Dependencies {
		if e := depEngine(dep); e != "" {
			depEng = append(depEng, e)
		}
	}
	sort.Strings(depEng)
	seen := map[string]bool{}
	add := func(e string, loc *facts.Location) {
		if seen[e] {
			return
		}
		seen[e] = true
		db.Engines = append(db.Engines, e)
		if loc != nil && len(db.Evidence) < scan.MaxEvidence {
			db.Evidence = append(db.Evidence, *loc)
		}
	}
	for _, e := range depEng {
		if l, ok := d.engineEv[e]; ok {
			add(e, &l)
		} else if f.Stack.Manifest != "" {
			add(e, &facts.Location{Path: f.Stack.Manifest})
		} else {
			add(e, nil)
		}
	}
	for _, e := range d.engines {
		l := d.engineEv[e]
		add(e, &l)
	}
	// Django falls back to SQLite when no other database is configured.
	if (f.Stack.Framework == "django" || f.Stack.HasDep("django")) && !anyRelational(db.Engines) {
		add("sqlite", d.djangoSet)
	}
	db.Relational = anyRelational(db.Engines)

	// Models: ORM declarations, else the tables created in SQL.
	perORM := map[string]int{}
	for _, m := range d.models {
		perORM[m.orm]++
	}
	db.ORM = pickORM(perORM, f.Stack, d.ormSeen)
	if len(d.models) > 0 {
		db.Models = len(d.models)
		// Evidence favours the main ORM's models.
		for _, m := range d.models {
			if m.orm == db.ORM && len(db.ModelEvidence) < scan.MaxEvidence {
				db.ModelEvidence = append(db.ModelEvidence, m.loc)
			}
		}
	} else {
		db.Models = len(d.tableOrder)
		for _, t := range d.tableOrder {
			if len(db.ModelEvidence) == scan.MaxEvidence {
				break
			}
			db.ModelEvidence = append(db.ModelEvidence, d.tables[t])
		}
	}
	db.Relations = d.relations
	f.Database = db
	f.Relationships = d.relations > 0
	f.RelationEvidence = d.relationEv
}

func anyRelational(engines []string) bool {
	for _, e := range engines {
		if relationalEngines[e] {
			return true
		}
	}
	return false
}

// pickORM names the ORM with most models; with none, the first ORM the
// dependencies declare; with none, one seen in the tree.
func pickORM(perORM map[string]int, st facts.Stack, seen map[string]bool) string {
	best, bestN := "", 0
	for _, o := range depORMs {
		if perORM[o.orm] > bestN {
			best, bestN = o.orm, perORM[o.orm]
		}
	}
	if best != "" {
		return best
	}
	for _, o := range depORMs {
		if st.HasDep(o.deps...) || seen[o.orm] {
			if o.orm == "django-orm" && st.Framework != "" && st.Framework != "django" {
				continue
			}
			return o.orm
		}
	}
	for dep := range st.Dependencies {
		if strings.HasPrefix(dep, "microsoft.entityframeworkcore") {
			return "ef-core"
		}
	}
	return ""
}
