package rules

import (
	"fmt"
	"strings"
)

// securityCriterion judges the security hygiene a reviewer can see in the
// repository: committed credentials, .env handling, input validation, rate
// limiting and CORS.
var securityCriterion = &Criterion{
	ID:    "security",
	Title: "Security hygiene",
	Doc: "A reviewer scans a portfolio for committed credentials first: a leaked key or a committed .env ends " +
		"the review, so no-secrets carries most of the points. Beyond that they look for input validated against " +
		"a schema, rate limiting on the API, and CORS restricted to known origins rather than a wildcard.",
	Checks: []*Check{
		{
			ID:    "security.no-secrets",
			Title: "No credentials are committed",
			Doc: "Cloud and API keys, tokens, private keys, passwords in database URLs and framework secrets " +
				"(Django SECRET_KEY, Spring jwt.secret, Rails secret_key_base) found in tracked files fail the check; " +
				"each is reported by path, line and rule, never by value. Placeholders (changeme, ${JWT_SECRET}, <key>), " +
				"example files (.env.example) and local development defaults (postgres:postgres@localhost) are not secrets.",
			Points: 40,
			Run:    secRunNoSecrets,
			Fix:    secFixNoSecrets,
		},
		{
			ID:    "security.env-not-committed",
			Title: "No .env file is committed",
			Doc: "A committed .env file (.env, .env.local, .env.production) publishes the configuration meant to stay " +
				"on the machine it runs on. Example files meant to be copied (.env.example, .env.sample, .env.template, " +
				".env.dist) are fine.",
			Points: 12,
			Run: func(f *Facts) Result {
				if len(f.Security.EnvFiles) == 0 {
					return Pass("no .env file is committed")
				}
				msg := "committed .env files: " + secListUpTo(f.Security.EnvFiles, 5)
				if f.Security.EnvIgnored && secHasDotEnv(f.Security.EnvFiles) {
					msg += " (tracked even though .gitignore ignores .env: it was committed before the rule)"
				}
				ev := make([]Location, 0, min(len(f.Security.EnvFiles), 5))
				for _, p := range f.Security.EnvFiles[:min(len(f.Security.EnvFiles), 5)] {
					ev = append(ev, Location{Path: p})
				}
				return Fail(msg, ev...)
			},
			Fix: func(s Stack) []string {
				return append([]string{
					"Remove the file from the repository with `git rm --cached .env` (the file stays on disk) and commit",
					"Rotate every value the file held: it stays readable in the history until purged with `git filter-repo --invert-paths --path .env`",
				}, ForStack(s, secEnvExampleSteps)...)
			},
		},
		{
			ID:    "security.env-ignored",
			Title: ".gitignore ignores .env",
			Doc: "A .gitignore entry such as `.env`, `.env*` or `*.env` keeps local secrets out of every future commit. " +
				"Any .gitignore in the tree counts; `.env/` (a directory, usually a virtualenv) and negations like " +
				"`!.env.example` do not. A .env committed before the rule is judged by security.env-not-committed, not here.",
			Points: 6,
			Run: func(f *Facts) Result {
				// Whether a .env is committed anyway is judged by
				// security.env-not-committed alone; this check is about the rule.
				if f.Security.EnvIgnored {
					return Pass(".gitignore ignores .env", f.Security.GitignoreEvidence...)
				}
				return Fail("no .gitignore ignores .env")
			},
			Fix: func(s Stack) []string {
				return append([]string{"Add `.env` and `.env.*` followed by `!.env.example` to .gitignore"}, ForStack(s, secEnvExampleSteps)...)
			},
		},
		{
			ID:    "security.validation",
			Title: "Request input is validated",
			Doc: "Input validated against a declared schema (pydantic models, DRF serializers, marshmallow, Bean " +
				"Validation with @Valid, class-validator with a ValidationPipe, zod, joi, express-validator, Fastify route " +
				"schemas, go-playground/validator or gin binding tags) shows the API rejects bad data with a 4xx instead " +
				"of failing deep inside. class-validator decorators without a ValidationPipe do not count: they never run. " +
				"The check is skipped for languages whose validation libraries are not detected.",
			Points: 22,
			Run: func(f *Facts) Result {
				if f.Security.Validation != "" {
					return Pass("input validation with "+f.Security.Validation, f.Security.ValidationEvidence...)
				}
				if !secLanguages[f.Stack.Language] {
					return Skip(fmt.Sprintf("input validation is not detected for %s projects", secOrUnknown(f.Stack.Language)))
				}
				return Fail("no input validation library or schema found")
			},
			Fix: func(s Stack) []string { return ForStack(s, secValidationSteps) },
		},
		{
			ID:    "security.rate-limit",
			Title: "Requests are rate limited",
			Doc: "A rate limiter (slowapi, DRF throttling, Flask-Limiter, Bucket4j, Resilience4j, express-rate-limit, " +
				"@nestjs/throttler, @fastify/rate-limit, golang.org/x/time/rate, httprate, ...) protects login and write " +
				"endpoints from brute force and abuse. It weighs less than validation: many portfolio APIs leave it to a " +
				"gateway. Skipped for languages whose limiters are not detected.",
			Points: 6,
			Run: func(f *Facts) Result {
				if f.Security.RateLimit != "" {
					return Pass("rate limiting with "+f.Security.RateLimit, f.Security.RateLimitEvidence...)
				}
				if !secLanguages[f.Stack.Language] {
					return Skip(fmt.Sprintf("rate limiting is not detected for %s projects", secOrUnknown(f.Stack.Language)))
				}
				return Fail("no rate limiter found")
			},
			Fix: func(s Stack) []string { return ForStack(s, secRateLimitSteps) },
		},
		{
			ID:    "security.cors",
			Title: "CORS is configured explicitly",
			Doc: "An API meant for a browser frontend configures CORS on purpose (CORSMiddleware, django-cors-headers, " +
				"flask-cors, @CrossOrigin or a CorsConfiguration, the cors package, enableCors, @fastify/cors, rs/cors, " +
				"gin-contrib/cors, ...). Few points: without CORS browsers simply block other origins, which is safe. " +
				"Whether the configuration is a wildcard is judged by security.cors-no-wildcard.",
			Points: 4,
			Run: func(f *Facts) Result {
				if f.Security.CORS {
					return Pass("CORS is configured", f.Security.CORSEvidence...)
				}
				if h, ev, ok := liveCORS(f); ok {
					return Pass("CORS is configured (seen live: "+h+")", ev)
				}
				if !secLanguages[f.Stack.Language] {
					return Skip(fmt.Sprintf("CORS configuration is not detected for %s projects", secOrUnknown(f.Stack.Language)))
				}
				return Fail("no CORS configuration found")
			},
			Fix: func(s Stack) []string { return ForStack(s, secCorsSteps) },
		},
		{
			ID:    "security.cors-no-wildcard",
			Title: "CORS does not allow every origin",
			Doc: "A wildcard origin (allow_origins=[\"*\"], CORS_ALLOW_ALL_ORIGINS = True, a bare @CrossOrigin, cors() " +
				"with no options, origin: true, enableCors() with no options, cors.Default(), AllowAllOrigins: true, " +
				"middleware.CORS()) lets any site call the API from a visitor's browser, and with credentials it exposes " +
				"their session. It fails only on a wildcard: no CORS configuration at all passes this check.",
			Points: 10,
			Run: func(f *Facts) Result {
				// What the deployment answered wins over what the code
				// seemed to say.
				if h, ev, ok := liveCORS(f); ok {
					switch f.Live.Headers.CORS {
					case "wildcard", "reflects-origin":
						return Fail("CORS allows every origin (seen live: "+h+")", append([]Location{ev}, f.Security.CORSEvidence...)...)
					case "restricted":
						return Pass("CORS is limited to configured origins (seen live: "+h+")", ev)
					}
				}
				switch {
				case f.Security.CORSWildcard:
					return Fail("CORS allows every origin", f.Security.CORSEvidence...)
				case f.Security.CORS:
					return Pass("CORS is limited to configured origins", f.Security.CORSEvidence...)
				}
				return Pass("no CORS wildcard (CORS is not configured, so browsers allow the same origin only)")
			},
			Fix: func(s Stack) []string {
				return append([]string{"Replace the wildcard with the frontend's origins, read from configuration (for example a `CORS_ORIGINS` environment variable)"},
					ForStack(s, secCorsSteps)...)
			},
		},
	},
}

