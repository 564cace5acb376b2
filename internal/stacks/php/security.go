package php

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

var (
	validation = scan.MustCompile(`\bextends\s+(?:\\?[\w\\]*\\)?FormRequest\b|->\s*validate\s*\(\s*\[|\bValidator::make\s*\(|->\s*validated\s*\(`)
	rateLimit  = scan.MustCompile(`['"]throttle(?::[\w,]+)?['"]|\bRateLimiter::(?:for|attempt|tooManyAttempts)\s*\(|->\s*throttleApi\s*\(|ThrottleRequests(?:WithRedis)?::(?:class|using)`)
	// config/cors.php: the paths and origins CORS answers for.
	corsConfig = scan.MustCompile(`['"]allowed_origins['"]\s*=>|['"]paths['"]\s*=>\s*\[[^\]]*api/\*`)
	corsAll    = scan.MustCompile(`['"]allowed_origins['"]\s*=>\s*\[\s*['"]\*['"]\s*\]`)
	// APP_KEY=base64:... is the key Laravel encrypts cookies and signed
	// URLs with; anyone holding it can forge them.
	appKey = scan.MustCompile(`(?m)^\s*APP_KEY\s*=\s*["']?(base64:[A-Za-z0-9+/]{40,}={0,2})`)
	// A validation rule string: 'password' => 'required|string|min:8'.
	validationRule = scan.MustCompile(`^(?:required|nullable|sometimes|confirmed|string|min:\d+|max:\d+|between:[\d,]+|email|current_password|bail)(?:\|[\w:,.\-]+)*$`)
)

// Validation returns the offset where a file validates request input
// (form requests, $request->validate, Validator::make), or -1.
func Validation(code []byte) int {
	if loc := validation.FindIndex(code); loc != nil {
		return loc[0]
	}
	return -1
}

// RateLimit returns the offset where a file rate limits requests (throttle
// middleware, RateLimiter::for, throttleApi), or -1.
func RateLimit(code []byte) int {
	if loc := rateLimit.FindIndex(code); loc != nil {
		return loc[0]
	}
	return -1
}

// CORSConfig says whether p is Laravel's CORS configuration and whether it
// allows every origin (the published default).
func CORSConfig(p string, code []byte) (isConfig, wildcard bool) {
	if !strings.HasSuffix(p, "config/cors.php") {
		return false, false
	}
	return true, corsAll.Match(code)
}

// AppKeys lists the offsets and values of Laravel application keys written
// in an env-style file. The caller decides which files count (.env,
// .env.backup, editor history copies; not .env.example).
func AppKeys(data []byte) (offsets []int, values []string) {
	for _, m := range appKey.FindAllSubmatchIndex(data, -1) {
		offsets = append(offsets, m[2])
		values = append(values, string(data[m[2]:m[3]]))
	}
	return offsets, values
}

// ValidationRuleValue says a string assigned to a password-like key is a
// Laravel validation rule, not a credential ('password' => 'required|min:8').
func ValidationRuleValue(v string) bool {
	return strings.Contains(v, "|") && validationRule.MatchString(v) || v == "required" || v == "confirmed"
}
