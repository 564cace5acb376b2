// Package facts holds the typed inventory of a repository: what the
// detectors find, what the live probe sees, and what the rubric (package
// rules) judges. It imports nothing of vetfolio, so the detectors and the
// probe depend on it without depending on the rubric. Its JSON form is the
// "facts" member of the report contract (schema_version 1).
package facts

import "time"

// Location points at the evidence for a finding: a file and line in the
// repository, or a URL seen by the live probe.
type Location struct {
	Path string `json:"path"`
	Line int    `json:"line,omitempty"`
	// URL is set instead of Path for evidence seen on the deployed service.
	URL string `json:"url,omitempty"`
}

// Facts is the typed inventory of a repository that every rule reads. It is
// built in one pass over a snapshot (internal/collect) and, when a deployed URL
// was probed, completed by the live probe. Its JSON form is the "facts"
// member of the report contract (schema_version 1); fields tagged "-" are
// evidence the rules use but the contract does not carry.
type Facts struct {
	Stack      Stack      `json:"stack"`
	Auth       Auth       `json:"auth"`
	Database   Database   `json:"database"`
	Migrations Migrations `json:"migrations"`
	// Schema is the tables the migrations (or models) declare; zero when
	// none could be read.
	Schema        Schema        `json:"schema,omitzero"`
	Relationships bool          `json:"relationships"`
	OpenAPI       OpenAPI       `json:"openapi"`
	Deploy        Deploy        `json:"deploy"`
	Tests         Tests         `json:"tests"`
	CI            CI            `json:"ci"`
	ErrorHandling ErrorHandling `json:"error_handling"`
	Logging       Logging       `json:"logging"`
	Endpoints     int           `json:"endpoints"`
	Routes        Routes        `json:"routes"`
	History       History       `json:"history"`
	Secrets       []Secret      `json:"secrets"`
	Security      Security      `json:"security"`
	Readme        Readme        `json:"readme"`
	Scope         Scope         `json:"scope"`
	Live          *Live         `json:"live,omitempty"`
	Files         int           `json:"files"`
	// Container and Structure are read by the platform and enterprise
	// profiles' extra checks (types in platform.go).
	Container Container `json:"container,omitzero"`
	Structure Structure `json:"structure,omitzero"`
	// GraphQL is the GraphQL API the project serves, if any (zero when none).
	GraphQL GraphQL `json:"graphql,omitzero"`
	// InlineIgnores are the findings silenced in the code with
	// "vetfolio:ignore CHECK-ID reason"; the audit applies them like the
	// configuration's turned-off checks (not under --strict).
	InlineIgnores []InlineIgnore `json:"inline_ignores,omitempty"`

	// RelationEvidence shows where relationships were found.
	RelationEvidence []Location `json:"-"`
	// ProbeSkipped says why the live probe did not run (offline, no URL);
	// empty when it ran.
	ProbeSkipped string `json:"-"`
}

// Stack is the project's main language and framework.
type Stack struct {
	Language  string `json:"language"`
	Framework string `json:"framework"`
	// Frameworks lists every recognised framework, main one first.
	Frameworks []string `json:"frameworks,omitempty"`
	// Manifest is the manifest the stack was read from (package.json, pom.xml, ...).
	Manifest string `json:"manifest,omitempty"`
	// BuildTool is maven, gradle, npm, pnpm, yarn, poetry, pip, go, ... when known.
	BuildTool string `json:"build_tool,omitempty"`
	// Dependencies are the lower-cased dependency names declared in every
	// manifest found, for detectors to consult.
	Dependencies map[string]bool `json:"-"`
	// Unsupported names a stack no stack pack knows ("Elixir/Phoenix"):
	// the criteria read from the code cannot be judged and are skipped.
	Unsupported string `json:"unsupported,omitempty"`
	// ORM and Entry are set by the rubric from the other facts when it
	// asks for a fix (the project's ORM, the file that starts its
	// application), so that the advice names what the project uses.
	ORM   string `json:"-"`
	Entry string `json:"-"`
}

// HasDep reports whether any manifest declares one of the named dependencies.
func (s Stack) HasDep(names ...string) bool {
	for _, n := range names {
		if s.Dependencies[n] {
			return true
		}
	}
	return false
}

