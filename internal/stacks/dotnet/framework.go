package dotnet

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Language and Framework are the names of the JSON report contract.
const (
	Language  = "csharp"
	Framework = "aspnet"
	// MigrationTool is the facts.migrations.tool value for EF Core.
	MigrationTool = "efcore"
)

// Web project markers: a .csproj on the Web SDK, or one referencing an
// ASP.NET Core package.
var (
	reWebSDK      = scan.MustCompile(`(?i)<Project\s+Sdk\s*=\s*"Microsoft\.NET\.Sdk\.Web"|<Sdk\s+Name\s*=\s*"Microsoft\.NET\.Sdk\.Web"`)
	reAspNetPkg   = scan.MustCompile(`(?i)<PackageReference\s+Include\s*=\s*"(?:Microsoft\.AspNetCore\.[\w.]+|Swashbuckle\.AspNetCore[\w.]*|FastEndpoints)"`)
	reFrameworkRf = scan.MustCompile(`(?i)<FrameworkReference\s+Include\s*=\s*"Microsoft\.AspNetCore\.App"`)
)

// IsWebProject reports whether a .csproj builds an ASP.NET Core app.
func IsWebProject(csproj []byte) bool {
	return reWebSDK.Match(csproj) || reAspNetPkg.Match(csproj) || reFrameworkRf.Match(csproj)
}

// Manifest reports whether p is a .NET manifest: a C# project file or a
// solution (the solution only says "there is .NET here").
func Manifest(p string) bool {
	l := strings.ToLower(p)
	return strings.HasSuffix(l, ".csproj") || strings.HasSuffix(l, ".sln") || strings.HasSuffix(l, ".slnx")
}

// Probe paths an ASP.NET Core app serves its docs, its OpenAPI document
// and its health check on, in the order to try them.
var (
	DocsPaths   = []string{"/swagger/index.html", "/swagger", "/scalar/v1", "/scalar", "/redoc"}
	SpecPaths   = []string{"/swagger/v1/swagger.json", "/openapi/v1.json", "/swagger/v1/swagger.yaml"}
	HealthPaths = []string{"/health", "/healthz", "/hc", "/alive", "/api/health"}
)

