package e2e

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

// stackCase is one fixture project and what an audit must find in it.
type stackCase struct {
	// dir is the testdata folder; complete projects are committed over
	// eight weeks, weak ones in one upload.
	dir      string
	complete bool

	language, framework string
	// authKind and hashing are the complete project's auth facts.
	authKind, hashing string
	// migTool is the complete project's migration tool; migCount its
	// migration versions.
	migTool  string
	migCount int
	// openapiKinds are the acceptable OpenAPI kinds (empty: any but none).
	openapiKinds []string
	// logging lists acceptable logging libraries ("" means any configured one).
	logging []string
	// minEndpoints and maxEndpoints bound the routes found.
	minEndpoints, maxEndpoints int
	// secrets are literal values committed in the weak project's .env
	// that must never appear in any report.
	secrets []string
}

// gaps are assertions that fail today because of a detector bug (not a
// fixture problem), keyed "<dir>/<assertion>". Each is skipped with its
// reason until the detector is fixed; a listed assertion that passes is
// simply run.
var gaps = map[string]string{}

// The secrets committed in the weak fixtures' .env files (fake values in
// real shapes).
const (
	pgPassword = "Tr0ub4dor-Pg-2024"
	stripeKey  = "sk_live_51NzQm8Kx3VbT7yHc2LpQ9wRfA0dEuJ"
)

var stackCases = []stackCase{
	{dir: "fastapi-complete", complete: true, language: "python", framework: "fastapi",
		authKind: "jwt", hashing: "bcrypt", migTool: "alembic", migCount: 2, openapiKinds: []string{"framework-generated"},
		logging: []string{"logging"}, minEndpoints: 11, maxEndpoints: 13},
	{dir: "fastapi-weak", language: "python", framework: "fastapi",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword, stripeKey}},

	{dir: "django-complete", complete: true, language: "python", framework: "django",
		authKind: "jwt", hashing: "bcrypt", migTool: "django", migCount: 2, openapiKinds: []string{"framework-generated"},
		logging: []string{"logging"}, minEndpoints: 8, maxEndpoints: 40},
	{dir: "django-weak", language: "python", framework: "django",
		minEndpoints: 3, maxEndpoints: 4, secrets: []string{pgPassword, "7h#q2v!x9k@m3p$w8z&r5t^y1u*e6o(i4a)s0d-f+g=jl"}},

	{dir: "flask-complete", complete: true, language: "python", framework: "flask",
		authKind: "jwt", hashing: "bcrypt", migTool: "alembic", migCount: 2, openapiKinds: []string{"static-file"},
		logging: []string{"logging"}, minEndpoints: 11, maxEndpoints: 11},
	{dir: "flask-weak", language: "python", framework: "flask",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword}},

	{dir: "spring-maven-complete", complete: true, language: "java", framework: "spring-boot",
		authKind: "jwt", hashing: "bcrypt", migTool: "flyway", migCount: 2,
		openapiKinds: []string{"framework-generated", "annotations"},
		logging:      []string{"slf4j", "logback"}, minEndpoints: 11, maxEndpoints: 11},

	{dir: "spring-maven-weak", language: "java", framework: "spring-boot",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{stripeKey}},

	{dir: "spring-gradle-kotlin-complete", complete: true, language: "kotlin", framework: "spring-boot",
		authKind: "jwt", hashing: "bcrypt", migTool: "flyway", migCount: 2,
		openapiKinds: []string{"framework-generated", "annotations"},
		logging:      []string{"slf4j", "logback"}, minEndpoints: 11, maxEndpoints: 11},
	{dir: "spring-gradle-kotlin-weak", language: "kotlin", framework: "spring-boot",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword, stripeKey}},

	{dir: "express-complete", complete: true, language: "javascript", framework: "express",
		authKind: "jwt", hashing: "bcrypt", migTool: "knex", migCount: 2, openapiKinds: []string{"static-file"},
		logging: []string{"pino", "pino-http"}, minEndpoints: 12, maxEndpoints: 12},
	{dir: "express-weak", language: "javascript", framework: "express",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword, stripeKey}},

	{dir: "nestjs-complete", complete: true, language: "typescript", framework: "nestjs",
		authKind: "jwt", hashing: "bcrypt", migTool: "typeorm", migCount: 2, openapiKinds: []string{"framework-generated"},
		minEndpoints: 12, maxEndpoints: 12},
	{dir: "nestjs-weak", language: "typescript", framework: "nestjs",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{stripeKey}},

	{dir: "go-chi-complete", complete: true, language: "go", framework: "chi",
		authKind: "jwt", hashing: "bcrypt", migTool: "goose", migCount: 2, openapiKinds: []string{"static-file"},
		logging: []string{"slog", "chi"}, minEndpoints: 12, maxEndpoints: 12},
	{dir: "go-nethttp-weak", language: "go", framework: "net-http",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword}},

	{dir: "fastify-ts-complete", complete: true, language: "typescript", framework: "fastify",
		authKind: "jwt", hashing: "bcrypt", migTool: "prisma", migCount: 2, openapiKinds: []string{"framework-generated"},
		logging: []string{"pino"}, minEndpoints: 12, maxEndpoints: 12},
	{dir: "fastify-ts-weak", language: "typescript", framework: "fastify",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword, stripeKey}},

	{dir: "gin-complete", complete: true, language: "go", framework: "gin",
		authKind: "jwt", hashing: "bcrypt", migTool: "golang-migrate", migCount: 2, openapiKinds: []string{"static-file"},
		logging: []string{"slog", "gin"}, minEndpoints: 12, maxEndpoints: 12},
	{dir: "gin-weak", language: "go", framework: "gin",
		minEndpoints: 3, maxEndpoints: 3, secrets: []string{pgPassword}},

	// ASP.NET Core: controllers with [Authorize] plus a minimal-API auth
	// group; the weak one is the scaffolded CRUD with the template's
	// WeatherForecastController still in place.
	{dir: "aspnet-complete", complete: true, language: "csharp", framework: "aspnet",
		authKind: "jwt", hashing: "bcrypt", migTool: "efcore", migCount: 2, openapiKinds: []string{"framework-generated"},
		logging: []string{"serilog", "microsoft-extensions-logging"}, minEndpoints: 16, maxEndpoints: 16},
	{dir: "aspnet-weak", language: "csharp", framework: "aspnet",
		minEndpoints: 6, maxEndpoints: 6, secrets: []string{stripeKey, pgPassword}},
}