// Auth describes how the API authenticates callers.
type Auth struct {
	// Kind is jwt, oauth, session, basic, api-key or none.
	Kind string `json:"kind"`
	// Libraries are the auth libraries in use (pyjwt, spring-security, passport, ...).
	Libraries []string `json:"libraries,omitempty"`
	// PasswordHashing is bcrypt, argon2, pbkdf2, scrypt, other or none.
	PasswordHashing string `json:"password_hashing"`
	// ProtectedRoutes counts the places where routes require authentication
	// (a dependency, decorator, guard, middleware or security rule).
	ProtectedRoutes int `json:"protected_routes"`

	Evidence          []Location `json:"-"`
	HashingEvidence   []Location `json:"-"`
	ProtectedEvidence []Location `json:"-"`
	// HardcodedKeys are JWT signing keys written as literals in code.
	HardcodedKeys []Location `json:"-"`
	// Passwordless is true when the code never names a user password (no
	// password field, no password login): a magic-link or OAuth-only login
	// has nothing to hash.
	Passwordless bool `json:"passwordless,omitempty"`
}

// Database describes the data store the project uses.
type Database struct {
	// Engines are postgres, mysql, sqlite, sqlserver, oracle, mariadb,
	// h2, mongodb, redis, dynamodb, ... in order of evidence.
	Engines []string `json:"engines,omitempty"`
	// Relational is true when at least one engine is a relational database.
	Relational bool `json:"relational"`
	// ORM is sqlalchemy, django-orm, jpa, prisma, typeorm, sequelize, gorm, ... when found.
	ORM string `json:"orm,omitempty"`
	// Models counts model or entity declarations.
	Models int `json:"models"`
	// Relations counts relation declarations (foreign keys, ORM relation
	// fields) between models.
	Relations int `json:"relations"`

	Evidence      []Location `json:"-"`
	ModelEvidence []Location `json:"-"`
}

// Migrations describes schema migrations.
type Migrations struct {
	// Tool is alembic, django, flyway, liquibase, prisma, typeorm,
	// sequelize, knex, golang-migrate, goose, atlas, rails, efcore, other or none.
	Tool string `json:"tool"`
	// Count counts migration versions; an up/down pair is one.
	Count int `json:"count"`
	// Dir is the folder most migrations live in.
	Dir string `json:"dir,omitempty"`
	// DirCount counts the versions in Dir (0: all Count of them).
	DirCount int `json:"-"`
	// Folders counts the folders the versions live in, each starting with
	// its own first migration (two Django apps' 0001_initial.py are two
	// folders); 0 means one.
	Folders int `json:"-"`

	Evidence []Location `json:"-"`
}

// OpenAPI describes the API's OpenAPI/Swagger document.
type OpenAPI struct {
	// Kind is static-file, framework-generated, annotations or none.
	Kind string `json:"kind"`
	Path string `json:"path,omitempty"`
	// Valid reports whether the static document loaded and validated; true
	// for generated documents, which the framework keeps valid.
	Valid bool `json:"valid"`
	// Error is why the static document did not load or validate.
	Error string `json:"error,omitempty"`
	// Version is the document's openapi or swagger version.
	Version string `json:"version,omitempty"`
	// Generator names the library that generates the document
	// (fastapi, springdoc, drf-spectacular, nestjs-swagger, swaggo, ...).
	Generator string `json:"generator,omitempty"`
	// Operations counts operations in the static document.
	Operations int `json:"operations"`
	// Described counts operations with a summary or description.
	Described int `json:"described"`
	// ErrorResponses counts operations documenting a 4xx or 5xx response.
	ErrorResponses int `json:"error_responses"`
	// SecuritySchemes is true when the document declares security schemes.
	SecuritySchemes bool `json:"security_schemes"`
	// ExternalRefs lists $refs to URLs or to files outside the tree, which
	// are reported and never fetched.
	ExternalRefs []string `json:"external_refs,omitempty"`
	// Paths lists "METHOD /path" for each operation of the static document.
	OperationKeys []string `json:"-"`

	Evidence []Location `json:"-"`
	// CountRoutes is set when a generated document's annotations count no
	// operations: the collector then counts the routes the code serves
	// (Endpoints) as its operations, capping Described and ErrorResponses
	// (which hold the raw counts until then) by them.
	CountRoutes bool `json:"-"`
	// AllErrorResponses is set when error responses are documented for
	// every operation at once (springdoc reading @ControllerAdvice).
	AllErrorResponses bool `json:"-"`
	// ImplementedAt is where the code implements interfaces generated
	// from the static document (a contract-first server): the collector
	// adds the document's operations to the routes.
	ImplementedAt *Location `json:"-"`
}

