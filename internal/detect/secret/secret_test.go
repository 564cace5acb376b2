package secret

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Fake credentials are assembled from pieces so that this file itself
// holds no contiguous token a scanner (vetfolio included) would report.
var (
	awsID       = "AK" + "IA" + "UJZDEGXDNCF32EPF"
	awsSecret   = "2hpChYgCfrL1spNx" + "nyVmihA+2O76UMFxFkM+R5Kj"
	ghToken     = "gh" + "p_" + "hGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rES"
	ghPAT       = "github" + "_pat_" + "QedUStPKR0CsTy4Qwb8DwkNhFdnXsiVpzz63FfkCzJr4i0B3JrTAwR4y9oj"
	glToken     = "gl" + "pat-" + "fljoQoaF1LlqsajAIxNK"
	slackTok    = "xo" + "xb-" + "528907866661-" + "EOzdmenCkhvMdgaKjIg8xNbe"
	slackHook   = "https://hooks." + "slack.com/services/" + "TNYJQWX4HH5/B344TFJGVQ4/1SkHbn88HxjSI6bWHtP3fS2q"
	stripeLive  = "sk" + "_live_" + "Hx6kwXoIIXGvOoNZYW2mZp0z"
	stripeTest  = "sk" + "_test_" + "Hx6kwXoIIXGvOoNZYW2mZp0z"
	googleKey   = "AI" + "za" + "Dz-TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3Ql"
	openaiProj  = "sk-" + "proj-" + "r3yBdGBLEPH1qhT61qtc4xatws8phP9nhFyJfm5di4PzJ59FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1zTOlU"
	openaiOld   = "sk-" + "ZqfM2oeq3hDavJA76rNicHTp8hkqdlm7tOtHWnsCGRlrwZbq"
	sendgrid    = "SG" + ".cabUGJmGEp7CgQ0PBQFI14." + "zGtSnovm14TUOizwd1iaeOV4qBkdfQ1y3GQsMpSscDl"
	twilioKey   = "S" + "K58e08baa7196b50ac2f86702824c1c09"
	twilioTok   = "58e08baa7196b50a" + "c2f86702824c1c09"
	djangoValue = "t^of@7)j*_#y)u=5js=%&jc_6" + "^1=-6i7)6!b(@_(-&ofbci^xg"
	hex64       = "ce107f80e222f828767efc2f91624a89" + "40f1f836f99eee3692f09e2e8c662248"
	genValue    = "8xiM0OGr4hTxoF54" + "Fzbka8FRCztUjAwy"
	pemBody     = "OpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK+gqv81RKMGHZEM9YpvujA/\n" +
		"C5Q52ryFlwRlOEVHzc0X0AWIRh/JUqBlIFXZ53Ncqe28+ajY75FnCttn6kfaqDeM\n" +
		"qG3omjMyXHCabM6JOF8EFd0Nhcy/1kGD2VD/eR1UYzaLiA/zNyD7CHLn/xC+1hsY\n"
	pemBegin = "-----BEGIN RSA " + "PRIVATE KEY-----"
	pemEnd   = "-----END RSA " + "PRIVATE KEY-----"
)

func jwtOf(payload string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(payload)) + "." + "Q2xIb1pLQmZ6bGNtUnp3WW9yTEd5eUZk"
}

func run(files ...scan.File) []facts.Secret {
	d := New()
	for _, f := range files {
		if d.Wants(scan.Classify(f.Path)) {
			d.Scan(f)
		} else {
			d.Scan(scan.File{Path: f.Path})
		}
	}
	inv := &facts.Facts{Secrets: []facts.Secret{}}
	d.Finish(inv)
	return inv.Secrets
}