// secLanguages are the languages whose validation, rate limiting and
// CORS libraries the security detector knows.
var secLanguages = map[string]bool{
	"python": true, "java": true, "kotlin": true, "javascript": true, "typescript": true, "go": true,
}

func secOrUnknown(lang string) string {
	if lang == "" {
		return "unrecognised"
	}
	return lang
}

func secRunNoSecrets(f *Facts) Result {
	if len(f.Secrets) == 0 {
		return Pass("no committed secrets found")
	}
	var where []string
	var ev []Location
	for i, s := range f.Secrets {
		if i < 5 {
			where = append(where, fmt.Sprintf("%s:%d (%s)", s.Path, s.Line, s.Rule))
		}
		if i < 10 {
			ev = append(ev, Location{Path: s.Path, Line: s.Line})
		}
	}
	msg := fmt.Sprintf("%d committed %s: %s", len(f.Secrets), secPlural(len(f.Secrets), "secret", "secrets"), strings.Join(where, ", "))
	if len(f.Secrets) > 5 {
		msg += fmt.Sprintf(" and %d more", len(f.Secrets)-5)
	}
	return Fail(msg, ev...)
}

func secFixNoSecrets(s Stack) []string {
	return append([]string{"Revoke and rotate each reported credential first: it has been public since it was pushed"},
		append(ForStack(s, secSecretSteps),
			"Purge the values from history with `git filter-repo --replace-text` or BFG Repo-Cleaner (`bfg --replace-text secrets.txt`) and force-push",
			"Add a secret scanner to pre-commit and CI (gitleaks: `gitleaks protect --staged`)")...)
}

func secPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func secListUpTo(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more", len(items)-n)
}

var secSecretSteps = map[string][]string{
	"fastapi":     {"Move secrets into settings read from the environment with pydantic-settings (`class Settings(BaseSettings): secret_key: str`) and an ignored .env"},
	"django":      {"Read SECRET_KEY from the environment (`env('SECRET_KEY')` with django-environ, or `os.environ['SECRET_KEY']`) and generate a new key with `get_random_secret_key()`"},
	"flask":       {"Load secrets from the environment with python-dotenv and `app.config['SECRET_KEY'] = os.environ['SECRET_KEY']`"},
	"spring-boot": {"Reference secrets as placeholders (`jwt.secret: ${JWT_SECRET}`) in application.yml and supply them as environment variables or from Vault"},
	"express":     {"Read secrets from `process.env` (loaded by dotenv in development) and fail at start-up when one is missing"},
	"nestjs":      {"Read secrets through `@nestjs/config` (`ConfigService.getOrThrow('JWT_SECRET')`) from the environment"},
	"fastify":     {"Read secrets from the environment with @fastify/env and a JSON schema that marks them required"},
	"go":          {"Read secrets with `os.Getenv` (or envconfig/viper) at start-up and exit when one is missing"},
	"python":      {"Read secrets from the environment (`os.environ['SECRET_KEY']`) instead of source"},
	"java":        {"Read secrets from environment variables (`${JWT_SECRET}` placeholders) instead of committed config"},
	"":            {"Read each secret from an environment variable or a secret manager instead of a committed file"},
}

