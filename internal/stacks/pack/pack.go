// Package pack defines what a stack pack is: everything vetfolio knows
// about one language group (its languages, frameworks, and the code
// patterns of routes, authentication, error handling, logging, models,
// migrations, generated OpenAPI and tests) and the fix texts it gives.
//
// A pack is plain data plus a few optional functions; the concern
// detectors (internal/detect/*) are engines that read the active packs'
// tables. Packs live in internal/stacks/<group> and are listed once in
// internal/stacks (registry.go).
package pack

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is one language group: the languages that share a syntax and an
// ecosystem (Java and Kotlin; JavaScript and TypeScript), their
// frameworks, and the patterns the detectors apply to their source.
// Every field but ID, Name and Languages is optional: an empty table
// means "nothing known", never "fail".
type Pack struct {
	// ID is the group's key, what stacks.Group returns for its files:
	// python, jvm, js, go, dotnet, ruby, php.
	ID string
	// Name is shown to users ("Python", "Java/Kotlin", "C#/.NET").
	Name string
	// Languages maps a lower-cased source extension (".py") to the
	// language ID the facts use (facts.Stack.Language: python, java,
	// kotlin, javascript, typescript, go, csharp, ruby, php). The language
	// ID also selects the comment syntax scan.Code blanks.
	Languages map[string]string
	// Ecosystem is the manifest family the stack detector reads for the
	// group (python, jvm, node, go, ruby, dotnet, php): a framework is
	// looked for among the dependencies of that family's manifests.
	Ecosystem string
	// Frameworks are the group's backend frameworks, the most specific
	// first (NestJS before the Express it runs on): the first whose
	// markers a manifest declares is the project's framework.
	Frameworks []Framework

	// Auth is how the group's code authenticates.
	Auth Auth
	// Errors is how the group's code handles errors.
	Errors Errors
	// Logging is how the group's code logs.
	Logging Logging
	// Routes are declarative route patterns, applied to every source file
	// of the group. (Python, JVM, JS and Go routes are read by the
	// hand-written scanners in internal/detect/code, which also resolve
	// prefixes mounted across files; a new pack uses these.)
	Routes []RoutePattern
	// NewRouteScanner, when set, reads the group's routes with code: a
	// fresh scanner per audit is shown every source file of the group
	// (tests excepted), then asked for the routes, mounts and prefixes
	// resolved (Rails' routes.rb DSL, Laravel's route files,
	// ASP.NET's [Route] prefixes). Used besides Routes.
	NewRouteScanner func() RouteScanner
	// Pagination finds paginated list queries in the group's code
	// (kaminari's .page(, ->paginate(, Skip/Take).
	Pagination *scan.Regexp
	// Database is the group's ORMs, models, relations and migrations.
	Database Database
	// OpenAPI lists the generators that serve a document from the code.
	OpenAPI []Generator
	// Tests is how the group's tests look.
	Tests Tests
	// Secrets are committed secrets the generic rules cannot see (Rails'
	// config/master.key, Laravel's APP_KEY), and lines they must not
	// report (devise's commented secret_key template).
	Secrets Secrets
	// Security are signs of input validation, rate limiting and CORS.
	// (Python, JVM, JS and Go keep theirs in internal/detect/security,
	// whose table also knows frameworks and prerequisites.)
	Security []SecuritySignal

	// Fixes are the group's fix texts by check ID ("auth.mechanism"),
	// used when the project's framework has none for that check.
	Fixes Fixes
}

// Framework is one backend framework of a pack.
type Framework struct {
	// ID is the facts' framework ID (facts.Stack.Framework): fastapi,
	// spring-boot, express, gin, aspnet, rails, laravel, ...
	ID string
	// Name is shown to users ("FastAPI", "Spring Boot").
	Name string
	// Deps are exact dependency names (lower-cased, as the manifest
	// readers spell them) that declare the framework; DepPrefixes match
	// any dependency that starts with one of them.
	Deps, DepPrefixes []string
	// Weak frameworks serve pages more than APIs (Next.js): one loses a
	// monorepo to any other backend.
	Weak bool
	// Probe lists the URLs the live probe tries first for this framework.
	Probe Probe
	// Entry is the file a project of this framework usually starts from
	// (src/index.js), named in fixes ({entry}) when the project's own
	// entry file was not found.
	Entry string
	// Fixes are fix texts by check ID, preferred over the pack's.
	Fixes Fixes
}

