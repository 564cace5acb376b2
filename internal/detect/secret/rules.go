package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"math"
	"net"
	"strings"
	"time"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// tokenRule finds a credential by its own shape (a prefix and a length),
// wherever it appears.
type tokenRule struct {
	name string
	// keywords are lower-case; the regexp runs only on lines holding one.
	keywords []string
	// re's first group is the secret.
	re *scan.Regexp
	// valid rejects matches that only look like the credential.
	valid func(v string) bool
	// keep is how many leading characters the mask keeps (a known,
	// non-secret prefix); 0 means the default.
	keep int
}

// tail is the end of a token: a character outside its alphabet, or the end.
const tail = `(?:[^A-Za-z0-9_\-]|$)`

var tokenRules = []*tokenRule{
	{name: "aws-access-key-id", keywords: []string{"akia", "asia", "abia", "acca"},
		re: scan.MustCompile(`\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?:[^A-Za-z0-9]|$)`), keep: 4},
	{name: "github-token", keywords: []string{"ghp_", "gho_", "ghs_", "ghu_", "ghr_"},
		re: scan.MustCompile(`\b(gh[pousr]_[A-Za-z0-9]{36,255})(?:[^A-Za-z0-9]|$)`), keep: 4},
	{name: "github-token", keywords: []string{"github_pat_"},
		re: scan.MustCompile(`\b(github_pat_[A-Za-z0-9_]{50,255})(?:[^A-Za-z0-9_]|$)`), keep: 4},
	{name: "gitlab-token", keywords: []string{"glpat-"},
		re: scan.MustCompile(`\b(glpat-[A-Za-z0-9_\-]{20,})` + tail), keep: 4},
	{name: "slack-webhook", keywords: []string{"hooks.slack.com"},
		re: scan.MustCompile(`(https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9_]{8,}/[A-Za-z0-9_]{8,}/[A-Za-z0-9_]{16,})`)},
	{name: "slack-token", keywords: []string{"xox"},
		re: scan.MustCompile(`\b(xox[baprs]-[0-9A-Za-z]{8,}-[0-9A-Za-z\-]{8,})` + tail), keep: 4},
	{name: "stripe-key", keywords: []string{"_live_"},
		re: scan.MustCompile(`\b((?:sk|rk)_live_[0-9A-Za-z]{20,})(?:[^0-9A-Za-z]|$)`), keep: 4},
	{name: "google-api-key", keywords: []string{"aiza"},
		re: scan.MustCompile(`\b(AIza[0-9A-Za-z_\-]{35})` + tail), keep: 4},
	{name: "openai-key", keywords: []string{"t3blbkfj"},
		re: scan.MustCompile(`\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{16,}T3BlbkFJ[A-Za-z0-9_\-]{16,})` + tail), keep: 3},
	{name: "openai-key", keywords: []string{"sk-proj-", "sk-svcacct-", "sk-admin-"},
		re:    scan.MustCompile(`\b(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,})` + tail),
		valid: func(v string) bool { return entropy(v) >= 4 }, keep: 3},
	{name: "openai-key", keywords: []string{"sk-"},
		re:    scan.MustCompile(`\b(sk-[A-Za-z0-9]{48})(?:[^A-Za-z0-9_\-]|$)`),
		valid: func(v string) bool { return entropy(v) >= 4 && hasDigit(v) && hasUpper(v) }, keep: 3},
	{name: "anthropic-key", keywords: []string{"sk-ant-"},
		re: scan.MustCompile(`\b(sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,})` + tail), keep: 3},
	{name: "sendgrid-key", keywords: []string{"sg."},
		re: scan.MustCompile(`\b(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})` + tail), keep: 3},
	{name: "twilio-api-key", keywords: []string{"sk"},
		re:    scan.MustCompile(`\b(SK[0-9a-fA-F]{32})\b`),
		valid: func(v string) bool { return entropy(v) >= 3 }, keep: 2},
	{name: "jwt-token", keywords: []string{"eyj"},
		re:    scan.MustCompile(`\b(eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})` + tail),
		valid: realJWT, keep: 3},
}

// Patterns of the assignment and framework rules.
var (
	privateKeyRe = scan.MustCompile(`-----BEGIN ((?:RSA|EC|OPENSSH|DSA|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----`)
	awsSecretRe  = scan.MustCompile(`(?i)aws[a-z0-9_.\-]{0,30}(?:secret|sk)[a-z0-9_.\-]{0,20}["']?\s*(?::=|=>|=|:)\s*["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`)
	twilioAuthRe = scan.MustCompile(`(?i)twilio[a-z0-9_.\-]{0,20}(?:auth)?[_.\-]?token["']?\s*(?::=|=>|=|:)\s*["']?([a-f0-9]{32})(?:[^a-f0-9]|$)`)
	dbURLRe      = scan.MustCompile(`(?i)\b((?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver)(?:\+[a-z0-9]+)?://)([^:@/\s"'{}$]+):([^@/\s"']+)@([^/:\s"'?,;]+)`)
	djangoKeyRe  = scan.MustCompile(`^\s*SECRET_KEY\s*(?::\s*str\s*)?=\s*(.+)$`)
	railsKeyRe   = scan.MustCompile(`(?i)secret_key_base["']?\s*(?::|=|=>)\s*["']?([A-Za-z0-9]{32,})`)
	// keyValueRe is a key and what follows its assignment operator.
	keyValueRe = scan.MustCompile(`^\s*(?:export\s+|ENV\s+|ARG\s+|-\s+)?["']?([A-Za-z_][A-Za-z0-9_.\-\[\]]*)["']?\s*(?::=|=>|=|:)\s*(.*)$`)
	// genericKeyRe finds a secret-looking key anywhere in a source line
	// (const JWT_SECRET = "...", "apiKey": "...").
	genericKeyRe = scan.MustCompile(`(?i)([a-z0-9_.\-]*(?:secret|password|passwd|pwd|token|api[_.\-]?key|apikey|private[_.\-]?key|jwt[_.\-]?key|signing[_.\-]?key|access[_.\-]?key|auth[_.\-]?key)[a-z0-9_.\-]*)["']?\s*(?::=|=>|=|:)\s*(.*)$`)
	quotedRe     = scan.MustCompile(`[rbfuRBFU]?["'` + "`" + `]([^"'` + "`" + `]*)["'` + "`" + `]`)
	typedRe      = scan.MustCompile(`^[A-Za-z_][A-Za-z0-9_\[\]?, ]*\s*=\s*(.*)$`)
	assignTailRe = scan.MustCompile(`([A-Za-z0-9_.\-]{1,60})["']?\s*(?::=|=>|=|:)\s*["']?$`)
)

