package rules

import "fmt"

// loggingCriterion judges logging and health: a reviewer wants to see that
// the service would be operable, with a configured logger, requests logged
// and an endpoint a platform can probe.
var loggingCriterion = &Criterion{
	ID:    "logging",
	Title: "Logging and health",
	Doc: "A service a team can run logs through a configured logger (not print statements), logs every request, " +
		"and exposes a health endpoint that a load balancer or platform can probe.",
	Checks: []*Check{loggingConfigured, loggingRequests, loggingHealth},
}

var loggingConfigured = &Check{
	ID:    "logging.configured",
	Title: "A logger is configured",
	Doc: "Print statements and an unconfigured logger lose messages in production. Passes when a logger is set up: " +
		"Python logging.basicConfig/dictConfig or Django LOGGING, structlog.configure, loguru; Java slf4j loggers " +
		"(@Slf4j, LoggerFactory.getLogger), logback/log4j2 configuration or logging.* properties; Node winston, pino, " +
		"bunyan, morgan, Fastify's logger or the NestJS Logger; Go slog.New/SetDefault, zap, zerolog or logrus set-up. " +
		"Importing Python's logging or Go's log without configuring them does not count.",
	Points: 40,
	Run: func(f *Facts) Result {
		l := f.Logging
		if l.Configured {
			return Pass(l.Library+" logger configured", l.Evidence...)
		}
		if l.Library != "" {
			return Fail(l.Library+" is used but never configured", l.Evidence...)
		}
		return Fail("no logging library found; output goes through print statements, if anywhere")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Configure logging at start-up with `logging.config.dictConfig(...)` (JSON output with `python-json-logger`), or use `structlog` / `loguru`", "Get loggers with `logging.getLogger(__name__)` in each module"},
			"django":      {"Add a `LOGGING` dict to settings.py with a console handler and levels for `django` and your apps"},
			"flask":       {"Call `logging.config.dictConfig(...)` before creating the app, or use `structlog`, and log through `app.logger`"},
			"spring-boot": {"Add `@Slf4j` (Lombok) or `LoggerFactory.getLogger(...)` to services and a `logback-spring.xml` (or `logging.level.*` properties) with a JSON encoder for production"},
			"express":     {"Add `pino` (or `winston`), create one logger module and use it instead of `console.log`"},
			"nestjs":      {"Add `nestjs-pino` and import `LoggerModule.forRoot()`; call `app.useLogger(app.get(Logger))` in main.ts"},
			"fastify":     {"Create the server with `Fastify({ logger: true })` and log with `request.log` / `fastify.log`"},
			"go":          {"Create a `slog.New(slog.NewJSONHandler(os.Stdout, nil))` logger at start-up, `slog.SetDefault` it, and pass it to handlers"},
			"":            {"Configure one logger at start-up with levels and structured output, and use it instead of print statements"},
		})
	},
}

var loggingRequests = &Check{
	ID:    "logging.requests",
	Title: "Requests are logged",
	Doc: "Request logs (method, path, status, duration) are the first thing anyone reads when an API misbehaves. " +
		"Passes on request-logging middleware: morgan, pino-http, express-winston, nestjs-pino, Fastify's logger, gin's " +
		"Logger (gin.Default), echo/chi/fiber logger middleware, gorilla LoggingHandler, Spring's " +
		"CommonsRequestLoggingFilter or Tomcat access logs, or a hand-written middleware that logs the method and path.",
	Points: 25,
	Run: func(f *Facts) Result {
		if f.Logging.RequestLogging {
			return Pass("requests are logged by middleware", f.Logging.RequestEvidence...)
		}
		return Fail("no request-logging middleware found")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add an `@app.middleware(\"http\")` function that times `call_next(request)` and logs method, path, status and duration (or `asgi-correlation-id` with structlog)"},
			"django":      {"Add a small middleware class that logs `request.method`, `request.path`, the response status and duration, and list it in `MIDDLEWARE`"},
			"flask":       {"Log method, path and status in an `@app.after_request` hook, or run gunicorn with `--access-logfile -`"},
			"spring-boot": {"Register a `CommonsRequestLoggingFilter` bean (or add `logbook-spring-boot-starter`), or set `server.tomcat.accesslog.enabled=true`"},
			"express":     {"Add `pino-http` (or `morgan('combined')`) with `app.use(...)` before the routes"},
			"nestjs":      {"Use `nestjs-pino`'s `LoggerModule.forRoot()`, which logs every request, or add a logging interceptor"},
			"fastify":     {"Create the server with `Fastify({ logger: true })`: it logs every request and response"},
			"go":          {"Wrap the router in a logging middleware that records method, path, status and duration with slog"},
			"gin":         {"Use `gin.Default()` (which adds `gin.Logger()`) or a structured one such as `sloggin` or `ginzap`"},
			"echo":        {"Add `e.Use(middleware.RequestLoggerWithConfig(...))` logging through slog or zerolog"},
			"chi":         {"Add `r.Use(middleware.Logger)` or `httplog` for structured request logs"},
			"fiber":       {"Add `app.Use(logger.New())` from `github.com/gofiber/fiber/v2/middleware/logger`"},
			"":            {"Log every request's method, path, status and duration in a middleware"},
		})
	},
}

var loggingHealth = &Check{
	ID:    "logging.health",
	Title: "The API has a health endpoint",
	Doc: "Platforms, load balancers and reviewers probe a health endpoint to see that the service is up. Passes when " +
		"the code routes /health, /healthz, /ready, /livez, /status, /ping (also under /api), when Spring Boot Actuator, " +
		"django-health-check or fastify-healthcheck provide one, or when the live probe found one.",
	Points: 35,
	Run: func(f *Facts) Result {
		if p := f.Logging.HealthPath; p != "" {
			return Pass("health endpoint at "+p, f.Logging.HealthEvidence...)
		}
		if f.Live != nil && f.Live.HealthPath != "" {
			return Pass(fmt.Sprintf("the deployed service answers at %s", f.Live.HealthPath), Location{URL: f.Live.URL})
		}
		return Fail("no health endpoint in the routes")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add `@app.get(\"/health\")` returning `{\"status\": \"ok\"}`, checking the database with a `SELECT 1`"},
			"django":      {"Add `django-health-check` and `path(\"health/\", include(\"health_check.urls\"))`, or a `/health/` view returning `JsonResponse`"},
			"flask":       {"Add `@app.get(\"/health\")` returning `jsonify(status=\"ok\")`"},
			"spring-boot": {"Add `spring-boot-starter-actuator` and expose `management.endpoints.web.exposure.include=health`"},
			"express":     {"Add `app.get('/health', (req, res) => res.json({ status: 'ok' }))`"},
			"nestjs":      {"Add `@nestjs/terminus` and a `HealthController` with `@Get('health')` and `@HealthCheck()`"},
			"fastify":     {"Register `fastify-healthcheck`, or add `fastify.get('/health', async () => ({ status: 'ok' }))`"},
			"go":          {"Add a `GET /healthz` handler that returns 200 with `{\"status\":\"ok\"}` (and pings the database)"},
			"":            {"Add a GET /health endpoint that returns 200 when the service and its database are up"},
		})
	},
}
