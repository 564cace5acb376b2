// Package dotnet is the stack pack of C#/.NET: ASP.NET Core with
// attribute-routed controllers and minimal APIs. The tables below are what
// the concern engines read; the functions beside them (routes.go,
// minimal.go, auth.go, data.go, signals.go, tests.go, config.go) hold the
// knowledge a table cannot say and are unit-tested on their own.
package dotnet

import (
	"regexp"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// re converts one of this package's patterns into the engines' prefiltered
// regexp, so each pattern is written once.
func re(r *regexp.Regexp) *scan.Regexp { return scan.MustCompile(r.String()) }

// Pack is the C#/.NET stack pack.
var Pack = &pack.Pack{
	ID:        "dotnet",
	Name:      "C#/.NET",
	Ecosystem: "dotnet",
	Languages: map[string]string{".cs": Language},
	Frameworks: []pack.Framework{{
		ID: Framework, Name: "ASP.NET Core", DepPrefixes: []string{"microsoft.aspnetcore"},
		Probe: pack.Probe{Health: HealthPaths, Docs: DocsPaths, Spec: SpecPaths},
	}},
	Auth:     authTables(),
	Errors:   errorTables(),
	Logging:  loggingTables(),
	Database: databaseTables(),
	OpenAPI:  generators(),
	Tests:    testTables(),
	Security: []pack.SecuritySignal{
		{Kind: "cors-wildcard", Name: "aspnet-cors-any-origin", Keywords: []string{"AllowAnyOrigin", "SetIsOriginAllowed", `"*"`}, Re: re(CORSWildcard)},
		{Kind: "cors", Name: "aspnet-cors", Keywords: []string{"Cors"}, Re: re(CORS)},
		{Kind: "validation", Name: "data-annotations", Keywords: []string{"[Required", "[StringLength", "[MaxLength", "[Range", "[EmailAddress", "[RegularExpression", "[MinLength", "Required,", "Required]"}, Re: re(Validation)},
		{Kind: "validation", Name: "fluentvalidation", Keywords: []string{"AbstractValidator", "FluentValidation", "AddValidatorsFrom"}, Re: re(Validation)},
		{Kind: "rate-limit", Name: "aspnet-rate-limiter", Keywords: []string{"RateLimit"}, Re: re(RateLimit)},
	},
	Fixes: fixes,
}

func authTables() pack.Auth {
	a := pack.Auth{
		Deps: map[string]pack.DepSignal{},
		// Every route Routes reads as protected, plus a global fallback
		// policy that protects all of them.
		Protections: func(code []byte) []int {
			var offs []int
			for _, r := range Routes(code) {
				if r.Protected {
					offs = append(offs, r.Offset)
				}
			}
			if m := GlobalAuthorization.FindIndex(code); m != nil {
				offs = append(offs, m[0])
			}
			return offs
		},
		// const string JwtKey = "..." and friends: group 1 the name,
		// group 2 the value.
		KeyAssign: re(reKeyConst),
		// new SymmetricSecurityKey(Encoding.UTF8.GetBytes("...")) and
		// "..."u8.ToArray(): the literal is the key.
		KeyDirect: []*scan.Regexp{re(reKeyDirect)},
	}
	for _, s := range AuthSignals {
		a.Code = append(a.Code, pack.Signal{Re: re(s.Re), Lib: s.Lib, Kind: s.Kind, Hash: s.Hash})
	}
	a.Code = append(a.Code, pack.Signal{Re: re(reFastHashPassword), Hash: "other"})
	for dep, s := range AuthPackages {
		a.Deps[dep] = pack.DepSignal{Lib: s.Lib, Kind: s.Kind, Hash: s.Hash}
	}
	return a
}

// reFastHashPassword is a fast digest computed over a password on one
// line; FastPasswordHash finds the file-level case.
var reFastHashPassword = regexp.MustCompile(`(?i)\b(?:SHA1|SHA256|SHA384|SHA512|MD5)\.HashData\s*\([^\n;]*pass(?:word|wd)|\bHMACSHA(?:256|512)\b[^\n;]*pass(?:word|wd)`)

func errorTables() pack.Errors {
	return pack.Errors{
		Status: []pack.StatusPattern{
			pack.Name(`\b(?:Results|TypedResults)\.(NotFound|BadRequest|Unauthorized|Conflict|UnprocessableEntity)\b`),
			pack.Name(`(?:^|[^\w.])(NotFound|BadRequest|Unauthorized|Conflict|UnprocessableEntity)\s*\(`),
			pack.Num(`\bStatusCodes\.Status(4\d\d)`),
			pack.Name(`\bHttpStatusCode\.(BadRequest|Unauthorized|Forbidden|NotFound|Conflict|UnprocessableEntity|UnprocessableContent|TooManyRequests|MethodNotAllowed|Gone)\b`),
			pack.Num(`\bStatusCode\s*\(\s*(4\d\d)\b`),
			pack.Num(`\bStatusCode\s*=\s*(4\d\d)\b`),
		},
		Central: re(CentralErrorHandler),
	}
}

func loggingTables() pack.Logging {
	return pack.Logging{
		Patterns: []pack.LogPattern{
			pack.Log("serilog", pack.LogRequest, `\.UseSerilogRequestLogging\s*\(`, ""),
			pack.Log("microsoft-extensions-logging", pack.LogRequest, `\.UseHttpLogging\s*\(|\.UseW3CLogging\s*\(`, ""),
			pack.Log("serilog", pack.LogConfigured, `\.UseSerilog\s*\(|\.AddSerilog\s*\(|\bnew\s+LoggerConfiguration\s*\(`, ""),
			pack.Log("nlog", pack.LogConfigured, `\.UseNLog\s*\(|\bLogManager\.GetCurrentClassLogger\s*\(`, "NLog"),
			pack.Log("log4net", pack.LogConfigured, `\.AddLog4Net\s*\(`, ""),
			// The host configures Microsoft.Extensions.Logging; a logger the
			// code calls is a configured one (the template's unused
			// ILogger<WeatherForecastController> field is not).
			pack.Log("microsoft-extensions-logging", pack.LogConfigured, reLoggerCall.String(), "Log"),
		},
		Middleware:  scan.MustCompile(`\bRequestDelegate\b|\bIMiddleware\b|\bapp\.Use\s*\(\s*async`),
		LogsRequest: scan.MustCompile(`(?s)\bRequest\.(?:Method|Path)\b`),
		Health:      scan.MustCompile(`\.(?:MapHealthChecks|UseHealthChecks)\s*\(\s*\$?@?"([^"]+)"|\.MapGet\s*\(\s*"(/(?:api/)?(?:health|healthz|ping|alive|ready|live)[\w/]*)"|\.(?:MapHealthChecks|UseHealthChecks)\s*\(|\.MapDefaultEndpoints\s*\(`),
	}
}

func databaseTables() pack.Database {
	return pack.Database{
		Model:    re(DbSet),
		Relation: re(Relationship),
		Migrations: []pack.MigrationTool{{
			Tool: MigrationTool,
			// dotnet ef writes <timestamp>_<Name>.cs, its .Designer.cs
			// and the <Context>ModelSnapshot.cs; only the first counts.
			Path: scan.MustCompile(`(^|/)Migrations/(?:[\w.]+/)*\d{14}_\w+\.cs$`),
			Skip: func(p string) bool {
				return strings.HasSuffix(p, ".Designer.cs") || strings.HasSuffix(p, "ModelSnapshot.cs")
			},
		}},
		ORMs: map[string]string{"microsoft.entityframeworkcore": "ef-core", "dapper": "dapper"},
	}
}

func generators() []pack.Generator {
	var out []pack.Generator
	for _, g := range OpenAPIGenerators {
		out = append(out, pack.Generator{Name: g.Name, Deps: []string{g.Package}, Code: re(g.Re), Kind: "framework-generated", Document: Document})
	}
	return out
}

func testTables() pack.Tests {
	names := make([]pack.Named, 0, len(TestFrameworks)+1)
	for _, f := range TestFrameworks {
		names = append(names, pack.Named{Name: f.Name, Re: re(f.Test)})
	}
	return pack.Tests{
		Languages: map[string]pack.TestLanguage{
			Language: {
				Test:        scan.MustCompile(`\[\s*(?:Fact|Theory|Test|TestCase|TestMethod|DataTestMethod)\s*(?:\(|\])`),
				Frameworks:  names,
				Integration: re(reHTTPTest),
				// dotnet new xunit/nunit/mstest writes UnitTest1 with an
				// empty Test1: a file of empty tests is boilerplate.
				Boilerplate: func(code []byte, tests int) bool {
					t := ScanTests(code)
					return t.Framework != "" && t.Tests == 0
				},
			},
		},
		Framework: func(path, found string, st facts.Stack) string {
			if found != "" {
				return found
			}
			switch {
			case st.HasDep("xunit"), st.HasDep("xunit.v3"):
				return "xunit"
			case st.HasDep("nunit"):
				return "nunit"
			case st.HasDep("mstest.testframework"), st.HasDep("mstest"):
				return "mstest"
			}
			return ""
		},
	}
}

func init() {
	// Set here rather than in the literal: scanRoutes reads Routes, which
	// the literal's initialisation must not depend on.
	Pack.ScanRoutes = scanRoutes
}

// scanRoutes hands the engine every endpoint of a C# file.
func scanRoutes(src pack.Source) []pack.Route {
	rs := Routes(src.Code)
	out := make([]pack.Route, 0, len(rs))
	for _, r := range rs {
		out = append(out, pack.Route{Method: r.Method, Path: r.Path, Offset: r.Offset})
	}
	return out
}
