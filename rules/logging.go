package rules

import (
	"fmt"
	"strings"
)

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
		what := "a configured logger"
		if libs := l.Libraries; len(libs) > 0 {
			what += " (" + strings.Join(libs, ", ") + ")"
		}
		return Fail("no logging library found: " + lookedFor(what, f) + "; output goes through print statements, if anywhere")
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "logging.configured", Generic: []string{"Configure one logger at start-up with levels and structured output, and use it instead of print statements"}}.For(s)
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
		what := "request-logging middleware"
		if libs := f.Logging.RequestLibraries; len(libs) > 0 {
			what += " (" + strings.Join(libs, ", ") + ")"
		}
		return Fail("no request-logging middleware found; " + lookedFor(what+" or a middleware that logs the method and path", f))
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "logging.requests", Generic: []string{"Log every request's method, path, status and duration in a middleware"}}.For(s)
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
		return Fail(fmt.Sprintf("no health endpoint in the routes: looked for /health, /healthz, /ready, /livez, /status or /ping among %s", plural(f.Endpoints, "route", "routes")))
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "logging.health", Generic: []string{"Add a GET /health endpoint that returns 200 when the service and its database are up"}}.For(s)
	},
}
