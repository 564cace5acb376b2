package ruby

import (
	"bytes"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/stacks/pack"
)

// Gem is one gem a Gemfile declares.
type Gem struct {
	Name string
	Line int
}

var gemRe = scan.MustCompile(`(?m)^\s*gem\s*\(?\s*["']([\w.\-]+)["']`)

// Gems lists the gems of a Gemfile (commented-out ones are not).
func Gems(gemfile []byte) []Gem {
	code := scan.Code(gemfile, "ruby")
	var out []Gem
	for _, m := range gemRe.FindAllSubmatchIndex(code, -1) {
		out = append(out, Gem{Name: string(code[m[2]:m[3]]), Line: lineAt(code, m[0])})
	}
	return out
}

// Signal is one piece of evidence a Ruby file gives: a kind of auth,
// password hashing, logging, ... with its name and line.
type Signal struct {
	// Kind is the vocabulary of the facts it feeds: for AuthSignals "jwt",
	// "oauth", "session", "basic", "api-key"; for HashingSignals "bcrypt",
	// "argon2", "scrypt".
	Kind string
	// Name is the library or construct seen (devise-jwt, has_secure_password).
	Name string
	Line int
}

type pattern struct {
	kind, name string
	re         *scan.Regexp
}

// authPatterns are the uses of authentication in Ruby code (a gem in the
// Gemfile that nothing calls is not authentication).
var authPatterns = []pattern{
	{"jwt", "jwt", scan.MustCompile(`\bJWT\.(?:encode|decode)\b`)},
	{"jwt", "devise-jwt", scan.MustCompile(`:jwt_authenticatable\b|\bDevise::JWT\b|\bWarden::JWTAuth\b|\bconfig\.jwt\s+do\b`)},
	{"jwt", "knock", scan.MustCompile(`\bKnock::Authenticable\b|\bKnock::AuthToken\b`)},
	{"jwt", "jwt_sessions", scan.MustCompile(`\bJWTSessions::(?:Session|RailsAuthorization)\b`)},
	{"oauth", "doorkeeper", scan.MustCompile(`\buse_doorkeeper\b|\bdoorkeeper_authorize!|\bDoorkeeper\.configure\b`)},
	{"oauth", "omniauth", scan.MustCompile(`\bprovider\s+:(?:github|google_oauth2|facebook|twitter|gitlab|auth0|openid_connect)\b|:omniauthable\b`)},
	{"api-key", "devise_token_auth", scan.MustCompile(`\bDeviseTokenAuth::Concerns::SetUserByToken\b|\bmount_devise_token_auth_for\b`)},
	{"api-key", "http-token", scan.MustCompile(`\bauthenticate(?:_or_request)?_with_http_token\b`)},
	{"basic", "http-basic", scan.MustCompile(`\bhttp_basic_authenticate_with\b|\bauthenticate(?:_or_request)?_with_http_basic\b`)},
	{"session", "devise", scan.MustCompile(`(?m)^\s*devise\s+:\w+|\bdevise_for\s+:\w+`)},
	{"session", "session", scan.MustCompile(`\bsession\[:user_id\]\s*=|\bstart_new_session_for\b|\bcookies\.signed\[:session_id\]|\breset_session\b`)},
	{"session", "sorcery", scan.MustCompile(`\bauthenticates_with_sorcery!|\brequire_login\b.*sorcery`)},
	{"session", "clearance", scan.MustCompile(`\binclude\s+Clearance::(?:Controller|User)\b`)},
	{"session", "rodauth", scan.MustCompile(`\bRodauth::Rails\b|\brodauth\.require_account\b`)},
}

// AuthSignals returns the authentication a Ruby file uses.
func AuthSignals(src []byte) []Signal { return signals(src, authPatterns) }

// hashingPatterns are the ways Ruby code stores passwords with a slow hash.
// devise's database_authenticatable hashes with bcrypt (its default
// encryptor); has_secure_password is bcrypt.
var hashingPatterns = []pattern{
	{"bcrypt", "has_secure_password", scan.MustCompile(`(?m)^\s*has_secure_password\b`)},
	{"bcrypt", "devise", scan.MustCompile(`(?m)^\s*devise\s+[^\n]*:database_authenticatable\b`)},
	{"bcrypt", "bcrypt", scan.MustCompile(`\bBCrypt::Password\.(?:create|new)\b`)},
	{"bcrypt", "sorcery", scan.MustCompile(`\bauthenticates_with_sorcery!`)},
	{"bcrypt", "clearance", scan.MustCompile(`\binclude\s+Clearance::User\b`)},
	{"argon2", "argon2", scan.MustCompile(`\bArgon2::Password\.(?:create|new|verify_password)\b|(?m)^\s*devise\s+[^\n]*:argon2\b`)},
	{"scrypt", "scrypt", scan.MustCompile(`\bSCrypt::Password\.(?:create|new)\b`)},
}