// secretKeyWords mark a key as holding a credential.
var secretKeyWords = []string{"secret", "password", "passwd", "pwd", "token", "apikey", "api_key", "api-key", "api.key",
	"private_key", "privatekey", "jwtkey", "jwt_key", "jwt-key", "signing_key", "signingkey", "access_key", "accesskey", "auth_key", "authkey", "credential"}

// notSecretKeyWords mark a key that only describes a credential (its
// lifetime, header name, URL, hash, ...).
var notSecretKeyWords = []string{"url", "uri", "endpoint", "path", "file", "name", "header", "type", "field", "length",
	"expire", "expiry", "ttl", "lifetime", "minutes", "hours", "seconds", "days", "algorithm", "alg", "prefix",
	"policy", "regex", "pattern", "min", "max", "reset", "hash", "encoder", "strength", "salt_rounds", "rounds",
	"location", "provider", "store", "mode", "enabled", "required", "validity", "duration", "issuer", "audience",
	"_id", "-id", ".id", "label", "placeholder", "message", "error", "input", "form", "confirm", "policy", "rule",
	// connect-go's generated RPC names (AuthServiceRefreshTokenProcedure =
	// "/pkg.AuthService/RefreshToken") and UI strings (accesskey-description).
	"procedure", "description", "hint", "tooltip"}

