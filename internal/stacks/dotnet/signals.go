package dotnet

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Generator is an OpenAPI generator found in code or among the packages.
type Generator struct {
	Re      *scan.Regexp
	Name    string
	Package string // NuGet package, lower case
}

// OpenAPIGenerators produce the document at run time from the endpoints
// (facts kind "framework-generated").
var OpenAPIGenerators = []Generator{
	{scan.MustCompile(`\.AddSwaggerGen\s*\(|\.UseSwagger\s*\(|\.UseSwaggerUI\s*\(`), "swashbuckle", "swashbuckle.aspnetcore"},
	{scan.MustCompile(`\.AddOpenApiDocument\s*\(|\.AddSwaggerDocument\s*\(|\.UseOpenApi\s*\(|\.UseSwaggerUi3?\s*\(`), "nswag", "nswag.aspnetcore"},
	{scan.MustCompile(`\.AddOpenApi\s*\(|\.MapOpenApi\s*\(`), "microsoft.aspnetcore.openapi", "microsoft.aspnetcore.openapi"},
	{scan.MustCompile(`\.AddFastEndpoints\s*\(\s*\)[\s\S]{0,200}?\.SwaggerDocument\s*\(|\.UseSwaggerGen\s*\(`), "fastendpoints.swagger", "fastendpoints.swagger"},
}

// OpenAPIGeneratorOf returns the generator a file configures and the
// offset of the call, or "".
func OpenAPIGeneratorOf(code []byte) (string, int) {
	for _, g := range OpenAPIGenerators {
		if m := g.Re.FindIndex(code); m != nil {
			return g.Name, m[0]
		}
	}
	return "", -1
}

// Documentation of the generated operations: XML doc comments fed to
// Swashbuckle, [EndpointSummary], .WithSummary/.WithDescription, and
// declared error responses ([ProducesResponseType(404)], .ProducesProblem).
var (
	OperationSummary = scan.MustCompile(`\[\s*(?:EndpointSummary|EndpointDescription|SwaggerOperation)\s*\(|\.WithSummary\s*\(|\.WithDescription\s*\(|\.WithOpenApi\s*\(\s*\w+\s*=>|IncludeXmlComments\s*\(`)
	ErrorResponse    = scan.MustCompile(`\[\s*ProducesResponseType\s*\([^)]*(?:Status4\d\d|Status5\d\d|\b[45]\d\d\b)|\.Produces(?:Problem|ValidationProblem)\s*\(|\.Produces\s*(?:<[^>]*>)?\s*\(\s*(?:StatusCodes\.Status)?[45]\d\d|\[\s*ProducesErrorResponseType\b`)
	SecurityScheme   = scan.MustCompile(`\.AddSecurityDefinition\s*\(|\bOpenApiSecurityScheme\b|\.AddSecurity\s*\(|BearerSecuritySchemeTransformer|\bAddDocumentTransformer\s*<\s*\w*Security`)
)

// CentralErrorHandler is where central exception handling is registered
// in ASP.NET Core: UseExceptionHandler (with a path, a lambda or the
// IExceptionHandler services), AddExceptionHandler<T>, UseMiddleware of an
// exception middleware, an extension such as UseErrorHandlingMiddleware(),
// and Hellang's ProblemDetails middleware. UseDeveloperExceptionPage alone
// is not error handling: it is the stack-trace page.
var CentralErrorHandler = scan.MustCompile(`\.UseExceptionHandler\s*\(|\.AddExceptionHandler\s*<|\.UseMiddleware\s*<\s*\w*(?:Exception|Error)\w*\s*>|\.UseProblemDetails\s*\(|\.Use\w*(?:Exception|Error)Handl\w*\s*\(`)

