package rules

import (
	"fmt"
	"strings"
)

// authCriterion judges authentication: the guide asks for "a complete REST
// API with authentication (JWT or OAuth)", and a hiring manager checks that
// it guards the routes, hashes passwords and keeps its keys out of the code.
var authCriterion = &Criterion{
	ID:    "auth",
	Title: "Authentication",
	Doc: "A portfolio API is expected to authenticate its callers with JWT or OAuth (sessions are accepted), " +
		"to require that authentication on the routes that need it, to store passwords with a slow hash, " +
		"and to read its signing keys from the environment rather than the code.",
	Checks: []*Check{authMechanism, authProtectedRoutes, authPasswordHashing, authNoHardcodedKey, authLiveEnforced},
}

var authMechanism = &Check{
	ID:    "auth.mechanism",
	Title: "The API uses JWT, OAuth or sessions",
	Doc: "Authentication is the first thing a reviewer looks for in a backend project: without it, the API is a demo. " +
		"Passes when the code uses a JWT, OAuth or session library (python-jose, PyJWT, simplejwt, jjwt, Spring Security " +
		"resource server, jsonwebtoken, @nestjs/jwt, golang-jwt, ...); a library only declared in a manifest also counts. " +
		"HTTP Basic or API keys alone fail: reviewers expect JWT or OAuth.",
	Points: 35,
	Run: func(f *Facts) Result {
		a := f.Auth
		switch a.Kind {
		case "jwt", "oauth", "session":
			return Pass(fmt.Sprintf("%s authentication (%s)", a.Kind, libsOrUnknown(a.Libraries)), a.Evidence...)
		case "basic", "api-key":
			return Fail(fmt.Sprintf("only %s authentication found; reviewers expect JWT or OAuth", a.Kind), a.Evidence...)
		}
		where := lookedIn(f)
		if m := f.Stack.Manifest; m != "" {
			where = m + " and " + where
		}
		libs := ""
		if k := a.KnownLibraries; len(k) > 0 {
			libs = " (" + strings.Join(k, ", ") + ", …)"
		}
		return Fail("no authentication library or mechanism found: looked for a JWT, OAuth or session library" + libs + " in " + where)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "auth.mechanism", Generic: []string{"Add a JWT or OAuth library for your framework and issue tokens from a login endpoint", "Verify the token in a middleware on protected routes"}}.For(s)
	},
}

var authProtectedRoutes = &Check{
	ID:    "auth.protected-routes",
	Title: "Some routes require authentication",
	Doc: "An auth library that protects nothing is decoration. Passes when at least one route or router requires " +
		"authentication: a FastAPI `Depends(get_current_user)`, DRF `permission_classes`, `@login_required`/`@jwt_required`, " +
		"a Spring `SecurityFilterChain` with `.authenticated()` or `@PreAuthorize`, an Express/Fastify auth middleware on a route, " +
		"a NestJS `@UseGuards`, or a Go auth middleware applied with `Use` or wrapping handlers. A guard counts where a route " +
		"applies it: an auth middleware or dependency that is defined and never applied, a login route, or `@PreAuthorize` " +
		"without `@EnableMethodSecurity` protects nothing.",
	Points: 30,
	Run: func(f *Facts) Result {
		a := f.Auth
		if a.ProtectedRoutes > 0 {
			return Pass(fmt.Sprintf("%s where routes require authentication", plural(a.ProtectedRoutes, "place", "places")), a.ProtectedEvidence...)
		}
		// The deployment refusing anonymous calls is proof the reading of
		// the code missed.
		if l := f.Live; l != nil && l.AuthRefused > 0 && !l.AuthGateway {
			return Pass("seen live: "+plural(l.AuthRefused, "operation", "operations")+" of the deployed API refused a call without credentials (401/403)", Location{URL: l.URL})
		}
		what := a.ProtectLookedFor
		if what == "" {
			what = "an authentication check applied to a route"
		}
		if a.Kind == "none" {
			return Fail("no route requires authentication (no auth mechanism found); " + lookedFor(what, f))
		}
		if n := len(a.Unapplied); n > 0 {
			return Fail(fmt.Sprintf("%s authentication is set up but no route requires it: %s defined and never applied to a route; %s",
				a.Kind, plural(n, "guard is", "guards are"), lookedFor(what, f)), a.Unapplied...)
		}
		return Fail(fmt.Sprintf("%s authentication is set up but no route was found to require it; %s", a.Kind, lookedFor(what, f)), a.Evidence...)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "auth.protected-routes", Generic: []string{"Require authentication on every route that reads private data or changes data"}}.For(s)
	},
}

