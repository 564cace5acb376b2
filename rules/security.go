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
				"example files (.env.example) and local development defaults (postgres:postgres@localhost) are not secrets. " +
				"A committed JWT signing key is charged once, by auth.no-hardcoded-key: this check does not count its location, " +
				"nor a copy of the same key elsewhere. Committed build output (dist/, build/, target/) is read for secrets " +
				"and nothing else: a key compiled into dist/config.js is committed all the same. A database password the " +
				"application uses counts even for a local database when it is written in the code (db.config.js, " +
				"database.py, a Go DSN) or a committed .env; a local default (root, postgres, the user name) never does.",
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
				}, secEnvExampleSteps.For(s)...)
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
				return append([]string{"Add `.env` and `.env.*` followed by `!.env.example` to .gitignore"}, secEnvExampleSteps.For(s)...)
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
			Fix: func(s Stack) []string { return secValidationSteps.For(s) },
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
			Fix: func(s Stack) []string { return secRateLimitSteps.For(s) },
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
			Fix: func(s Stack) []string { return secCorsSteps.For(s) },
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
					secCorsSteps.For(s)...)
			},
		},
	},
}

// secLanguages are the languages whose validation, rate limiting and
// CORS libraries the security detector knows.
var secLanguages = map[string]bool{
	"python": true, "java": true, "kotlin": true, "javascript": true, "typescript": true, "go": true,
	"csharp": true,
}

func secOrUnknown(lang string) string {
	if lang == "" {
		return "unrecognised"
	}
	return lang
}

func secRunNoSecrets(f *Facts) Result {
	owned := map[Location]bool{}
	for _, k := range signingKeys(f) {
		owned[Location{Path: k.Path, Line: k.Line}] = true
	}
	var secrets []Secret
	for _, s := range f.Secrets {
		if !owned[Location{Path: s.Path, Line: s.Line}] {
			secrets = append(secrets, s)
		}
	}
	if len(secrets) == 0 {
		if len(owned) > 0 {
			return Pass("no committed secrets beyond the signing keys auth.no-hardcoded-key reports")
		}
		return Pass("no committed secrets found")
	}
	var where []string
	var ev []Location
	for i, s := range secrets {
		if i < 5 {
			where = append(where, fmt.Sprintf("%s:%d (%s)", s.Path, s.Line, s.Rule))
		}
		if i < 10 {
			ev = append(ev, Location{Path: s.Path, Line: s.Line})
		}
	}
	msg := fmt.Sprintf("%d committed %s: %s", len(secrets), secPlural(len(secrets), "secret", "secrets"), strings.Join(where, ", "))
	if len(secrets) > 5 {
		msg += fmt.Sprintf(" and %d more", len(secrets)-5)
	}
	return Fail(msg, ev...)
}

func secFixNoSecrets(s Stack) []string {
	return append([]string{"Revoke and rotate each reported credential first: it has been public since it was pushed"},
		append(secSecretSteps.For(s),
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

var secSecretSteps = Steps{ID: "security.no-secrets", Generic: []string{"Read each secret from an environment variable or a secret manager instead of a committed file"}}

var secEnvExampleSteps = Steps{ID: "security.env-ignored", Generic: []string{"Commit a `.env.example` with placeholder values and document each variable in the README"}}

var secValidationSteps = Steps{ID: "security.validation", Generic: []string{"Validate every request body and parameter against a declared schema and answer 400 with the errors"}}

var secRateLimitSteps = Steps{ID: "security.rate-limit", Generic: []string{"Limit request rates per client, at least on login and write endpoints"}}

var secCorsSteps = Steps{ID: "security.cors", Generic: []string{"Configure CORS with an explicit allow-list of the frontend's origins"}}

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