// ErrorHandlerClass is an exception handler defined as a class (group 1
// or 2 is its name): an IExceptionHandler, an MVC exception filter, an
// exception middleware. It handles nothing until registered, which
// ErrorHandlerUse finds.
var ErrorHandlerClass = scan.MustCompile(`\bclass\s+(\w+)(?:\s*<[^>{]*>)?(?:\s*\([^)]*\))?\s*:\s*[^{;]*?\b(?:IExceptionHandler|IExceptionFilter|IAsyncExceptionFilter|ExceptionFilterAttribute)\b|\bclass\s+(\w*(?:Exception|Error)\w*Middleware)\b`)

// ErrorHandlerUse are the places a handler class is registered by name
// (group 1): UseMiddleware<T>, AddExceptionHandler<T>, Filters.Add<T>,
// typeof(T), new T(...), and a filter applied as an attribute [T].
var ErrorHandlerUse = []*scan.Regexp{
	scan.MustCompile(`\b(?:UseMiddleware|AddExceptionHandler|Add\w*)\s*<\s*([\w.]+)\s*>`),
	scan.MustCompile(`\btypeof\s*\(\s*([\w.]+)\s*\)`),
	scan.MustCompile(`\bnew\s+([\w.]+)\s*\(`),
	scan.MustCompile(`\[\s*([\w.]+)\s*[\](,]`),
}

// StatusCode reads a 4xx/5xx answer in C#: helper names (NotFound(),
// Results.Conflict, TypedResults.BadRequest), StatusCodes constants and
// HttpStatusCode members. Group 1 is the status name or number.
var StatusCode = []*scan.Regexp{
	scan.MustCompile(`\b(?:Results|TypedResults)\.(NotFound|BadRequest|Unauthorized|Forbid|Conflict|UnprocessableEntity|ValidationProblem|Problem)\b`),
	scan.MustCompile(`(?:^|[^\w.])(NotFound|BadRequest|Unauthorized|Forbid|Conflict|UnprocessableEntity|ValidationProblem)\s*\(`),
	scan.MustCompile(`\bStatusCodes\.Status(4\d\d)\w*`),
	scan.MustCompile(`\bHttpStatusCode\.(BadRequest|Unauthorized|Forbidden|NotFound|Conflict|UnprocessableEntity|UnprocessableContent|TooManyRequests|MethodNotAllowed|Gone)\b`),
	scan.MustCompile(`\bStatusCode\s*\(\s*(4\d\d)\b`),
	scan.MustCompile(`\bStatusCode\s*=\s*(4\d\d)\b`),
}

var statusByName = map[string]int{
	"BadRequest": 400, "ValidationProblem": 400, "Unauthorized": 401, "Forbid": 403, "Forbidden": 403,
	"NotFound": 404, "MethodNotAllowed": 405, "Conflict": 409, "Gone": 410, "UnprocessableEntity": 422,
	"UnprocessableContent": 422, "TooManyRequests": 429,
}

