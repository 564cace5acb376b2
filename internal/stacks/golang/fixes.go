package golang

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the group's fix texts by check ID, for any of its frameworks
// that has none of its own (see stacks.Fix).
var fixes = pack.Join(pack.Fixes{
	"auth.live-enforced": {"Deploy the version that wraps the private routes in the JWT middleware and check that a request without a token gets 401"},
	"api-docs.present": {"Annotate handlers for swaggo (`go install github.com/swaggo/swag/cmd/swag@latest`, // @Summary, // @Router) and run `swag init` to write docs/swagger.json; serve it with gin-swagger, echo-swagger or http-swagger",
		"Or write an openapi.yaml by hand and generate the server interface from it with oapi-codegen"},
	"api-docs.valid":            {"Regenerate the document with `swag init` after fixing the annotations, or lint the hand-written file with `npx @redocly/cli lint`", "Inline or copy into the repository any $ref that points to a URL or outside the repository"},
	"api-docs.described":        {"Add // @Summary and // @Description to each handler's swaggo annotations and rerun `swag init`"},
	"api-docs.error-responses":  {"Add // @Failure 400 {object} ErrorResponse and // @Failure 404 ... to each handler's swaggo annotations and rerun `swag init`"},
	"api-docs.security-schemes": {"Declare // @securityDefinitions.apikey BearerAuth (@in header, @name Authorization) in main.go and add // @Security BearerAuth to protected handlers"},
	"api-docs.live":             {"Mount the swagger handler (gin-swagger, echo-swagger or http-swagger) at /swagger/ in the deployed build and link it from the README"},
	"api-docs.live+graphql":     {"Mount gqlgen's playground.Handler(\"GraphQL\", \"/query\") at / and the server (with transport.GET{}) at /query in the deployed build"},
	"auth.mechanism":            {"Add `github.com/golang-jwt/jwt/v5` and issue tokens from a login handler", "Write a middleware that parses and validates the bearer token"},
	"auth.protected-routes":     {"Apply the JWT middleware to the private routes with `r.Use(AuthMiddleware)` on a route group, or wrap their handlers"},
	"auth.password-hashing":     {"Hash with `golang.org/x/crypto/bcrypt` (`bcrypt.GenerateFromPassword`) and check with `CompareHashAndPassword`"},
	"auth.no-hardcoded-key":     {"Read the key with `os.Getenv(\"JWT_SECRET\")` at start-up and refuse to start without it", "Rotate the committed key"},
	"database.relational":       {"Add PostgreSQL with `github.com/jackc/pgx/v5` (or GORM with `gorm.io/driver/postgres`) and read the DSN from `DATABASE_URL`"},
	"database.migrations": {"Add golang-migrate (`migrate create -ext sql -dir migrations -seq create_tables`) or goose (`goose -dir migrations create create_tables sql`)",
		"Write the CREATE TABLE statements in the up file and commit the migrations folder"},
	"database.migration-history": {"Add each schema change as a new numbered migration (`migrate create -ext sql -dir migrations -seq ...`) instead of editing the first"},
	"database.models":            {"Declare the tables in SQL migrations (`CREATE TABLE ...`) with sqlc, or GORM models (structs embedding `gorm.Model`)"},
	"database.relationships":     {"Add `FOREIGN KEY (user_id) REFERENCES users(id)` constraints in the migrations (or GORM `foreignKey:` tags)"},
	"deployment.config": {
		"Add a multi-stage Dockerfile: `FROM golang:1.22 AS build` running `CGO_ENABLED=0 go build -o /app ./cmd/server`, then `FROM gcr.io/distroless/static` with the binary",
		"Run `fly launch` and `fly deploy` on Fly.io (or deploy the image on Cloud Run); read the port from `$PORT`",
	},
	"deployment.live":             {"Listen on `\":\" + os.Getenv(\"PORT\")`, not on localhost"},
	"errors.central-handler":      {"Write a `writeError(w http.ResponseWriter, status int, msg string)` helper that writes a JSON body, and use it in every handler", "Add a recover middleware that logs panics and answers 500 through the same helper"},
	"errors.status-codes":         {"Answer `http.StatusNotFound`, `http.StatusBadRequest` and `http.StatusConflict` through the error helper instead of 500 for every failure"},
	"errors.live-json-404":        {"Register a catch-all handler (`r.NoRoute` in gin, `r.NotFound` in chi) that writes a JSON 404 through the error helper"},
	"errors.no-leaks":             {"Log errors server-side and write only a generic message through the error helper; never write `err.Error()` of database errors to the client"},
	"api-docs.described+graphql":  {"Describe each GraphQL query and mutation with a \"\"\"description\"\"\" above its field in the gqlgen .graphqls schema, then run `go run github.com/99designs/gqlgen generate`"},
	"deployment.security-headers": {"Set `Strict-Transport-Security` and `X-Content-Type-Options: nosniff` in a middleware (or use unrolled/secure)", "Give the CORS middleware (rs/cors, gin-contrib/cors) an explicit `AllowedOrigins` list when `AllowCredentials` is true"},
	"api-docs.live-conformance":   {"Keep swaggo `@Success 200 {object} Dto` annotations in step with the handlers and regenerate with `swag init` in CI"},
	"api-docs.live-drift":         {"Run `swag init` in CI and fail the build when docs/ changes"},
	"logging.configured":          {"Create a `slog.New(slog.NewJSONHandler(os.Stdout, nil))` logger at start-up, `slog.SetDefault` it, and pass it to handlers"},
	"logging.requests":            {"Wrap the router in a logging middleware that records method, path, status and duration with slog"},
	"logging.health":              {"Add a `GET /healthz` handler that returns 200 with `{\"status\":\"ok\"}` (and pings the database)"},
	"deployment.dockerfile":       {"Add a Dockerfile that builds with `FROM golang:1.26` (`CGO_ENABLED=0 go build -o /app ./cmd/server`) and runs on `gcr.io/distroless/static-debian12:nonroot`"},
	"deployment.pinned-base":      {"Pin the base images, e.g. `FROM golang:1.26` to build and `gcr.io/distroless/static-debian12:nonroot` to run"},
	"deployment.non-root":         {"Run the binary on `gcr.io/distroless/static-debian12:nonroot`, or add `USER 65532:65532` to the final stage"},
	"deployment.multi-stage":      {"Build in `FROM golang:1.26 AS build` and `COPY --from=build /app /app` into `FROM gcr.io/distroless/static-debian12:nonroot`"},
	"deployment.dockerignore":     {"Add a .dockerignore listing `.git`, `bin/`, `.env` and local test data"},
	"scope.layered":               {"Split `internal/handler` (HTTP), `internal/service` (business rules) and `internal/repository` (database/sql, sqlc or GORM queries) behind interfaces"},
	"readme.setup":                {"Add a Getting started section with the commands in a ```bash block: `cp .env.example .env`, `docker compose up -d db`, `go run ./cmd/server`"},
	"readme.api-docs":             {"Generate docs with swaggo (`swag init`) served at /swagger/index.html and link them from an API section of the README"},
	"readme.configuration":        {"Read configuration from the environment (os.Getenv or github.com/caarlos0/env) and commit a .env.example", "Add a Configuration section to the README: `cp .env.example .env` and a table of each variable and what it does"},
	"scope.relations":             {"Add `REFERENCES` foreign keys in a golang-migrate or goose migration and join the tables in the queries"},
	"scope.pagination":            {"Parse `limit` and `offset` from `r.URL.Query()` and use `LIMIT $1 OFFSET $2` in the list query"},
	"scope.extras":                {"Add a background worker with `asynq` (Redis) or a cache in front of hot queries with `go-redis`"},
	"security.no-secrets":         {"Read secrets with `os.Getenv` (or envconfig/viper) at start-up and exit when one is missing"},
	"security.env-ignored":        {"Commit a `.env.example` with placeholder values and document the variables the server reads with `os.Getenv`"},
	"security.validation":         {"Validate request structs with go-playground/validator (`validate:\"required,email\"` tags and `validate.Struct(req)`), answering 400 on error"},
	"security.rate-limit":         {"Wrap handlers in a per-client limiter built on golang.org/x/time/rate, or use go-chi/httprate"},
	"security.cors":               {"Wrap the handler with rs/cors: `cors.New(cors.Options{AllowedOrigins: []string{\"https://your-frontend.example\"}}).Handler(mux)`"},
	"tests.present": {
		"Add *_test.go files next to the handlers and test them with `net/http/httptest` (`httptest.NewRecorder()` + `router.ServeHTTP`)",
		"Use table-driven tests for success and error cases; run them with `go test ./...`",
	},
	"tests.ci": {"Add .github/workflows/ci.yml that runs on push and pull_request" + " with actions/setup-go (go-version-file: go.mod), `go vet ./...` and `go test -race ./...`"},
}, schemaFixes)