// Deploy describes deployment configuration and the deployed URL.
type Deploy struct {
	// Configs are Dockerfile, docker-compose, fly.toml, render.yaml,
	// railway, Procfile, app.yaml, vercel.json, kubernetes, helm,
	// terraform, app.json, ...
	Configs []string `json:"configs"`
	// URL is the deployed URL found in the README, the GitHub homepage or
	// deployments, or given by the user.
	URL string `json:"url,omitempty"`
	// URLSource says where URL came from: flag, config, homepage,
	// deployment or readme.
	URLSource string `json:"url_source,omitempty"`
	// Pipeline is true when a CI workflow deploys (flyctl deploy, railway
	// up, gcloud run deploy, docker push, a deploy action, ...).
	Pipeline bool `json:"pipeline"`

	Evidence    []Location `json:"-"`
	URLEvidence []Location `json:"-"`
	// PipelineEvidence points at the deploy steps of CI workflows.
	PipelineEvidence []Location `json:"-"`
}

// Tests describes automated tests.
type Tests struct {
	Files int `json:"files"`
	// Framework is pytest, unittest, django, junit, jest, vitest, mocha,
	// go-test, ... when known.
	Framework string `json:"framework,omitempty"`
	// Integration is true when tests exercise the HTTP layer (TestClient,
	// MockMvc, supertest, httptest, ...).
	Integration bool `json:"integration"`
	// Boilerplate counts test files that only hold the test the framework
	// generated (Spring's contextLoads, Nest's "Hello World!" specs); they
	// are not counted in Files.
	Boilerplate int `json:"boilerplate,omitempty"`

	Evidence []Location `json:"-"`
	// IntegrationEvidence points at tests that exercise the HTTP layer.
	IntegrationEvidence []Location `json:"-"`
}

// CI describes continuous integration.
type CI struct {
	Providers []string `json:"providers"`
	RunsTests bool     `json:"runs_tests"`
	// LastConclusion is the conclusion of the latest workflow run on the
	// default branch (success, failure, ...) when known from GitHub.
	LastConclusion string `json:"last_conclusion,omitempty"`

	Evidence []Location `json:"-"`
}

// ErrorHandling describes how the API reports errors.
type ErrorHandling struct {
	// Central is true when a central error handler exists (exception
	// handler, @ControllerAdvice, error middleware, exception filter).
	Central bool `json:"central"`
	// StatusCodes lists the distinct 4xx/5xx status codes the code raises.
	StatusCodes []int `json:"status_codes,omitempty"`

	Evidence       []Location `json:"-"`
	StatusEvidence []Location `json:"-"`
}

// Logging describes logging and health checks.
type Logging struct {
	// Library is the logging library configured (logging, structlog,
	// loguru, slf4j, logback, winston, pino, morgan, zap, zerolog, slog, ...).
	Library string `json:"library"`
	// Configured is true when the logger is set up, not only imported.
	Configured bool `json:"configured"`
	// RequestLogging is true when requests are logged by middleware.
	RequestLogging bool `json:"request_logging"`
	// HealthPath is the route of a health endpoint in the code.
	HealthPath string `json:"health_path,omitempty"`

	Evidence        []Location `json:"-"`
	RequestEvidence []Location `json:"-"`
	HealthEvidence  []Location `json:"-"`
}

// Routes summarises the HTTP routes declared in the code.
type Routes struct {
	// Methods counts routes by HTTP method.
	Methods map[string]int `json:"methods,omitempty"`
	// Resources are the distinct first path segments after any API prefix
	// (users, orders, ...).
	Resources []string `json:"resources,omitempty"`
	// List holds "METHOD /path" of every route found, for drift checks.
	List []string `json:"-"`

	Evidence []Location `json:"-"`
	// Entry is the file that creates the application or root router
	// (app.js, src/main.ts, main.py), the shallowest when several do; ""
	// when none was seen.
	Entry string `json:"-"`
	// ProtectedCount counts the routes a stack pack's route scanner saw
	// declared with authentication, Protected shows the first few; the
	// collector adds them to facts.Auth.ProtectedRoutes.
	ProtectedCount int        `json:"-"`
	Protected      []Location `json:"-"`
}

