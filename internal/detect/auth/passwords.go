package auth

import (
	"bytes"
	"unicode"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// Whether the API takes passwords from its users at all. A login by emailed
// magic link, or by OAuth that then issues the API's own JWT, keeps no
// password to hash; only a project whose code never names a user password
// is judged passwordless, so a miss keeps the stricter verdict.

var (
	// passwordTokenRe finds an identifier or key that names a password:
	// password, passwd, hashed_password, passwordHash, new_password, ...
	// It needs a non-word character on either side, so MAIL_PASSWORD,
	// dbPassword and OAuth2PasswordBearer are other names.
	passwordTokenRe = scan.MustCompile(`(?i)(?:^|[^\w$])((?:hashed_?|encrypted_?|new_?|old_?|current_?|confirm_?|raw_?|plain_?)?pass(?:word|wd)(?:_?hash(?:ed)?|_?digest|_?confirm(?:ation)?|2)?)(?:[^\w$]|$)`)
	// passwordUseRe finds password logins named by a library or a helper:
	// FastAPI's password form, passport-local, Spring's user/password
	// authentication, verify_password, comparePassword, ...
	passwordUseRe = scan.MustCompile(`\bOAuth2PasswordRequestForm\b|\bLocalStrategy\b|passport-local|\bUsernamePasswordAuthentication\w*|\bDaoAuthenticationProvider\b|\bgetPassword\(|(?i:(?:verify|check|compare|validate|hash|set|reset|change|update|forgot|match)_?pass(?:word|wd))`)
	// passwordlessUseRe is the part of passwordUseRe that can match in a
	// file without "passw" in any case.
	passwordlessUseRe = scan.MustCompile(`\bLocalStrategy\b|passport-local|\bDaoAuthenticationProvider\b`)
	// infraLineRe marks a line about a service's credentials (database,
	// cache, mail, configuration), not a user's password.
	infraLineRe = scan.MustCompile(`(?i)\b(?:db|database|databases|postgres\w*|psql|pg|mysql|mariadb|sqlite|redis|smtp|mail\w*|email_host\w*|dsn|broker|amqp|rabbit\w*|mongo\w*|ldap|proxy|cfg|config\w*|conf|settings|getenv|environ|env|dotenv|connect|create_engine|datasource|sequelize|knex|typeorm|spring)\b`)
	// ormFieldRe marks a model field declaration, which stays a user
	// password even when it names the ORM (password = db.Column(...)).
	ormFieldRe = scan.MustCompile(`\bColumn\(|\bmapped_column\(|\bMapped\[|\bField\(|\bmodels\.\w+Field\(|@Column\b|@Prop\b|\bprop\(`)
)

// findPasswords returns the offset of the first place in code that names a
// user password, or -1.
func findPasswords(code []byte) int {
	// The prefilter of both regexps can only keep "pass", which every
	// Python file holds (the keyword); without "passw" in any case neither
	// token can match, and of the library names only three remain.
	if !containsPassw(code) {
		if m := passwordlessUseRe.FindIndex(code); m != nil {
			return m[0]
		}
		return -1
	}
	if m := passwordUseRe.FindIndex(code); m != nil {
		return m[0]
	}
	for _, m := range passwordTokenRe.FindAllSubmatchIndex(code, -1) {
		tok := code[m[2]:m[3]]
		if isUpper(tok) {
			continue // PASSWORD: a settings key or constant, not a user field
		}
		line := lineOf(code, m[2])
		if infraLineRe.Match(line) && !ormFieldRe.Match(line) {
			continue
		}
		return m[2]
	}
	return -1
}

// containsPassw reports whether b holds "passw" in any ASCII case. It
// looks for the w, rarer than the p, and remembers where the next w and W
// are so that neither is searched for twice.
func containsPassw(b []byte) bool {
	next := func(c byte, from int) int {
		if k := bytes.IndexByte(b[from:], c); k >= 0 {
			return from + k
		}
		return len(b)
	}
	lw, uw := next('w', 0), next('W', 0)
	for {
		i := min(lw, uw)
		if i == len(b) {
			return false
		}
		if i >= 4 && bytes.EqualFold(b[i-4:i+1], []byte("passw")) {
			return true
		}
		if i == lw {
			lw = next('w', i+1)
		} else {
			uw = next('W', i+1)
		}
	}
}

func isUpper(b []byte) bool {
	for _, r := range string(b) {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// lineOf returns the line of code holding offset off, capped so that a
// huge minified line costs little.
func lineOf(code []byte, off int) []byte {
	start := bytes.LastIndexByte(code[:off], '\n') + 1
	end := bytes.IndexByte(code[off:], '\n')
	if end < 0 {
		end = len(code)
	} else {
		end += off
	}
	start = max(start, off-400)
	end = min(end, off+400)
	return code[start:end]
}
