package rules

import "fmt"

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
		return Fail("no authentication library or mechanism found in the code or the manifests")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add `python-jose[cryptography]` (or PyJWT) and issue tokens from a `/token` route using `fastapi.security.OAuth2PasswordBearer`", "Write a `get_current_user` dependency that decodes the token"},
			"django":      {"Add `djangorestframework-simplejwt` and register `TokenObtainPairView`/`TokenRefreshView` in urls.py", "Set `rest_framework_simplejwt.authentication.JWTAuthentication` in `REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES']`"},
			"flask":       {"Add `flask-jwt-extended`, initialise `JWTManager(app)` and issue tokens with `create_access_token` from a login route"},
			"spring-boot": {"Add `spring-boot-starter-security` and `spring-boot-starter-oauth2-resource-server`", "Declare a `SecurityFilterChain` bean with `.oauth2ResourceServer(o -> o.jwt(withDefaults()))`"},
			"express":     {"Add `jsonwebtoken` (or `passport` with `passport-jwt`) and issue a token from a `/login` route", "Write a middleware that verifies the `Authorization: Bearer` token"},
			"nestjs":      {"Add `@nestjs/jwt` and `@nestjs/passport` with `passport-jwt`", "Create an AuthModule with a `JwtStrategy` and a login endpoint that signs tokens with `JwtService`"},
			"fastify":     {"Register `@fastify/jwt` with a secret from the environment", "Decorate `fastify.authenticate` with `request.jwtVerify()`"},
			"go":          {"Add `github.com/golang-jwt/jwt/v5` and issue tokens from a login handler", "Write a middleware that parses and validates the bearer token"},
			"":            {"Add a JWT or OAuth library for your framework and issue tokens from a login endpoint", "Verify the token in a middleware on protected routes"},
		})
	},
}

var authProtectedRoutes = &Check{
	ID:    "auth.protected-routes",
	Title: "Some routes require authentication",
	Doc: "An auth library that protects nothing is decoration. Passes when at least one route or router requires " +
		"authentication: a FastAPI `Depends(get_current_user)`, DRF `permission_classes`, `@login_required`/`@jwt_required`, " +
		"a Spring `SecurityFilterChain` with `.authenticated()` or `@PreAuthorize`, an Express/Fastify auth middleware on a route, " +
		"a NestJS `@UseGuards`, or a Go auth middleware applied with `Use` or wrapping handlers.",
	Points: 30,
	Run: func(f *Facts) Result {
		a := f.Auth
		if a.ProtectedRoutes > 0 {
			return Pass(fmt.Sprintf("%s where routes require authentication", plural(a.ProtectedRoutes, "place", "places")), a.ProtectedEvidence...)
		}
		if a.Kind == "none" {
			return Fail("no route requires authentication (no auth mechanism found)")
		}
		return Fail(fmt.Sprintf("%s authentication is set up but no route was found to require it", a.Kind), a.Evidence...)
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add `current_user: User = Depends(get_current_user)` to the routes that change or read private data, or `dependencies=[Depends(get_current_user)]` on their `APIRouter`"},
			"django":      {"Set `permission_classes = [IsAuthenticated]` on the viewsets, or `DEFAULT_PERMISSION_CLASSES` in `REST_FRAMEWORK`"},
			"flask":       {"Decorate the private routes with `@jwt_required()` (flask-jwt-extended) or `@login_required` (Flask-Login)"},
			"spring-boot": {"In the `SecurityFilterChain`, add `.authorizeHttpRequests(a -> a.requestMatchers(\"/api/auth/**\").permitAll().anyRequest().authenticated())`"},
			"express":     {"Apply the token-verifying middleware to private routes: `router.get('/me', requireAuth, handler)` or `router.use(requireAuth)`"},
			"nestjs":      {"Add `@UseGuards(AuthGuard('jwt'))` to private controllers, or register the guard globally with `APP_GUARD`"},
			"fastify":     {"Add `onRequest: [fastify.authenticate]` to private routes, or `fastify.addHook('onRequest', fastify.authenticate)` in a plugin"},
			"go":          {"Apply the JWT middleware to the private routes with `r.Use(AuthMiddleware)` on a route group, or wrap their handlers"},
			"":            {"Require authentication on every route that reads private data or changes data"},
		})
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
		return ForStack(s, map[string][]string{
			"fastapi":     {"Add `passlib[bcrypt]` and hash with `CryptContext(schemes=[\"bcrypt\"])` (or use `bcrypt` / `argon2-cffi` directly)"},
			"django":      {"Create users with `User.objects.create_user` / `set_password` so Django hashes them; add `argon2-cffi` and `Argon2PasswordHasher` for a stronger hash"},
			"flask":       {"Hash with `werkzeug.security.generate_password_hash` or `flask-bcrypt`"},
			"spring-boot": {"Declare a `PasswordEncoder` bean returning `new BCryptPasswordEncoder()` and encode passwords on sign-up"},
			"express":     {"Add `bcrypt` (or `bcryptjs`) and store `await bcrypt.hash(password, 12)`; compare with `bcrypt.compare`"},
			"nestjs":      {"Add `bcrypt` and hash passwords in the users service before saving; compare with `bcrypt.compare` in the auth service"},
			"fastify":     {"Add `bcrypt` or `argon2` and hash passwords before saving"},
			"go":          {"Hash with `golang.org/x/crypto/bcrypt` (`bcrypt.GenerateFromPassword`) and check with `CompareHashAndPassword`"},
			"":            {"Hash passwords with bcrypt or argon2 before storing them"},
		})
	},
}

