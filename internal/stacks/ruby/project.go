package ruby

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	specFileRe = scan.MustCompile(`(?:^|/)spec/(?:.*/)?[^/]+_spec\.rb$`)
	testFileRe = scan.MustCompile(`(?:^|/)test/(?:.*/)?[^/]+_test\.rb$`)
	// exampleRe is an RSpec example (or rswag's run_test!). pending and an
	// empty describe are what `rails g` leaves behind.
	exampleRe = scan.MustCompile(`(?m)^\s*(?:it|specify|example|scenario|its|it_behaves_like|it_should_behave_like|include_examples)\b\s*[("'{:d]|(?m)^\s*(?:it|specify)\s*$|\brun_test!`)
	// minitestRe is a minitest test: test "..." do or def test_….
	minitestRe = scan.MustCompile(`(?m)^\s*(?:test\s*\(?\s*["']|def\s+test_\w+)`)
	// assertionRe is any assertion or expectation.
	assertionRe = scan.MustCompile(`\b(?:assert\w*|refute\w*|must_\w+|wont_\w+|expect)\b`)
	// trivialAssertRe is the generator's `assert true`.
	trivialAssertRe = scan.MustCompile(`\bassert\s*\(?\s*true\s*\)?`)
)

// TestFile says whether a file is a Ruby test file (RSpec spec or minitest
// test), which framework, and whether it holds a real test. The generators'
// stubs are not real: a spec with only `pending "add some examples…"`, an
// empty describe, a test class whose `test "the truth"` is commented out or
// only asserts true.
func TestFile(p string, src []byte) (isTest bool, framework string, real bool) {
	switch {
	case specFileRe.MatchString(p):
		code := scan.Code(src, "ruby")
		return true, "rspec", exampleRe.Match(code)
	case testFileRe.MatchString(p):
		code := scan.Code(src, "ruby")
		if !minitestRe.Match(code) {
			return true, "minitest", false
		}
		rest := trivialAssertRe.ReplaceAll(code, nil)
		return true, "minitest", assertionRe.Match(rest)
	}
	return false, "", false
}

// ciTestRe matches the commands that run a Rails project's tests in CI:
// bundle exec rspec, bin/rails test, bin/rails db:test:prepare test
// test:system, rails spec, bundle exec rake (whose default task runs the
// specs or tests), rake test.
var ciTestRe = scan.MustCompile(`(?m)(?:^|[\s;&|"'])(?:bundle\s+exec\s+|bin/)?(?:rspec\b|(?:rails|rake)\s+(?:[\w:\-=]+\s+)*?(?:test|spec)(?::\w+)?\b(?:[^:]|$)|rake\s*$|rake\s+(?:default|ci)\b)`)

// RunsTests reports whether a CI command line runs the tests.
func RunsTests(command string) bool { return ciTestRe.MatchString(command) }

// loggingPatterns name the logging a Rails project configures or uses.
// The generator's own `config.logger = …STDOUT` and `config.log_level`
// lines in production.rb are in every Rails app, so they show nothing the
// candidate did; calling the logger does.
var loggingPatterns = []pattern{
	{"lograge", "lograge", scan.MustCompile(`\bconfig\.lograge\.enabled\s*=\s*true\b|\bLograge\.setup\b`)},
	{"semantic_logger", "rails_semantic_logger", scan.MustCompile(`\bconfig\.rails_semantic_logger\b|\bSemanticLogger\b`)},
	{"rails", "Rails.logger", scan.MustCompile(`\b(?:Rails\.)?logger\.(?:debug|info|warn|error|fatal|tagged)\b`)},
}

// LoggingSignals returns the logging a Ruby file configures or calls. Kind
// is the library (lograge, semantic_logger, rails).
func LoggingSignals(src []byte) []Signal { return signals(src, loggingPatterns) }

// RequestLogging reports whether a logging library logs each request as
// one structured line. Rails' own logger also logs every request
// ("Started GET …"), so a configured Rails logger counts too.
func RequestLogging(library string) bool {
	switch library {
	case "lograge", "semantic_logger", "rails":
		return true
	}
	return false
}

// HealthPaths are the paths the probe tries on a deployed Rails app: Rails
// 7.1+'s /up, then the usual custom ones and the health_check gem's.
var HealthPaths = []string{"/up", "/health", "/healthz", "/health_check", "/api/health", "/status"}

// DocsPaths are where rswag-ui, apipie and oas_rails serve their pages.
var DocsPaths = []string{"/api-docs", "/api-docs/index.html", "/apipie", "/docs"}

