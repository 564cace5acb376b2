// Package dotnet is the stack pack of C#/.NET: ASP.NET Core with
// attribute-routed controllers and minimal APIs. The tables below are what
// the concern engines read; the functions beside them (routes.go,
// minimal.go, auth.go, data.go, signals.go, tests.go, config.go) hold the
// knowledge a table cannot say and are unit-tested on their own.
package dotnet

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
	"github.com/vetfolio/vetfolio/rules/facts"
)

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
		{Kind: "cors-wildcard", Name: "aspnet-cors-any-origin", Re: CORSWildcard},
		{Kind: "cors", Name: "aspnet-cors", Re: CORS},
		{Kind: "validation", Name: "data-annotations", Re: Validation},
		{Kind: "rate-limit", Name: "aspnet-rate-limiter", Re: RateLimit},
	},
	Pagination: Pagination,
	Secrets:    pack.Secrets{Find: findSecrets},
	Fixes:      fixes,
}

func authTables() pack.Auth {
	a := pack.Auth{
		Deps: map[string]pack.DepSignal{},
		// Protected routes come from the route scanner; a global fallback
		// policy protects every endpoint that does not opt out.
		Protect:   []*scan.Regexp{GlobalAuthorization},
		Libraries: []string{"Microsoft.AspNetCore.Authentication.JwtBearer", "Microsoft.AspNetCore.Identity"},
		ProtectLookedFor: map[string]string{
			"": "[Authorize] on controllers or actions, RequireAuthorization() on endpoints or groups, or a fallback authorization policy",
		},
		// A key literal passed straight to SymmetricSecurityKey (no name,
		// group 1 empty) or held in a key-named constant.
		KeyAssign: scan.MustCompile(`(?:(?i:\b(?:const|static\s+readonly|readonly|static))\s+string\s+(\w*(?i:key|secret)\w*)\s*=\s*|\bSymmetricSecurityKey\s*\(\s*(?:(?:System\.Text\.)?Encoding\.\w+\.GetBytes\s*\(\s*|Convert\.FromBase64String\s*\(\s*)?)@?"([^"\n]{8,})"`),
	}
	for _, s := range AuthSignals {
		a.Code = append(a.Code, pack.Signal{Re: s.Re, Lib: s.Lib, Kind: s.Kind, Hash: s.Hash})
	}
	a.Code = append(a.Code, pack.Signal{Re: reFastHashPassword, Hash: "other"})
	for dep, s := range AuthPackages {
		a.Deps[dep] = pack.DepSignal{Lib: s.Lib, Kind: s.Kind, Hash: s.Hash}
	}
	return a
}

// reFastHashPassword is a fast digest computed over a password on one
// line; FastPasswordHash finds the file-level case.
var reFastHashPassword = scan.MustCompile(`(?i)\b(?:SHA1|SHA256|SHA384|SHA512|MD5)\.HashData\s*\([^\n;]*pass(?:word|wd)|\bHMACSHA(?:256|512)\b[^\n;]*pass(?:word|wd)`)

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
		LookedFor: map[string]string{
			"": "app.UseExceptionHandler(...), AddExceptionHandler<T>(), an exception middleware registered with UseMiddleware<T>(), or an exception filter added to the MVC filters",
		},
		Central:   CentralErrorHandler,
		Handlers:  ErrorHandlerClass,
		Registers: ErrorHandlerUse,
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
		Model:    DbSet,
		Relation: Relationship,
		Migrations: []pack.MigrationTool{{
			Tool: MigrationTool,
			// dotnet ef writes <timestamp>_<Name>.cs, its .Designer.cs
			// and the <Context>ModelSnapshot.cs; only the first counts.
			Path: scan.MustCompile(`(^|/)Migrations/(?:[\w.]+/)*\d{14}_\w+\.cs$`),
			Skip: func(p string) bool {
				return strings.HasSuffix(p, ".Designer.cs") || strings.HasSuffix(p, "ModelSnapshot.cs")
			},
		}},
		ORMs:   map[string]string{"microsoft.entityframeworkcore": "ef-core", "dapper": "dapper"},
		Schema: SchemaReaders,
	}
}

