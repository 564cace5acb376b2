package php

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// LoggingLibrary is what Laravel logs through: the Log facade over Monolog,
// configured in config/logging.php.
const LoggingLibrary = "monolog"

var (
	logCall = scan.MustCompile(`\bLog::(?:debug|info|notice|warning|error|critical|alert|emergency|log|channel|stack|withContext|build)\s*\(|\blogger\s*\(\s*\)\s*->|\blogger\s*\(\s*['"]`)
	// A middleware that logs: Log:: in a class with a handle($request, $next).
	middlewareHandle = scan.MustCompile(`\bfunction\s+(?:handle|terminate)\s*\(\s*(?:Request\s+)?\$request`)
)

// RequestLoggerDeps are Composer packages that log every request.
var RequestLoggerDeps = []string{"spatie/laravel-http-logger", "bilfeldt/laravel-request-logger", "prettus/laravel-request-logger"}

// LogCalls lists where a comment-blanked PHP file writes to the log.
func LogCalls(code []byte) []int {
	var out []int
	for _, m := range logCall.FindAllIndex(code, -1) {
		out = append(out, m[0])
	}
	return out
}

// RequestLogging returns the offset where a middleware logs requests, or -1.
func RequestLogging(file string, code []byte) int {
	if !strings.Contains(file, "Middleware") {
		return -1
	}
	if middlewareHandle.Match(code) {
		if calls := LogCalls(code); len(calls) > 0 {
			return calls[0]
		}
	}
	return -1
}

var healthRouting = scan.MustCompile(`\bhealth\s*:\s*['"]([^'"]+)['"]`)

// HealthRoute is the path bootstrap/app.php's ->withRouting(health: '/up')
// serves (Laravel 11+), with its offset, or "" and -1.
func HealthRoute(code []byte) (string, int) {
	m := healthRouting.FindSubmatchIndex(code)
	if m == nil || indexIn(code, 0, len(code), "withRouting") < 0 {
		return "", -1
	}
	return "/" + strings.TrimPrefix(string(code[m[2]:m[3]]), "/"), m[0]
}