// Probe is where a framework serves its health, docs and spec by default.
// The probe tries Docs and Spec first, then the generic lists every stack
// shares; Health, when set, replaces the generic health list (after the
// health route found in the code).
type Probe struct {
	Health, Docs, Spec []string
}

// Fixes maps a check ID ("database.migrations") to the steps that make it
// pass on this stack, each a verb phrase. A key may be qualified by what
// the project uses ("database.migrations|orm=mongoose",
// "readme.configuration|!dep=dotenv"); steps may hold {entry}, the
// project's entry file. stacks.Fix documents both.
type Fixes map[string][]string

// Signal is one sign in source: a regexp and what it shows.
type Signal struct {
	// Re is matched on comment-blanked source.
	Re *scan.Regexp
	// Lib names the library it shows ("pyjwt"); Kind is an auth kind
	// (jwt, oauth, session, basic, api-key) and Hash a password hash
	// (bcrypt, argon2, pbkdf2, scrypt, other), either may be empty.
	Lib, Kind, Hash string
}

// Sig compiles a Signal.
func Sig(re, lib, kind, hash string) Signal {
	return Signal{Re: scan.MustCompile(re), Lib: lib, Kind: kind, Hash: hash}
}

// DepSignal is an auth library or password hash named by a dependency.
type DepSignal struct {
	Lib, Kind, Hash string
}

// Auth is a group's authentication knowledge.
type Auth struct {
	// Code signals are matched on every source file of the group.
	Code []Signal
	// Deps are dependency names that imply a library, kind or hash even
	// when the code was not seen to use them.
	Deps map[string]DepSignal
	// Protect finds the places where routes require authentication (an
	// [Authorize] attribute, a before_action, an auth middleware); each
	// match counts once per line.
	Protect []*scan.Regexp
	// Protections, when set, replaces Protect with code: it returns the
	// offsets in code where routes require authentication.
	Protections func(code []byte) []int
	// KeyAssign finds a signing key written as a literal: group 1 is the
	// name (may be empty or absent: a literal passed straight to the key
	// constructor, then it counts in files that use a JWT library), group
	// 2 the value.
	KeyAssign *scan.Regexp
}

// StatusPattern finds an HTTP status in source: group 1 is the number, or
// with ByName a status name (NotFound, NOT_FOUND, not_found).
type StatusPattern struct {
	Re     *scan.Regexp
	ByName bool
}

// Num and Name compile StatusPatterns.
func Num(re string) StatusPattern { return StatusPattern{Re: scan.MustCompile(re)} }

// Name compiles a StatusPattern whose group 1 is a status name.
func Name(re string) StatusPattern { return StatusPattern{Re: scan.MustCompile(re), ByName: true} }

// Errors is a group's error-handling knowledge.
type Errors struct {
	// Status finds the 4xx/5xx statuses the code returns.
	Status []StatusPattern
	// Central finds a central error handler (an exception filter, a
	// rescue_from, an exception handler registration).
	Central *scan.Regexp
	// Scan, when set, is called on every source file for what a table
	// cannot say (Express's four-argument middleware); it reports
	// statuses and central handlers through the sink.
	Scan func(src Source, sink ErrorSink)
}

// ErrorSink receives what Errors.Scan finds.
type ErrorSink interface {
	Status(code int, at facts.Location)
	Central(at facts.Location)
}

// LogKind says what a logging pattern shows.
type LogKind int

// Kinds of logging signal.
const (
	LogUse        LogKind = iota // the library is used, not set up
	LogConfigured                // the logger is set up
	LogRequest                   // requests are logged (implies a configured logger)
)

// LogPattern is a logging signal: in files that contain Need (when set),
// Re means Lib is used, configured or logs requests.
type LogPattern struct {
	Lib  string
	Kind LogKind
	Re   *scan.Regexp
	Need string
}

