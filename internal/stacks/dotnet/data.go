package dotnet

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	reMigrationClass = scan.MustCompile(`\bclass\s+\w+\s*:\s*(?:Microsoft\.EntityFrameworkCore\.Migrations\.)?Migration\b`)
	reMigrationAttr  = scan.MustCompile(`\[\s*Migration\s*\(\s*"(\d{14}_\w+)"`)
)

// IsMigration reports whether the file at p is one EF Core migration: a
// class deriving from Migration, not its *.Designer.cs half (which only
// holds the target model) and not the *ModelSnapshot.cs. Migrations do not
// have to live in a Migrations folder (dotnet ef --output-dir).
func IsMigration(p string, code []byte) bool {
	base := path.Base(p)
	if !strings.HasSuffix(base, ".cs") || strings.HasSuffix(base, ".Designer.cs") || strings.HasSuffix(base, "ModelSnapshot.cs") {
		return false
	}
	return reMigrationClass.Match(code)
}

// MigrationID returns the id of a migration ("20240110183000_InitialCreate")
// from its [Migration] attribute or, failing that, its file name; two
// files of one migration give the same id.
func MigrationID(p string, code []byte) string {
	if m := reMigrationAttr.FindSubmatch(code); m != nil {
		return string(m[1])
	}
	return strings.TrimSuffix(strings.TrimSuffix(path.Base(p), ".cs"), ".Designer")
}

var (
	// EnsureCreated builds the schema from the model without migrations:
	// a project that calls it has no versioned schema.
	EnsureCreated = scan.MustCompile(`\.EnsureCreated(?:Async)?\s*\(`)
	// ApplyMigrations applies EF Core migrations at start-up.
	ApplyMigrations = scan.MustCompile(`\.Database\s*\.\s*Migrate(?:Async)?\s*\(`)

	// Relationship is an EF Core relation: the fluent API, data
	// annotations, or a foreign key in a migration.
	Relationship = scan.MustCompile(`\.(?:HasOne|HasMany|WithOne|WithMany|HasForeignKey|HasPrincipalKey)\s*[<(]|\[\s*(?:ForeignKey|InverseProperty)\s*\(|\btable\.ForeignKey\s*\(`)

	// DbSet declares a model on a DbContext.
	DbSet = scan.MustCompile(`\bDbSet\s*<\s*(?:[\w.]+\.)?(\w+)\s*>`)

	reCollectionNav = scan.MustCompile(`\bpublic\s+(?:virtual\s+)?(?:ICollection|IList|List|IEnumerable|HashSet|ISet|IReadOnlyCollection|IReadOnlyList)\s*<\s*(\w+)\s*>\??\s+\w+\s*\{\s*get`)
	reReferenceNav  = scan.MustCompile(`\bpublic\s+(?:virtual\s+)?(?:required\s+)?([A-Z]\w*)\??\s+(\w+)\s*\{\s*get;[^}]*\}`)
	reIntProp       = scan.MustCompile(`\bpublic\s+(?:int|long|Guid|string|short)\??\s+(\w+Id)\s*\{`)
	reClassName     = scan.MustCompile(`\b(?:class|record)\s+([A-Z]\w*)`)
)

// Entities are what one file says about data models: DbSet types, classes
// declared, and the model types its navigation properties point to.
type Entities struct {
	// DbSets are the types of DbSet<T> properties.
	DbSets []string
	// Classes are the classes and records the file declares.
	Classes []string
	// Navigations are the element types of collection properties and the
	// types of reference properties that sit beside a matching foreign-key
	// property (Project Project + int ProjectId).
	Navigations []string
	// Fluent is set when the file configures relations explicitly.
	Fluent bool
}

