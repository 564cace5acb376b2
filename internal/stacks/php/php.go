package php

import (
	"slices"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the PHP stack pack: Laravel first (nearly every PHP portfolio
// API), Symfony and Slim recognised by their manifests.
var Pack = &pack.Pack{
	ID:        "php",
	Name:      "PHP",
	Ecosystem: "php",
	Languages: map[string]string{".php": "php"},
	Frameworks: []pack.Framework{
		{ID: "laravel", Name: "Laravel", Deps: Laravel.Deps,
			Probe: pack.Probe{Health: Laravel.HealthPaths, Docs: Laravel.DocsPaths, Spec: Laravel.SpecPaths},
			Fixes: laravelFixes()},
		{ID: "symfony", Name: "Symfony", Deps: []string{"symfony/framework-bundle"}},
		{ID: "slim", Name: "Slim", Deps: []string{"slim/slim"}},
	},
	NewRouteScanner: newRouteScanner,
	Auth: pack.Auth{
		Libraries: []string{"laravel/sanctum", "tymon/jwt-auth", "laravel/passport"},
		ProtectLookedFor: map[string]string{
			"": "the auth or auth:sanctum middleware on routes or route groups, or $this->middleware('auth') in a controller",
		},
		Code:        authCode,
		Deps:        authDeps(),
		Protections: Protections,
	},
	Errors: pack.Errors{
		LookedFor: map[string]string{
			"": "->withExceptions(...) in bootstrap/app.php with a body, an exception Handler that renders or reports, or an exception class with its own render()",
		},
		Status: statusPatterns(),
		Scan: func(src pack.Source, sink pack.ErrorSink) {
			if at := CentralErrorHandling(src.Path, src.Code); at >= 0 {
				sink.Central(src.Loc(at))
			}
		},
	},
	Logging: pack.Logging{
		Patterns: []pack.LogPattern{
			// Laravel's Log facade writes through the Monolog channels of
			// config/logging.php: using it is using a configured logger.
			{Lib: LoggingLibrary, Kind: pack.LogConfigured, Re: logCall},
			pack.Log(LoggingLibrary, pack.LogRequest, `Spatie\\HttpLogger|\bHttpLogger\b|RequestLogger\\`, ""),
		},
		Middleware: middlewareHandle,
		// A log call naming the request, or a middleware named for logging
		// (LogRequests, ApiLogMiddleware) that hands the request to a logger.
		LogsRequest: scan.MustCompile(`\b(?:Log::\w+|logger\(\)\s*->\s*\w+)\s*\([^;]*\$request\s*->\s*(?:method|path|url|fullUrl|getMethod|getPathInfo|getRequestUri|ip)\s*\(|\bclass\s+\w*(?:Log(?:s|ger|ging)?(?:Requests?|Responses?|Api|Middleware|Http)|(?:Requests?|Api|Http|Access)Log(?:s|ger|ging)?)\w*\s`),
		Health:      scan.MustCompile(`->\s*withRouting\s*\([^;]*?\bhealth\s*:\s*['"]([^'"]+)['"]`),
	},
	Database: pack.Database{
		ORMs:     map[string]string{"laravel/framework": "eloquent", "laravel/lumen-framework": "eloquent", "doctrine/orm": "doctrine"},
		Model:    eloquentModel,
		Relation: scan.MustCompile(eloquentRelation.String() + `|` + foreignKey.String()),
		Migrations: []pack.MigrationTool{{
			Tool: "laravel",
			// Not under a dot-folder: .history/ holds an editor's copies.
			Path: scan.MustCompile(`(?i)^(?:[^./][^/]*/)*database/migrations/[^/]+\.php$`),
			// The skeleton's and the packages' own migrations are not
			// the candidate's schema work (see StockMigration).
			Skip: StockMigration,
		}},
		Schema: SchemaReaders,
	},
	Security: []pack.SecuritySignal{
		{Kind: "validation", Name: "laravel-validation", Re: validation},
		{Kind: "rate-limit", Name: "laravel-throttle", Re: rateLimit},
		{Kind: "cors", Name: "laravel-cors", Re: corsConfig},
		{Kind: "cors-wildcard", Name: "laravel-cors", Re: corsAll},
	},
	Secrets: pack.Secrets{
		Find: findAppKeys,
		// 'password' => 'required|string|min:8' in a form request.
		NotSecret: func(path, line string) bool {
			for _, v := range stringsIn(line) {
				if ValidationRuleValue(v) {
					return true
				}
			}
			return false
		},
	},
	Pagination: Pagination,
	OpenAPI: []pack.Generator{
		{Name: "l5-swagger", Deps: []string{"darkaonline/l5-swagger"}, Kind: "annotations", Quality: swaggerQuality},
		{Name: "swagger-php", Deps: []string{"zircote/swagger-php"}, Code: oaOperation, Kind: "annotations", Quality: swaggerQuality},
		{Name: "scribe", Deps: []string{"knuckleswtf/scribe"}, Kind: "framework-generated"},
		{Name: "scramble", Deps: []string{"dedoc/scramble"}, Kind: "framework-generated"},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"php": {Test: testCase,
				Frameworks: []pack.Named{
					pack.N("pest", `(?m)(?:^|<\?php)\s*(?:test|it|describe)\s*\(\s*['"]`),
					pack.N("phpunit", `\bPHPUnit\b|\bextends\s+\w*TestCase\b`),
				},
				Integration: scan.MustCompile(`\$this\s*->\s*(?:get|post|put|patch|delete|json)(?:Json)?\s*\(|\bWebTestCase\b|->createClient\(`),
				Boilerplate: func(code []byte, tests int) bool { return tests <= 1 && stockOnly(code) },
			},
		},
		CI: CITestCommand,
		Framework: func(path, found string, st facts.Stack) string {
			if found != "" {
				return found
			}
			if st.HasDep("pestphp/pest") {
				return "pest"
			}
			return "phpunit"
		},
	},
	Fixes: fixes,
}

// authCode are the pack.Auth signals; hashing a string literal
// (Hash::make('password') in a factory or seeder) is test data, so the
// hashing signals want a variable.
var authCode = []pack.Signal{
	pack.Sig(`->\s*createToken\s*\(|\bstatefulApi\s*\(|EnsureFrontendRequestsAreStateful::class`, "", "session", ""),
	pack.Sig(`\bimplements\s+[\w\\, ]*\bJWTSubject\b|\bJWTAuth::|['"]driver['"]\s*=>\s*['"]jwt['"]`, "jwt-auth", "jwt", ""),
	pack.Sig(`\bJWT::(?:encode|decode)\s*\(`, "php-jwt", "jwt", ""),
	pack.Sig(`\bPassport::|['"]driver['"]\s*=>\s*['"]passport['"]`, "passport", "oauth", ""),
	pack.Sig(`\bSocialite::driver\s*\(`, "socialite", "oauth", ""),
	pack.Sig(`\bAuth::(?:attempt|login|loginUsingId)\s*\(|\bauth\(\)\s*->\s*(?:attempt|login)\s*\(|\bAuth::routes\s*\(`, "laravel-auth", "session", ""),
	pack.Sig(`\bHash::(?:make|check)\s*\(\s*\$|\bbcrypt\s*\(\s*\$|\bpassword_hash\s*\([^;]*PASSWORD_(?:BCRYPT|DEFAULT)`, "", "", "bcrypt"),
	// The 'hashed' cast on a model that logs in (API tokens, JWT subject);
	// the stock User model of a project with no login carries it too.
	pack.Sig(`(?s)\b(?:HasApiTokens|JWTSubject)\b.*['"]password['"]\s*=>\s*['"]hashed['"]`, "", "", "bcrypt"),
	pack.Sig(`PASSWORD_ARGON2I?D?\b|\bHash::driver\s*\(\s*['"]argon|['"]driver['"]\s*=>\s*(?:env\([^,]*,\s*)?['"]argon2?(?:id)?['"]`, "", "", "argon2"),
	pack.Sig(`\b(?:md5|sha1)\s*\(\s*\$\w*(?:->|\[['"])?\w*password`, "", "", "other"),
}

// authDeps are the pack.Auth dependency signals. laravel/sanctum names
// the library only: Laravel 8 to 10 install it in every new project, so
// the kind comes from the code issuing or checking its tokens.
func authDeps() map[string]pack.DepSignal {
	out := map[string]pack.DepSignal{"laravel/sanctum": {Lib: "sanctum"}}
	for dep, a := range AuthDeps {
		out[dep] = pack.DepSignal{Lib: a.Lib, Kind: a.Kind}
	}
	return out
}

func statusPatterns() []pack.StatusPattern {
	var out []pack.StatusPattern
	for _, re := range StatusNumbers {
		out = append(out, pack.StatusPattern{Re: re})
	}
	for _, re := range StatusNames {
		out = append(out, pack.StatusPattern{Re: re, ByName: true})
	}
	return out
}

// stockOnly says a test file is a generated example: named as the
// skeleton's ExampleTests or `php artisan make:test`'s stub name them, and
// asserting nothing but what they do (true is true, GET / is 200).
func stockOnly(code []byte) bool {
	if !stockTestName.Match(code) {
		return false
	}
	asserts := len(anyAssert.FindAllIndex(code, -1))
	stock := len(stockAssert.FindAllIndex(code, -1))
	return stock >= 1 && asserts <= stock+1
}

// laravelFixes are the Laravel fix texts for a project whose tools are not
// known yet (Fix with no Uses names the alternatives).
func laravelFixes() pack.Fixes {
	out := pack.Fixes{}
	for _, id := range fixIDs {
		base := Fix(id, Uses{})
		if base == nil {
			continue
		}
		out[id] = base
		// The project's own tools, qualified by the dependency that shows
		// them: a jwt-auth project is told auth:api, a Scribe one
		// scribe:generate.
		for _, v := range usesByDep {
			if steps := Fix(id, v.uses); steps != nil && !slices.Equal(steps, base) {
				out[id+"|dep="+v.dep] = steps
			}
		}
	}
	return out
}

// usesByDep maps a Composer package to what it says the project uses.
var usesByDep = []struct {
	dep  string
	uses Uses
}{
	{"laravel/sanctum", Uses{Sanctum: true}},
	{"laravel/passport", Uses{Passport: true}},
	{"tymon/jwt-auth", Uses{JWT: true}},
	{"php-open-source-saver/jwt-auth", Uses{JWT: true}},
	{"darkaonline/l5-swagger", Uses{L5Swagger: true}},
	{"knuckleswtf/scribe", Uses{Scribe: true}},
	{"dedoc/scramble", Uses{Scramble: true}},
	{"pestphp/pest", Uses{Pest: true}},
}

// fixIDs are the checks Fix has Laravel advice for.
var fixIDs = []string{
	"auth.mechanism", "auth.protected-routes", "auth.password-hashing", "auth.no-hardcoded-key",
	"database.relational", "database.migrations", "database.migration-history", "database.models", "database.relationships",
	"api-docs.present", "api-docs.valid", "api-docs.described", "api-docs.error-responses", "api-docs.security-schemes", "api-docs.live",
	"errors.central-handler", "errors.status-codes", "errors.live-json-404", "errors.no-leaks",
	"tests.present", "tests.depth", "tests.ci", "tests.ci-runs-tests",
	"logging.configured", "logging.requests", "logging.health",
	"security.no-secrets", "security.env-not-committed", "security.env-ignored", "security.validation",
	"security.rate-limit", "security.cors", "security.cors-no-wildcard",
	"scope.pagination", "scope.endpoints", "scope.relations", "scope.extras", "scope.layered",
	"auth.live-enforced", "api-docs.live-conformance", "api-docs.live-drift",
	"deployment.config", "deployment.dockerfile", "deployment.url", "deployment.live", "deployment.security-headers",
	"deployment.pinned-base", "deployment.non-root", "deployment.multi-stage", "deployment.dockerignore",
	"readme.setup", "readme.configuration", "readme.api-docs",
}

// swaggerQuality is Operations in the shape pack.Generator.Quality wants.
// Docblock annotations are comments, blanked in the code it is given, so
// only PHP 8 attributes are counted there.
func swaggerQuality(code []byte) pack.DocQuality {
	q := Operations(code)
	return pack.DocQuality{Operations: q.Operations, Described: q.Described, ErrorResponses: q.ErrorResponses, SecuritySchemes: q.SecurityScheme}
}

// findAppKeys finds Laravel application keys in committed env files
// (.env, .env.backup, an editor's .env_2024... copy; not .env.example).
func findAppKeys(path string, data []byte) []pack.SecretAt {
	base := path[strings.LastIndex(path, "/")+1:]
	if !strings.HasPrefix(base, ".env") || strings.Contains(base, "example") || strings.Contains(base, "sample") ||
		strings.Contains(base, "template") || strings.Contains(base, "dist") {
		return nil
	}
	offs, _ := AppKeys(data)
	var out []pack.SecretAt
	for _, off := range offs {
		out = append(out, pack.SecretAt{Line: lineAt(data, off), Rule: "laravel-app-key"})
	}
	return out
}
