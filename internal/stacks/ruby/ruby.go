// Package ruby is the stack pack of Ruby, Rails first: the frameworks, the
// patterns the detectors apply to Ruby code (authentication and password
// hashing, before_action guards, rescue_from, logging, Active Record
// models, associations and migrations, OpenAPI generators, tests), and
// what a table cannot say, as pure functions over file contents: routes
// from config/routes.rb, which actions a before_action protects up the
// controller chain, own vs engine-installed migrations, real specs vs the
// generators' stubs, CI test commands and Rails' committed keys.
package ruby

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Pack is the Ruby stack pack.
var Pack = &pack.Pack{
	ID:        "ruby",
	Name:      "Ruby",
	Ecosystem: "ruby",
	Languages: map[string]string{".rb": "ruby"},
	Frameworks: []pack.Framework{
		{ID: "rails", Name: "Ruby on Rails", Deps: []string{"rails", "railties"}, Entry: "config/routes.rb",
			Probe: pack.Probe{Health: HealthPaths, Docs: DocsPaths, Spec: SpecPaths}, Fixes: RailsFixes},
		{ID: "sinatra", Name: "Sinatra", Deps: []string{"sinatra"}},
		{ID: "grape", Name: "Grape", Deps: []string{"grape"}, Probe: pack.Probe{Spec: []string{"/swagger_doc", "/api/swagger_doc"}}},
		{ID: "hanami", Name: "Hanami", Deps: []string{"hanami"}},
	},
	NewRouteScanner: newRouteScanner,
	Auth: pack.Auth{
		Libraries: []string{"devise", "jwt", "devise-jwt"},
		ProtectLookedFor: map[string]string{
			"": "before_action :authenticate_user! (or another authentication callback) in a controller, or an authenticate block in routes.rb",
		},
		Code:        packSignals(),
		Protections: protections,
		KeyAssign:   scan.MustCompile(`(?m)^[ \t]*((?:self\.)?[A-Z][A-Z0-9_]*(?:SECRET|KEY|HMAC)[A-Z0-9_]*|config\.secret_key|jwt\.secret|config\.jwt_secret)\s*=\s*["']([^"'\n#{}]{3,})["']`),
		KeyLiterals: KeyLiterals,
	},
	Errors: pack.Errors{
		Status: []pack.StatusPattern{
			pack.Name(`\bstatus:\s*:(\w+)`),
			pack.Name(`\bhead\s*\(?\s*:(\w+)`),
			pack.Num(`\bstatus:\s*(\d{3})\b`),
			pack.Num(`\bhead\s*\(?\s*(\d{3})\b`),
		},
		LookedFor: map[string]string{
			"": "rescue_from in ApplicationController or a base controller (or a concern it includes), or config.exceptions_app",
		},
		Scan: centralErrors,
		// A concern with rescue_from counts once a controller includes it.
		Registers: []*scan.Regexp{scan.MustCompile(`\binclude\s+([\w:]+(?:\s*,\s*[\w:]+)*)`)},
	},
	Logging: pack.Logging{
		Patterns: []pack.LogPattern{
			pack.Log("lograge", pack.LogConfigured, `\bconfig\.lograge\.enabled\s*=\s*true\b|\bLograge\.setup\b`, "lograge"),
			pack.Log("lograge", pack.LogRequest, `\bconfig\.lograge\.enabled\s*=\s*true\b|\bLograge\.setup\b`, "lograge"),
			pack.Log("semantic_logger", pack.LogConfigured, `\bconfig\.rails_semantic_logger\b|\bSemanticLogger\.(?:add_appender|default_level)\b`, "emantic"),
			pack.Log("semantic_logger", pack.LogRequest, `\bconfig\.rails_semantic_logger\b`, "rails_semantic_logger"),
			// Calling Rails' logger: Rails also logs every request through
			// it ("Started GET …"), so a project that logs logs requests.
			pack.Log("rails", pack.LogConfigured, `\b(?:Rails\.)?logger\.(?:debug|info|warn|error|fatal|tagged)\b`, "logger."),
			pack.Log("rails", pack.LogRequest, `\b(?:Rails\.)?logger\.(?:debug|info|warn|error|fatal|tagged)\b`, "logger."),
		},
		Health: scan.MustCompile(`["'](/?[\w/\-]*)["']\s*(?:=>|,\s*to:)\s*["']rails/health#show["']`),
	},
	Database: pack.Database{
		Model:    scan.MustCompile(`(?m)^[ \t]*class[ \t]+((?:\w+::)*\w+)[ \t]*<[ \t]*(?:ApplicationRecord|ActiveRecord::Base)\b`),
		Relation: scan.MustCompile(`(?m)^[ \t]*(?:belongs_to|has_many|has_one|has_and_belongs_to_many)\b[ \t(]*:\w+|\bt\.(?:references|belongs_to)\b[^\n]*\bforeign_key:|\badd_foreign_key\b|\badd_reference\b[^\n]*\bforeign_key:`),
		// Rails 8's Solid Queue/Cache/Cable schemas are the framework's tables.
		Skip: FrameworkSchema,
		Migrations: []pack.MigrationTool{
			{Tool: "rails", Path: scan.MustCompile(`(^|/)db/migrate/\d+_\w+(?:\.\w+)?\.rb$`), Skip: engineMigration},
		},
		ORMs:   map[string]string{"activerecord": "activerecord", "rails": "activerecord"},
		Schema: SchemaReaders,
	},
	// rswag is not among them: it serves the swagger/v1/swagger.yaml its
	// specs wrote, found as a static file when committed (and absent,
	// nothing is served).
	OpenAPI: []pack.Generator{
		{Name: "grape-swagger", Deps: []string{"grape-swagger"}, Code: scan.MustCompile(`\badd_swagger_documentation\b`), Kind: "framework-generated"},
		{Name: "oas_rails", Deps: []string{"oas_rails"}, Code: scan.MustCompile(`\bOasRails::Engine\b`), Kind: "framework-generated"},
		{Name: "apipie", Deps: []string{"apipie-rails"}, Code: scan.MustCompile(`(?m)^\s*api\s+:(?:GET|POST|PUT|PATCH|DELETE)\b`), Kind: "annotations"},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"ruby": {Test: scan.MustCompile(`(?m)^[ \t]*(?:RSpec\.)?describe\b|^[ \t]*(?:it|specify|scenario)\b[ \t(]*["'{]|^[ \t]*def\s+test_|^[ \t]*test\s+["']|\brun_test!`),
				Frameworks: []pack.Named{
					pack.N("rspec", `\bRSpec\b|(?m)^\s*describe\b`),
					pack.N("minitest", `\bMinitest\b|\bActiveSupport::TestCase\b|\bActionDispatch::IntegrationTest\b|\bTest::Unit\b`),
				},
				Integration: scan.MustCompile(`type:\s*:(?:request|feature|system)\b|\bActionDispatch::IntegrationTest\b|\bRack::Test\b|\brun_test!|\bApplicationSystemTestCase\b|(?m)^[ \t]*visit[ \t(]+\w`),
				Boilerplate: func(code []byte, _ int) bool { return stubTest(code) },
			},
		},
		CI: ciTestRe,
		Framework: func(path, found string, st facts.Stack) string {
			if found != "" {
				return found
			}
			if strings.HasSuffix(path, "_spec.rb") || st.HasDep("rspec", "rspec-rails") {
				return "rspec"
			}
			return "minitest"
		},
	},
	Security: packSecurity(),
	Fixes:    fixes,
}

// packSecurity is the validation, rate-limit and CORS part of the
// security pattern table.
func packSecurity() []pack.SecuritySignal {
	var out []pack.SecuritySignal
	for _, p := range securityPatterns {
		if p.kind != "pagination" {
			out = append(out, pack.SecuritySignal{Kind: p.kind, Name: p.name, Re: p.re})
		}
	}
	return out
}

// packSignals turns the auth and hashing pattern tables into the pack's
// signals.
func packSignals() []pack.Signal {
	var out []pack.Signal
	for _, p := range authPatterns {
		out = append(out, pack.Signal{Re: p.re, Lib: p.name, Kind: p.kind})
	}
	for _, p := range hashingPatterns {
		out = append(out, pack.Signal{Re: p.re, Lib: p.name, Hash: p.kind})
	}
	return out
}