// History summarises the commit history.
type History struct {
	// Available is false when there is no git history to read; Reason says why.
	Available bool   `json:"available"`
	Reason    string `json:"reason,omitempty"`

	Commits     int    `json:"commits"`
	ActiveWeeks int    `json:"active_weeks"`
	SpanWeeks   int    `json:"span_weeks"`
	Authors     int    `json:"authors"`
	First       string `json:"first,omitempty"`
	Last        string `json:"last,omitempty"`
	// LongestGapDays is the longest stretch without a commit.
	LongestGapDays int `json:"longest_gap_days"`
	// BulkCommit is the hash of one commit that added most of the files, if any.
	BulkCommit string `json:"bulk_commit,omitempty"`
	// BulkShare is the share of the files the bulk commit added (0..1).
	BulkShare float64 `json:"bulk_share"`
	// VagueShare is the share of commits with uninformative messages (0..1).
	VagueShare float64 `json:"vague_share"`
	// DaysSinceLast counts days from the last commit to the audit.
	DaysSinceLast int `json:"days_since_last"`
	// Truncated is true when only the newest commits up to a cap were read.
	Truncated bool `json:"truncated,omitempty"`
	// VagueExamples are up to five uninformative messages.
	VagueExamples []string `json:"-"`

	// ActiveDays counts distinct days (UTC) with a commit.
	ActiveDays int `json:"active_days"`
	// SpanDays counts days from the first commit to the last.
	SpanDays int `json:"-"`
	// BulkUpload is true when BulkCommit looks like the project uploaded in
	// one go: it added most of a repository of some size and little history
	// followed (internal/detect/history documents the thresholds).
	BulkUpload bool `json:"bulk_upload"`
	// BulkSubject is the bulk commit's message; BulkAdded the files it
	// added; CommitsAfterBulk the commits made after it.
	BulkSubject      string `json:"-"`
	BulkAdded        int    `json:"-"`
	CommitsAfterBulk int    `json:"-"`
	// CodeBulk is set when the bulk upload is seen in the code alone: one
	// commit added CodeBulkAdded of CodeFiles program source files and only
	// CodeCommitsAfter later commits changed any code (README and
	// .gitignore commits after an upload do not make it a history).
	CodeBulk         bool   `json:"-"`
	CodeBulkCommit   string `json:"-"`
	CodeBulkAdded    int    `json:"-"`
	CodeFiles        int    `json:"-"`
	CodeCommitsAfter int    `json:"-"`
	// AddedKnown is false when the history does not say which files each
	// commit added (a source that lists commits without their files); the
	// bulk upload cannot be judged then.
	AddedKnown bool `json:"-"`
	// MessageCommits counts the commits whose messages were judged (merges
	// left out); VagueCommits those found uninformative.
	MessageCommits int `json:"-"`
	VagueCommits   int `json:"-"`
}

// Secret is a credential committed to the repository. Its value is never
// kept: only where it is and which rule matched.
type Secret struct {
	Path string `json:"path"`
	Line int    `json:"line"`
	Rule string `json:"rule"`
	// Redacted shows the matched text with the secret masked.
	Redacted string `json:"redacted,omitempty"`
}

// Security describes security hygiene beyond secrets.
type Security struct {
	// EnvFiles are .env files committed to the repository (not examples).
	EnvFiles []string `json:"env_files,omitempty"`
	// EnvIgnored is true when .gitignore ignores .env.
	EnvIgnored bool `json:"env_ignored"`
	// Validation names the input validation in use (pydantic, bean-validation,
	// class-validator, joi, zod, express-validator, validator, ...).
	Validation string `json:"validation,omitempty"`
	// RateLimit names the rate limiter in use.
	RateLimit string `json:"rate_limit,omitempty"`
	// CORS is true when CORS is configured explicitly.
	CORS bool `json:"cors"`
	// CORSWildcard is true when CORS allows every origin.
	CORSWildcard bool `json:"cors_wildcard"`

	ValidationEvidence []Location `json:"-"`
	RateLimitEvidence  []Location `json:"-"`
	CORSEvidence       []Location `json:"-"`
	GitignoreEvidence  []Location `json:"-"`
}

// Readme describes the README.
type Readme struct {
	Path  string `json:"path,omitempty"`
	Words int    `json:"words"`
	// Sections found: setup, configuration, api-docs, live-url, tests,
	// tech-stack, architecture, screenshots.
	Sections []string `json:"sections,omitempty"`
	// URLs are links to hosting platforms found in the README.
	URLs []string `json:"urls,omitempty"`
	// Boilerplate is true when the README is a framework's template
	// (Create React App, the NestJS starter, Spring Initializr's HELP.md).
	Boilerplate bool `json:"boilerplate"`

	SectionEvidence map[string]Location `json:"-"`
}