// HashingSignals returns how a Ruby file hashes passwords. A bcrypt gem in
// the Gemfile that no code uses is not hashing.
func HashingSignals(src []byte) []Signal { return signals(src, hashingPatterns) }

func signals(src []byte, pats []pattern) []Signal {
	code := scan.Code(src, "ruby")
	var out []Signal
	for _, p := range pats {
		for _, loc := range p.re.FindAllIndex(code, -1) {
			out = append(out, Signal{Kind: p.kind, Name: p.name, Line: lineAt(code, loc[0])})
		}
	}
	return out
}

func lineAt(code []byte, off int) int {
	return 1 + bytes.Count(code[:off], []byte("\n")) + leadingNewlines(code[off:])
}

var (
	// jwtLiteralKeyRe: JWT.encode(payload, "literal" ...) or
	// JWT.decode(token, 'literal', ...).
	jwtLiteralKeyRe = scan.MustCompile(`\bJWT\.(?:encode|decode)\s*\(?\s*[^,()\n]+(?:\([^()\n]*\))?\s*,\s*(?:"[^"\n#{}]{3,}"|'[^'\n]{3,}')`)
	// constKeyRe: SECRET_KEY = "literal" in a file that signs JWTs.
	constKeyRe = scan.MustCompile(`(?m)^\s*(?:self\.)?[A-Z_]*(?:SECRET|KEY|HMAC)[A-Z_]*\s*=\s*(?:"[^"\n#{}]{3,}"|'[^'\n]{3,}')\s*(?:\.freeze)?\s*$`)
	// deviseSecretRe: devise's or devise-jwt's key written in the initializer.
	deviseSecretRe = scan.MustCompile(`(?m)^\s*(?:config\.secret_key|jwt\.secret|config\.jwt_secret)\s*=\s*(?:"[^"\n#{}]{3,}"|'[^'\n]{3,}')`)
	jwtCallRe      = scan.MustCompile(`\bJWT\.(?:encode|decode)\b`)
)

// keyMethodRe is a method that returns a literal key, the idiom of many
// Rails JWT tutorials: `def secret_key` / `'my$ecretK3y'` / `end`, or
// Ruby 3's `def secret_key = "..."`. Group 1 is the name, group 2 or 3
// the value.
var keyMethodRe = scan.MustCompile(`(?m)^[ \t]*def[ \t]+(?:self\.)?(\w*(?i:secret|key|hmac)\w*)[ \t]*(?:\(\s*\))?[ \t]*(?:=[ \t]*|\n[ \t]*)(?:"([^"\n#{}]{3,})"|'([^'\n]{3,})')[ \t]*(?:\.freeze)?[ \t]*$`)

// KeyLiterals finds the signing keys a Ruby file writes where KeyAssign
// cannot see them: a literal passed to JWT.encode/decode, and a method
// returning a literal (which counts once a signing call passes its name).
func KeyLiterals(code []byte) []pack.KeyLiteral {
	var out []pack.KeyLiteral
	for _, loc := range jwtLiteralKeyRe.FindAllIndex(code, -1) {
		call := code[loc[0]:loc[1]]
		q := bytes.LastIndexAny(call[:len(call)-1], `"'`)
		out = append(out, pack.KeyLiteral{Offset: loc[0], Value: string(call[q+1 : len(call)-1])})
	}
	for _, m := range keyMethodRe.FindAllSubmatchIndex(code, -1) {
		v := 4
		if m[4] < 0 {
			v = 6
		}
		out = append(out, pack.KeyLiteral{Offset: m[v], Name: string(code[m[2]:m[3]]), Value: string(code[m[v]:m[v+1]])})
	}
	return out
}

// HardcodedKeys returns the lines where a Ruby file writes a token-signing
// key as a literal: JWT.encode/decode with a string, a SECRET constant in a
// file that signs tokens, devise's secret_key or devise-jwt's secret. Keys
// read from ENV or Rails credentials are not.
func HardcodedKeys(src []byte) []int {
	code := scan.Code(src, "ruby")
	var lines []int
	for _, loc := range jwtLiteralKeyRe.FindAllIndex(code, -1) {
		lines = append(lines, lineAt(code, loc[0]))
	}
	if jwtCallRe.Match(code) {
		for _, loc := range constKeyRe.FindAllIndex(code, -1) {
			lines = append(lines, lineAt(code, loc[0]))
		}
	}
	for _, loc := range deviseSecretRe.FindAllIndex(code, -1) {
		lines = append(lines, lineAt(code, loc[0]))
	}
	return lines
}
