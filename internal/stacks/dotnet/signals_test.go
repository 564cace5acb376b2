package dotnet

import (
	"slices"
	"testing"
)

func TestOpenAPIGeneratorOf(t *testing.T) {
	cases := map[string]string{
		`builder.Services.AddSwaggerGen(); app.UseSwagger(); app.UseSwaggerUI();`:            "swashbuckle",
		`builder.Services.AddOpenApiDocument(c => c.Title = "x"); app.UseOpenApi();`:         "nswag",
		`builder.Services.AddOpenApi(); app.MapOpenApi(); app.MapScalarApiReference();`:      "microsoft.aspnetcore.openapi",
		`// builder.Services.AddSwaggerGen();` + "\n" + `builder.Services.AddControllers();`: "",
	}
	for code, want := range cases {
		if got, _ := OpenAPIGeneratorOf(Code([]byte(code))); got != want {
			t.Errorf("%q: got %q, want %q", code, got, want)
		}
	}
}

func TestCentralErrorHandler(t *testing.T) {
	for _, pos := range []string{
		`app.UseExceptionHandler("/error");`,
		`builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();`,
		`app.UseMiddleware<ErrorHandlingMiddleware>();`,
		`app.UseGlobalExceptionHandler();`,
	} {
		if !CentralErrorHandler.MatchString(pos) {
			t.Errorf("not central: %q", pos)
		}
	}
	// A handler class is a definition: it counts once registered by name.
	for pos, name := range map[string]string{
		`public sealed class GlobalExceptionHandler : IExceptionHandler { }`:                                "GlobalExceptionHandler",
		`public class ExceptionMiddleware { private readonly RequestDelegate _next; }`:                      "ExceptionMiddleware",
		`public class ApiExceptionFilterAttribute : ExceptionFilterAttribute { }`:                           "ApiExceptionFilterAttribute",
		`internal sealed class AppExceptionHandler(ILogger<AppExceptionHandler> log) : IExceptionHandler {`: "AppExceptionHandler",
	} {
		m := ErrorHandlerClass.FindStringSubmatch(pos)
		if m == nil || m[1]+m[2] != name {
			t.Errorf("handler class %q: got %q, want %s", pos, m, name)
		}
		if CentralErrorHandler.MatchString(pos) {
			t.Errorf("a definition alone counted as central: %q", pos)
		}
	}
	for _, neg := range []string{
		`public sealed class GlobalExceptionHandler : IExceptionHandler { }`,
		`if (env.IsDevelopment()) { app.UseDeveloperExceptionPage(); }`,
		`builder.Services.AddDatabaseDeveloperPageExceptionFilter();`,
		`try { Save(); } catch (Exception ex) { return BadRequest(ex.Message); }`,
	} {
		if CentralErrorHandler.MatchString(neg) {
			t.Errorf("central: %q", neg)
		}
	}
}

func TestClientErrors(t *testing.T) {
	code := `if (x is null) return NotFound();
if (dup) return Results.Conflict(new { error = "exists" });
return TypedResults.BadRequest();
[ProducesResponseType(StatusCodes.Status401Unauthorized)]
context.Response.StatusCode = (int)HttpStatusCode.Forbidden;`
	got := ClientErrors(Code([]byte(code)))
	for _, want := range []int{400, 401, 403, 404, 409} {
		if !slices.Contains(got, want) {
			t.Errorf("%d missing from %v", want, got)
		}
	}
	if got := ClientErrors(Code([]byte(`return Ok(items); // NotFound() never`))); len(got) != 0 {
		t.Errorf("negative: %v", got)
	}
}