var secEnvExampleSteps = map[string][]string{
	"fastapi":     {"Commit a `.env.example` with placeholder values and document it; load the real .env with pydantic-settings"},
	"django":      {"Commit a `.env.example` with placeholder values and load the real .env with django-environ"},
	"flask":       {"Commit a `.env.example` with placeholder values and load the real .env with python-dotenv"},
	"spring-boot": {"Keep local values in an ignored `application-local.yml` or environment variables, and document the variables in the README"},
	"express":     {"Commit a `.env.example` with placeholder values and load the real .env with dotenv"},
	"nestjs":      {"Commit a `.env.example` with placeholder values and load the real .env with @nestjs/config"},
	"fastify":     {"Commit a `.env.example` with placeholder values and load the real .env with @fastify/env"},
	"go":          {"Commit a `.env.example` with placeholder values and document the variables the server reads with `os.Getenv`"},
	"":            {"Commit a `.env.example` with placeholder values and document each variable in the README"},
}

var secValidationSteps = map[string][]string{
	"fastapi":     {"Declare request bodies as pydantic models (`class UserCreate(BaseModel)`) with `Field(min_length=...)` and `EmailStr` constraints, and take them as endpoint parameters"},
	"django":      {"Validate input with DRF serializers (`serializers.ModelSerializer`) and call `serializer.is_valid(raise_exception=True)`"},
	"flask":       {"Validate JSON bodies with marshmallow schemas (`UserSchema().load(request.get_json())`) or flask-pydantic"},
	"spring-boot": {"Add `spring-boot-starter-validation`, annotate DTO fields with `@NotBlank`, `@Email` and `@Size`, and mark controller parameters `@Valid @RequestBody`"},
	"express":     {"Validate bodies with zod (`schema.parse(req.body)`) or express-validator (`body('email').isEmail()`) before the handler runs"},
	"nestjs":      {"Decorate DTOs with class-validator (`@IsEmail()`, `@IsString()`) and register `app.useGlobalPipes(new ValidationPipe({ whitelist: true }))`"},
	"fastify":     {"Give every route a `schema: { body, params, querystring }` (or TypeBox types) so Fastify validates requests with ajv"},
	"gin":         {"Add `binding:\"required\"` tags to request structs and bind them with `c.ShouldBindJSON(&req)`, answering 400 on error"},
	"echo":        {"Register go-playground/validator as `e.Validator` and call `c.Validate(&req)` after `c.Bind`"},
	"go":          {"Validate request structs with go-playground/validator (`validate:\"required,email\"` tags and `validate.Struct(req)`), answering 400 on error"},
	"python":      {"Validate request bodies with pydantic models before using them"},
	"java":        {"Annotate request DTOs with Bean Validation constraints and validate them with `@Valid`"},
	"javascript":  {"Validate request bodies with zod or joi before using them"},
	"":            {"Validate every request body and parameter against a declared schema and answer 400 with the errors"},
}

var secRateLimitSteps = map[string][]string{
	"fastapi":     {"Add slowapi (`limiter = Limiter(key_func=get_remote_address)`) and decorate login and write endpoints with `@limiter.limit(\"5/minute\")`"},
	"django":      {"Enable DRF throttling (`DEFAULT_THROTTLE_CLASSES` with `AnonRateThrottle` and `UserRateThrottle`, plus `DEFAULT_THROTTLE_RATES`) or django-ratelimit on the login view"},
	"flask":       {"Add Flask-Limiter (`Limiter(get_remote_address, app=app, default_limits=[\"200 per day\"])`) and a stricter limit on login"},
	"spring-boot": {"Add Bucket4j (`com.bucket4j:bucket4j-core`) in a servlet filter, or Resilience4j `@RateLimiter` on the auth endpoints"},
	"express":     {"Add express-rate-limit (`app.use(rateLimit({ windowMs: 15 * 60 * 1000, limit: 100 }))`) with a stricter limiter on /auth routes"},
	"nestjs":      {"Add @nestjs/throttler (`ThrottlerModule.forRoot([{ ttl: 60000, limit: 10 }])`) and register `ThrottlerGuard` as an APP_GUARD"},
	"fastify":     {"Register @fastify/rate-limit (`app.register(rateLimit, { max: 100, timeWindow: '1 minute' })`)"},
	"gin":         {"Add a limiter middleware: ulule/limiter's gin driver, or golang.org/x/time/rate in a `gin.HandlerFunc` keyed by client IP"},
	"echo":        {"Add `e.Use(middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(20)))`"},
	"chi":         {"Add go-chi/httprate (`r.Use(httprate.LimitByIP(100, time.Minute))`)"},
	"fiber":       {"Add `app.Use(limiter.New())` from github.com/gofiber/fiber/v2/middleware/limiter"},
	"go":          {"Wrap handlers in a per-client limiter built on golang.org/x/time/rate, or use go-chi/httprate"},
	"":            {"Limit request rates per client, at least on login and write endpoints"},
}

