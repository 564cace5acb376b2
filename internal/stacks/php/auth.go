package php

import (
	"github.com/vetfolio/vetfolio/internal/scan"
	"strings"
)

// AuthDep is what a Composer package says about authentication.
type AuthDep struct {
	Lib, Kind string
}

// AuthDeps are the Composer packages that set up authentication by being
// installed. laravel/sanctum is not among them: Laravel 8 to 10 install it
// with every new project, so only its use in the code counts (see
// AuthSignals).
var AuthDeps = map[string]AuthDep{
	"tymon/jwt-auth":                 {"jwt-auth", "jwt"},
	"php-open-source-saver/jwt-auth": {"jwt-auth", "jwt"},
	"firebase/php-jwt":               {"php-jwt", "jwt"},
	"lcobucci/jwt":                   {"lcobucci-jwt", "jwt"},
	"laravel/passport":               {"passport", "oauth"},
	"laravel/socialite":              {"socialite", "oauth"},
	"league/oauth2-server":           {"oauth2-server", "oauth"},
	"laravel/breeze":                 {"breeze", "session"},
	"laravel/fortify":                {"fortify", "session"},
	"laravel/jetstream":              {"jetstream", "session"},
	"laravel/ui":                     {"laravel-ui", "session"},
}

// Signal is one sign of a concern in code, with its offset in the file.
type Signal struct {
	Lib, Kind, Hash string
	Offset          int
}

type authSig struct {
	re              *scan.Regexp
	lib, kind, hash string
}

// authSigs are matched on comment-blanked PHP outside database/factories,
// database/seeders and tests (a factory's Hash::make('password') is test
// data, not the application hashing passwords).
var authSigs = []authSig{
	// Sanctum issues personal access tokens; Passport's createToken is
	// told apart by the passport dependency in the engine.
	{scan.MustCompile(`->\s*createToken\s*\(`), "sanctum", "session", ""},
	{scan.MustCompile(`\bstatefulApi\s*\(|EnsureFrontendRequestsAreStateful::class`), "sanctum", "session", ""},
	{scan.MustCompile(`\bimplements\s+[\w\\, ]*\bJWTSubject\b|\bJWTAuth::|['"]driver['"]\s*=>\s*['"]jwt['"]`), "jwt-auth", "jwt", ""},
	{scan.MustCompile(`\bJWT::(?:encode|decode)\s*\(`), "php-jwt", "jwt", ""},
	{scan.MustCompile(`\bPassport::|['"]driver['"]\s*=>\s*['"]passport['"]`), "passport", "oauth", ""},
	{scan.MustCompile(`\bSocialite::driver\s*\(`), "socialite", "oauth", ""},
	{scan.MustCompile(`\bAuth::(?:attempt|login|loginUsingId)\s*\(|\bauth\(\)\s*->\s*(?:attempt|login)\s*\(|\bAuth::routes\s*\(`), "laravel-auth", "session", ""},
	// Password hashing: Laravel's Hash facade and bcrypt() helper use the
	// driver of config/hashing.php, bcrypt unless it says argon.
	{scan.MustCompile(`\bHash::(?:make|check)\s*\(|\bbcrypt\s*\(|\bpassword_hash\s*\([^;]*PASSWORD_(?:BCRYPT|DEFAULT)`), "", "", "bcrypt"},
	{scan.MustCompile(`PASSWORD_ARGON2I?D?\b|\bHash::driver\s*\(\s*['"]argon|\bargon2id\s*\(`), "", "", "argon2"},
	{scan.MustCompile(`\b(?:md5|sha1)\s*\(\s*\$\w*(?:->|\[['"])?\w*password`), "", "", "other"},
}