func TestLoggingOf(t *testing.T) {
	lib, _, req := LoggingOf(Code([]byte(`builder.Host.UseSerilog((ctx, cfg) => cfg.ReadFrom.Configuration(ctx.Configuration));
app.UseSerilogRequestLogging();`)))
	if lib != "serilog" || !req {
		t.Errorf("serilog: %q requests=%v", lib, req)
	}
	lib, _, req = LoggingOf(Code([]byte(`public class OrdersService(ILogger<OrdersService> logger) {
    public void Place() { logger.LogInformation("Order placed"); }
}`)))
	if lib != "microsoft-extensions-logging" || req {
		t.Errorf("ILogger: %q requests=%v", lib, req)
	}
	lib, _, _ = LoggingOf(Code([]byte(`public class WeatherForecastController : ControllerBase {
    private readonly ILogger<WeatherForecastController> _logger;
    public WeatherForecastController(ILogger<WeatherForecastController> logger) { _logger = logger; }
}`)))
	if lib != "" {
		t.Errorf("the template's unused logger read as logging: %q", lib)
	}
	_, _, req = LoggingOf(Code([]byte(`public class RequestLog(RequestDelegate next, ILogger<RequestLog> logger) {
    public async Task Invoke(HttpContext ctx) { await next(ctx); logger.LogInformation("{Method} {Path} {Status}", ctx.Request.Method, ctx.Request.Path, ctx.Response.StatusCode); }
}`)))
	if !req {
		t.Error("hand-written request logging middleware missed")
	}
}

func TestHealthPath(t *testing.T) {
	cases := map[string]string{
		`app.MapHealthChecks("/healthz");`:                    "/healthz",
		`app.UseHealthChecks("/hc");`:                         "/hc",
		`app.MapGet("/health", () => Results.Ok("ok"));`:      "/health",
		`app.MapDefaultEndpoints();`:                          "/health",
		`app.MapGet("/api/products", () => Results.Ok());`:    "",
		`builder.Services.AddHealthChecks(); // never mapped`: "",
	}
	for code, want := range cases {
		if got, _ := HealthPath(Code([]byte(code))); got != want {
			t.Errorf("%q: got %q, want %q", code, got, want)
		}
	}
}

func TestSecuritySignals(t *testing.T) {
	if !CORSWildcard.MatchString(`policy.SetIsOriginAllowed(_ => true).AllowCredentials()`) || !CORSWildcard.MatchString(`b.AllowAnyOrigin()`) {
		t.Error("wildcard CORS missed")
	}
	if CORSWildcard.MatchString(`policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod()`) {
		t.Error("listed origins read as a wildcard")
	}
	if !RateLimit.MatchString(`builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter("auth", l => {}));`) || RateLimit.MatchString(`services.AddControllers();`) {
		t.Error("rate limit")
	}
	if !Validation.MatchString(`public record LoginRequest([Required, EmailAddress] string Email);`) || !Validation.MatchString(`public class V : AbstractValidator<CreateTodo> {}`) {
		t.Error("validation missed")
	}
	if Validation.MatchString(`public record LoginRequest(string Email, string Password);`) {
		t.Error("plain DTO read as validated")
	}
	if !Pagination.MatchString(`query.Skip((page - 1) * pageSize).Take(pageSize)`) || Pagination.MatchString(`items.Take(5)`) {
		t.Error("pagination")
	}
}

func TestDocument(t *testing.T) {
	src := []byte(`[ApiController]
[Route("api/tasks")]
public class TasksController : ControllerBase
{
    /// <summary>Reads one task.</summary>
    /// <param name="id">The task id.</param>
    [HttpGet("{id:int}")]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public IActionResult Get(int id) => Ok();

    [HttpDelete("{id:int}")]
    public IActionResult Delete(int id) => NoContent();
}
app.MapGet("/x", () => 1).WithSummary("Lists x").ProducesProblem(500);
builder.Services.AddSwaggerGen(o => o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme { Scheme = "bearer" }));
`)
	d, e, s := Document(src, Code(src))
	if d != 2 || e != 2 || !s {
		t.Errorf("described %d (want 2), error responses %d (want 2), schemes %v", d, e, s)
	}
	bare := []byte(`[HttpGet] public IActionResult List() => Ok(); // <summary> in a line comment is not a doc comment`)
	if d, e, s := Document(bare, Code(bare)); d+e != 0 || s {
		t.Errorf("undocumented: %d %d %v", d, e, s)
	}
}