// Log compiles a LogPattern.
func Log(lib string, kind LogKind, re, need string) LogPattern {
	return LogPattern{Lib: lib, Kind: kind, Re: scan.MustCompile(re), Need: need}
}

// Logging is a group's logging knowledge.
type Logging struct {
	Patterns []LogPattern
	// Middleware marks hand-written request middleware; LogsRequest a log
	// call that names the request's method or path. Both in one file mean
	// requests are logged.
	Middleware, LogsRequest *scan.Regexp
	// Health finds a health endpoint registered without a route (group 1
	// is its path when known, else the match counts as "/health").
	Health *scan.Regexp
}

// RoutePattern is a declarative route: Re's group Method is the HTTP verb
// (or Verb is fixed), group Path the path.
type RoutePattern struct {
	Re *scan.Regexp
	// Method and Path are submatch indexes; 0 means absent.
	Method, Path int
	// Verb is the HTTP method when the pattern implies it (MapGet: GET).
	Verb string
	// Resource, when true, makes the match a REST resource: the path
	// names it and the standard index/show/create/update/destroy routes
	// are counted (Rails resources :users, Laravel Route::apiResource).
	Resource bool
}

// Database is a group's ORM, model and migration knowledge.
type Database struct {
	// ORMs maps a dependency to the ORM it is (ef-core, active-record,
	// eloquent); the facts' Database.ORM.
	ORMs map[string]string
	// Model finds a model declaration (group 1 is its name when known);
	// Relation a relation between models.
	Model, Relation *scan.Regexp
	// Skip, when set, keeps a file's models and relations out (Rails 8's
	// db/queue_schema.rb, an abstract ApplicationRecord is better left
	// out of Model's regexp).
	Skip func(path string) bool
	// NewScanner, when set, reads models and relations with code that
	// needs the whole tree (EF Core navigation properties relate the
	// DbSet<T> entities of another file). Used besides Model/Relation.
	NewScanner func() ModelScanner
	// Migrations are the group's migration tools.
	Migrations []MigrationTool
	// Schema reads the tables the group's migrations and models declare
	// (internal/detect/schema applies them; see internal/schema).
	Schema []schema.Reader
}

// MigrationTool recognises one tool's migration files by their path.
type MigrationTool struct {
	// Tool is the facts' migrations tool (efcore, rails, laravel).
	Tool string
	// Path matches the slash-separated path of a migration file
	// (`(^|/)db/migrate/\d+_\w+\.rb$`); files under test folders never count.
	Path *scan.Regexp
	// Skip, when set, rejects a matching file that is not a migration
	// (EF Core's *.Designer.cs).
	Skip func(path string) bool
	// Count, when set, is asked with the file's content whether a
	// matching file is one of the project's own migrations (Laravel's
	// stock users migration only when edited).
	Count func(path string, data []byte) bool
}

// Generator is an OpenAPI generator: a library that serves a document
// built from the code.
type Generator struct {
	// Name is the facts' OpenAPI.Generator (swashbuckle, rswag, scribe).
	Name string
	// Deps declare it; Code shows it wired in (either is enough).
	Deps []string
	Code *scan.Regexp
	// Kind is framework-generated or annotations.
	Kind string
	// Quality, when set, counts the documentation written for the
	// generator in one source file (swagger-php attributes, rswag specs).
	// It is given the file as read, comments included: some generators
	// publish doc comments (C# XML <summary>, PHP docblocks).
	Quality func(data []byte) DocQuality
}

// DocQuality is the documentation counted in one file for a generator.
type DocQuality struct {
	// Operations documented, those Described (summary or description),
	// those documenting an ErrorResponse (4xx/5xx).
	Operations, Described, ErrorResponses int
	// SecuritySchemes is true when the file declares a security scheme.
	SecuritySchemes bool
}