// activeRules returns the token rules whose keywords occur in the file.
// may, when not nil, rules keywords out without a search (scan.MayContain
// on the file's lent content: its index folds ASCII case as lower does);
// only the keywords it lets through are looked for.
func activeRules(lower []byte, may func(string) bool) []*tokenRule {
	var out []*tokenRule
	for _, r := range tokenRules {
		for _, kw := range r.keywords {
			if (may == nil || may(kw)) && bytes.Contains(lower, []byte(kw)) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// fileScan is the state of one file's scan.
type fileScan struct {
	path        string
	kind        fileKind
	data, lower []byte
	active      []*tokenRule

	django, spring, yaml, gcp, test bool
	// devise marks Devise's initializer, whose generator writes a random
	// key into a commented-out example line that the app never reads.
	devise bool
	// testEnv marks an env file of the test suite (.env.test).
	testEnv bool
	// dbConfig marks a file where a database connection config may be
	// written: program source, .ini and .cfg files (dbConfigFile), and
	// YAML, JSON, TOML and properties, where only a remote host counts.
	dbConfig, dbConfigFile bool
	starts                 []int
	gcpDone                bool
	yamlStack              []yamlKey
	// lacks says which texts the file cannot hold (its literal index says
	// so), so that no line of it is searched for them.
	lacks struct{ pem, aws, twilio, url, dsn, railsKey bool }

	out []facts.Secret
}

type yamlKey struct {
	indent int
	key    string
}

func (s *fileScan) add(line int, rule, redacted string) {
	s.out = append(s.out, facts.Secret{Path: s.path, Line: line, Rule: rule, Redacted: redacted})
}

func (s *fileScan) run() {
	lineNo := 0
	for start := 0; start <= len(s.data) && len(s.out) < maxPerFile; {
		end := bytes.IndexByte(s.data[start:], '\n')
		if end < 0 {
			end = len(s.data)
		} else {
			end += start
		}
		lineNo++
		line := bytes.TrimRight(s.data[start:end], "\r")
		low := s.lower[start : start+len(line)]
		if s.yaml {
			s.trackYAML(line)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			s.scanLine(lineNo, line, low, end)
		}
		start = end + 1
		if end == len(s.data) {
			break
		}
	}
}

// scanLine reports at most one secret for the line: the most specific rule wins.
func (s *fileScan) scanLine(n int, line, low []byte, lineEnd int) {
	if s.gcp && !s.gcpDone && bytes.Contains(low, []byte(`"private_key"`)) {
		s.gcpDone = true
		s.add(n, "gcp-service-account", `"type": "service_account", "private_key": "----****"`)
		return
	}
	// Tests use throw-away keys (TLS fixtures in testdata/); only keys
	// outside test folders are reported.
	if !s.test && !s.lacks.pem && bytes.Contains(line, []byte("PRIVATE KEY")) {
		if m := privateKeyRe.Find(line); m != nil && pemBodyFollows(s.data, lineEnd, line, m) {
			s.add(n, "private-key", string(m)+"****")
			return
		}
	}
	for _, r := range s.active {
		if !containsAny(low, r.keywords) {
			continue
		}
		if r.name == "jwt-token" && s.test {
			// A token in a test is a fixture signed with a test key.
			continue
		}
		for _, m := range r.re.FindAllSubmatchIndex(line, 4) {
			v := string(line[m[2]:m[3]])
			if isPlaceholder(v) || (r.valid != nil && !r.valid(v)) {
				continue
			}
			s.add(n, r.name, s.redactAt(line, m[2], v, r.keep))
			return
		}
	}
	if len(line) > maxLine || s.kind == kindKey {
		return
	}
	if s.kind == kindManifest {
		return
	}
	if !s.lacks.aws && bytes.Contains(low, []byte("aws")) {
		if m := awsSecretRe.FindSubmatchIndex(line); m != nil {
			v := string(line[m[2]:m[3]])
			if !isPlaceholder(v) && entropy(v) >= 3.5 {
				s.add(n, "aws-secret-access-key", s.redactAt(line, m[2], v, 0))
				return
			}
		}
	}
	if !s.lacks.twilio && bytes.Contains(low, []byte("twilio")) {
		if m := twilioAuthRe.FindSubmatchIndex(line); m != nil {
			v := string(line[m[2]:m[3]])
			if !isPlaceholder(v) && entropy(v) >= 3 {
				s.add(n, "twilio-auth-token", s.redactAt(line, m[2], v, 0))
				return
			}
		}
	}
	// In tests and fixture folders, a database URL, a framework key or an
	// assignment is a fixture (a test database, a test signing key, a
	// sample project under testdata/); only credentials with a provider's
	// shape count there.
	if s.test {
		return
	}
	if !s.lacks.url && bytes.Contains(line, []byte("://")) && bytes.Contains(line, []byte("@")) {
		if r, ok := s.dbPassword(line); ok {
			s.add(n, "database-url-password", r)
			return
		}
	}
	if !s.lacks.dsn && (bytes.Contains(low, []byte("password=")) || bytes.Contains(line, []byte("@tcp("))) {
		if r, ok := s.dsnPassword(line, low); ok {
			s.add(n, "database-dsn-password", r)
			return
		}
	}
	if s.django && bytes.Contains(line, []byte("SECRET_KEY")) {
		if r, ok := djangoKey(line); ok {
			s.add(n, "django-secret-key", r)
			return
		}
	}
	if !s.lacks.railsKey && bytes.Contains(low, []byte("secret_key_base")) {
		if m := railsKeyRe.FindSubmatchIndex(line); m != nil {
			v := string(line[m[2]:m[3]])
			if !isPlaceholder(v) {
				s.add(n, "rails-secret-key-base", s.redactAt(line, m[2], v, 0))
				return
			}
		}
	}
	if s.spring {
		if r, ok := s.springJWT(line); ok {
			s.add(n, "spring-jwt-secret", r)
			return
		}
	}
	if s.devise && bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
		// `# config.secret_key = '<128 hex>'` is the generator's example,
		// present in every Devise app; the live key is secret_key_base.
		return
	}
	if r, ok := s.generic(line, low); ok {
		s.add(n, "generic-secret-assignment", r)
		return
	}
	if s.dbConfig && containsAny(low, dbPasswordWords) {
		if r, ok := s.dbConfigPassword(n, line, low); ok {
			s.add(n, "hardcoded-db-password", r)
			return
		}
	}
	if s.kind == kindEnv && !s.testEnv {
		if r, ok := envFileSecret(line); ok {
			s.add(n, "env-file-secret", r)
		}
	}
}

// envKeyWords mark an .env key as holding a credential.
var envKeyWords = []string{"password", "passwd", "secret", "token", "api_key", "apikey"}

// namedPlaceholder is a value that only names what belongs there:
// POSTGRES_PASSWORD=db_password, APP_SECRET=app_secret_key.
var namedPlaceholder = scan.MustCompile(`^(?:[a-z]+[_-])+(?:password|passwd|pass|pwd|secret|token|key)$`)

// envFileSecret finds a credential in a committed .env file: a key named
// like a password, secret, token or API key given a value of at least 8
// characters that is no placeholder, reference or local default. Unlike
// the generic rule it needs no entropy: a .env file holds the values the
// application really runs with, so a human-chosen password
// (DB_PASSWORD=Tr0ub4dor-Pg-2024) is as much a leak as a generated key.
func envFileSecret(line []byte) (string, bool) {
	m := keyValueRe.FindSubmatch(line)
	if m == nil {
		return "", false
	}
	key := string(m[1])
	lk := strings.ToLower(key)
	if !containsAnyStr(lk, envKeyWords) || containsAnyStr(lk, notSecretKeyWords) {
		return "", false
	}
	v := configValue(string(m[2]))
	if len(v) < 8 || strings.ContainsAny(v, " \t$") || strings.Contains(v, "://") || isPlaceholder(v) ||
		localDefaults[strings.ToLower(v)] || namedPlaceholder.MatchString(v) {
		return "", false
	}
	return key + " = " + mask(v, 0), true
}

// pemBodyFollows reports whether a real key body follows the PEM header:
// at least 64 base64 characters before the END line or 600 bytes, so
// `-----BEGIN RSA PRIVATE KEY-----\n...` in documentation is not a key.
func pemBodyFollows(data []byte, lineEnd int, line, header []byte) bool {
	// The header may sit inside a one-line string ("...KEY-----\nMIIE...").
	after := line[bytes.Index(line, header)+len(header):]
	rest := append([]byte{}, after...)
	if lineEnd < len(data) {
		rest = append(rest, data[lineEnd:min(len(data), lineEnd+600)]...)
	}
	if len(rest) > 600 {
		rest = rest[:600]
	}
	count := 0
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '\\' && i+1 < len(rest) && rest[i+1] == 'n':
			i++
		case c == '-':
			return count >= 64
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/', c == '=':
			count++
		}
	}
	return count >= 64
}

