package dotnet

import (
	"bytes"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// AuthSignal is one sign of authentication in C# code or a NuGet
// reference: the library it names, the kind of authentication
// (jwt, oauth, session, basic, api-key) and the password hash it implies.
type AuthSignal struct {
	Re         *scan.Regexp
	Lib        string
	Kind, Hash string
}

func sig(re, lib, kind, hash string) AuthSignal {
	return AuthSignal{Re: scan.MustCompile(re), Lib: lib, Kind: kind, Hash: hash}
}

// AuthSignals are matched on comment-blanked code (see Code).
var AuthSignals = []AuthSignal{
	sig(`\.AddJwtBearer\s*\(|\bJwtBearerDefaults\b`, "Microsoft.AspNetCore.Authentication.JwtBearer", "jwt", ""),
	sig(`\bnew\s+JwtSecurityToken\s*\(|\bJwtSecurityTokenHandler\b|\bJsonWebTokenHandler\b`, "System.IdentityModel.Tokens.Jwt", "jwt", ""),
	sig(`\.AddMicrosoftIdentityWebApi\s*\(`, "Microsoft.Identity.Web", "jwt", ""),
	sig(`\.AddOpenIdConnect\s*\(|\.AddGoogle\s*\(|\.AddMicrosoftAccount\s*\(|\.AddGitHub\s*\(|\.AddOAuth\s*[<(]|\.AddFacebook\s*\(`, "Microsoft.AspNetCore.Authentication.OAuth", "oauth", ""),
	sig(`\.AddIdentityCookies\s*\(|\.AddCookie\s*\(|\bCookieAuthenticationDefaults\b`, "Microsoft.AspNetCore.Authentication.Cookies", "session", ""),
	// Identity's own bearer tokens are opaque and checked by the server, so
	// they read as sessions, not JWTs.
	sig(`\.AddBearerToken\s*\(`, "Microsoft.AspNetCore.Identity", "session", ""),
	// ASP.NET Identity stores passwords with its PasswordHasher (PBKDF2).
	sig(`\.Add(?:Default)?Identity(?:Core|ApiEndpoints)?\s*<|\bMapIdentityApi\s*<|\bIdentityDbContext\s*<|:\s*IdentityUser\b|\bnew\s+PasswordHasher\s*<|\bPasswordHasher\s*<\w+>\s*\(`, "Microsoft.AspNetCore.Identity", "", "pbkdf2"),
	sig(`\bBasicAuthenticationHandler\b|AddScheme\s*<[^>]*Basic\w*Handler>`, "basic-auth", "basic", ""),
	sig(`\bApiKey\w*(?:Handler|Middleware|Filter|Attribute)\b`, "api-key", "api-key", ""),
	sig(`\bBCrypt\.Net\.BCrypt\.|\bBCrypt\.(?:HashPassword|EnhancedHashPassword|Verify|EnhancedVerify)\s*\(|\busing\s+BCrypt\.Net\b`, "BCrypt.Net-Next", "", "bcrypt"),
	sig(`\bRfc2898DeriveBytes\b|\bKeyDerivation\.Pbkdf2\s*\(`, "", "", "pbkdf2"),
	sig(`\bArgon2id\b|\bKonscious\.Security\.Cryptography\b|\bIsopoh\.Cryptography\.Argon2\b|\bArgon2\.Hash\s*\(`, "", "", "argon2"),
	sig(`\bSCrypt\w*\.(?:Encode|Hash)\w*\s*\(|\bScryptEncoder\b`, "", "", "scrypt"),
}

// AuthPackages are NuGet packages (lower case) that name an auth library.
var AuthPackages = map[string]AuthSignal{
	"microsoft.aspnetcore.authentication.jwtbearer":            {Lib: "Microsoft.AspNetCore.Authentication.JwtBearer", Kind: "jwt"},
	"system.identitymodel.tokens.jwt":                          {Lib: "System.IdentityModel.Tokens.Jwt", Kind: "jwt"},
	"microsoft.identity.web":                                   {Lib: "Microsoft.Identity.Web", Kind: "jwt"},
	"microsoft.aspnetcore.authentication.openidconnect":        {Lib: "Microsoft.AspNetCore.Authentication.OpenIdConnect", Kind: "oauth"},
	"microsoft.aspnetcore.authentication.google":               {Lib: "Microsoft.AspNetCore.Authentication.Google", Kind: "oauth"},
	"aspnet.security.oauth.github":                             {Lib: "AspNet.Security.OAuth.GitHub", Kind: "oauth"},
	"microsoft.aspnetcore.identity.entityframeworkcore":        {Lib: "Microsoft.AspNetCore.Identity", Hash: "pbkdf2"},
	"microsoft.extensions.identity.core":                       {Lib: "Microsoft.AspNetCore.Identity", Hash: "pbkdf2"},
	"bcrypt.net-next":                                          {Lib: "BCrypt.Net-Next", Hash: "bcrypt"},
	"bcrypt.net-core":                                          {Lib: "BCrypt.Net-Core", Hash: "bcrypt"},
	"bcrypt.net":                                               {Lib: "BCrypt.Net", Hash: "bcrypt"},
	"konscious.security.cryptography.argon2":                   {Lib: "Konscious.Security.Cryptography.Argon2", Hash: "argon2"},
	"isopoh.cryptography.argon2":                               {Lib: "Isopoh.Cryptography.Argon2", Hash: "argon2"},
	"microsoft.aspnetcore.cryptography.keyderivation":          {Hash: "pbkdf2"},
	"duende.identityserver":                                    {Lib: "Duende.IdentityServer", Kind: "oauth"},
	"openiddict.aspnetcore":                                    {Lib: "OpenIddict", Kind: "oauth"},
	"microsoft.aspnetcore.authentication.microsoftaccount":     {Lib: "Microsoft.AspNetCore.Authentication.MicrosoftAccount", Kind: "oauth"},
	"microsoft.aspnetcore.authentication.cookies":              {Lib: "Microsoft.AspNetCore.Authentication.Cookies", Kind: "session"},
	"idunno.authentication.basic":                              {Lib: "idunno.Authentication.Basic", Kind: "basic"},
	"aspnetcore.authentication.apikey":                         {Lib: "AspNetCore.Authentication.ApiKey", Kind: "api-key"},
	"microsoft.aspnetcore.authentication.jwtbearer.extensions": {Lib: "Microsoft.AspNetCore.Authentication.JwtBearer", Kind: "jwt"},
}

var (
	// reFastHash is a fast digest: fine for checksums, not for passwords.
	reFastHash = scan.MustCompile(`\bnew\s+HMACSHA(?:1|256|384|512)\s*\(|\bHMACSHA(?:1|256|384|512)\b|\b(?:SHA1|SHA256|SHA384|SHA512|MD5)\.(?:Create|HashData)\s*\(|\bnew\s+(?:SHA1|SHA256|SHA512|MD5)CryptoServiceProvider\b`)
	// rePasswordWord names a user password in code.
	rePasswordWord = scan.MustCompile(`(?i)\bpass(?:word|wd)\w*\b`)
)

// FastPasswordHash returns the offset of a fast digest (SHA-x, MD5, HMAC)
// in a file about passwords, or -1: the file names a password and hashes
// with a digest, as a hand-written PasswordHasher over HMACSHA512 does.
func FastPasswordHash(code []byte) int {
	m := reFastHash.FindIndex(code)
	if m == nil || !rePasswordWord.Match(code) {
		return -1
	}
	return m[0]
}

// Protection markers for routes declared outside Routes' reach: a global
// fallback policy or MapControllers().RequireAuthorization() protects
// every endpoint that does not opt out.
var (
	// GlobalAuthorization marks an app where every endpoint requires an
	// authenticated user unless it says [AllowAnonymous].
	GlobalAuthorization = scan.MustCompile(`\bFallbackPolicy\s*=|\.SetFallbackPolicy\s*\(|\.MapControllers\s*\(\s*\)\s*\.RequireAuthorization\s*\(|\bnew\s+AuthorizeFilter\s*\(`)
	// AuthorizeMarker is any endpoint protection in C# code.
	AuthorizeMarker = scan.MustCompile(`\[\s*Authorize\b|\.RequireAuthorization\s*\(`)
)

// KeyLiteral is a JWT signing key written in the code.
type KeyLiteral struct {
	Offset int
	// Name is the constant or field holding the key when the literal is
	// not passed to the signing call directly; it only counts once a
	// signing call uses that name (see KeyUses).
	Name  string
	Value string
}

var (
	// A literal passed to the key: new SymmetricSecurityKey(
	// Encoding.UTF8.GetBytes("...")), "..."u8.ToArray(), Convert.FromBase64String("...").
	reKeyDirect = scan.MustCompile(`\bSymmetricSecurityKey\s*\(\s*(?:(?:System\.Text\.)?Encoding\.\w+\.GetBytes\s*\(\s*|Convert\.FromBase64String\s*\(\s*)?@?"([^"\n]+)"(?:u8)?`)
	// A literal in a GetBytes call in a file that signs tokens:
	// var key = Encoding.ASCII.GetBytes("...");
	reGetBytesLit = scan.MustCompile(`\bEncoding\.\w+\.GetBytes\s*\(\s*@?"([^"\n]{8,})"\s*\)|@?"([^"\n]{16,})"u8\.ToArray\s*\(\s*\)`)
	// A constant or field named like a key holding a literal.
	reKeyConst = scan.MustCompile(`(?i)\b(?:const|static\s+readonly|readonly|static)\s+string\s+(\w*(?:key|secret)\w*)\s*=\s*@?"([^"\n]{8,})"`)
	// Names used where the signing key is built.
	reKeyUse  = scan.MustCompile(`\bSymmetricSecurityKey\s*\(\s*(?:(?:System\.Text\.)?Encoding\.\w+\.GetBytes\s*\(\s*)?([A-Za-z_][\w.]*)|\bEncoding\.\w+\.GetBytes\s*\(\s*([A-Za-z_][\w.]*)\s*\)`)
	reSigning = scan.MustCompile(`\bSymmetricSecurityKey\b|\bSigningCredentials\b|\bIssuerSigningKey\b`)
)

// KeyLiterals returns the signing-key literals of one file: literals
// passed to the key directly or built in a signing file (Name empty), and
// key-named constants (Name set), which are findings only when KeyUses of
// some file names them.
func KeyLiterals(code []byte) []KeyLiteral {
	var out []KeyLiteral
	seen := map[int]bool{}
	add := func(off int, name, v string) {
		if seen[off] || Placeholder(v) {
			return
		}
		seen[off] = true
		out = append(out, KeyLiteral{Offset: off, Name: name, Value: v})
	}
	for _, m := range reKeyDirect.FindAllSubmatchIndex(code, -1) {
		add(m[2], "", string(code[m[2]:m[3]]))
	}
	if reSigning.Match(code) {
		for _, m := range reGetBytesLit.FindAllSubmatchIndex(code, -1) {
			g := 2
			if m[2] < 0 {
				g = 4
			}
			add(m[g], "", string(code[m[g]:m[g+1]]))
		}
	}
	for _, m := range reKeyConst.FindAllSubmatchIndex(code, -1) {
		add(m[4], string(code[m[2]:m[3]]), string(code[m[4]:m[5]]))
	}
	return out
}

// KeyUses returns the last element of each name used to build a signing
// key in a file that signs or validates tokens (JWT_SECRET_KEY for
// Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY)).
func KeyUses(code []byte) []string {
	if !reSigning.Match(code) {
		return nil
	}
	var out []string
	for _, m := range reKeyUse.FindAllSubmatch(code, -1) {
		n := m[1]
		if n == nil {
			n = m[2]
		}
		s := string(n)
		if i := strings.LastIndexByte(s, '.'); i >= 0 {
			s = s[i+1:]
		}
		if s != "" && s != "Encoding" {
			out = append(out, s)
		}
	}
	return out
}

var rePlaceholder = scan.MustCompile(`(?i)change|your[-_ ]?|replace|placeholder|example|dummy|todo|xxx|<[^>]*>|\$\{|^\s*$|secret[-_ ]?key[-_ ]?here|insert`)

// reLocalDefault is a stock local-development credential
// (Password=postgres on localhost), not a secret anyone guards.
var reLocalDefault = scan.MustCompile(`(?i)^(?:password|postgres|admin|root|secret|sa|test|dev|pass|123456|12345678)$`)

// Placeholder reports whether a configured or literal value only stands
// for a real secret: "CHANGE_THIS", "your-secret-key", "<key>", "${JWT_KEY}",
// or a stock local default such as "postgres".
func Placeholder(v string) bool {
	v = string(bytes.TrimSpace([]byte(v)))
	return rePlaceholder.MatchString(v) || reLocalDefault.MatchString(v) || len(v) < 6
}