var (
	hashedCast      = scan.MustCompile(`['"]password['"]\s*=>\s*['"]hashed['"]`)
	authUserModel   = scan.MustCompile(`\bHasApiTokens\b|\bJWTSubject\b|\bMustVerifyEmail\b[^;]*\bimplements\b|\bCanResetPassword\b`)
	hashingArgon    = scan.MustCompile(`['"]driver['"]\s*=>\s*(?:env\([^,]*,\s*)?['"]argon2?(?:id)?['"]`)
	stockUserRoute  = scan.MustCompile(`^\s*['"]/?user['"]\s*,\s*function\s*\(\s*Request\s+\$request\s*\)\s*\{\s*return\s+\$request\s*->\s*user\(\)\s*;\s*\}\s*$`)
	ctorMiddleware  = scan.MustCompile(`\$this\s*->\s*middleware\s*\(\s*(\[[^\]]*\]|['"][^'"]*['"]|[\w\\]+::class)`)
	classMiddleware = scan.MustCompile(`\bnew\s+Middleware\s*\(\s*(['"][^'"]*['"]|[\w\\]+::class)`)
	staticMwList    = scan.MustCompile(`(?s)static\s+function\s+middleware\s*\(\s*\)\s*:\s*array\s*\{\s*return\s*\[(.*?)\]\s*;`)
)

// HashingOnlyPath says the file's hashing calls make test data, not the
// application's password storage.
func HashingOnlyPath(p string) bool {
	p = strings.ToLower(p)
	return strings.Contains(p, "database/factories/") || strings.Contains(p, "database/seeders/") ||
		strings.Contains(p, "database/seeds/") || strings.HasPrefix(p, "tests/") || strings.Contains(p, "/tests/")
}

// AuthSignals lists the authentication and password-hashing signs in one
// comment-blanked PHP file.
func AuthSignals(file string, code []byte) []Signal {
	if HashingOnlyPath(file) {
		return nil
	}
	var out []Signal
	for _, s := range authSigs {
		if loc := s.re.FindIndex(code); loc != nil {
			out = append(out, Signal{Lib: s.lib, Kind: s.kind, Hash: s.hash, Offset: loc[0]})
		}
	}
	// The 'hashed' cast (Laravel 10+) hashes on assignment. The stock User
	// model carries it even in projects with no login at all, so it counts
	// only on a model that authenticates (API tokens, JWT subject).
	if loc := hashedCast.FindIndex(code); loc != nil && authUserModel.Match(code) {
		out = append(out, Signal{Hash: "bcrypt", Offset: loc[0]})
	}
	if strings.HasSuffix(file, "config/hashing.php") {
		if loc := hashingArgon.FindIndex(code); loc != nil {
			out = append(out, Signal{Hash: "argon2", Offset: loc[0]})
		}
	}
	return out
}

// ControllerProtection lists the offsets where a controller requires
// authentication for its own actions: $this->middleware('auth:api') in a
// constructor (Laravel 5 to 10) or the HasMiddleware list of Laravel 11
// (new Middleware('auth:sanctum', except: ['index'])).
func ControllerProtection(code []byte) []int {
	var out []int
	for _, m := range ctorMiddleware.FindAllSubmatchIndex(code, -1) {
		if authMiddleware(string(code[m[2]:m[3]])) {
			out = append(out, m[0])
		}
	}
	for _, m := range classMiddleware.FindAllSubmatchIndex(code, -1) {
		if authMiddleware(string(code[m[2]:m[3]])) {
			out = append(out, m[0])
		}
	}
	for _, m := range staticMwList.FindAllSubmatchIndex(code, -1) {
		list := string(code[m[2]:m[3]])
		if strings.Contains(list, "new Middleware") {
			continue // counted above
		}
		if authMiddleware(list) {
			out = append(out, m[0])
		}
	}
	return out
}

// isStockUserRoute is the route every Laravel 8-10 skeleton (and Laravel
// 11's install:api) writes in routes/api.php: GET /user returning
// $request->user() behind auth:sanctum. It shows Sanctum was installed,
// not that the candidate protected anything.
func isStockUserRoute(args string) bool {
	return stockUserRoute.MatchString(args)
}