// HasSection reports whether the README has the named section.
func (r Readme) HasSection(name string) bool {
	for _, s := range r.Sections {
		if s == name {
			return true
		}
	}
	return false
}

// Scope describes how far the project goes beyond a hello-world CRUD.
type Scope struct {
	// Pagination is true when list endpoints paginate.
	Pagination bool `json:"pagination"`
	// Client is the path of a client or frontend that consumes the API.
	Client string `json:"client,omitempty"`
	// BackgroundJobs, caching and similar depth signals found (celery,
	// redis cache, websockets, ...).
	Extras []string `json:"extras,omitempty"`

	PaginationEvidence []Location `json:"-"`
	ExtrasEvidence     []Location `json:"-"`
}

// GraphQL describes a GraphQL API served by the project. Operations are
// counted from the SDL (fields of Query and Mutation, extensions included)
// and from code-first declarations (resolver decorators, graphene and
// strawberry root classes, gqlgen resolvers); where both exist the larger
// count of each kind is kept, since they describe the same operations.
type GraphQL struct {
	// Server is graphene, strawberry, ariadne, apollo, yoga, mercurius,
	// nestjs-graphql, type-graphql, express-graphql, graphql-http,
	// spring-graphql, dgs, gqlgen or graphql-go; "" when there is none.
	Server string `json:"server,omitempty"`
	// Schema is the path of the first SDL file that defines root
	// operations; "" for a code-first schema.
	Schema string `json:"schema,omitempty"`
	// Queries and Mutations count the root operations.
	Queries   int `json:"queries"`
	Mutations int `json:"mutations"`
	// Described counts operations that carry a description.
	Described int `json:"described"`
	// Types counts object types other than the roots, connections,
	// edges and payloads: the resources the API serves.
	Types int `json:"types"`
	// TypeNames are the first object type names, sorted.
	TypeNames []string `json:"-"`

	Evidence []Location `json:"-"`
}

// Live is what the probe of the deployed URL saw.
type Live struct {
	URL          string      `json:"url"`
	Reachable    bool        `json:"reachable"`
	Status       int         `json:"status"`
	HTTPS        bool        `json:"https"`
	TLSDaysLeft  int         `json:"tls_days_left"`
	LatencyMS    int64       `json:"latency_ms"`
	HealthPath   string      `json:"health_path"`
	DocsPath     string      `json:"docs_path"`
	SpecURL      string      `json:"spec_url"`
	AuthEnforced *bool       `json:"auth_enforced"`
	Leaks        []Leak      `json:"leaks"`
	Conformance  Conformance `json:"conformance"`
	Requests     int         `json:"requests"`
	// Error is why the service could not be reached, when it could not.
	Error string `json:"error,omitempty"`
	// NotFoundJSON is true when an unknown path answered 404 with a JSON body.
	NotFoundJSON *bool `json:"not_found_json,omitempty"`
	// Checked is when the probe ran.
	Checked time.Time `json:"-"`

	// LatencyMS is the warm service's latency (the second answer when the
	// first was slow); FirstLatencyMS is the first answer's.
	FirstLatencyMS int64 `json:"first_latency_ms"`
	// ColdStart is true when a slow or 502/503/504 first answer was followed
	// by a fast good one: a sleeping free tier waking up, not an outage.
	ColdStart bool `json:"cold_start"`
	// Platform is the hosting platform recognised (render, fly, railway,
	// heroku, vercel, netlify, cloud-run, ...), "" when unknown.
	Platform string `json:"platform,omitempty"`
	// TLSError is why the certificate was refused (self-signed, expired,
	// wrong host); the service then counts as not reachable.
	TLSError string `json:"tls_error,omitempty"`
	// HTTPRedirect says whether http:// redirects to https:// (nil when
	// not tried).
	HTTPRedirect *bool `json:"http_redirects_to_https,omitempty"`
	// SpecValid says whether the live OpenAPI document loaded and validated
	// (nil when none was served); SpecError says why not.
	SpecValid      *bool  `json:"spec_valid,omitempty"`
	SpecError      string `json:"spec_error,omitempty"`
	SpecOperations int    `json:"spec_operations,omitempty"`
	// SpecErrors are the validator's first errors (at most three), the
	// first of them SpecError.
	SpecErrors []string `json:"spec_errors,omitempty"`
	// Drift compares the live document with the repository's document or
	// routes (nil when there was nothing to compare).
	Drift *Drift `json:"drift,omitempty"`
	// AuthChecked counts secured operations called without credentials;
	// AuthFailures lists those that answered 2xx or 5xx.
	AuthChecked  int      `json:"auth_checked"`
	AuthFailures []string `json:"auth_failures,omitempty"`
	// AuthRefused counts the secured operations that refused a caller
	// without credentials (401 or 403).
	AuthRefused int `json:"auth_refused,omitempty"`
	// AuthGateway is true when every request, unknown paths and docs
	// included, was refused with 401 or 403: something in front of the
	// whole service (a gateway, HTTP Basic on the proxy) asks for
	// credentials, so what the API itself enforces cannot be seen.
	AuthGateway bool `json:"auth_gateway,omitempty"`
	// Authenticated is true when the user gave credentials (--header):
	// the secured GET operations were also called with them. The values
	// are never recorded.
	Authenticated bool `json:"authenticated,omitempty"`
	// NotFoundStatus is the status of an unknown path; NotFoundProblem is
	// true when it answered application/problem+json.
	NotFoundStatus  int  `json:"not_found_status,omitempty"`
	NotFoundProblem bool `json:"not_found_problem"`
	// Headers are the security headers of the base URL's answer.
	Headers *LiveHeaders `json:"headers,omitempty"`
	// Notes say what limited the probe (request cap, budget, refused
	// address, stripped credentials).
	Notes []string `json:"notes,omitempty"`
	// GraphQLPath is where a GraphQL endpoint answered (/graphql,
	// /api/graphql, gqlgen's /query), "" when none did. GraphQLIntrospection
	// is true when it answered the query {__typename} with data; false when
	// it was recognised by a GraphQL error, a 405 naming POST (GET queries
	// off) or its IDE page.
	GraphQLPath          string `json:"graphql_path,omitempty"`
	GraphQLIntrospection bool   `json:"graphql_introspection,omitempty"`
}