var authPasswordHashing = &Check{
	ID:    "auth.password-hashing",
	Title: "Passwords are stored with a slow hash",
	Doc: "Storing passwords in plain text or with a fast hash (MD5, SHA-256) is a red flag in a review. Passes when bcrypt, " +
		"argon2, scrypt or PBKDF2 is used (Django's user model and werkzeug count as PBKDF2), or when the API has no " +
		"passwords of its own (OAuth, API keys, Basic against a fixed credential, a JWT issued after an emailed magic link " +
		"or an OAuth login, when no password field or password login appears in the code). Fails when the API logs users in with " +
		"JWT or sessions and no slow hash is found, or only a fast one.",
	Points: 15,
	Run: func(f *Facts) Result {
		a := f.Auth
		switch a.PasswordHashing {
		case "bcrypt", "argon2", "scrypt", "pbkdf2":
			return Pass("passwords hashed with "+a.PasswordHashing, a.HashingEvidence...)
		case "other":
			return Fail("passwords hashed with a fast or weak hash; use bcrypt or argon2", a.HashingEvidence...)
		}
		switch a.Kind {
		case "jwt", "session":
			if a.Passwordless {
				return Pass(fmt.Sprintf("%s login without passwords (no password field or password login in the code), so nothing to hash", a.Kind), a.Evidence...)
			}
			return Fail(fmt.Sprintf("%s login found but no password hashing library", a.Kind), a.Evidence...)
		case "none":
			return Fail("no authentication, so no password hashing")
		}
		return Pass(fmt.Sprintf("%s authentication keeps no passwords of its own", a.Kind), a.Evidence...)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "auth.password-hashing", Generic: []string{"Hash passwords with bcrypt or argon2 before storing them"}}.For(s)
	},
}

var authNoHardcodedKey = &Check{
	ID:    "auth.no-hardcoded-key",
	Title: "Signing keys are not written in the code",
	Doc: "A JWT signing key committed to the repository lets anyone forge tokens, and reviewers spot it at once. " +
		"Fails when a key literal is passed to the signing call or assigned to a secret variable used for JWT; " +
		"reading it from the environment or configuration (`os.getenv`, `process.env`, `@Value(\"${jwt.secret}\")`, " +
		"`os.Getenv`) passes, and placeholders such as `changeme` or `${JWT_SECRET}` are ignored. " +
		"Keys written in configuration count the same as in code (`app.jwt.secret=...` in application.properties, " +
		"`jwt.secret:` in application.yml, `JWT_SECRET = \"...\"` in settings.py); `${JWT_SECRET:dev}` passes because " +
		"a short or placeholder fallback is a local default, a long random fallback fails. A committed signing key is " +
		"charged once, here: security.no-secrets does not count the same location.",
	Points: 20,
	Run: func(f *Facts) Result {
		a := f.Auth
		if keys := signingKeys(f); len(keys) > 0 {
			return Fail(fmt.Sprintf("%s in the code or its configuration", plural(len(keys), "signing key literal", "signing key literals")), keys...)
		}
		if a.Kind == "none" {
			return Pass("no signing keys (no authentication found)")
		}
		return Pass("no signing key literal found in the code")
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "auth.no-hardcoded-key", Generic: []string{"Read the signing key from an environment variable", "Rotate the committed key"}}.For(s)
	},
}