// SpecPaths are where rswag-api and grape-swagger serve the document.
var SpecPaths = []string{"/api-docs/v1/swagger.yaml", "/api-docs/v1/swagger.json", "/api-docs/v1/openapi.yaml", "/swagger_doc", "/swagger_doc.json", "/api/swagger_doc"}

var healthPathRe = scan.MustCompile(`^/(?:api/)?(?:v\d+/)?(?:up|health|healthz|health_check|healthcheck|status|ping)$`)

// IsHealthRoute reports whether a route is a health endpoint: Rails'
// rails/health#show wherever it is mounted, or a GET on a health path.
func IsHealthRoute(r Route) bool {
	return r.Controller == HealthController || (r.Method == "GET" && healthPathRe.MatchString(r.Path))
}

// HealthMount reports whether a mounted engine is a health check
// (health_check gem, OkComputer).
func HealthMount(m Mount) bool {
	return strings.HasPrefix(m.App, "HealthCheck::") || strings.HasPrefix(m.App, "OkComputer::")
}

// FrameworkRoute reports routes Rails itself serves that are not the
// project's API (the PWA manifest and service worker of a Rails 8 app).
func FrameworkRoute(r Route) bool {
	return r.Controller == "rails/pwa"
}

// openapiPatterns are the OpenAPI generators of Ruby web projects.
var openapiPatterns = []pattern{
	{"framework-generated", "grape-swagger", scan.MustCompile(`\badd_swagger_documentation\b`)},
	{"framework-generated", "oas_rails", scan.MustCompile(`\bOasRails::Engine\b`)},
	{"framework-generated", "rswag", scan.MustCompile(`(?m)^\s*path\s+["']/[^"']*["']\s+do\b`)},
	{"annotations", "apipie", scan.MustCompile(`(?m)^\s*(?:api\s+:(?:GET|POST|PUT|PATCH|DELETE)\b|resource_description\s+do\b)`)},
}

// OpenAPISignals returns the OpenAPI generators a Ruby file uses: rswag
// request specs (whose `rake rswag:specs:swaggerize` writes the document
// rswag-api serves; when that file is committed it is found as a static
// file), grape-swagger, oas_rails, apipie annotations.
func OpenAPISignals(src []byte) []Signal { return signals(src, openapiPatterns) }

// securityPatterns are input validation, rate limiting and CORS in a Rails
// project. Strong parameters (params.require(:todo).permit(...), in every
// scaffold) only choose which keys reach the model; they check no value,
// so they are not validation.
var securityPatterns = []pattern{
	{"validation", "active-model-validations", scan.MustCompile(`(?m)^\s*(?:validates|validates_\w+_of|validate)\s+:\w+`)},
	{"validation", "dry-validation", scan.MustCompile(`\bDry::(?:Validation::Contract|Schema\.\w+)\b`)},
	{"rate-limit", "rack-attack", scan.MustCompile(`\bRack::Attack\b[\s\S]{0,400}?\bthrottle\b|(?m)^\s*throttle\s*\(\s*["']`)},
	{"rate-limit", "rails-rate-limit", scan.MustCompile(`(?m)^\s*rate_limit\s+to:`)},
	{"cors", "rack-cors", scan.MustCompile(`\bRack::Cors\b`)},
	{"cors-wildcard", "rack-cors", scan.MustCompile(`(?m)^\s*origins\s*\(?\s*["']\*["']`)},
	{"pagination", "kaminari", scan.MustCompile(`\.page\(\s*params\b|\.per\(\s*`)},
	{"pagination", "pagy", scan.MustCompile(`\bpagy(?:_\w+)?\(\s*\w`)},
	{"pagination", "will_paginate", scan.MustCompile(`\.paginate\(\s*page:`)},
	{"pagination", "limit-offset", scan.MustCompile(`\.limit\([^)]*\)\s*\.offset\(|\.offset\([^)]*\)\s*\.limit\(`)},
}

// SecuritySignals returns validation, rate limiting, CORS (and a wildcard
// origin) and pagination in a Ruby file; Kind is one of validation,
// rate-limit, cors, cors-wildcard, pagination.
func SecuritySignals(src []byte) []Signal { return signals(src, securityPatterns) }

// centralErrorConfigRe matches `config.exceptions_app = …`: Rails renders
// every uncaught exception through the project's own app.
var centralErrorConfigRe = scan.MustCompile(`(?m)^\s*config\.exceptions_app\s*=`)

// ExceptionsApp returns the line of a config.exceptions_app setting, or 0.
func ExceptionsApp(src []byte) int {
	code := scan.Code(src, "ruby")
	if loc := centralErrorConfigRe.FindIndex(code); loc != nil {
		return lineAt(code, loc[0])
	}
	return 0
}