// ginFixes are Gin's fix texts by check ID.
var ginFixes = pack.Fixes{
	"errors.central-handler": {"Write an error middleware that reads `c.Errors.Last()` after `c.Next()` and answers with `c.JSON(status, gin.H{\"error\": ...})`; have handlers call `c.Error(err)`"},
	"logging.requests":       {"Use `gin.Default()` (which adds `gin.Logger()`) or a structured one such as `sloggin` or `ginzap`"},
	"security.validation":    {"Add `binding:\"required\"` tags to request structs and bind them with `c.ShouldBindJSON(&req)`, answering 400 on error"},
	"security.rate-limit":    {"Add a limiter middleware: ulule/limiter's gin driver, or golang.org/x/time/rate in a `gin.HandlerFunc` keyed by client IP"},
	"security.cors":          {"Add gin-contrib/cors with `cors.New(cors.Config{AllowOrigins: []string{\"https://your-frontend.example\"}})`"},
}

// echoFixes are Echo's fix texts by check ID.
var echoFixes = pack.Fixes{
	"errors.central-handler": {"Set `e.HTTPErrorHandler` to a function that maps errors to `*echo.HTTPError` codes and writes a JSON body"},
	"logging.requests":       {"Add `e.Use(middleware.RequestLoggerWithConfig(...))` logging through slog or zerolog"},
	"security.validation":    {"Register go-playground/validator as `e.Validator` and call `c.Validate(&req)` after `c.Bind`"},
	"security.rate-limit":    {"Add `e.Use(middleware.RateLimiter(middleware.NewRateLimiterMemoryStore(20)))`"},
	"security.cors":          {"Use `middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{\"https://your-frontend.example\"}})`"},
}

// fiberFixes are Fiber's fix texts by check ID.
var fiberFixes = pack.Fixes{
	"errors.central-handler": {"Pass `fiber.Config{ErrorHandler: ...}` to `fiber.New` and return `fiber.NewError(status, msg)` from handlers"},
	"logging.requests":       {"Add `app.Use(logger.New())` from `github.com/gofiber/fiber/v2/middleware/logger`"},
	"security.rate-limit":    {"Add `app.Use(limiter.New())` from github.com/gofiber/fiber/v2/middleware/limiter"},
	"security.cors":          {"Use `cors.New(cors.Config{AllowOrigins: \"https://your-frontend.example\"})`"},
}

// chiFixes are chi's fix texts by check ID.
var chiFixes = pack.Fixes{
	"logging.requests":    {"Add `r.Use(middleware.Logger)` or `httplog` for structured request logs"},
	"security.rate-limit": {"Add go-chi/httprate (`r.Use(httprate.LimitByIP(100, time.Minute))`)"},
	"security.cors":       {"Add go-chi/cors with `cors.Handler(cors.Options{AllowedOrigins: []string{\"https://your-frontend.example\"}})`"},
}