func TestRules(t *testing.T) {
	cases := []struct {
		name, path, content string
		rule                string // "" when nothing must be reported
		value               string // the secret, which Redacted must not reveal
		line                int
	}{
		{"aws id", "config/aws.py", "import boto3\nclient = boto3.client('s3', aws_access_key_id='" + awsID + "')\n", "aws-access-key-id", awsID, 2},
		{"aws id docs example", "README.py", "key = 'AKIA" + "IOSFODNN7EXAMPLE'\n", "", "", 0},
		{"aws secret", ".env", "AWS_ACCESS_KEY_ID=\nAWS_SECRET_ACCESS_KEY=" + awsSecret + "\n", "aws-secret-access-key", awsSecret, 2},
		{"aws secret placeholder", ".env.production", "AWS_SECRET_ACCESS_KEY=your-aws-secret-access-key-goes-here-xx\n", "", "", 0},
		{"github token", "scripts/deploy.sh", "export GITHUB_TOKEN=" + ghToken + "\n", "github-token", ghToken, 1},
		{"github pat", "src/client.ts", "const token = \"" + ghPAT + "\";\n", "github-token", ghPAT, 1},
		{"github token placeholder", "scripts/deploy.sh", "export GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", "", "", 0},
		{"gitlab token", ".gitlab/config.yml", "token: " + glToken + "\n", "gitlab-token", glToken, 1},
		{"gitlab placeholder", ".gitlab/config.yml", "token: glpat-<your-token-here>\n", "", "", 0},
		{"slack token", "app/notify.py", "SLACK_BOT = '" + slackTok + "'\n", "slack-token", slackTok, 1},
		{"slack token placeholder", "app/notify.py", "SLACK_BOT = 'xoxb-xxxxxxxxxx-xxxxxxxxxxxx'\n", "", "", 0},
		{"slack webhook", "src/alerts.js", "const url = '" + slackHook + "';\n", "slack-webhook", slackHook, 1},
		{"slack webhook placeholder", "src/alerts.js", "const url = 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX';\n", "", "", 0},
		{"stripe live", "payments/stripe.go", "var key = \"" + stripeLive + "\"\n", "stripe-key", stripeLive, 1},
		{"stripe test key is not reported", "payments/stripe.go", "var key = \"" + stripeTest + "\"\n", "", "", 0},
		{"google api key", "web/firebase.js", "export const config = { apiKey: \"" + googleKey + "\" };\n", "google-api-key", googleKey, 1},
		{"google placeholder", "web/firebase.js", "export const config = { apiKey: \"AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\" };\n", "", "", 0},
		{"openai project key", "app/llm.py", "client = OpenAI(api_key=\"" + openaiProj + "\")\n", "openai-key", openaiProj, 1},
		{"openai legacy key", "app/llm.py", "openai.api_key = \"" + openaiOld + "\"\n", "openai-key", openaiOld, 1},
		{"openai kebab words are not a key", "styles/app.ts", "const cls = 'sk-" + "button-primary-large-rounded-shadow-hover-transition';\n", "", "", 0},
		{"sendgrid", "src/mail.js", "sgMail.setApiKey('" + sendgrid + "');\n", "sendgrid-key", sendgrid, 1},
		{"sendgrid placeholder", "src/mail.js", "sgMail.setApiKey('SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');\n", "", "", 0},
		{"twilio api key", "notify/sms.rb", "client = Twilio::REST::Client.new('" + twilioKey + "', secret)\n", "twilio-api-key", twilioKey, 1},
		{"twilio auth token", ".env", "TWILIO_AUTH_TOKEN=" + twilioTok + "\n", "twilio-auth-token", twilioTok, 1},
		{"twilio placeholder", ".env", "TWILIO_AUTH_TOKEN=your_auth_token\n", "", "", 0},
		{"jwt in a test is a fixture", "src/test/java/io/a/JwtServiceTest.java", "String token = \"" + jwtOf(`{"sub":"42"}`) + "\";\n", "", "", 0},
		{"test fixture password", "tests/test_auth.py", "PASSWORD = 'Xk29pLmQ7rTz44'\n", "", "", 0},
		{"provider key in a test still counts", "tests/test_s3.py", "KEY = '" + awsID + "'\n", "aws-access-key-id", awsID, 1},
		{"django test settings phrase", "tests/settings.py", "SECRET_KEY = \"not-so-secret-in-tests\"\n", "", "", 0},
		{"spring weak phrase", "src/main/resources/application.properties", "jwt.secret=mySuperSecretJwtKey\n", "", "", 0},
		{"jwt literal", "app/fixtures.py", "TOKEN = '" + jwtOf(`{"sub":"42","name":"Ada","exp":4102444800}`) + "'\n", "jwt-token", jwtOf(`{"sub":"42","name":"Ada","exp":4102444800}`), 1},
		{"jwt without exp", "src/config/client.js", "const token = '" + jwtOf(`{"sub":"svc-billing","iat":1589298484}`) + "'\n", "jwt-token", jwtOf(`{"sub":"svc-billing","iat":1589298484}`), 1},
		{"expired jwt in an OpenAPI example", "src/docs/components.yml", "      example:\n        token: " + jwtOf(`{"sub":"5ebac534954b54139806c112","iat":1589298484,"exp":1589300284}`) + "\n        expires: 2020-05-12T16:18:04.793Z\n", "", "", 0},
		{"expired jwt in a swagger-jsdoc comment", "src/routes/v1/auth.route.js", " *             example:\n *               refreshToken: " + jwtOf(`{"sub":"5ebac534954b54139806c112","iat":1589298484,"exp":1589300284}`) + "\n", "", "", 0},
		{"jwt.io sample", "docs/auth.md.js", "// " + "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c\n", "", "", 0},
		{"private key file", "certs/server.key", pemBegin + "\n" + pemBody + pemEnd + "\n", "private-key", pemBody[:40], 1},
		{"private key in testdata is a fixture", "testdata/certificate/key.pem", pemBegin + "\n" + pemBody + pemEnd + "\n", "", "", 0},
		{"private key in docs is not a key", "docs/setup.sh", "echo '" + pemBegin + "\n...\n" + pemEnd + "'\n", "", "", 0},
		{"gcp service account", "deploy/sa.json", "{\n  \"type\": \"service_account\",\n  \"project_id\": \"demo-1\",\n  \"private_key\": \"" + pemBegin + "\\n" + strings.ReplaceAll(pemBody, "\n", "\\n") + pemEnd + "\\n\"\n}\n", "gcp-service-account", pemBody[:40], 4},
		{"postgres url", "app/config.py", "DATABASE_URL = 'postgresql://app:Vq8rT2mZx91LkP@db.prod-cluster.aws.com:5432/app'\n", "database-url-password", "Vq8rT2mZx91LkP", 1},
		{"mongodb srv url", "src/db.js", "mongoose.connect('mongodb+srv://admin:Hk29xLq77pW3@cluster0.abcde.mongodb.net/shop');\n", "database-url-password", "Hk29xLq77pW3", 1},
		{"compose local default", "docker-compose.yml", "services:\n  api:\n    environment:\n      DATABASE_URL: postgres://postgres:postgres@db:5432/app\n", "", "", 0},
		{"localhost default", ".env", "DATABASE_URL=postgresql://user:password@localhost:5432/app\n", "", "", 0},
		{"url from env var", "app/config.py", "DATABASE_URL = f'postgresql://{user}:{password}@{host}/app'\nURL2 = 'mysql://${DB_USER}:${DB_PASS}@prod.example.net/app'\n", "", "", 0},
		{"django literal", "mysite/settings.py", "DEBUG = True\nSECRET_KEY = 'django-insecure-" + djangoValue + "'\n", "django-secret-key", djangoValue, 2},
		{"django from env", "mysite/settings.py", "SECRET_KEY = os.environ['SECRET_KEY']\nSECRET_KEY = config('SECRET_KEY')\nSECRET_KEY = env('DJANGO_SECRET_KEY')\n", "", "", 0},
		{"django env fallback insecure", "config/settings/base.py", "SECRET_KEY = os.environ.get('SECRET_KEY', 'django-insecure-" + djangoValue + "')\n", "django-secret-key", djangoValue, 1},
		{"django placeholder", "config/settings/base.py", "SECRET_KEY = 'changeme'\n", "", "", 0},
		{"spring jwt properties", "src/main/resources/application.properties", "server.port=8080\napp.jwt.secret=" + hex64 + "\n", "spring-jwt-secret", hex64, 2},
		{"spring jwt yaml", "src/main/resources/application.yml", "security:\n  jwt:\n    secret-key: " + hex64 + "\n    expiration: 86400000\n", "spring-jwt-secret", hex64, 3},
		{"spring jwt env", "src/main/resources/application.yml", "jwt:\n  secret: ${JWT_SECRET}\n  expiration: 3600\n", "", "", 0},
		{"spring jwt env default", "src/main/resources/application-dev.properties", "jwt.secret=${JWT_SECRET:" + hex64 + "}\n", "spring-jwt-secret", hex64, 1},
		{"rails secret_key_base", "config/secrets.yml", "production:\n  secret_key_base: " + hex64 + "\n", "rails-secret-key-base", hex64, 2},
		{"rails from env", "config/secrets.yml", "production:\n  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n", "", "", 0},
		{"generic env", ".env", "JWT_SECRET=" + genValue + "\n", "generic-secret-assignment", genValue, 1},
		{"generic python config", "app/core/config.py", "class Settings(BaseSettings):\n    SECRET_KEY: str = \"" + hex64 + "\"\n", "generic-secret-assignment", hex64, 2},
		{"generic go byte slice", "internal/auth/jwt.go", "var jwtKey = []byte(\"" + genValue + "\")\n", "generic-secret-assignment", genValue, 1},
		{"generic js fallback", "src/config.js", "const JWT_SECRET = process.env.JWT_SECRET || '" + genValue + "';\n", "generic-secret-assignment", genValue, 1},
		{"generic placeholders", ".env", "JWT_SECRET=changeme\nAPI_KEY=your-api-key\nPASSWORD=${DB_PASSWORD}\nSECRET_KEY=secret\nTOKEN_EXPIRE_MINUTES=30\n", "", "", 0},
		{"generic weak human value", "config/app.yml", "jwt_secret: mysupersecretjwtkey123\n", "", "", 0},
		{"env file password", ".env", "DB_HOST=notes-db.c9akciq32.eu-west-1.rds.amazonaws.com\nDB_USER=notes\nDB_PASSWORD=Tr0ub4dor-Pg-2024\n", "env-file-secret", "Tr0ub4dor-Pg-2024", 3},
		{"env file human secret", "api/.env.production", "export JWT_SECRET=\"mysupersecretjwtkey123\"\n", "env-file-secret", "mysupersecretjwtkey123", 1},
		{"env file api key", "deploy/prod.env", "MAILGUN_API_KEY=hunter2hunter2 # live\n", "env-file-secret", "hunter2hunter2", 1},
		{"env file placeholders and defaults", ".env", "DB_PASSWORD=changeme\nPOSTGRES_PASSWORD=postgres\nAPI_TOKEN=${API_TOKEN}\nSECRET=short\nJWT_SECRET=<your-jwt-secret>\nPASSWORD_RESET_URL=https://app.io/reset\nTOKEN_TTL_SECONDS=86400000\nDB_PASSWORD=TODO\n", "", "", 0},
		{"env file values that name the key", ".env.db.local", "POSTGRES_USER=db_user\nPOSTGRES_PASSWORD=db_password\nAPP_SECRET=app-secret-key\n", "", "", 0},
		{"env file value with a name and digits", ".env", "POSTGRES_PASSWORD=db_password_2024\n", "env-file-secret", "db_password_2024", 1},
		{"env file of the test suite", ".env.test", "DB_PASSWORD=Tr0ub4dor-Pg-2024\n", "", "", 0},
		{"env example file", ".env.example", "DB_PASSWORD=Tr0ub4dor-Pg-2024\n", "", "", 0},
		{"same password in source is not an env rule", "app/config.py", "DB_PASSWORD = 'Tr0ub4dor-Pg-2024'\n", "", "", 0},
		{"todo app database url", ".env", "DATABASE_URL=postgresql://todo_user:Tr0ub4dor-Pg-2024@todo-db.internal:5432/todo\n", "database-url-password", "Tr0ub4dor-Pg-2024", 1},
		{"todo placeholder password", ".env", "DATABASE_URL=postgresql://app:TODO@db.prod-cluster.aws.com:5432/app\n", "", "", 0},
		{"documentation host", "docs/deploy.py", "URL = 'postgresql://app:Vq8rT2mZx91LkP@db.example.com:5432/app'\n", "", "", 0},
		{"generic env read", "src/config.js", "const JWT_SECRET = process.env.JWT_SECRET;\nconst secret = process.env.JWT_SECRET || 'dev-secret';\n", "", "", 0},
		{"generic key names that are not secrets", "app/core/config.py", "ACCESS_TOKEN_EXPIRE_MINUTES = 30\nTOKEN_URL = \"https://auth.example.org/oauth/token\"\nPASSWORD_HASH_ALGORITHM = \"argon2id1234567\"\n", "", "", 0},
		{"example file skipped", ".env.example", "JWT_SECRET=" + genValue + "\nGITHUB_TOKEN=" + ghToken + "\n", "", "", 0},
		{"sample file skipped", "config/settings.sample.yml", "jwt:\n  secret: " + hex64 + "\n", "", "", 0},
		{"manifest gets token rules only", "package.json", "{\"name\": \"api\", \"config\": {\"password\": \"" + genValue + "\"}}\n", "", "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := run(scan.File{Path: tc.path, Data: []byte(tc.content)})
			if tc.rule == "" {
				if len(got) != 0 {
					t.Fatalf("want no finding, got %+v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one %s finding, got %+v", tc.rule, got)
			}
			s := got[0]
			if s.Rule != tc.rule || s.Path != tc.path || s.Line != tc.line {
				t.Errorf("got %s at %s:%d, want %s at %s:%d", s.Rule, s.Path, s.Line, tc.rule, tc.path, tc.line)
			}
			assertRedacted(t, s, tc.value)
		})
	}
}