func TestStacks(t *testing.T) {
	for _, tc := range stackCases {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			plan := weakPlan()
			if tc.complete {
				plan = completePlan()
			}
			dir := build(t, tc.dir, plan)
			sc := runAudit(t, dir, tc.dir)
			c := &checker{t: t, name: tc.dir, sc: sc, known: gaps}
			checkCommon(c, tc)
			if tc.complete {
				checkComplete(c, tc)
			} else {
				checkWeak(c, tc)
			}
			checkNoLeaks(c, tc, dir)
		})
	}
}

// checkCommon asserts what every fixture shares: the stack and the size
// of its API.
func checkCommon(c *checker, tc stackCase) {
	f := c.sc.Facts
	c.eq("stack.language", f.Stack.Language, tc.language)
	c.eq("stack.framework", f.Stack.Framework, tc.framework)
	c.that("endpoints", f.Endpoints >= tc.minEndpoints && f.Endpoints <= tc.maxEndpoints,
		"%d endpoints (%v), want %d..%d", f.Endpoints, f.Routes.List, tc.minEndpoints, tc.maxEndpoints)
	c.eq("history.available", f.History.Available, true)
}

func checkComplete(c *checker, tc stackCase) {
	f := c.sc.Facts
	c.eq("auth.kind", f.Auth.Kind, tc.authKind)
	c.eq("auth.password_hashing", f.Auth.PasswordHashing, tc.hashing)
	c.that("auth.protected_routes", f.Auth.ProtectedRoutes > 0, "no protected routes")
	c.that("auth.no_hardcoded_keys", len(f.Auth.HardcodedKeys) == 0, "hard-coded keys at %v", f.Auth.HardcodedKeys)
	c.eq("migrations.tool", f.Migrations.Tool, tc.migTool)
	c.eq("migrations.count", f.Migrations.Count, tc.migCount)
	c.eq("database.relational", f.Database.Relational, true)
	c.eq("relationships", f.Relationships, true)
	if len(tc.openapiKinds) > 0 {
		c.in("openapi.kind", f.OpenAPI.Kind, tc.openapiKinds...)
	}
	c.that("openapi.valid", f.OpenAPI.Kind != "none" && f.OpenAPI.Valid, "openapi %s valid=%v %s", f.OpenAPI.Kind, f.OpenAPI.Valid, f.OpenAPI.Error)
	c.that("tests.files", f.Tests.Files > 0, "no test files")
	c.that("ci.github-actions", contains(f.CI.Providers, "github-actions"), "providers %v", f.CI.Providers)
	c.eq("ci.runs_tests", f.CI.RunsTests, true)
	c.that("deploy.dockerfile", contains(f.Deploy.Configs, "Dockerfile"), "configs %v", f.Deploy.Configs)
	c.that("deploy.platform", len(f.Deploy.Configs) >= 2, "configs %v: want a platform config besides the Dockerfile", f.Deploy.Configs)
	c.that("deploy.url", strings.HasSuffix(hostOf(f.Deploy.URL), ".onrender.com") || strings.HasSuffix(hostOf(f.Deploy.URL), ".fly.dev"),
		"deploy url %q", f.Deploy.URL)
	c.eq("error_handling.central", f.ErrorHandling.Central, true)
	if len(tc.logging) > 0 {
		c.in("logging.library", f.Logging.Library, tc.logging...)
	} else {
		c.that("logging.library", f.Logging.Library != "", "no logging library")
	}
	c.eq("logging.request_logging", f.Logging.RequestLogging, true)
	c.that("logging.health", f.Logging.HealthPath != "", "no health endpoint")
	c.that("security.secrets", len(f.Secrets) == 0, "secrets %v", f.Secrets)
	c.eq("security.env_ignored", f.Security.EnvIgnored, true)
	c.check("security.env-ignored")
	c.that("security.validation", f.Security.Validation != "", "no validation")
	c.that("security.rate_limit", f.Security.RateLimit != "", "no rate limit")
	c.eq("security.cors", f.Security.CORS, true)
	c.eq("scope.pagination", f.Scope.Pagination, true)
	c.that("routes.resources", len(f.Routes.Resources) >= 3, "resources %v", f.Routes.Resources)
	for _, s := range []string{"setup", "configuration", "api-docs", "live-url"} {
		c.that("readme."+s, f.Readme.HasSection(s), "README sections %v", f.Readme.Sections)
	}
	c.that("history.active_weeks", f.History.ActiveWeeks >= 8, "active weeks %d", f.History.ActiveWeeks)
	c.eq("history.bulk_upload", f.History.BulkUpload, false)

	for _, id := range []string{"auth", "database", "api-docs", "deployment", "history", "errors", "tests", "logging", "readme", "security", "scope"} {
		c.status(id, rules.StatusPass)
	}
	c.that("score", c.sc.Score >= 80, "score %d, want >= 80", c.sc.Score)
}

