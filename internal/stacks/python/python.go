// Package python is the stack pack of Python: its frameworks and the
// patterns vetfolio reads in its code.
package python

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

// Pack is the Python stack pack.
var Pack = &pack.Pack{
	ID:        "python",
	Name:      "Python",
	Ecosystem: "python",
	Languages: map[string]string{".py": "python"},
	Frameworks: []pack.Framework{
		{ID: "fastapi", Name: "FastAPI", Deps: []string{"fastapi"}, Probe: pack.Probe{Docs: []string{"/docs", "/redoc"}, Spec: []string{"/openapi.json"}}, Fixes: fastapiFixes},
		{ID: "django", Name: "Django", Deps: []string{"django", "djangorestframework"}, Probe: pack.Probe{Docs: []string{"/api/docs/", "/api/schema/swagger-ui/", "/swagger/", "/redoc/"}, Spec: []string{"/api/schema/", "/swagger.json", "/api/schema/?format=json"}}, Fixes: djangoFixes},
		{ID: "flask", Name: "Flask", Deps: []string{"flask"}, Probe: pack.Probe{Docs: []string{"/apidocs/", "/docs", "/swagger-ui", "/api/docs"}, Spec: []string{"/apispec_1.json", "/swagger.json", "/openapi.json"}}, Fixes: flaskFixes},
		{ID: "litestar", Name: "Litestar", Deps: []string{"litestar"}},
		{ID: "sanic", Name: "Sanic", Deps: []string{"sanic"}},
		{ID: "starlette", Name: "Starlette", Deps: []string{"starlette"}},
		{ID: "tornado", Name: "Tornado", Deps: []string{"tornado"}},
		{ID: "pyramid", Name: "Pyramid", Deps: []string{"pyramid"}},
		{ID: "falcon", Name: "Falcon", Deps: []string{"falcon"}},
		{ID: "bottle", Name: "Bottle", Deps: []string{"bottle"}},
	},
	Auth: pack.Auth{
		Libraries: []string{"PyJWT", "python-jose", "djangorestframework-simplejwt", "flask-jwt-extended"},
		ProtectLookedFor: map[string]string{
			"":        "@login_required, @jwt_required or a similar decorator on a view",
			"fastapi": "Depends(get_current_user) (or another auth dependency) on a route or a router's dependencies",
			"django":  "@login_required, LoginRequiredMixin, or DRF permission_classes other than AllowAny",
		},
		Code: []pack.Signal{
			pack.Sig(`(?m)^\s*(?:from|import)\s+jose\b`, "python-jose", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from\s+jwt\b|import\s+jwt\b)`, "pyjwt", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+fastapi_jwt_auth\b`, "fastapi-jwt-auth", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+rest_framework_simplejwt\b|rest_framework_simplejwt\.authentication\.JWTAuthentication`, "djangorestframework-simplejwt", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+flask_jwt_extended\b`, "flask-jwt-extended", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+fastapi_users\b`, "fastapi-users", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+authlib\.jose\b`, "authlib", "jwt", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+authlib\.integrations\b`, "authlib", "oauth", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+(?:social_django|social_core)\b|["']social_django["']`, "social-auth", "oauth", ""),
			pack.Sig(`["']allauth\.socialaccount["']`, "django-allauth", "oauth", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+flask_login\b`, "flask-login", "session", ""),
			pack.Sig(`(?m)^\s*from\s+django\.contrib\.auth\s+import\s+[^\n]*\blogin\b`, "django-auth", "session", ""),
			pack.Sig(`(?m)^\s*(?:from|import)\s+flask_httpauth\b|\bHTTPBasic\(`, "http-basic", "basic", ""),
			pack.Sig(`\bAPIKey(?:Header|Query|Cookie)\(`, "fastapi-security", "api-key", ""),
			pack.Sig(`\bOAuth2PasswordBearer\(`, "fastapi-security", "", ""),
			pack.Sig(`rest_framework\.authentication\.TokenAuthentication|\bTokenAuthentication\b`, "drf-token", "api-key", ""),
			// Password hashing.
			pack.Sig(`CryptContext\(\s*schemes\s*=\s*\[\s*["']bcrypt`, "passlib", "", "bcrypt"),
			pack.Sig(`CryptContext\(\s*schemes\s*=\s*\[\s*["']argon2`, "passlib", "", "argon2"),
			pack.Sig(`CryptContext\(\s*schemes\s*=\s*\[\s*["']pbkdf2`, "passlib", "", "pbkdf2"),
			pack.Sig(`CryptContext\(\s*schemes\s*=\s*\[\s*["']scrypt`, "passlib", "", "scrypt"),
			pack.Sig(`CryptContext\(\s*schemes\s*=\s*\[\s*["'](?:sha256_crypt|sha512_crypt|md5_crypt|des_crypt|plaintext)`, "passlib", "", "other"),
			pack.Sig(`(?m)^\s*import\s+bcrypt\b|^\s*from\s+bcrypt\s+import|^\s*from\s+flask_bcrypt\s+import`, "", "", "bcrypt"),
			pack.Sig(`(?m)^\s*(?:from|import)\s+argon2\b|Argon2PasswordHasher`, "", "", "argon2"),
			pack.Sig(`BCryptSHA256PasswordHasher|BCryptPasswordHasher`, "", "", "bcrypt"),
			pack.Sig(`ScryptPasswordHasher|hashlib\.scrypt\(`, "", "", "scrypt"),
			// passlib's hash classes used directly: pbkdf2_sha256.hash(password).
			pack.Sig(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bargon2\b`, "passlib", "", "argon2"),
			pack.Sig(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bbcrypt(?:_sha256)?\b`, "passlib", "", "bcrypt"),
			pack.Sig(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bpbkdf2_sha(?:1|256|512)\b`, "passlib", "", "pbkdf2"),
			pack.Sig(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bscrypt\b`, "passlib", "", "scrypt"),
			// pwdlib (FastAPI's current template): PasswordHash.recommended() is argon2.
			pack.Sig(`(?m)^\s*from\s+pwdlib\.hashers\.argon2\s+import|\bArgon2Hasher\(|\bPasswordHash\.recommended\(`, "pwdlib", "", "argon2"),
			pack.Sig(`(?m)^\s*from\s+pwdlib\.hashers\.bcrypt\s+import|\bBcryptHasher\(`, "pwdlib", "", "bcrypt"),
			// Django's manager (objects.create_user), not any create_user(): a
			// FastAPI crud.create_user says nothing about hashing.
			pack.Sig(`\bmake_password\(|\.set_password\(|\bobjects\.create_user\(|\bAbstract(?:Base)?User\b|\bUserCreationForm\b|from\s+werkzeug\.security\s+import\s+[^\n]*generate_password_hash|hashlib\.pbkdf2_hmac\(`, "", "", "pbkdf2"),
			pack.Sig(`hashlib\.(?:md5|sha1|sha256|sha512)\([^\n]*password`, "", "", "other"),
		},
		Deps: map[string]pack.DepSignal{
			"python-jose":                   {Lib: "python-jose", Kind: "jwt", Hash: ""},
			"pyjwt":                         {Lib: "pyjwt", Kind: "jwt", Hash: ""},
			"fastapi-jwt-auth":              {Lib: "fastapi-jwt-auth", Kind: "jwt", Hash: ""},
			"djangorestframework-simplejwt": {Lib: "djangorestframework-simplejwt", Kind: "jwt", Hash: ""},
			"flask-jwt-extended":            {Lib: "flask-jwt-extended", Kind: "jwt", Hash: ""},
			"fastapi-users":                 {Lib: "fastapi-users", Kind: "jwt", Hash: ""},
			"authlib":                       {Lib: "authlib", Kind: "oauth", Hash: ""},
			"social-auth-app-django":        {Lib: "social-auth", Kind: "oauth", Hash: ""},
			"python-social-auth":            {Lib: "social-auth", Kind: "oauth", Hash: ""},
			"social-auth-core":              {Lib: "social-auth", Kind: "oauth", Hash: ""},
			"django-allauth":                {Lib: "django-allauth", Kind: "oauth", Hash: ""},
			"flask-login":                   {Lib: "flask-login", Kind: "session", Hash: ""},
			"flask-httpauth":                {Lib: "flask-httpauth", Kind: "basic", Hash: ""},
			"flask-bcrypt":                  {Lib: "", Kind: "", Hash: "bcrypt"},
			"argon2-cffi":                   {Lib: "", Kind: "", Hash: "argon2"},
			"pwdlib":                        {Lib: "pwdlib", Kind: "", Hash: "argon2"},
		},
		KeyAssign: scan.MustCompile(`(?m)^[ \t]*(\w*(?:secret|SECRET|Secret|signing_key|SIGNING_KEY|jwt_key|JWT_KEY)\w*)\s*(?::\s*\w+\s*)?=\s*[rbf]?["']([^"'\n]*)["']`),
	},
	Errors: pack.Errors{
		// Registrations count wherever the handler function lives
		// (add_exception_handler(Exc, handler) with handler imported,
		// FastAPI(exception_handlers={...}), DRF's EXCEPTION_HANDLER path);
		// a Django middleware with process_exception counts once MIDDLEWARE
		// or add_middleware names its class.
		Central: scan.MustCompile(`\.exception_handler\s*\(|\badd_exception_handler\s*\(|\.errorhandler\s*\(|\bregister_error_handler\s*\(|\.app_errorhandler\s*\(|['"]EXCEPTION_HANDLER['"]\s*:|(?m)^handler(?:400|403|404|500)\s*=|[(,]\s*exception_handlers\s*=\s*[\w{]`),
		LookedFor: map[string]string{
			"":        "an exception handler registered with the framework",
			"fastapi": "@app.exception_handler(...), app.add_exception_handler(...) or FastAPI(exception_handlers=...)",
			"flask":   "@app.errorhandler(...), app.register_error_handler(...) or a blueprint's app_errorhandler",
			"django":  "REST_FRAMEWORK's EXCEPTION_HANDLER, handler404/handler500 in urls.py, or a MIDDLEWARE class with process_exception",
		},
		Handlers: scan.MustCompile(`(?m)^class\s+(\w+)\b[^\n]*:[ \t]*\n(?:(?:[ \t][^\n]*)?\n)*?[ \t]+(?:async\s+)?def\s+process_exception\s*\(`),
		Registers: []*scan.Regexp{
			scan.MustCompile(`\bMIDDLEWARE(?:_CLASSES)?\s*(?:=|\+=)\s*[\[(]([^\])]*)`),
			scan.MustCompile(`\bMIDDLEWARE(?:_CLASSES)?\.(?:insert|append)\(`),
			scan.MustCompile(`\.add_middleware\(`),
		},
		Status: []pack.StatusPattern{
			pack.Num(`status_code\s*=\s*([45]\d\d)\b`),
			pack.Num(`\bstatus\.HTTP_([45]\d\d)_`),
			pack.Name(`\bHTTPStatus\.([A-Z_]+)`),
			pack.Num(`\babort\(\s*([45]\d\d)\b`),
			pack.Num(`HTTPException\(\s*([45]\d\d)\b`),
			pack.Num(`\bstatus\s*=\s*([45]\d\d)\b`),
			pack.Num(`(?m)\)\s*,\s*([45]\d\d)\s*$`),                        // Flask: return jsonify(...), 404
			pack.Num(`(?m)^\s*return\s+[\w.\[\]'"]+\s*,\s*([45]\d\d)\s*$`), // return response_object, 401
			pack.Num(`\bcode\s*=\s*([45]\d\d)\b`),                          // error(..., code=404)
		},
	},
	Logging: pack.Logging{
		// django-health-check mounted under a prefix of the project's choosing.
		Health:      scan.MustCompile(`\bpath\(\s*r?['"]([^'"]*)['"]\s*,\s*include\(\s*['"]health_check\.urls`),
		Middleware:  scan.MustCompile(`@\w+\.middleware\(\s*["']http["']\s*\)|\bBaseHTTPMiddleware\b|@\w+\.(?:before|after)_request\b|\bMiddlewareMixin\b|def\s+__call__\s*\(\s*self\s*,\s*request`),
		LogsRequest: scan.MustCompile(`(?:log\w*|logging)\.(?:info|debug|warning)\([^\n]*(?:request\.(?:method|url|path)|status_code|process_time|duration)`),
		Patterns: []pack.LogPattern{
			pack.Log("logging", pack.LogUse, `\bimport logging\b|logging\.getLogger\(`, ""),
			pack.Log("logging", pack.LogConfigured, `logging\.basicConfig\(|\bdictConfig\(|\bfileConfig\(|\.addHandler\(|(?m)^LOGGING\s*=\s*\{|\blog_config\s*=`, ""),
			pack.Log("structlog", pack.LogUse, `\bimport structlog\b`, ""),
			pack.Log("structlog", pack.LogConfigured, `structlog\.configure\(`, ""),
			pack.Log("loguru", pack.LogConfigured, `from loguru import logger`, ""), // works once imported
		},
	},
	Tests: pack.Tests{
		Languages: map[string]pack.TestLanguage{
			"python": {Test: scan.MustCompile(`(?m)^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(|^[ \t]*class[ \t]+\w+[ \t]*\([^)]*TestCase[^)]*\)`),
				Frameworks: []pack.Named{
					pack.N("pytest", `(?m)^\s*import pytest\b|^\s*from pytest\b|@pytest\.`),
					pack.N("django", `\bfrom (?:django\.test|rest_framework\.test)\b|\bdjango\.test\.`),
					pack.N("unittest", `\bunittest\.(?:TestCase|IsolatedAsyncioTestCase|main)\b|from unittest import[^\n]*\b(?:TestCase|IsolatedAsyncioTestCase)\b`),
				},
				Integration: scan.MustCompile(`\bTestClient\b|\bAsyncClient\(|\bAPIClient\b|\bAPITestCase\b|\bAPILiveServerTestCase\b|\bLiveServerTestCase\b|\.test_client\(|\bself\.client\.(?:get|post|put|patch|delete)\(|\bclient\.(?:get|post|put|patch|delete)\(\s*f?["']/`),
			},
		},
	},
	Database: pack.Database{
		Schema: []schema.Reader{alembicReader, djangoMigrationReader, djangoModelsReader, sqlalchemyReader},
	},
	Fixes: fixes,
}
