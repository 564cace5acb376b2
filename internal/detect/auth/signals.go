package auth

import "github.com/vetfolio/vetfolio/internal/scan"

// sig is one sign of authentication in code: the library it shows, the
// kind of authentication, or the password hash it implies.
type sig struct {
	re   *scan.Regexp
	lib  string
	kind string
	hash string
}

func s(re, lib, kind, hash string) sig {
	return sig{re: scan.MustCompile(re), lib: lib, kind: kind, hash: hash}
}

// Language groups of the signal tables.
const (
	grpPython = "python"
	grpJVM    = "jvm"
	grpJS     = "js"
	grpGo     = "go"
)

var groupOf = map[string]string{
	"python": grpPython, "java": grpJVM, "kotlin": grpJVM, "scala": grpJVM,
	"javascript": grpJS, "typescript": grpJS, "go": grpGo,
}

// codeSigs are matched on comment-blanked source. Imports are the usual
// anchor: they name the library exactly and are cheap to match.
var codeSigs = map[string][]sig{
	grpPython: {
		s(`(?m)^\s*(?:from|import)\s+jose\b`, "python-jose", "jwt", ""),
		s(`(?m)^\s*(?:from\s+jwt\b|import\s+jwt\b)`, "pyjwt", "jwt", ""),
		s(`(?m)^\s*(?:from|import)\s+fastapi_jwt_auth\b`, "fastapi-jwt-auth", "jwt", ""),
		s(`(?m)^\s*(?:from|import)\s+rest_framework_simplejwt\b|rest_framework_simplejwt\.authentication\.JWTAuthentication`, "djangorestframework-simplejwt", "jwt", ""),
		s(`(?m)^\s*(?:from|import)\s+flask_jwt_extended\b`, "flask-jwt-extended", "jwt", ""),
		s(`(?m)^\s*(?:from|import)\s+fastapi_users\b`, "fastapi-users", "jwt", ""),
		s(`(?m)^\s*(?:from|import)\s+authlib\.jose\b`, "authlib", "jwt", ""),
		s(`(?m)^\s*(?:from|import)\s+authlib\.integrations\b`, "authlib", "oauth", ""),
		s(`(?m)^\s*(?:from|import)\s+(?:social_django|social_core)\b|["']social_django["']`, "social-auth", "oauth", ""),
		s(`["']allauth\.socialaccount["']`, "django-allauth", "oauth", ""),
		s(`(?m)^\s*(?:from|import)\s+flask_login\b`, "flask-login", "session", ""),
		s(`(?m)^\s*from\s+django\.contrib\.auth\s+import\s+[^\n]*\blogin\b`, "django-auth", "session", ""),
		s(`(?m)^\s*(?:from|import)\s+flask_httpauth\b|\bHTTPBasic\(`, "http-basic", "basic", ""),
		s(`\bAPIKey(?:Header|Query|Cookie)\(`, "fastapi-security", "api-key", ""),
		s(`\bOAuth2PasswordBearer\(`, "fastapi-security", "", ""),
		s(`rest_framework\.authentication\.TokenAuthentication|\bTokenAuthentication\b`, "drf-token", "api-key", ""),
		// Password hashing.
		s(`CryptContext\(\s*schemes\s*=\s*\[\s*["']bcrypt`, "passlib", "", "bcrypt"),
		s(`CryptContext\(\s*schemes\s*=\s*\[\s*["']argon2`, "passlib", "", "argon2"),
		s(`CryptContext\(\s*schemes\s*=\s*\[\s*["']pbkdf2`, "passlib", "", "pbkdf2"),
		s(`CryptContext\(\s*schemes\s*=\s*\[\s*["']scrypt`, "passlib", "", "scrypt"),
		s(`CryptContext\(\s*schemes\s*=\s*\[\s*["'](?:sha256_crypt|sha512_crypt|md5_crypt|des_crypt|plaintext)`, "passlib", "", "other"),
		s(`(?m)^\s*import\s+bcrypt\b|^\s*from\s+bcrypt\s+import|^\s*from\s+flask_bcrypt\s+import`, "", "", "bcrypt"),
		s(`(?m)^\s*(?:from|import)\s+argon2\b|Argon2PasswordHasher`, "", "", "argon2"),
		s(`BCryptSHA256PasswordHasher|BCryptPasswordHasher`, "", "", "bcrypt"),
		s(`ScryptPasswordHasher|hashlib\.scrypt\(`, "", "", "scrypt"),
		// passlib's hash classes used directly: pbkdf2_sha256.hash(password).
		s(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bargon2\b`, "passlib", "", "argon2"),
		s(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bbcrypt(?:_sha256)?\b`, "passlib", "", "bcrypt"),
		s(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bpbkdf2_sha(?:1|256|512)\b`, "passlib", "", "pbkdf2"),
		s(`(?m)^\s*from\s+passlib\.hash\s+import\s+[^\n]*\bscrypt\b`, "passlib", "", "scrypt"),
		// pwdlib (FastAPI's current template): PasswordHash.recommended() is argon2.
		s(`(?m)^\s*from\s+pwdlib\.hashers\.argon2\s+import|\bArgon2Hasher\(|\bPasswordHash\.recommended\(`, "pwdlib", "", "argon2"),
		s(`(?m)^\s*from\s+pwdlib\.hashers\.bcrypt\s+import|\bBcryptHasher\(`, "pwdlib", "", "bcrypt"),
		// Django's manager (objects.create_user), not any create_user(): a
		// FastAPI crud.create_user says nothing about hashing.
		s(`\bmake_password\(|\.set_password\(|\bobjects\.create_user\(|\bAbstract(?:Base)?User\b|\bUserCreationForm\b|from\s+werkzeug\.security\s+import\s+[^\n]*generate_password_hash|hashlib\.pbkdf2_hmac\(`, "", "", "pbkdf2"),
		s(`hashlib\.(?:md5|sha1|sha256|sha512)\([^\n]*password`, "", "", "other"),
	},
	grpJVM: {
		s(`import\s+io\.jsonwebtoken\b`, "jjwt", "jwt", ""),
		s(`import\s+com\.auth0\.jwt\b`, "java-jwt", "jwt", ""),
		s(`import\s+com\.nimbusds\.(?:jose|jwt)\b`, "nimbus-jose-jwt", "jwt", ""),
		s(`\boauth2ResourceServer\b[^;]*\bjwt\b|\bJwtDecoder\b|\bJwtEncoder\b`, "spring-security-oauth2-resource-server", "jwt", ""),
		s(`\boauth2Login\b`, "spring-security-oauth2-client", "oauth", ""),
		s(`\bformLogin\b`, "spring-security", "session", ""),
		s(`\bhttpBasic\s*[({]`, "spring-security", "basic", ""),
		s(`import\s+org\.springframework\.security\b`, "spring-security", "", ""),
		s(`\bBCryptPasswordEncoder\b|\bBCrypt\.hashpw\(|createDelegatingPasswordEncoder\(`, "", "", "bcrypt"),
		s(`\bArgon2PasswordEncoder\b`, "", "", "argon2"),
		s(`\bPbkdf2PasswordEncoder\b`, "", "", "pbkdf2"),
		s(`\bSCryptPasswordEncoder\b`, "", "", "scrypt"),
		s(`MessageDigest\.getInstance\(\s*"(?:MD5|SHA-1|SHA-256|SHA-512)"`, "", "", "other"),
	},
	grpJS: {
		s(`(?:require\(\s*|from\s+)['"]jsonwebtoken['"]`, "jsonwebtoken", "jwt", ""),
		s(`(?:require\(\s*|from\s+)['"]@nestjs/jwt['"]`, "@nestjs/jwt", "jwt", ""),
		s(`(?:require\(\s*|from\s+)['"]passport-jwt['"]`, "passport-jwt", "jwt", ""),
		s(`(?:require\(\s*|from\s+)['"](?:@fastify/jwt|fastify-jwt)['"]`, "@fastify/jwt", "jwt", ""),
		s(`(?:require\(\s*|from\s+)['"]express-jwt['"]`, "express-jwt", "jwt", ""),
		s(`(?:require\(\s*|from\s+)['"]jose['"]`, "jose", "jwt", ""),
		s(`(?:require\(\s*|from\s+)['"](?:passport-google-oauth20|passport-google-oauth2|passport-github2?|passport-oauth2|passport-facebook|passport-discord)['"]`, "passport-oauth", "oauth", ""),
		s(`(?:require\(\s*|from\s+)['"](?:next-auth|@auth/core|@auth/express)(?:/[\w/-]*)?['"]`, "next-auth", "oauth", ""),
		s(`(?:require\(\s*|from\s+)['"](?:express-session|cookie-session|@fastify/session|@fastify/secure-session)['"]`, "express-session", "session", ""),
		s(`(?:require\(\s*|from\s+)['"](?:passport|@nestjs/passport|passport-local)['"]`, "passport", "", ""),
		s(`(?:require\(\s*|from\s+)['"](?:bcrypt|bcryptjs|bcrypt-nodejs)['"]`, "", "", "bcrypt"),
		s(`(?:require\(\s*|from\s+)['"](?:argon2|@node-rs/argon2)['"]`, "", "", "argon2"),
		s(`\bcrypto\.scrypt(?:Sync)?\(|\bscrypt(?:Sync)?\(\s*password`, "", "", "scrypt"),
		s(`\bcrypto\.pbkdf2(?:Sync)?\(|\bpbkdf2(?:Sync)?\(\s*password`, "", "", "pbkdf2"),
		s(`createHash\(\s*['"](?:md5|sha1|sha256|sha512)['"]\s*\)[^\n]*password`, "", "", "other"),
	},
	grpGo: {
		s(`"github\.com/(?:golang-jwt/jwt(?:/v\d+)?|dgrijalva/jwt-go|form3tech-oss/jwt-go)"`, "golang-jwt", "jwt", ""),
		s(`"github\.com/lestrrat-go/jwx(?:/v\d+)?/`, "jwx", "jwt", ""),
		s(`"github\.com/appleboy/gin-jwt(?:/v\d+)?"`, "gin-jwt", "jwt", ""),
		s(`"github\.com/labstack/echo-jwt(?:/v\d+)?"|\bmiddleware\.JWT(?:WithConfig)?\(`, "echo-jwt", "jwt", ""),
		s(`"github\.com/gofiber/(?:contrib/jwt|jwt(?:/v\d+)?)"`, "fiber-jwt", "jwt", ""),
		s(`"golang\.org/x/oauth2(?:/[\w/]*)?"`, "golang.org/x/oauth2", "oauth", ""),
		s(`"github\.com/markbates/goth(?:/[\w/]*)?"`, "goth", "oauth", ""),
		s(`"github\.com/(?:gorilla/sessions|alexedwards/scs(?:/v\d+)?|gin-contrib/sessions)"`, "sessions", "session", ""),
		s(`\.BasicAuth\(\)|middleware\.BasicAuth\(|gin\.BasicAuth\(`, "basic-auth", "basic", ""),
		s(`"golang\.org/x/crypto/bcrypt"`, "", "", "bcrypt"),
		s(`"golang\.org/x/crypto/argon2"|"github\.com/alexedwards/argon2id"`, "", "", "argon2"),
		s(`"golang\.org/x/crypto/scrypt"`, "", "", "scrypt"),
		s(`"golang\.org/x/crypto/pbkdf2"|"crypto/pbkdf2"`, "", "", "pbkdf2"),
		s(`(?:sha256|sha1|md5|sha512)\.Sum(?:256|512)?\(\s*\[\]byte\(\s*\w*[Pp]assword`, "", "", "other"),
	},
}

// depSig is a dependency that names an auth library.
type depSig struct {
	lib, kind, hash string
	// grp is the language group the dependency belongs to; a dependency of
	// another ecosystem (a frontend's jsonwebtoken beside a Go API) is not
	// the backend's auth.
	grp string
}

var depSigs = map[string]depSig{
	// Python
	"python-jose":                   {"python-jose", "jwt", "", grpPython},
	"pyjwt":                         {"pyjwt", "jwt", "", grpPython},
	"fastapi-jwt-auth":              {"fastapi-jwt-auth", "jwt", "", grpPython},
	"djangorestframework-simplejwt": {"djangorestframework-simplejwt", "jwt", "", grpPython},
	"flask-jwt-extended":            {"flask-jwt-extended", "jwt", "", grpPython},
	"fastapi-users":                 {"fastapi-users", "jwt", "", grpPython},
	"authlib":                       {"authlib", "oauth", "", grpPython},
	"social-auth-app-django":        {"social-auth", "oauth", "", grpPython},
	"python-social-auth":            {"social-auth", "oauth", "", grpPython},
	"social-auth-core":              {"social-auth", "oauth", "", grpPython},
	"django-allauth":                {"django-allauth", "oauth", "", grpPython},
	"flask-login":                   {"flask-login", "session", "", grpPython},
	"flask-httpauth":                {"flask-httpauth", "basic", "", grpPython},
	"bcrypt":                        {"", "", "bcrypt", ""}, // PyPI and npm spell it alike
	"flask-bcrypt":                  {"", "", "bcrypt", grpPython},
	"argon2-cffi":                   {"", "", "argon2", grpPython},
	"pwdlib":                        {"pwdlib", "", "argon2", grpPython},
	// Java / Kotlin
	"jjwt":            {"jjwt", "jwt", "", grpJVM},
	"jjwt-api":        {"jjwt", "jwt", "", grpJVM},
	"java-jwt":        {"java-jwt", "jwt", "", grpJVM},
	"nimbus-jose-jwt": {"nimbus-jose-jwt", "jwt", "", grpJVM},
	"spring-boot-starter-oauth2-resource-server": {"spring-security-oauth2-resource-server", "jwt", "", grpJVM},
	"spring-boot-starter-oauth2-client":          {"spring-security-oauth2-client", "oauth", "", grpJVM},
	"spring-boot-starter-security":               {"spring-security", "session", "", grpJVM},
	// npm
	"jsonwebtoken":            {"jsonwebtoken", "jwt", "", grpJS},
	"@nestjs/jwt":             {"@nestjs/jwt", "jwt", "", grpJS},
	"passport-jwt":            {"passport-jwt", "jwt", "", grpJS},
	"@fastify/jwt":            {"@fastify/jwt", "jwt", "", grpJS},
	"fastify-jwt":             {"@fastify/jwt", "jwt", "", grpJS},
	"express-jwt":             {"express-jwt", "jwt", "", grpJS},
	"jose":                    {"jose", "jwt", "", grpJS},
	"passport-google-oauth20": {"passport-oauth", "oauth", "", grpJS},
	"passport-github2":        {"passport-oauth", "oauth", "", grpJS},
	"passport-github":         {"passport-oauth", "oauth", "", grpJS},
	"passport-oauth2":         {"passport-oauth", "oauth", "", grpJS},
	"next-auth":               {"next-auth", "oauth", "", grpJS},
	"express-session":         {"express-session", "session", "", grpJS},
	"cookie-session":          {"express-session", "session", "", grpJS},
	"@fastify/session":        {"express-session", "session", "", grpJS},
	"@fastify/secure-session": {"express-session", "session", "", grpJS},
	"passport":                {"passport", "", "", grpJS},
	"@nestjs/passport":        {"passport", "", "", grpJS},
	"bcryptjs":                {"", "", "bcrypt", grpJS},
	"argon2":                  {"", "", "argon2", grpJS},
	// Go
	"github.com/golang-jwt/jwt":       {"golang-jwt", "jwt", "", grpGo},
	"github.com/golang-jwt/jwt/v4":    {"golang-jwt", "jwt", "", grpGo},
	"github.com/golang-jwt/jwt/v5":    {"golang-jwt", "jwt", "", grpGo},
	"github.com/dgrijalva/jwt-go":     {"golang-jwt", "jwt", "", grpGo},
	"github.com/lestrrat-go/jwx":      {"jwx", "jwt", "", grpGo},
	"github.com/lestrrat-go/jwx/v2":   {"jwx", "jwt", "", grpGo},
	"github.com/appleboy/gin-jwt/v2":  {"gin-jwt", "jwt", "", grpGo},
	"github.com/labstack/echo-jwt/v4": {"echo-jwt", "jwt", "", grpGo},
	"github.com/gofiber/contrib/jwt":  {"fiber-jwt", "jwt", "", grpGo},
	"golang.org/x/oauth2":             {"golang.org/x/oauth2", "oauth", "", grpGo},
	"github.com/markbates/goth":       {"goth", "oauth", "", grpGo},
	"github.com/gorilla/sessions":     {"sessions", "session", "", grpGo},
	"github.com/alexedwards/scs/v2":   {"sessions", "session", "", grpGo},
	"github.com/alexedwards/argon2id": {"", "", "argon2", grpGo},
}