func generators() []pack.Generator {
	var out []pack.Generator
	for _, g := range OpenAPIGenerators {
		out = append(out, pack.Generator{Name: g.Name, Deps: []string{g.Package}, Code: g.Re, Kind: "framework-generated", Quality: quality})
	}
	return out
}

func testTables() pack.Tests {
	names := make([]pack.Named, 0, len(TestFrameworks)+1)
	for _, f := range TestFrameworks {
		names = append(names, pack.Named{Name: f.Name, Re: f.Test})
	}
	return pack.Tests{
		Languages: map[string]pack.TestLanguage{
			Language: {
				Test:        scan.MustCompile(`\[\s*(?:Fact|Theory|Test|TestCase|TestMethod|DataTestMethod)\s*(?:\(|\])`),
				Frameworks:  names,
				Integration: reHTTPTest,
				// dotnet new xunit/nunit/mstest writes UnitTest1 with an
				// empty Test1: a file of empty tests is boilerplate.
				Boilerplate: func(code []byte, tests int) bool {
					t := ScanTests(code)
					return t.Framework != "" && t.Tests == 0
				},
			},
		},
		CI: CITestCommand,
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
	// Set here rather than in the literal: the scanners read tables the
	// literal's initialisation must not depend on.
	Pack.NewRouteScanner = func() pack.RouteScanner { return &routeScanner{classes: map[string]Controller{}} }
	Pack.Database.NewScanner = func() pack.ModelScanner { return &modelScanner{} }
}

// routeScanner collects every C# file's routes and controllers, then
// applies base controllers' [Route] and [Authorize] across files.
type routeScanner struct {
	files   []routeFile
	classes map[string]Controller
}

type routeFile struct {
	src    pack.Source
	routes []Route
}

func (r *routeScanner) Scan(src pack.Source) {
	rs, controllers := RoutesAndControllers(src.Code)
	for _, c := range controllers {
		if _, dup := r.classes[c.Name]; !dup {
			r.classes[c.Name] = c
		}
	}
	if len(rs) > 0 {
		r.files = append(r.files, routeFile{src: src, routes: rs})
	}
}

func (r *routeScanner) Routes() []pack.Route {
	var out []pack.Route
	for _, f := range r.files {
		for _, rt := range Inherit(f.routes, r.classes) {
			out = append(out, pack.Route{Method: rt.Method, Path: rt.Path, At: f.src.Loc(rt.Offset), Protected: rt.Protected})
		}
	}
	return out
}

// modelScanner relates EF Core entities by their navigation properties,
// which needs the DbSet<T> list of another file.
type modelScanner struct {
	files []Entities
	locs  []pack.Source
}

func (m *modelScanner) Scan(src pack.Source) {
	e := ScanEntities(src.Code)
	if len(e.Navigations) > 0 || len(e.DbSets) > 0 {
		m.files = append(m.files, e)
		m.locs = append(m.locs, src)
	}
}

// Models are read by Database.Model (DbSet<T>); the scanner only adds
// the relations conventions imply.
func (m *modelScanner) Models() []pack.Model { return nil }

func (m *modelScanner) Relations() []facts.Location {
	if !Related(m.files) {
		return nil
	}
	for i, f := range m.files {
		if len(f.Navigations) > 0 {
			return []facts.Location{{Path: m.locs[i].Path, Line: 1}}
		}
	}
	return nil
}

// quality counts what Swashbuckle, NSwag and Microsoft.AspNetCore.OpenApi
// publish from one file (see Document).
func quality(data []byte) pack.DocQuality {
	d, e, s := Document(data, Code(data))
	return pack.DocQuality{Described: d, ErrorResponses: e, SecuritySchemes: s}
}

// findSecrets reports the signing keys and connection-string passwords
// committed in appsettings*.json.
func findSecrets(path string, data []byte) []pack.SecretAt {
	if !IsAppSettings(path) {
		return nil
	}
	var out []pack.SecretAt
	for _, s := range ConfigSecrets(data) {
		out = append(out, pack.SecretAt{Line: s.Line, Rule: s.Rule, Redacted: s.Key + " = " + mask(s.Value)})
	}
	return out
}

// mask keeps at most a quarter of a value, four characters at most, as
// the generic secret rules do.
func mask(v string) string {
	return v[:min(4, len(v)/4)] + "****"
}
