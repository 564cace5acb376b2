package e2e

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules"
)

// laravelAppKey is the application key committed in laravel-weak's .env.
const laravelAppKey = "base64:q3Jm8ZtP0vXw2cYk5Lr7Nb9Hd1Fg4Sa6Ue8Wi0Oy2Tq="

// TestLaravelComplete holds the Laravel API to the bar of the first eight
// stacks: Sanctum tokens on route groups, bcrypt through Hash::make, its
// own three migrations (the four stock ones it keeps are not counted),
// Eloquent relations, l5-swagger attributes, withExceptions, a request
// logging middleware, /up, PHPUnit feature tests in CI.
func TestLaravelComplete(t *testing.T) {
	tc := stackCase{dir: "laravel-complete", complete: true, language: "php", framework: "laravel",
		authKind: "session", hashing: "bcrypt", migTool: "laravel", migCount: 3,
		openapiKinds: []string{"annotations"}, logging: []string{"monolog"},
		// 16 API routes (apiResource update is one PUT|PATCH route) and /up.
		minEndpoints: 17, maxEndpoints: 17}
	dir := build(t, tc.dir, completePlan())
	sc := runAudit(t, dir, tc.dir)
	c := &checker{t: t, name: tc.dir, sc: sc, known: gaps}
	checkCommon(c, tc)
	checkComplete(c, tc)
	checkNoLeaks(c, tc, dir)

	f := sc.Facts
	c.that("auth.libraries", contains(f.Auth.Libraries, "sanctum"), "libraries %v", f.Auth.Libraries)
	// One place protects routes: the auth:sanctum group around 12 of them
	// (the public event list and login are outside it).
	c.eq("auth.protected_places", f.Auth.ProtectedRoutes, 1)
	c.eq("logging.health_path", f.Logging.HealthPath, "/up")
	// tests/Unit/ExampleTest.php is the skeleton's; the three feature tests are real.
	c.eq("tests.files", f.Tests.Files, 3)
	c.eq("openapi.operations", f.OpenAPI.Operations, 16)
	c.eq("openapi.security_schemes", f.OpenAPI.SecuritySchemes, true)
}

// TestLaravelWeak is a tutorial CRUD on the bare Laravel 11 skeleton: one
// apiResource, Product::create($request->all()), the stock migrations and
// ExampleTests, a committed .env with the APP_KEY and the database
// password.
func TestLaravelWeak(t *testing.T) {
	tc := stackCase{dir: "laravel-weak", language: "php", framework: "laravel",
		// the products apiResource, the welcome page and /up
		minEndpoints: 7, maxEndpoints: 7, secrets: []string{laravelAppKey, pgPassword}}
	dir := build(t, tc.dir, weakPlan())
	sc := runAudit(t, dir, tc.dir)
	c := &checker{t: t, name: tc.dir, sc: sc, known: gaps}
	checkCommon(c, tc)
	checkNoLeaks(c, tc, dir)

	f := sc.Facts
	c.eq("auth.kind", f.Auth.Kind, "none")
	// The stock User model's 'hashed' cast is not a login of the candidate's.
	c.in("auth.password_hashing", f.Auth.PasswordHashing, "none", "")
	c.eq("auth.protected_routes", f.Auth.ProtectedRoutes, 0)
	// Only create_products_table is the candidate's: users, cache and jobs are stock.
	c.eq("migrations.tool", f.Migrations.Tool, "laravel")
	c.eq("migrations.count", f.Migrations.Count, 1)
	c.eq("relationships", f.Relationships, false)
	c.eq("error_handling.central", f.ErrorHandling.Central, false)
	// Both ExampleTests are the skeleton's.
	c.eq("tests.files", f.Tests.Files, 0)
	c.eq("logging.request_logging", f.Logging.RequestLogging, false)
	c.that("security.validation", f.Security.Validation == "", "validation %q", f.Security.Validation)
	c.that("env_files", contains(f.Security.EnvFiles, ".env"), "env files %v", f.Security.EnvFiles)
	c.that("secrets.found", len(f.Secrets) >= 2, "secrets %v, want the APP_KEY and DB_PASSWORD", f.Secrets)
	for _, id := range []string{"auth", "tests", "readme", "security", "deployment", "errors"} {
		c.status(id, rules.StatusFail)
	}
	c.check("database.migrations")
	checkFails(c, "database.relationships")
	checkFails(c, "tests.present")
	checkFails(c, "errors.central-handler")
	c.that("score", sc.Score < 45, "score %d, want < 45", sc.Score)
}

// checkFails asserts that one check of the rubric fails.
func checkFails(c *checker, id string) {
	c.t.Helper()
	for _, cr := range c.sc.Criteria {
		for _, k := range cr.Checks {
			if k.ID == id {
				c.that("check-fails/"+id, !k.Passed && !k.Skipped, "%s passed: %s", id, k.Message)
				return
			}
		}
	}
	c.that("check-fails/"+id, false, "no check %s", id)
}