var authLiveEnforced = &Check{
	ID:    "auth.live-enforced",
	Title: "The deployed API refuses unauthenticated requests",
	Doc: "What the code declares, the deployment must do: a reviewer calls a private endpoint without a token and " +
		"expects 401 or 403. Judged from the live probe; skipped when no deployed URL was probed or the probe could " +
		"not tell.",
	Points: 10,
	Run: func(f *Facts) Result {
		l := f.Live
		if l != nil && l.AuthGateway {
			return Skip("every request to the deployed service, unknown paths and docs included, answered 401/403: a gateway (or HTTP Basic on the proxy) stands in front, so the API's own checks cannot be seen; give credentials with --header to look behind it")
		}
		if l == nil || l.AuthEnforced == nil {
			return Skip("no live probe result for authentication")
		}
		ev := Location{URL: l.URL}
		if *l.AuthEnforced {
			return Pass(fmt.Sprintf("seen live: %d of %s answered 401/403 without credentials", l.AuthRefused, plural(l.AuthChecked, "secured operation", "secured operations")), ev)
		}
		return Fail("the deployed API served a private endpoint without credentials: "+strings.Join(l.AuthFailures, "; "), ev)
	},
	Fix: func(s Stack) []string {
		return Steps{ID: "auth.live-enforced", Generic: []string{"Deploy the version that requires authentication and check that a request without a token gets 401"}}.For(s)
	},
}

func libsOrUnknown(libs []string) string {
	if len(libs) == 0 {
		return "library not named"
	}
	out := libs[0]
	for _, l := range libs[1:] {
		out += ", " + l
	}
	return out
}

// signingKeys are the committed JWT signing keys auth.no-hardcoded-key
// owns: literals the auth detector found in code, then the secret scan's
// findings that name a token-signing key (Spring jwt.secret, JWT_SECRET in
// settings.py or an .ini). security.no-secrets skips these locations so the
// same mistake costs the same in every stack and is charged once.
func signingKeys(f *Facts) []Location {
	keys := append([]Location(nil), f.Auth.HardcodedKeys...)
	seen := map[Location]bool{}
	for _, k := range keys {
		seen[Location{Path: k.Path, Line: k.Line}] = true
	}
	for _, s := range f.Secrets {
		at := Location{Path: s.Path, Line: s.Line}
		if !seen[at] && signingKeySecret(s) {
			seen[at] = true
			keys = append(keys, at)
		}
	}
	// A copy of an owned key elsewhere (compiled into dist/config.js,
	// copied to bin/Debug/appsettings.json) is the same mistake: it is
	// owned here too, never charged again by security.no-secrets.
	owned := map[string]bool{}
	for _, s := range f.Secrets {
		if v := maskedValue(s.Redacted); v != "" && seen[Location{Path: s.Path, Line: s.Line}] {
			owned[v] = true
		}
	}
	for _, s := range f.Secrets {
		at := Location{Path: s.Path, Line: s.Line}
		if v := maskedValue(s.Redacted); !seen[at] && v != "" && owned[v] {
			seen[at] = true
			keys = append(keys, at)
		}
	}
	return keys
}

// maskedValue is the masked value a redacted finding ends with
// ("SECRET = asfd****" gives "asfd****"), or "" when the mask keeps fewer
// than four characters, too few to tell one value from another.
func maskedValue(redacted string) string {
	v := redacted
	if i := strings.LastIndex(v, "= "); i >= 0 {
		v = v[i+2:]
	}
	v = strings.Trim(v, `'"`)
	if !strings.HasSuffix(v, "****") || len(v) < 8 || strings.ContainsAny(v, " =") {
		return ""
	}
	return v
}

// signingKeySecret reports whether a secret finding is a token-signing key
// by its rule or by the name it was assigned to.
func signingKeySecret(s Secret) bool {
	switch s.Rule {
	case "spring-jwt-secret":
		return true
	case "generic-secret-assignment":
		name := strings.ToLower(s.Redacted)
		if i := strings.IndexAny(name, " =:"); i >= 0 {
			name = name[:i]
		}
		return strings.Contains(name, "jwt") || strings.Contains(name, "signing") ||
			(strings.Contains(name, "token") && (strings.Contains(name, "secret") || strings.Contains(name, "key")) && !strings.HasSuffix(name, "token"))
	}
	return false
}