// ScanEntities reads one file's models and navigation properties.
func ScanEntities(code []byte) Entities {
	var e Entities
	for _, m := range DbSet.FindAllSubmatch(code, -1) {
		e.DbSets = append(e.DbSets, string(m[1]))
	}
	for _, m := range reClassName.FindAllSubmatch(code, -1) {
		e.Classes = append(e.Classes, string(m[1]))
	}
	for _, m := range reCollectionNav.FindAllSubmatch(code, -1) {
		if t := string(m[1]); !builtinType(t) {
			e.Navigations = append(e.Navigations, t)
		}
	}
	fks := map[string]bool{}
	for _, m := range reIntProp.FindAllSubmatch(code, -1) {
		fks[string(m[1])] = true
	}
	for _, m := range reReferenceNav.FindAllSubmatch(code, -1) {
		t, name := string(m[1]), string(m[2])
		if !builtinType(t) && (fks[name+"Id"] || fks[t+"Id"]) {
			e.Navigations = append(e.Navigations, t)
		}
	}
	e.Fluent = Relationship.Match(code)
	return e
}

// Related reports whether the project's models are related: explicit
// fluent configuration or annotations anywhere, or a navigation property
// whose type is another model (a DbSet type, or a class of the project
// when no DbContext lists its sets).
func Related(files []Entities) bool {
	models := map[string]bool{}
	classes := map[string]bool{}
	for _, f := range files {
		if f.Fluent {
			return true
		}
		for _, t := range f.DbSets {
			models[t] = true
		}
		for _, c := range f.Classes {
			classes[c] = true
		}
	}
	if len(models) == 0 {
		models = classes
	}
	for _, f := range files {
		for _, n := range f.Navigations {
			if models[n] {
				return true
			}
		}
	}
	return false
}

func builtinType(t string) bool {
	switch t {
	case "string", "String", "int", "long", "Guid", "DateTime", "DateTimeOffset", "DateOnly", "TimeOnly", "decimal", "double",
		"float", "bool", "byte", "Claim", "IFormFile", "Uri", "TimeSpan", "object", "JsonElement":
		return true
	}
	return false
}

// DatabaseProvider is an EF Core provider or ADO.NET driver and the
// engine it talks to.
type DatabaseProvider struct {
	Re     *scan.Regexp
	Engine string // postgresql, sqlserver, mysql, sqlite, oracle, mongodb, in-memory
}

// Providers are matched on code; InMemory and MongoDB do not count as a
// relational database.
var Providers = []DatabaseProvider{
	{scan.MustCompile(`\.UseNpgsql\s*\(|\bNpgsqlConnection\b`), "postgresql"},
	{scan.MustCompile(`\.UseSqlServer\s*\(|\.UseAzureSql\s*\(|\bSqlConnection\b`), "sqlserver"},
	{scan.MustCompile(`\.UseMySql\s*\(|\.UseMySQL\s*\(|\bMySqlConnection\b`), "mysql"},
	{scan.MustCompile(`\.UseSqlite\s*\(|\bSqliteConnection\b`), "sqlite"},
	{scan.MustCompile(`\.UseOracle\s*\(`), "oracle"},
	{scan.MustCompile(`\bnew\s+MongoClient\s*\(|\bIMongoDatabase\b`), "mongodb"},
	{scan.MustCompile(`\.UseInMemoryDatabase\s*\(`), "in-memory"},
}

// ProviderPackages maps NuGet packages (lower case) to their engine.
var ProviderPackages = map[string]string{
	"npgsql.entityframeworkcore.postgresql":   "postgresql",
	"npgsql":                                  "postgresql",
	"microsoft.entityframeworkcore.sqlserver": "sqlserver",
	"microsoft.data.sqlclient":                "sqlserver",
	"system.data.sqlclient":                   "sqlserver",
	"pomelo.entityframeworkcore.mysql":        "mysql",
	"mysql.entityframeworkcore":               "mysql",
	"mysqlconnector":                          "mysql",
	"mysql.data":                              "mysql",
	"microsoft.entityframeworkcore.sqlite":    "sqlite",
	"microsoft.data.sqlite":                   "sqlite",
	"oracle.entityframeworkcore":              "oracle",
	"mongodb.driver":                          "mongodb",
	"mongodb.entityframeworkcore":             "mongodb",
	"microsoft.entityframeworkcore.inmemory":  "in-memory",
}

// Relational reports whether an engine is a relational database.
func Relational(engine string) bool {
	switch engine {
	case "postgresql", "sqlserver", "mysql", "sqlite", "oracle":
		return true
	}
	return false
}