// dbPassword finds a password in a database URL, unless it is a
// placeholder or a local development default (see dbCredential).
func (s *fileScan) dbPassword(line []byte) (string, bool) {
	for _, m := range dbURLRe.FindAllSubmatchIndex(line, 4) {
		scheme := string(line[m[2]:m[3]])
		user := string(line[m[4]:m[5]])
		pass := string(line[m[6]:m[7]])
		host := string(line[m[8]:m[9]])
		if !s.dbCredential(line, user, pass, host) {
			continue
		}
		return scheme + user + ":" + mask(pass, 0) + "@" + host, true
	}
	return "", false
}

var (
	// kvDSNRe is the password of a key=value connection string, the form
	// lib/pq and GORM's postgres driver take ("host=localhost user=app
	// password=... dbname=app").
	kvDSNRe  = scan.MustCompile(`(?i)\bpassword=([^\s"'` + "`" + `;&]+)`)
	kvUserRe = scan.MustCompile(`(?i)\buser=([^\s"'` + "`" + `;&]+)`)
	kvHostRe = scan.MustCompile(`(?i)\bhost=([^\s"'` + "`" + `;&]+)`)
	// tcpDSNRe is go-sql-driver/mysql's "user:pass@tcp(host:3306)/db".
	tcpDSNRe = scan.MustCompile(`([A-Za-z0-9_.\-]+):([^@\s"'` + "`" + `/:]+)@tcp\(([^):]*)`)
)

// dsnPassword finds a password in a key=value connection string or a
// MySQL driver DSN, judged as a database URL's is.
func (s *fileScan) dsnPassword(line, low []byte) (string, bool) {
	if m := tcpDSNRe.FindSubmatchIndex(line); m != nil {
		user, pass, host := string(line[m[2]:m[3]]), string(line[m[4]:m[5]]), string(line[m[6]:m[7]])
		if s.dbCredential(line, user, pass, host) {
			return user + ":" + mask(pass, 0) + "@tcp(" + host + ")", true
		}
	}
	// Both a user and a host or database name: "password=" alone is a
	// form field or a query string.
	if !bytes.Contains(low, []byte("user=")) || !bytes.Contains(low, []byte("host=")) && !bytes.Contains(low, []byte("dbname=")) {
		return "", false
	}
	m := kvDSNRe.FindSubmatch(line)
	if m == nil {
		return "", false
	}
	pass, user, host := string(m[1]), "", "localhost"
	if u := kvUserRe.FindSubmatch(line); u != nil {
		user = string(u[1])
	}
	if h := kvHostRe.FindSubmatch(line); h != nil {
		host = string(h[1])
	}
	if strings.ContainsAny(pass, "%{}$") || !s.dbCredential(line, user, pass, host) {
		return "", false
	}
	return "password=" + mask(pass, 0) + " (user=" + user + " host=" + host + ")", true
}

// dbCredential judges a database password found with its user and host.
// A placeholder, a documentation host, a well-known default (postgres,
// root, the user name again) never counts. A short password for a local
// database (loopback or a docker-compose service name) counts only where
// the application itself uses it: written in program source, not as the
// fallback of an environment read, or in a committed .env file; in
// docker-compose files and other configuration it is the local
// development default (see localDefault).
func (s *fileScan) dbCredential(line []byte, user, pass, host string) bool {
	// Only the password says whether the URL is a placeholder: user and
	// host name the application (todo_user@todo-db.internal).
	if isPlaceholder(pass) || docHost(host) {
		return false
	}
	if !localDefault(user, pass, host) {
		return true
	}
	if defaultPassword(user, pass) {
		return false
	}
	switch {
	case s.kind == kindSource && !readsEnv(string(line)) && !commentLine(line) && !bytes.Contains(bytes.ToLower(line), []byte("default")):
		// A commented-out URL or the default of a config reader
		// (dj_database_url.config(env=..., default="...")) is not what
		// the application runs with.
		return len(pass) >= minCodePassword
	case s.kind == kindEnv && !s.testEnv:
		return len(pass) >= 8
	}
	return false
}

// minCodePassword is the shortest database password reported where the
// application's code uses it: "0404" and "123456" open the developer's
// database all the same; "pwd" and "pw" are placeholders.
const minCodePassword = 4

// defaultPassword reports a password nobody chose: a well-known default,
// the user name again, or one that names itself (db_password).
func defaultPassword(user, pass string) bool {
	l := strings.ToLower(pass)
	return localDefaults[l] || pass == user || len(l) >= 4 && strings.Contains(strings.ToLower(user), l) || namedPlaceholder.MatchString(l)
}