// Fixes are the remediation steps for an ASP.NET Core project, by check
// ID. They name ASP.NET Core's own tools (EF Core, Swashbuckle, Serilog,
// xUnit) and never another stack's.
var Fixes = map[string][]string{
	"auth.mechanism": {
		"Add `Microsoft.AspNetCore.Authentication.JwtBearer` and register it with `builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o => o.TokenValidationParameters = ...)`",
		"Call `app.UseAuthentication()` and `app.UseAuthorization()`, and issue tokens from a login endpoint with `JwtSecurityTokenHandler`",
	},
	"auth.protected-routes": {"Put `[Authorize]` on controllers (and `[AllowAnonymous]` on login/register), or call `.RequireAuthorization()` on minimal-API endpoints or their `MapGroup`"},
	"auth.password-hashing": {"Hash with `BCrypt.Net-Next` (`BCrypt.Net.BCrypt.HashPassword(password)` / `Verify`) or ASP.NET Identity's `PasswordHasher<User>`; never SHA-256 or HMAC"},
	"auth.no-hardcoded-key": {
		"Read the key from configuration (`builder.Configuration[\"Jwt:Key\"]`) set through the `Jwt__Key` environment variable or user-secrets (`dotnet user-secrets set Jwt:Key ...`), not a literal in `SymmetricSecurityKey`",
		"Rotate the committed key",
	},
	"auth.live-enforced": {"Make sure the deployed build keeps `app.UseAuthorization()` and the `[Authorize]`/`RequireAuthorization()` marks, and redeploy"},

	"database.relational": {"Use a relational EF Core provider (`Npgsql.EntityFrameworkCore.PostgreSQL` with `options.UseNpgsql(...)`, or SQL Server) instead of `UseInMemoryDatabase`, with the connection string from `ConnectionStrings__Default`"},
	"database.migrations": {
		"Install the tool (`dotnet tool install --global dotnet-ef`), add `Microsoft.EntityFrameworkCore.Design`, and create the first migration with `dotnet ef migrations add InitialCreate`",
		"Replace `Database.EnsureCreated()` with `dotnet ef database update` (or `Database.Migrate()` at start-up)",
	},
	"database.migration-history": {"Make each schema change its own migration (`dotnet ef migrations add AddDueDate`) instead of deleting and re-creating InitialCreate"},
	"database.models":            {"Declare entity classes and expose them as `DbSet<T>` properties on your `DbContext`"},
	"database.relationships":     {"Relate entities with navigation properties (`public Project Project` + `ProjectId`, `ICollection<TaskItem> Tasks`) and configure them in `OnModelCreating` with `HasOne(...).WithMany(...).HasForeignKey(...)`"},

	"api-docs.present":          {"Add `Swashbuckle.AspNetCore` and call `builder.Services.AddSwaggerGen()`, `app.UseSwagger()` and `app.UseSwaggerUI()` (or `Microsoft.AspNetCore.OpenApi`'s `AddOpenApi()`/`MapOpenApi()` on .NET 9)"},
	"api-docs.valid":            {"Serve the document Swashbuckle generates at /swagger/v1/swagger.json instead of a hand-edited copy, or fix it until `npx @redocly/cli lint` passes"},
	"api-docs.described":        {"Enable `<GenerateDocumentationFile>true</GenerateDocumentationFile>` and `options.IncludeXmlComments(...)` so `/// <summary>` comments describe actions, or use `.WithSummary(...)` on minimal APIs"},
	"api-docs.error-responses":  {"Declare error responses with `[ProducesResponseType(StatusCodes.Status404NotFound)]` on actions or `.ProducesProblem(404)` on minimal-API endpoints"},
	"api-docs.security-schemes": {"Declare the bearer scheme with `options.AddSecurityDefinition(\"Bearer\", new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = \"bearer\", BearerFormat = \"JWT\" })` and an `AddSecurityRequirement`"},
	"api-docs.live":             {"Call `app.UseSwagger()` and `app.UseSwaggerUI()` outside the `if (app.Environment.IsDevelopment())` block so /swagger answers in production"},
	"api-docs.live-conformance": {"Return the types the actions declare (`ActionResult<T>`, `TypedResults`) and declare the others with `[ProducesResponseType]`"},
	"api-docs.live-drift":       {"Regenerate the committed document from the running app (`dotnet swagger tofile` from Swashbuckle.AspNetCore.Cli) in the build"},

	"errors.central-handler": {"Implement `IExceptionHandler`, register it with `builder.Services.AddExceptionHandler<GlobalExceptionHandler>()` and `AddProblemDetails()`, and call `app.UseExceptionHandler()`"},
	"errors.status-codes":    {"Answer `NotFound()`, `BadRequest()`, `Conflict()` (or `Results.NotFound()` in minimal APIs) instead of 200/500, and let `[ApiController]` return 400 for invalid models"},
	"errors.live-json-404":   {"Call `builder.Services.AddProblemDetails()` and `app.UseStatusCodePages()` so unknown paths answer application/problem+json"},
	"errors.no-leaks":        {"Keep `app.UseDeveloperExceptionPage()` inside `if (app.Environment.IsDevelopment())`, run with `ASPNETCORE_ENVIRONMENT=Production`, and answer `ProblemDetails` from the exception handler"},

	"logging.configured": {"Add `Serilog.AspNetCore` and call `builder.Host.UseSerilog((ctx, cfg) => cfg.ReadFrom.Configuration(ctx.Configuration))`, and log through injected `ILogger<T>`"},
	"logging.requests":   {"Call `app.UseSerilogRequestLogging()` (or `builder.Services.AddHttpLogging()` + `app.UseHttpLogging()`)"},
	"logging.health":     {"Add `builder.Services.AddHealthChecks()` (with `.AddNpgSql(...)` or `.AddDbContextCheck<AppDbContext>()`) and `app.MapHealthChecks(\"/health\")`"},

	"tests.present": {
		"Add an xUnit project (`dotnet new xunit -o tests/Api.Tests` and `dotnet sln add`) with `Microsoft.AspNetCore.Mvc.Testing`",
		"Test endpoints through `WebApplicationFactory<Program>` and `factory.CreateClient()`: a happy path and a 4xx per endpoint",
	},
	"tests.depth":         {"Replace the template's empty `UnitTest1.Test1` with tests that call the API through `WebApplicationFactory<Program>`, one class per controller"},
	"tests.ci":            {"Add .github/workflows/ci.yml with actions/setup-dotnet and `dotnet test`"},
	"tests.ci-runs-tests": {"Add a `dotnet test` step (after `dotnet build`) to the CI workflow"},
	"tests.ci-green":      {"Open the failing run, fix the failing tests, and keep `dotnet test` green on main"},

	"security.no-secrets":        {"Move secrets out of appsettings.json (leave `\"Key\": \"\"`) into environment variables (`Jwt__Key`, `ConnectionStrings__Default`) or `dotnet user-secrets`, and rotate the committed ones"},
	"security.env-not-committed": {"Remove the committed .env (`git rm --cached .env`), rotate what it held, and use `dotnet user-secrets` or environment variables"},
	"security.env-ignored":       {"Add `.env`, `appsettings.*.local.json`, `bin/` and `obj/` to .gitignore (`dotnet new gitignore` writes one)"},
	"security.validation":        {"Annotate request DTOs with `[Required]`, `[StringLength]`, `[EmailAddress]` under `[ApiController]`, or validate with FluentValidation (`AbstractValidator<T>`)"},
	"security.rate-limit":        {"Add the built-in rate limiter: `builder.Services.AddRateLimiter(o => o.AddFixedWindowLimiter(\"auth\", ...))`, `app.UseRateLimiter()` and `.RequireRateLimiting(\"auth\")` on login"},
	"security.cors":              {"Add a CORS policy with `builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(\"https://your-frontend.example\")))` and `app.UseCors()`"},
	"security.cors-no-wildcard":  {"Replace `AllowAnyOrigin()` / `SetIsOriginAllowed(_ => true)` with `WithOrigins(...)` read from configuration"},

	"scope.pagination": {"Take `page` and `pageSize` query parameters on list endpoints and apply `.Skip((page - 1) * pageSize).Take(pageSize)` with a total count"},
	"scope.relations":  {"Relate the entities with navigation properties and `HasOne(...).WithMany(...)` in `OnModelCreating`, and expose nested routes such as `/api/projects/{id}/tasks`"},
	"scope.extras":     {"Add a `BackgroundService` for slow work, `IDistributedCache` with Redis for hot reads, or SignalR for live updates"},

	"deployment.config":      {"Add a Dockerfile: `dotnet publish -c Release -o /app` in `mcr.microsoft.com/dotnet/sdk:8.0`, run on `mcr.microsoft.com/dotnet/aspnet:8.0`"},
	"deployment.non-root":    {"Run as the image's non-root user: `USER app` (built into the .NET 8 aspnet images)"},
	"deployment.multi-stage": {"Publish in `FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build` and copy /app into `FROM mcr.microsoft.com/dotnet/aspnet:8.0`"},

	"readme.setup":         {"Add a Getting started section with the commands in a ```bash block: `dotnet ef database update` then `dotnet run --project src/Api`"},
	"readme.api-docs":      {"Link Swagger UI (`/swagger`) from an API section of the README, with a table of endpoints"},
	"readme.configuration": {"List the settings the app reads (`ConnectionStrings__Default`, `Jwt__Key`, ...) in a Configuration section of the README"},
}
