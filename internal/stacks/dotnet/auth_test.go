package dotnet

import "testing"

func signalsOf(code string) (kinds, hashes map[string]bool) {
	kinds, hashes = map[string]bool{}, map[string]bool{}
	c := Code([]byte(code))
	for _, s := range AuthSignals {
		if s.Re.Match(c) {
			if s.Kind != "" {
				kinds[s.Kind] = true
			}
			if s.Hash != "" {
				hashes[s.Hash] = true
			}
		}
	}
	return kinds, hashes
}

func TestAuthSignals(t *testing.T) {
	cases := []struct {
		name, code string
		kind, hash string
	}{
		{"jwt bearer", `builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o => {});`, "jwt", ""},
		{"token handler", `var token = new JwtSecurityToken(issuer, audience, claims);`, "jwt", ""},
		{"identity cookies", `services.AddAuthentication().AddIdentityCookies(); services.AddIdentityCore<ApplicationUser>();`, "session", "pbkdf2"},
		{"cookie", `services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();`, "session", ""},
		{"oauth", `services.AddAuthentication().AddGoogle(o => { o.ClientId = id; });`, "oauth", ""},
		{"bcrypt", `var hash = BCrypt.Net.BCrypt.HashPassword(request.Password);`, "", "bcrypt"},
		{"identity hasher", `var hasher = new PasswordHasher<User>();`, "", "pbkdf2"},
		{"pbkdf2", `using var kdf = new Rfc2898DeriveBytes(password, salt, 100_000, HashAlgorithmName.SHA256);`, "", "pbkdf2"},
	}
	for _, c := range cases {
		kinds, hashes := signalsOf(c.code)
		if c.kind != "" && !kinds[c.kind] {
			t.Errorf("%s: kinds %v, want %s", c.name, kinds, c.kind)
		}
		if c.hash != "" && !hashes[c.hash] {
			t.Errorf("%s: hashes %v, want %s", c.name, hashes, c.hash)
		}
	}
	// Commented-out auth and a custom IPasswordHasher interface say nothing.
	kinds, hashes := signalsOf("// services.AddJwtBearer();\npublic interface IPasswordHasher { string Hash(string p); }\n")
	if len(kinds)+len(hashes) != 0 {
		t.Errorf("negative: kinds %v hashes %v", kinds, hashes)
	}
}

func TestFastPasswordHash(t *testing.T) {
	hasher := `public class PasswordHasher : IPasswordHasher {
    private readonly HMACSHA512 x = new(Encoding.UTF8.GetBytes("realworld"));
    public Task<byte[]> Hash(string password, byte[] salt) => x.ComputeHashAsync(Combine(password, salt));
}`
	if FastPasswordHash(Code([]byte(hasher))) < 0 {
		t.Error("HMACSHA512 password hasher not found")
	}
	etag := `var etag = Convert.ToHexString(SHA256.HashData(body));`
	if off := FastPasswordHash(Code([]byte(etag))); off >= 0 {
		t.Errorf("an ETag digest read as a password hash at %d", off)
	}
}

func TestKeyLiterals(t *testing.T) {
	direct := `var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-123456"));`
	if ks := KeyLiterals(Code([]byte(direct))); len(ks) != 1 || ks[0].Value != "super-secret-signing-key-123456" || ks[0].Name != "" {
		t.Errorf("direct: %+v", ks)
	}
	u8 := `var signingKey = new SymmetricSecurityKey("somethinglongerforthisdumbalgorithmisrequired"u8.ToArray());`
	if ks := KeyLiterals(Code([]byte(u8))); len(ks) != 1 {
		t.Errorf("u8 literal: %+v", ks)
	}
	// A constant in one file, used to sign in another.
	consts := `public const string JWT_SECRET_KEY = "SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes";`
	ks := KeyLiterals(Code([]byte(consts)))
	if len(ks) != 1 || ks[0].Name != "JWT_SECRET_KEY" {
		t.Fatalf("const: %+v", ks)
	}
	program := `var key = Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY);
o.TokenValidationParameters = new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(key) };`
	uses := KeyUses(Code([]byte(program)))
	found := false
	for _, u := range uses {
		found = found || u == "JWT_SECRET_KEY"
	}
	if !found {
		t.Errorf("uses %v lack JWT_SECRET_KEY", uses)
	}

	for _, neg := range []string{
		`IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!))`,
		`var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Environment.GetEnvironmentVariable("JWT_KEY")!));`,
		`var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("CHANGE_ME_IN_PRODUCTION"));`,
		`// var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("old-key-0123456789"));`,
	} {
		if ks := KeyLiterals(Code([]byte(neg))); len(ks) != 0 {
			t.Errorf("negative %q: %+v", neg, ks)
		}
	}
}

func TestPackKeyAssign(t *testing.T) {
	re := Pack.Auth.KeyAssign
	for src, name := range map[string]string{
		`var k = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("super-secret-signing-key-123456"));`:   "",
		`var k = new SymmetricSecurityKey("somethinglongerforthisdumbalgorithmisrequired"u8.ToArray());`: "",
		`public const string JWT_SECRET_KEY = "SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes";`:         "JWT_SECRET_KEY",
	} {
		m := re.FindSubmatchIndex([]byte(src))
		if m == nil || m[4] < 0 {
			t.Errorf("no key in %q", src)
			continue
		}
		got := ""
		if m[2] >= 0 {
			got = src[m[2]:m[3]]
		}
		if got != name {
			t.Errorf("%q: name %q, want %q", src, got, name)
		}
	}
	if m := re.FindSubmatchIndex([]byte(`new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!))`)); m != nil {
		t.Errorf("configuration read as a literal key: %v", m)
	}
}