// Drift lists operations found only live or only in the repository.
type Drift struct {
	// Against is openapi (the repository's document) or routes (the code).
	Against  string   `json:"against"`
	OnlyLive []string `json:"only_live"`
	OnlyRepo []string `json:"only_repo"`
}

// LiveHeaders are the security-relevant headers an API sends.
type LiveHeaders struct {
	HSTS    bool `json:"hsts"`
	NoSniff bool `json:"nosniff"`
	// ServerVersion is the header disclosing server software, or "".
	ServerVersion string `json:"server_version,omitempty"`
	// CORS is none, restricted, wildcard or reflects-origin, as answered to
	// a preflight from an unknown origin.
	CORS string `json:"cors"`
	// CORSCredentials is true when any-origin CORS also allows credentials.
	CORSCredentials bool `json:"cors_credentials"`
	// RateLimit is true when rate-limit headers or a 429 were seen.
	RateLimit bool `json:"rate_limit"`
	// JudgedOn are the paths whose answers HSTS and nosniff were judged
	// on: the API's own JSON answers when any were seen, else the base URL.
	JudgedOn []string `json:"judged_on,omitempty"`
	// CORSSeenOn is the path whose answer carried the CORS header judged.
	CORSSeenOn string `json:"cors_seen_on,omitempty"`
}

// Leak is something a response disclosed that it should not.
type Leak struct {
	Path string `json:"path"`
	// Kind is stack-trace, debug-page, server-version, sql-error or internal-path.
	Kind string `json:"kind"`
	// Detail is the disclosing header ("Server: nginx/1.18.0"), when any.
	Detail string `json:"detail,omitempty"`
}

// Conformance counts responses checked against the OpenAPI document.
type Conformance struct {
	Checked    int `json:"checked"`
	Violations int `json:"violations"`
	// Details describe each violation: the operation and what differed.
	Details []string `json:"details,omitempty"`
	// HTMLAnswers are the operations that answered with an HTML page
	// where the document promised something else (a page the framework
	// put in the document as if it were an API operation).
	HTMLAnswers []string `json:"html_answers,omitempty"`
	// Authenticated counts the operations checked with the user's
	// credentials (--header), included in Checked.
	Authenticated int `json:"authenticated,omitempty"`
}

// InlineIgnore is one "vetfolio:ignore CHECK-ID reason" comment.
type InlineIgnore struct {
	Check  string `json:"check"`
	Reason string `json:"reason"`
	Path   string `json:"path"`
	Line   int    `json:"line"`
}