// Tests is a group's test knowledge. Which files are tests is decided by
// scan.IsTestPath, which knows the conventions of every pack (x_test.go,
// test_x.py, XTests.cs, x_spec.rb, XTest.php, files under tests/ or spec/).
type Tests struct {
	// Languages holds each language's test patterns, by language ID
	// (Kotlin's differ from Java's).
	Languages map[string]TestLanguage
	// Framework settles a test file's framework from what its code
	// showed (found, maybe "") and the project's dependencies; nil keeps
	// found.
	Framework func(path, found string, st facts.Stack) string
	// CI finds a shell command that runs the group's tests in a CI step
	// ("dotnet test", "bundle exec rspec"), besides the commands every
	// stack shares (make test, a tests script). Matched on one command.
	CI *scan.Regexp
}

// TestLanguage is what identifies tests in one language.
type TestLanguage struct {
	// Test finds a test (a test function, a [Fact], an it "...").
	Test *scan.Regexp
	// Frameworks name the framework a file's code betrays, first match wins.
	Frameworks []Named
	// Integration finds a test that goes through the HTTP layer.
	Integration *scan.Regexp
	// Boilerplate reports whether a file holds only a generated test
	// (Spring's contextLoads, Laravel's ExampleTest), given the code and
	// the number of tests found in it.
	Boilerplate func(code []byte, tests int) bool
}

// Named is a regexp with the name of what it shows.
type Named struct {
	Name string
	Re   *scan.Regexp
}

// N compiles a Named.
func N(name, re string) Named { return Named{Name: name, Re: scan.MustCompile(re)} }

// Secrets is a group's knowledge of committed secrets. Every file of the
// repository is offered (not only the group's source): Find sees a file
// after the generic rules, NotSecret filters their findings.
type Secrets struct {
	// Find returns the secrets in one file: the 1-based line and the
	// rule name ("rails-master-key"). The value is never returned.
	Find func(path string, data []byte) []SecretAt
	// NotSecret reports whether a line the generic rules flagged is no
	// secret (a generated template, a validation rule string).
	NotSecret func(path, line string) bool
}

// SecretAt is one committed secret a pack found.
type SecretAt struct {
	Line int
	Rule string
	// Redacted, when set, is what reports show instead of the value: its
	// name and first characters, "Jwt:Key = x3vQ****" (never the value).
	Redacted string
}

// SecuritySignal is a sign of security hygiene in the group's code.
type SecuritySignal struct {
	// Kind is validation, rate-limit, cors or cors-wildcard (CORS open
	// to any origin).
	Kind string
	// Name is what the facts report (facts.Security.Validation,
	// RateLimit): "fluentvalidation", "rack-attack".
	Name string
	Re   *scan.Regexp
}

// Route is one route a RouteScanner found.
type Route struct {
	// Method is the HTTP method (GET, POST, ...), Path its full path with
	// every prefix applied ("/api/v1/books/{id}").
	Method, Path string
	// At is where the route is declared.
	At facts.Location
	// Protected is true when the route requires authentication (an
	// [Authorize] controller, a before_action, an auth:sanctum group):
	// it then counts as a protected place for auth.protected-routes.
	Protected bool
}

// RouteScanner reads a group's routes (Pack.NewRouteScanner). Scan is
// called once per source file of the group, in file order, with comments
// blanked; Routes once at the end.
type RouteScanner interface {
	Scan(src Source)
	Routes() []Route
}

// ModelScanner reads a group's models and relations (Database.NewScanner).
type ModelScanner interface {
	Scan(src Source)
	// Models returns the model (entity) declarations; Relations where
	// models are related.
	Models() []Model
	Relations() []facts.Location
}

// Model is one model declaration.
type Model struct {
	Name string
	At   facts.Location
}

// Source is one source file as a pack's function sees it.
type Source struct {
	Path string
	// Lang is the language ID; Code the content with comments blanked.
	Lang string
	Code []byte
}

// Loc returns the location of byte offset off.
func (s Source) Loc(off int) facts.Location {
	return facts.Location{Path: s.Path, Line: scan.LineAt(s.Code, off)}
}

// FrameworkByID returns the pack's framework with that ID.
func (p *Pack) FrameworkByID(id string) (Framework, bool) {
	for _, f := range p.Frameworks {
		if f.ID == id {
			return f, true
		}
	}
	return Framework{}, false
}