func checkWeak(c *checker, tc stackCase) {
	f := c.sc.Facts
	c.eq("auth.kind", f.Auth.Kind, "none")
	c.in("auth.password_hashing", f.Auth.PasswordHashing, "none", "")
	c.in("migrations.tool", f.Migrations.Tool, "none", "")
	c.eq("migrations.count", f.Migrations.Count, 0)
	c.eq("relationships", f.Relationships, false)
	c.eq("tests.files", f.Tests.Files, 0)
	c.that("ci.none", len(f.CI.Providers) == 0, "providers %v", f.CI.Providers)
	c.that("deploy.none", len(f.Deploy.Configs) == 0, "configs %v", f.Deploy.Configs)
	c.that("env_files", contains(f.Security.EnvFiles, ".env"), "env files %v", f.Security.EnvFiles)
	c.that("secrets.found", len(f.Secrets) >= len(tc.secrets), "secrets %v, want %d", f.Secrets, len(tc.secrets))
	for _, s := range f.Secrets {
		c.that("secrets.redacted/"+s.Rule, s.Path != "" && s.Line > 0 && s.Redacted != "", "secret %+v", s)
	}
	c.eq("history.commits", f.History.Commits, 1)
	c.that("readme.sections", len(f.Readme.Sections) == 0, "sections %v", f.Readme.Sections)

	for _, id := range []string{"auth", "tests", "readme", "security"} {
		c.status(id, rules.StatusFail)
	}
	// One model on a relational database earns some credit, but no
	// migrations and no relations keep the criterion below half.
	c.status("database", rules.StatusFail, rules.StatusPartial)
	if cr := criterion(c.sc, "database"); cr != nil {
		c.that("database.score", cr.Score < 50, "database score %d, want < 50", cr.Score)
	}
	c.status("deployment", rules.StatusFail)
	c.status("history", rules.StatusFail, rules.StatusPartial)
	c.status("scope", rules.StatusFail)
	c.that("score", c.sc.Score < 45, "score %d, want < 45", c.sc.Score)
}

// checkNoLeaks asserts that no committed secret value, and not the
// temporary folder, appears in any report.
func checkNoLeaks(c *checker, tc stackCase, dir string) {
	outputs := map[string]string{
		"json":         render(c.t, c.sc, "json", false),
		"text":         render(c.t, c.sc, "text", false),
		"text-verbose": render(c.t, c.sc, "text", true),
	}
	for format, out := range outputs {
		for _, s := range tc.secrets {
			c.that("redacted/"+format, !strings.Contains(out, s), "%s report shows the secret %q", format, s)
		}
		c.that("no-tempdir/"+format, !strings.Contains(out, dir), "%s report names the temporary folder", format)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexAny(u, "/:"); i >= 0 {
		u = u[:i]
	}
	return u
}