var secCorsSteps = map[string][]string{
	"fastapi":     {"Add `app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins)` with the frontend's origins listed explicitly"},
	"django":      {"Add django-cors-headers (`corsheaders` in INSTALLED_APPS, `CorsMiddleware` first in MIDDLEWARE) with `CORS_ALLOWED_ORIGINS` listing the frontend"},
	"flask":       {"Add Flask-CORS with explicit origins: `CORS(app, origins=app.config['CORS_ORIGINS'])`"},
	"spring-boot": {"Define a `CorsConfigurationSource` bean (or `addCorsMappings`) with `setAllowedOrigins(List.of(\"https://your-frontend.example\"))` and enable `http.cors(Customizer.withDefaults())`"},
	"express":     {"Add the cors package with an allow-list: `app.use(cors({ origin: ['https://your-frontend.example'] }))`"},
	"nestjs":      {"Call `app.enableCors({ origin: ['https://your-frontend.example'] })` in main.ts"},
	"fastify":     {"Register @fastify/cors with `{ origin: ['https://your-frontend.example'] }`"},
	"gin":         {"Add gin-contrib/cors with `cors.New(cors.Config{AllowOrigins: []string{\"https://your-frontend.example\"}})`"},
	"echo":        {"Use `middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{\"https://your-frontend.example\"}})`"},
	"chi":         {"Add go-chi/cors with `cors.Handler(cors.Options{AllowedOrigins: []string{\"https://your-frontend.example\"}})`"},
	"fiber":       {"Use `cors.New(cors.Config{AllowOrigins: \"https://your-frontend.example\"})`"},
	"go":          {"Wrap the handler with rs/cors: `cors.New(cors.Options{AllowedOrigins: []string{\"https://your-frontend.example\"}}).Handler(mux)`"},
	"":            {"Configure CORS with an explicit allow-list of the frontend's origins"},
}

// secHasDotEnv reports whether one of the files is named exactly .env, the
// name a .gitignore rule for .env covers.
func secHasDotEnv(paths []string) bool {
	for _, p := range paths {
		if p == ".env" || strings.HasSuffix(p, "/.env") {
			return true
		}
	}
	return false
}

// liveCORS describes the CORS answer the live probe saw ("Access-Control-
// Allow-Origin: * on /api/items"), with the URL as evidence; ok is false
// when the probe saw no CORS header.
func liveCORS(f *Facts) (string, Location, bool) {
	l := f.Live
	if l == nil || !l.Reachable || l.Headers == nil {
		return "", Location{}, false
	}
	h := l.Headers
	var what string
	switch h.CORS {
	case "wildcard":
		what = "Access-Control-Allow-Origin: *"
	case "reflects-origin":
		what = "Access-Control-Allow-Origin echoes any origin"
	case "restricted":
		what = "Access-Control-Allow-Origin names another origin than the probe's"
	default:
		return "", Location{}, false
	}
	u := strings.TrimSuffix(l.URL, "/") + h.CORSSeenOn
	if h.CORSSeenOn != "" {
		what += " on " + h.CORSSeenOn
	}
	return what, Location{URL: u}, true
}