// assertRedacted checks that Redacted reveals at most four characters of
// the secret.
func assertRedacted(t *testing.T, s facts.Secret, value string) {
	t.Helper()
	if s.Redacted == "" || !strings.Contains(s.Redacted, "****") {
		t.Errorf("redacted %q has no mask", s.Redacted)
	}
	if len(value) > 5 && strings.Contains(s.Redacted, value[:5]) {
		t.Errorf("redacted %q reveals more than 4 characters of the secret", s.Redacted)
	}
	if len(value) > 10 && strings.Contains(s.Redacted, value[len(value)-6:]) {
		t.Errorf("redacted %q reveals the end of the secret", s.Redacted)
	}
}

func TestRedactedKeepsKey(t *testing.T) {
	got := run(scan.File{Path: ".env", Data: []byte("GITHUB_TOKEN=" + ghToken + "\n")})
	if len(got) != 1 || got[0].Redacted != "GITHUB_TOKEN = ghp_****" {
		t.Fatalf("got %+v, want GITHUB_TOKEN = ghp_****", got)
	}
}

func TestSortedAcrossFiles(t *testing.T) {
	got := run(
		scan.File{Path: "z/.env", Data: []byte("JWT_SECRET=" + genValue + "\n")},
		scan.File{Path: "a/app.py", Data: []byte("x = 1\nk = '" + awsID + "'\nt = '" + ghToken + "'\n")},
	)
	var where []string
	for _, s := range got {
		where = append(where, fmt.Sprintf("%s:%d", s.Path, s.Line))
	}
	if strings.Join(where, " ") != "a/app.py:2 a/app.py:3 z/.env:1" {
		t.Fatalf("order: %v", where)
	}
}