var authNoHardcodedKey = &Check{
	ID:    "auth.no-hardcoded-key",
	Title: "Signing keys are not written in the code",
	Doc: "A JWT signing key committed to the repository lets anyone forge tokens, and reviewers spot it at once. " +
		"Fails when a key literal is passed to the signing call or assigned to a secret variable used for JWT; " +
		"reading it from the environment or configuration (`os.getenv`, `process.env`, `@Value(\"${jwt.secret}\")`, " +
		"`os.Getenv`) passes, and placeholders such as `changeme` or `${JWT_SECRET}` are ignored.",
	Points: 20,
	Run: func(f *Facts) Result {
		a := f.Auth
		if n := len(a.HardcodedKeys); n > 0 {
			return Fail(fmt.Sprintf("%s in the code", plural(n, "signing key literal", "signing key literals")), a.HardcodedKeys...)
		}
		if a.Kind == "none" {
			return Pass("no signing keys (no authentication found)")
		}
		return Pass("no signing key literal found in the code")
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"fastapi":     {"Read the key from the environment with `pydantic-settings` (`SECRET_KEY: str` without a default) or `os.environ[\"SECRET_KEY\"]`", "Rotate the committed key"},
			"django":      {"Read `SECRET_KEY` (and `SIMPLE_JWT['SIGNING_KEY']`) from the environment with `os.environ` or `django-environ`", "Rotate the committed key"},
			"flask":       {"Set `app.config[\"JWT_SECRET_KEY\"] = os.environ[\"JWT_SECRET_KEY\"]`", "Rotate the committed key"},
			"spring-boot": {"Move the key to `jwt.secret: ${JWT_SECRET}` in application.yml and inject it with `@Value(\"${jwt.secret}\")`", "Rotate the committed key"},
			"express":     {"Read the key from `process.env.JWT_SECRET` (loaded with `dotenv`) and fail at start-up when it is missing", "Rotate the committed key"},
			"nestjs":      {"Register `JwtModule.registerAsync` with `ConfigService.get('JWT_SECRET')`", "Rotate the committed key"},
			"fastify":     {"Register `@fastify/jwt` with `secret: process.env.JWT_SECRET` (or `@fastify/env`)", "Rotate the committed key"},
			"go":          {"Read the key with `os.Getenv(\"JWT_SECRET\")` at start-up and refuse to start without it", "Rotate the committed key"},
			"":            {"Read the signing key from an environment variable", "Rotate the committed key"},
		})
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
		if f.Live == nil || f.Live.AuthEnforced == nil {
			return Skip("no live probe result for authentication")
		}
		ev := Location{URL: f.Live.URL}
		if *f.Live.AuthEnforced {
			return Pass("the deployed API answered 401/403 without credentials", ev)
		}
		return Fail("the deployed API served a private endpoint without credentials", ev)
	},
	Fix: func(s Stack) []string {
		return ForStack(s, map[string][]string{
			"":            {"Deploy the version that requires authentication and check that a request without a token gets 401"},
			"spring-boot": {"Make sure the deployed profile keeps the `SecurityFilterChain` (no `permitAll()` on `/**`) and redeploy"},
			"fastapi":     {"Redeploy with the `Depends(get_current_user)` routes and check that a request without a token gets 401"},
		})
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