// ClientErrors returns the distinct 4xx codes a file answers with.
func ClientErrors(code []byte) []int {
	seen := map[int]bool{}
	var out []int
	for _, re := range StatusCode {
		for _, m := range re.FindAllSubmatch(code, -1) {
			s := string(m[1])
			n, ok := statusByName[s]
			if !ok && len(s) == 3 {
				n = int(s[0]-'0')*100 + int(s[1]-'0')*10 + int(s[2]-'0')
			}
			if n >= 400 && n < 500 && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// LoggingSignal names a logging library and what a match shows.
type LoggingSignal struct {
	Re      *scan.Regexp
	Library string
	// Requests is set when the match logs every request.
	Requests bool
}

// LoggingSignals: Serilog, NLog and log4net configured in code, request
// logging middleware, and Microsoft.Extensions.Logging used by the
// project's own code (an ILogger<T> that is called, not the template's
// unused WeatherForecastController field).
var LoggingSignals = []LoggingSignal{
	{scan.MustCompile(`\.UseSerilogRequestLogging\s*\(`), "serilog", true},
	{scan.MustCompile(`\.UseHttpLogging\s*\(|\.AddHttpLogging\s*\(|\.UseW3CLogging\s*\(`), "microsoft-extensions-logging", true},
	{scan.MustCompile(`\.UseSerilog\s*\(|\.AddSerilog\s*\(|\bnew\s+LoggerConfiguration\s*\(|\bLog\.Logger\s*=`), "serilog", false},
	{scan.MustCompile(`\.UseNLog\s*\(|\bNLog\.LogManager\b|\bLogManager\.GetCurrentClassLogger\s*\(`), "nlog", false},
	{scan.MustCompile(`\.AddLog4Net\s*\(|\bLogManager\.GetLogger\s*\(`), "log4net", false},
}

var (
	reLoggerCall = scan.MustCompile(`\b_?[lL]ogger\s*\.\s*Log(?:Information|Warning|Error|Critical|Debug|Trace)?\s*\(|\.Logger\s*\.\s*Log(?:Information|Warning|Error|Critical|Debug|Trace)\s*\(|\bLoggerMessage\.Define\b|\[\s*LoggerMessage\s*\(`)
	// reRequestMiddleware is a hand-written middleware logging method and path.
	reRequestMiddleware = scan.MustCompile(`(?s)\bRequest\.Method\b.{0,200}\bRequest\.Path\b|\bRequest\.Path\b.{0,200}\bRequest\.Method\b`)
	reMiddlewareClass   = scan.MustCompile(`\bRequestDelegate\b|\bIMiddleware\b|\bapp\.Use\s*\(\s*async`)
)

// LoggingOf returns the logging library a file configures or uses, the
// offset of the match, and whether it logs requests.
func LoggingOf(code []byte) (lib string, off int, requests bool) {
	off = -1
	for _, s := range LoggingSignals {
		if m := s.Re.FindIndex(code); m != nil {
			if lib == "" || s.Requests && !requests {
				lib, off = s.Library, m[0]
			}
			requests = requests || s.Requests
		}
	}
	if lib == "" {
		if m := reLoggerCall.FindIndex(code); m != nil {
			lib, off = "microsoft-extensions-logging", m[0]
		}
	}
	if !requests && reMiddlewareClass.Match(code) && reLoggerCall.Match(code) {
		if m := reRequestMiddleware.FindIndex(code); m != nil {
			requests = true
			if off < 0 {
				off = m[0]
			}
		}
	}
	return lib, off, requests
}

// LoggingPackages are NuGet packages (lower case) that bring a logger.
var LoggingPackages = map[string]string{
	"serilog.aspnetcore":         "serilog",
	"serilog":                    "serilog",
	"serilog.extensions.logging": "serilog",
	"serilog.extensions.hosting": "serilog",
	"nlog.web.aspnetcore":        "nlog",
	"nlog":                       "nlog",
	"log4net":                    "log4net",
	"microsoft.extensions.logging.log4net.aspnetcore": "log4net",
}

var (
	reHealthPath = scan.MustCompile(`\.(?:MapHealthChecks|UseHealthChecks|MapHealthChecksUI)\s*\(\s*\$?@?"([^"]+)"`)
	reHealthAny  = scan.MustCompile(`\.(?:MapHealthChecks|UseHealthChecks)\s*\(|\.MapDefaultEndpoints\s*\(`)
	reHealthGet  = scan.MustCompile(`\.MapGet\s*\(\s*"(/(?:api/)?(?:health|healthz|ping|status|ready|live|alive)[\w/]*)"`)
	reHealthCtrl = scan.MustCompile(`\[\s*Route\s*\(\s*"(/?(?:api/)?(?:health|healthz|ping|status))"\s*\)`)
)

// HealthPath returns the health endpoint a file maps and its offset:
// MapHealthChecks("/health"), UseHealthChecks("/hc"), a hand-written
// MapGet("/health"), or Aspire's MapDefaultEndpoints (which maps /health).
func HealthPath(code []byte) (string, int) {
	for _, re := range []*scan.Regexp{reHealthPath, reHealthGet, reHealthCtrl} {
		if m := re.FindSubmatchIndex(code); m != nil {
			p := string(code[m[2]:m[3]])
			if !strings.HasPrefix(p, "/") {
				p = "/" + p
			}
			return p, m[0]
		}
	}
	if m := reHealthAny.FindIndex(code); m != nil {
		return "/health", m[0]
	}
	return "", -1
}

// Security hygiene in ASP.NET Core.
var (
	// Validation: DataAnnotations on request models, FluentValidation
	// validators, MiniValidation or the [ApiController] automatic 400.
	Validation = scan.MustCompile(`\[\s*(?:Required|StringLength|MaxLength|MinLength|Range|EmailAddress|RegularExpression|Phone|Url|Compare)\b|:\s*AbstractValidator\s*<|\.AddFluentValidation\w*\s*\(|\.AddValidatorsFrom\w*\s*\(|\bMiniValidator\.TryValidate\s*\(|\.AddValidation\s*\(`)
	// RateLimit: the built-in rate limiter and AspNetCoreRateLimit.
	RateLimit = scan.MustCompile(`\.AddRateLimiter\s*\(|\.UseRateLimiter\s*\(|\.RequireRateLimiting\s*\(|\[\s*EnableRateLimiting\b|\.AddInMemoryRateLimiting\s*\(|\.UseIpRateLimiting\s*\(`)
	// CORS configured explicitly.
	CORS = scan.MustCompile(`\.AddCors\s*\(|\.UseCors\s*\(|\[\s*EnableCors\b`)
	// CORSWildcard allows every origin: AllowAnyOrigin, or an origin
	// predicate that accepts everything (SetIsOriginAllowed(_ => true)).
	CORSWildcard = scan.MustCompile(`\.AllowAnyOrigin\s*\(|\.SetIsOriginAllowed\s*\(\s*(?:_|\w+)\s*=>\s*true\s*\)|\.WithOrigins\s*\(\s*"\*"\s*\)`)
	// Pagination: Skip/Take with page parameters, or a paging library.
	Pagination = scan.MustCompile(`\.Skip\s*\((?:[^()]|\([^()]*\))*\)\s*\.Take\s*\(|\bToPagedList(?:Async)?\s*\(|\bPaginatedList\s*<|\bPagedList\s*<|\bPagedResult\s*<`)
)

// Extras are signs of work beyond request/response in .NET: background
// services, Hangfire/Quartz jobs, caching, SignalR, e-mail, messaging.
var Extras = scan.MustCompile(`:\s*BackgroundService\b|\bIHostedService\b|\bHangfire\b|\bQuartz\b|\.AddStackExchangeRedisCache\s*\(|\bIDistributedCache\b|\bIMemoryCache\b|\.AddOutputCache\s*\(|\.MapHub\s*<|\bHub\s*<|:\s*Hub\b|\bSmtpClient\b|\bMailKit\b|\bSendGrid\b|\bMassTransit\b|\bRabbitMQ\b|\bIBlobStorage|\bBlobServiceClient\b|\bAmazonS3Client\b|\bConfluent\.Kafka\b`)

// reOpSummary is a summary set by an attribute or an endpoint call.
var reOpSummary = scan.MustCompile(`\[\s*(?:EndpointSummary|EndpointDescription|SwaggerOperation)\s*\(|\.WithSummary\s*\(|\.WithDescription\s*\(`)

// Document counts what Swashbuckle, NSwag and Microsoft.AspNetCore.OpenApi
// publish from one file: actions with an XML <summary> or a summary
// attribute or call, declared error responses, and a security scheme.
func Document(data, code []byte) (described, errorResponses int, schemes bool) {
	described = summarizedActions(data) + len(reOpSummary.FindAllIndex(code, -1))
	errorResponses = len(ErrorResponse.FindAllIndex(code, -1))
	schemes = SecurityScheme.Match(code)
	return described, errorResponses, schemes
}