func TestCapPerFile(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&b, "KEY%d = '%s'\n", i, awsID)
	}
	if got := run(scan.File{Path: "keys.py", Data: []byte(b.String())}); len(got) != maxPerFile {
		t.Fatalf("got %d findings, want the cap %d", len(got), maxPerFile)
	}
}

func TestWants(t *testing.T) {
	for p, want := range map[string]bool{
		".env": true, "backend/.env.production": true, "prod.env": true, "app/settings.py": true,
		"src/main/resources/application.yml": true, "Dockerfile": true, "docker-compose.prod.yml": true,
		"certs/id_rsa": true, "tls/server.pem": true, "main.go": true, "infra/main.tf": true,
		".env.example": false, ".env.sample": false, ".env.dist": false, "config.template.json": false,
		"package-lock.json": false, "go.sum": false, "static/app.min.js": false, "logo.png": false,
		"README.md": false, "types/index.d.ts": false,
	} {
		if got := New().Wants(scan.Classify(p)); got != want {
			t.Errorf("Wants(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestBadInput(t *testing.T) {
	huge := strings.Repeat("A", 1<<20) // one 1 MiB line
	inputs := []scan.File{
		{Path: "bin.py", Data: []byte{0xff, 0xfe, 0x00, 'S', 'K', 0x80, '\n', 0xc3}},
		{Path: "huge.js", Data: []byte("const k = '" + huge + "';")},
		{Path: "huge2.env", Data: []byte("SECRET=" + huge)},
		{Path: "empty.env", Data: []byte{}},
		{Path: "nil.env"},
		{Path: "keys.pem", Data: []byte(pemBegin)},
		{Path: "a.yml", Data: []byte(":\n  :\n- - :\n\t: x")},
		{Path: "s/settings.py", Data: []byte("SECRET_KEY = \nSECRET_KEY = '\nSECRET_KEY = \"'")},
	}
	for _, f := range inputs {
		_ = run(f) // must not panic
	}
}

func TestPlaceholders(t *testing.T) {
	for _, v := range []string{"changeme", "CHANGE_ME", "your-secret-key", "yoursecret", "secret", "password",
		"example-key-123", "xxxxxxxxxxxx", "<jwt-secret>", "${JWT_SECRET}", "%(SECRET)s", "{{ secret }}",
		"os.environ['X']", "aaaaaaaaaaaa", "dummy", "test", "placeholder", "replace_me", "TODO", "<todo>", "fixme"} {
		if !isPlaceholder(v) {
			t.Errorf("isPlaceholder(%q) = false", v)
		}
	}
	// A marker inside a longer name is the application's name, not a marker.
	for _, v := range []string{genValue, hex64, awsSecret, "todo-db.internal", "todo_user", "Todoist-Pg-2024"} {
		if isPlaceholder(v) {
			t.Errorf("isPlaceholder(%q) = true", v)
		}
	}
}

func TestFixturesInTestFoldersAreNotLeaks(t *testing.T) {
	got := run(
		scan.File{Path: "internal/e2e/testdata/django-weak/mysite/settings.py", Data: []byte("SECRET_KEY = '" + djangoValue + "'\n")},
		scan.File{Path: "tests/conftest.py", Data: []byte("DATABASE_URL = 'postgresql://app:Vq8sT2mLx9Rz@db.prod-cluster.aws.com/app'\n")},
		scan.File{Path: "tests/test_payments.py", Data: []byte("KEY = '" + stripeLive + "'\n")},
	)
	if len(got) != 1 || got[0].Rule != "stripe-key" || got[0].Path != "tests/test_payments.py" {
		t.Fatalf("want only the provider-shaped key in the test reported, got %+v", got)
	}
	got = run(scan.File{Path: "mysite/settings.py", Data: []byte("SECRET_KEY = '" + djangoValue + "'\n")})
	if len(got) != 1 || got[0].Rule != "django-secret-key" {
		t.Fatalf("the same key outside a fixture folder is not reported: %+v", got)
	}
}

// The lower-cased copy of a file is kept for the next one: a short file
// after a long one must be judged on its own text, not on the tail of
// the long one left in the buffer, and a later file must still be read.
func TestLowerCaseBufferDoesNotLeakBetweenFiles(t *testing.T) {
	long := scan.File{Path: "config/settings.py", Data: []byte("# " + strings.Repeat("x", 200) + "\nSTRIPE_KEY = \"" + stripeLive + "\"\n")}
	short := scan.File{Path: "app/util.py", Data: []byte("x = 1\n")}
	again := scan.File{Path: "app/keys.py", Data: []byte("STRIPE = \"" + stripeLive + "\"\n")}
	got := run(long, short, again)
	var where []string
	for _, s := range got {
		where = append(where, fmt.Sprintf("%s:%d", s.Path, s.Line))
	}
	if fmt.Sprint(where) != "[app/keys.py:1 config/settings.py:2]" {
		t.Errorf("findings at %v, want config/settings.py:2 and app/keys.py:1", where)
	}
}