// commentLine reports whether a source line is a comment.
func commentLine(line []byte) bool {
	t := bytes.TrimSpace(line)
	for _, p := range []string{"#", "//", "/*", "*", "--", ";"} {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return false
}

// dbPasswordWords gate the database-config rule.
var dbPasswordWords = []string{"pass", "pwd"}

var (
	// dbHostKeyRe and dbUserKeyRe find the keys that sit beside a
	// database password in a connection config (db.config.js, an .ini
	// section, connect(host=..., user=...)).
	dbHostKeyRe = scan.MustCompile(`(?i)(?:^|[\s{(,."'])(?:host|hostname|server|db_host|dbhost|mysql_host)["']?\s*(?:=>|[:=])\s*["']?([^"'\s,;)]*)`)
	dbUserKeyRe = scan.MustCompile(`(?i)(?:^|[\s{(,."'])(?:user|username|usr|db_user|dbuser|mysql_user)["']?\s*(?:=>|[:=])\s*["']?([^"'\s,;)]*)`)
)

// dbConfigWindow is how many lines around a password the host and user
// keys of its connection config may be.
const dbConfigWindow = 8

// dbConfigPassword finds a database password written in a connection
// config the application uses (bezkoder's db.config.js: HOST, USER,
// PASSWORD: "123456"; an .ini [mysql] section; mysql.connector.connect(
// host=..., user=..., password=...)): a key named like a password with a
// literal value, with host and user keys within a few lines. An
// environment read with a fallback (process.env.DB_PASSWORD || "root")
// is not reported unless the fallback is a generated key.
func (s *fileScan) dbConfigPassword(n int, line, low []byte) (string, bool) {
	if commentLine(line) {
		return "", false
	}
	key, rhs, ok := passwordAssignment(line, low)
	if !ok {
		return "", false
	}
	var v string
	if s.kind == kindSource {
		lits := quotedRe.FindAllStringSubmatchIndex(rhs, -1)
		if len(lits) == 0 || lits[0][0] != 0 {
			return "", false // a variable, an environment read or its fallback
		}
		v = rhs[lits[0][2]:lits[0][3]]
	} else {
		v = configValue(rhs)
	}
	if len(v) < minCodePassword || len(v) > 128 || strings.ContainsAny(v, " \t${}<>()") || formatVerb.MatchString(v) || isPlaceholder(v) {
		return "", false
	}
	host, user, ok := s.dbKeysNear(n)
	if !ok || host == "" || defaultPassword(user, v) || s.kind == kindSource && commentLine(line) {
		return "", false
	}
	// In YAML, JSON or properties a database password beside a local
	// host is the development default of a config the team shares
	// (Rails' database.yml); beside a remote host it opens that database.
	if !s.dbConfigFile && (localDefault(user, "x", host) || docHost(host)) {
		return "", false
	}
	return key + " = " + mask(v, 0), true
}

// formatVerb is a printf or Python format placeholder (%s, %(pw)s).
var formatVerb = scan.MustCompile(`%[-+ #0-9.]*[sdvqxf(]`)

// passwordAssignment finds the first key dbPasswordKey accepts that is
// given a value (PASSWORD: "x", password='x', "pwd" => 'x', password = x)
// and returns it with what follows the operator. It reads the line once,
// without a regexp, since prose full of the word password is common.
func passwordAssignment(line, low []byte) (key, rhs string, ok bool) {
	isKey := func(c byte) bool {
		return c == '_' || c == '-' || c == '.' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	for from := 0; from < len(low); {
		i := indexAny(low[from:], "pass", "pwd")
		if i < 0 {
			return "", "", false
		}
		i += from
		start, end := i, i
		for start > 0 && isKey(low[start-1]) {
			start--
		}
		for end < len(low) && isKey(low[end]) {
			end++
		}
		from = end + 1
		if end-start > 32 || !dbPasswordKey(string(low[start:end])) {
			continue
		}
		j := end
		for j < len(line) && (line[j] == '"' || line[j] == '\'' || line[j] == ' ' || line[j] == '\t') {
			j++
		}
		switch {
		case j+1 < len(line) && line[j] == '=' && line[j+1] == '>':
			j += 2
		case j < len(line) && (line[j] == '=' || line[j] == ':'):
			if j+1 < len(line) && line[j] == ':' && line[j+1] == '=' {
				j++
			}
			j++
		default:
			continue
		}
		return string(line[start:end]), strings.TrimSpace(string(line[j:])), true
	}
	return "", "", false
}

// indexAny returns the first index in b of any of the words, or -1.
func indexAny(b []byte, words ...string) int {
	first := -1
	for _, w := range words {
		if i := bytes.Index(b, []byte(w)); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// dbPasswordKey reports whether a key names a database password (PASSWORD,
// db_password, dbPass, "pwd"), not a password's policy or a form field.
func dbPasswordKey(key string) bool {
	// Called for every word holding "pass" in every line, so it neither
	// allocates nor builds a replacer.
	if i := strings.LastIndexAny(key, ".>:["); i >= 0 {
		key = key[i+1:]
	}
	var buf [32]byte
	n := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == '_' || c == '-' || c == '"' || c == '\'':
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if n == len(buf) {
			return false
		}
		buf[n] = c
		n++
	}
	switch string(buf[:n]) {
	case "password", "passwd", "pass", "pwd", "dbpassword", "dbpass", "dbpwd", "databasepassword",
		"mysqlpassword", "mysqlpass", "pgpassword", "postgrespassword":
		return true
	}
	return false
}

// dbKeysNear returns the host and the user name written within
// dbConfigWindow lines of line n ("localhost" for a host key whose value
// is not a literal, "" when there is no host key); ok is false without a
// user key.
func (s *fileScan) dbKeysNear(n int) (host, user string, ok bool) {
	lines := s.lineStarts()
	from, to := max(1, n-dbConfigWindow), min(len(lines), n+dbConfigWindow)
	userSeen := false
	for i := from; i <= to; i++ {
		start := lines[i-1]
		end := len(s.data)
		if i < len(lines) {
			end = lines[i] - 1
		}
		l := s.data[start:end]
		if len(l) > maxLine {
			continue
		}
		if host == "" {
			if m := dbHostKeyRe.FindSubmatch(l); m != nil {
				host = string(m[1])
				if host == "" {
					host = "localhost" // named elsewhere (HOST: process.env.DB_HOST)
				}
			}
		}
		if !userSeen {
			if m := dbUserKeyRe.FindSubmatch(l); m != nil {
				userSeen, user = true, string(m[1])
			}
		}
	}
	return host, user, userSeen
}

// lineStarts returns the offset where each line of the file starts,
// computed once.
func (s *fileScan) lineStarts() []int {
	if s.starts == nil {
		s.starts = []int{0}
		for i, c := range s.data {
			if c == '\n' {
				s.starts = append(s.starts, i+1)
			}
		}
	}
	return s.starts
}

// docHost reports whether a database URL's host is one documentation
// uses: a domain reserved for examples (RFC 2606) or a "your-host" name.
func docHost(host string) bool {
	h := strings.ToLower(host)
	for _, d := range []string{"example.com", "example.org", "example.net"} {
		if h == d || strings.HasSuffix(h, "."+d) {
			return true
		}
	}
	return strings.HasPrefix(h, "your") || strings.Contains(h, "<")
}

// localDefaults are passwords that docker-compose files and tutorials use
// for a database on the developer's machine.
var localDefaults = map[string]bool{
	"postgres": true, "password": true, "root": true, "secret": true, "mysql": true, "admin": true, "pass": true,
	"example": true, "test": true, "dev": true, "changeme": true, "mongo": true, "mongodb": true, "redis": true,
	"guest": true, "rabbitmq": true, "user": true, "docker": true, "local": true, "development": true,
}

// localDefault reports whether a database URL's credentials are a local
// development default: the host is loopback, a private network address
// or a single-label name (a docker-compose service such as `db`), and the
// password is a well-known
// default, the user name again, or shorter than 12 characters. Such
// credentials only open a database on the developer's machine.
func localDefault(user, pass, host string) bool {
	h := strings.ToLower(host)
	local := h == "localhost" || strings.HasPrefix(h, "127.") || h == "0.0.0.0" || h == "::1" ||
		h == "host.docker.internal" || !strings.Contains(h, ".") || privateIP(h)
	if !local {
		return false
	}
	return localDefaults[strings.ToLower(pass)] || pass == user || len(pass) < 12
}

// privateIP reports whether host is an RFC 1918 address: a database on
// the developer's network, unreachable from the internet.
func privateIP(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsPrivate()
}

// djangoKey judges a SECRET_KEY assignment in a Django settings module. A
// literal is reported (django-insecure- keys too: they are committed). A
// value read from the environment is not, unless its fallback default is
// itself a real key.
func djangoKey(line []byte) (string, bool) {
	m := djangoKeyRe.FindSubmatch(line)
	if m == nil {
		return "", false
	}
	rhs := strings.TrimSpace(string(m[1]))
	lits := quotedRe.FindAllStringSubmatch(rhs, -1)
	if len(lits) == 0 {
		return "", false
	}
	if quotedRe.FindStringIndex(rhs)[0] == 0 {
		v := lits[0][1]
		if isPlaceholder(v) || len(v) < 8 || wordy(v) && !strings.HasPrefix(v, "django-insecure-") {
			return "", false
		}
		return "SECRET_KEY = '" + mask(v, 0) + "'", true
	}
	v := lits[len(lits)-1][1]
	if strings.HasPrefix(v, "django-insecure-") || strongDefault(v) {
		return "SECRET_KEY = <env fallback> '" + mask(v, 0) + "'", true
	}
	return "", false
}

// strongDefault reports whether a fallback default looks like a real,
// generated key rather than a development value.
func strongDefault(v string) bool {
	return len(v) >= 32 && randomLooking(v) && !isPlaceholder(v) && !wordy(v)
}

// randomLooking reports whether v has the entropy of a generated key: 3.5
// bits per character, or 3 for a long hex string, whose alphabet caps it at 4.
func randomLooking(v string) bool {
	e := entropy(v)
	if len(v) >= 32 && strings.Trim(strings.ToLower(v), "0123456789abcdef") == "" {
		return e >= 3
	}
	return e >= 3.5
}

// trackYAML keeps the chain of parent keys of the current YAML line.
func (s *fileScan) trackYAML(line []byte) {
	t := bytes.TrimLeft(line, " ")
	if len(t) == 0 || t[0] == '#' {
		return
	}
	indent := len(line) - len(t)
	for len(s.yamlStack) > 0 && s.yamlStack[len(s.yamlStack)-1].indent >= indent {
		s.yamlStack = s.yamlStack[:len(s.yamlStack)-1]
	}
	// Real configs nest a few levels; the cap keeps a crafted file linear.
	if i := bytes.IndexByte(t, ':'); i > 0 && len(s.yamlStack) < 32 && !bytes.ContainsAny(t[:i], " \"'{[") {
		s.yamlStack = append(s.yamlStack, yamlKey{indent: indent, key: string(t[:i])})
	}
}

// springJWT finds a JWT signing secret written as a literal in a Spring
// application config (jwt.secret, app.jwt.secret, security.jwt.secret-key,
// app.auth.tokenSecret, in properties or YAML). ${JWT_SECRET} is not
// reported; ${JWT_SECRET:fallback} is when the fallback is a real key.
func (s *fileScan) springJWT(line []byte) (string, bool) {
	m := keyValueRe.FindSubmatch(line)
	if m == nil {
		return "", false
	}
	key := string(m[1])
	full := key
	if s.yaml {
		var parts []string
		for _, k := range s.yamlStack {
			parts = append(parts, k.key)
		}
		full = strings.Join(parts, ".")
	}
	lf := strings.ToLower(full)
	last := strings.ToLower(key)
	if !(strings.Contains(lf, "jwt") && (strings.Contains(last, "secret") || strings.Contains(last, "key"))) &&
		!strings.Contains(last, "tokensecret") && !strings.Contains(last, "token-secret") && !strings.Contains(last, "token_secret") {
		return "", false
	}
	v := configValue(string(m[2]))
	if strings.HasPrefix(v, "${") {
		i := strings.IndexByte(v, ':')
		j := strings.LastIndexByte(v, '}')
		if i < 0 || j < i {
			return "", false
		}
		def := v[i+1 : j]
		if strongDefault(def) {
			return full + ": ${...:" + mask(def, 0) + "}", true
		}
		return "", false
	}
	if v == "" || isPlaceholder(v) || len(v) < 8 || wordy(v) {
		return "", false
	}
	return full + " = " + mask(v, 0), true
}

// configValue is the value of a config line: unquoted, without a trailing comment.
func configValue(rhs string) string {
	v := strings.TrimSpace(rhs)
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		if j := strings.IndexByte(v[1:], v[0]); j >= 0 {
			return v[1 : j+1]
		}
		return strings.Trim(v, `"'`)
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimRight(strings.TrimSpace(v), ",;")
}

// generic finds a high-confidence secret assignment: a key named like a
// credential given a literal of at least 12 characters, with letters and
// digits and at least 3.5 bits of entropy per character, that is no
// placeholder. In source code only quoted literals count.
func (s *fileScan) generic(line, low []byte) (string, bool) {
	if !mayAssignValue(line, low, s.kind == kindSource) {
		return "", false
	}
	return s.assignment(line, low)
}

// assignment is generic without its gate.
func (s *fileScan) assignment(line, low []byte) (string, bool) {
	if !containsAny(low, secretKeyWords) {
		return "", false
	}
	var key, v string
	if s.kind == kindSource {
		m := genericKeyRe.FindSubmatch(line)
		if m == nil {
			return "", false
		}
		key = string(m[1])
		rhs := strings.TrimSpace(string(m[2]))
		// A typed declaration (SECRET_KEY: str = "...", val key: String = "...")
		// or a Go byte slice ([]byte("...")) still assigns a literal.
		if t := typedRe.FindStringSubmatch(rhs); t != nil {
			rhs = t[1]
		}
		rhs = strings.TrimPrefix(rhs, "[]byte(")
		lits := quotedRe.FindAllStringSubmatchIndex(rhs, -1)
		switch {
		case len(lits) == 0:
			return "", false
		case lits[0][0] == 0:
			v = rhs[lits[0][2]:lits[0][3]]
		case readsEnv(rhs):
			// A fallback default: os.getenv("JWT_SECRET", "...") or
			// process.env.JWT_SECRET || "...".
			l := lits[len(lits)-1]
			v = rhs[l[2]:l[3]]
			if !strongDefault(v) {
				return "", false
			}
		default:
			return "", false
		}
	} else {
		m := keyValueRe.FindSubmatch(line)
		if m == nil {
			m = genericKeyRe.FindSubmatch(line)
			if m == nil {
				return "", false
			}
		}
		key = string(m[1])
		v = configValue(string(m[2]))
	}
	lk := strings.ToLower(key)
	if !containsAnyStr(lk, secretKeyWords) || containsAnyStr(lk, notSecretKeyWords) {
		return "", false
	}
	if !generatedValue(v) && !(signingKeyName(key) && chosenKey(v)) {
		return "", false
	}
	return key + " = " + mask(v, 0), true
}

// generatedValue reports whether v has the shape of a generated secret:
// at least 12 characters, letters and digits, the entropy of a random
// key, and no placeholder.
func generatedValue(v string) bool {
	if len(v) < 12 || strings.HasPrefix(v, "eyJ") || strings.Contains(v, "://") || strings.ContainsAny(v, " \t$%{}<>()") || isPlaceholder(v) || wordy(v) {
		return false
	}
	return hasDigit(v) && hasLetter(v) && randomLooking(v)
}

// signingKeyNames are what a key's name is, once lower-cased without
// separators, when it can only hold an application's own secret: SECRET,
// SECRET_KEY, JWT_SECRET, jwtKey, ACCESS_TOKEN_SECRET, signingKey.
var signingKeyNames = []string{"secret", "secretkey", "jwtsecret", "jwtkey", "jwtsecretkey", "jwtsigningkey", "tokensecret",
	"signingkey", "secretorkey", "secretorprivatekey", "appsecret", "appsecretkey", "sessionsecret", "cookiesecret", "hmacsecret", "hmackey"}

// keySeparators are dropped from a key's name before it is compared.
var keySeparators = strings.NewReplacer("_", "", "-", "", `"`, "", "'", "", "]", "")

// signingKeyName reports whether a key's own name (after the last dot:
// exports.SECRET, config.jwtSecret) names an application secret.
func signingKeyName(key string) bool {
	k := strings.ToLower(strings.Trim(key, `"'`))
	if i := strings.LastIndexAny(k, ".>:["); i >= 0 {
		k = k[i+1:]
	}
	k = keySeparators.Replace(k)
	for _, n := range signingKeyNames {
		if k == n || len(n) > 6 && strings.HasSuffix(k, n) {
			return true
		}
	}
	return false
}

// chosenKey reports whether v, given to a key named like an application
// secret, is a key a person typed rather than a placeholder: at least 8
// characters with letters and digits, no spaces, no words that say it is
// a sample ("mysecret123", "dev-secret"). Committed, it signs the
// application's tokens however weak it is (exports.SECRET =
// 'asfdlajsdfaf234' in a compiled config).
func chosenKey(v string) bool {
	if len(v) < 8 || len(v) > 512 || strings.HasPrefix(v, "eyJ") || strings.ContainsAny(v, " \t%{}<>()/\\") || strings.Contains(v, "${") {
		return false
	}
	if isPlaceholder(v) || wordy(v) || localDefaults[strings.ToLower(v)] || namedPlaceholder.MatchString(strings.ToLower(v)) {
		return false
	}
	return hasDigit(v) && hasLetter(v) && entropy(v) >= 2.5
}

// mayAssignValue is a cheap necessary condition for generic to report the
// line, checked first because its regexps backtrack over every line of
// prose that names a password or a token: an assignment operator (= or :),
// a quote in source code, and a stretch of at least 12 bytes holding a
// digit and none of the bytes a value may not hold (see valueStop), since
// the value is such a stretch of the line.
func mayAssignValue(line, low []byte, source bool) bool {
	if bytes.IndexAny(line, "=:") < 0 || (source && bytes.IndexAny(line, "\"'`") < 0) {
		return false
	}
	// A key named like an application secret takes a shorter value (see
	// chosenKey); $ may be part of it.
	need, stop := 12, &valueStop
	if containsAny(low, shortKeyWords) {
		need, stop = 8, &chosenStop
	}
	run, digit := 0, false
	for _, c := range line {
		if stop[c] {
			run, digit = 0, false
			continue
		}
		run++
		digit = digit || '0' <= c && c <= '9'
		if run >= need && digit {
			return true
		}
	}
	return false
}

// shortKeyWords are in every name signingKeyName accepts.
var shortKeyWords = []string{"secret", "jwt", "signing", "hmac"}

// chosenStop marks the bytes chosenKey rejects in a value.
var chosenStop = func() (t [256]bool) {
	for _, c := range []byte(" \t%{}<>()") {
		t[c] = true
	}
	return t
}()

// valueStop marks the bytes generic rejects in a value.
var valueStop = func() (t [256]bool) {
	for _, c := range []byte(" \t$%{}<>()") {
		t[c] = true
	}
	return t
}()

func readsEnv(rhs string) bool {
	return containsAnyStr(strings.ToLower(rhs), []string{"environ", "getenv", "process.env", "env(", "env[", "env.get", "config("})
}

// redactAt masks the secret at off in line, keeping the key it is
// assigned to when there is one (GITHUB_TOKEN=ghp_****).
func (s *fileScan) redactAt(line []byte, off int, v string, keep int) string {
	masked := mask(v, keep)
	if m := assignTailRe.FindSubmatch(line[:off]); m != nil {
		return string(m[1]) + " = " + masked
	}
	return masked
}

// mask keeps at most four leading characters of v (fewer for short
// values) and hides the rest. keep, when set, is a known public prefix.
func mask(v string, keep int) string {
	n := min(4, len(v)/4)
	if keep > 0 && keep < len(v)/2 {
		n = min(keep, 4)
	}
	return v[:n] + "****"
}

// placeholderParts mark a value as a placeholder wherever they appear.
var placeholderParts = []string{"changeme", "change-me", "change_me", "changethis", "change-this", "change_this",
	"your-", "your_", "yoursecret", "yourpassword", "yourkey", "yourtoken", "<", ">", "${", "$(", "%(", "{{", "}}",
	"os.environ", "process.env", "getenv", "example", "placeholder", "replace_me", "replace-me", "replaceme",
	"dummy", "xxxx", "****", "...", "redacted", "insert_", "insert-", "fake", "sample", "not-a-secret",
	"notasecret", "not_a_secret", "not-so-secret", "not_so_secret", "notsosecret", "0000000000", "1234567890", "abcdef"}

// placeholderWords are placeholders when they are the whole value.
var placeholderWords = map[string]bool{
	"secret": true, "password": true, "passwd": true, "pass": true, "test": true, "testing": true, "token": true,
	"key": true, "apikey": true, "api_key": true, "admin": true, "root": true, "user": true, "username": true,
	"none": true, "null": true, "nil": true, "true": true, "false": true, "undefined": true, "tbd": true,
	"mysecret": true, "supersecret": true, "secretkey": true, "secret_key": true, "secret-key": true,
	"mysecretkey": true, "jwtsecret": true, "jwt_secret": true, "jwt-secret": true, "string": true, "str": true,
	// Markers are placeholders only on their own: "todo" inside a real
	// name (todo_app, todo-db) is an application's name.
	"todo": true, "fixme": true,
}

// isPlaceholder reports whether v is a placeholder rather than a secret.
func isPlaceholder(v string) bool {
	l := strings.ToLower(strings.Trim(v, "\"'` "))
	if l == "" || placeholderWords[l] || placeholderWords[strings.Trim(l, "_-!.:*#")] {
		return true
	}
	if strings.Count(l, l[:1]) == len(l) {
		return true
	}
	return containsAnyStr(l, placeholderParts)
}

// wordy reports whether a value is a human-chosen phrase ("my-test-secret-123")
// rather than a generated key; only the generic rule and fallback defaults,
// which need high confidence, use it.
func wordy(v string) bool {
	return containsAnyStr(strings.ToLower(v), []string{"secret", "password", "passw", "test", "demo", "local", "development", "dev-", "dev_", "default", "insecure-key"})
}

// realJWT rejects the jwt.io sample token and Supabase's public anon key.
func realJWT(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 3 || parts[2] == "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c" {
		return false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return true
	}
	p := string(payload)
	if strings.Contains(p, "John Doe") || strings.Contains(p, `"role":"anon"`) || strings.Contains(p, `"role": "anon"`) {
		return false
	}
	// An expired token opens nothing: it is the sample response of API
	// docs (a Swagger `example:`), not a credential.
	var claims struct {
		Exp json.Number `json:"exp"`
	}
	if json.Unmarshal(payload, &claims) == nil {
		exp, err := claims.Exp.Int64()
		if exp > 1e11 {
			exp /= 1000 // written in milliseconds (Date.now() + ttl)
		}
		if err == nil && exp > 0 && exp < now().Unix() {
			return false
		}
	}
	return true
}

// now is the clock expired tokens are judged by; tests may fix it.
var now = time.Now

// entropy is the Shannon entropy of s in bits per character.
func entropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	var h float64
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
func hasUpper(s string) bool { return strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") }
func hasLetter(s string) bool {
	return strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
}

func containsAny(b []byte, words []string) bool {
	for _, w := range words {
		if bytes.Contains(b, []byte(w)) {
			return true
		}
	}
	return false
}

func containsAnyStr(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
