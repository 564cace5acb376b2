package e2e

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/rules"
)

// nestFiles is a NestJS RealWorld clone as real ones are committed: the
// config module ignored, its example committed, and the compiled dist/
// committed anyway (git add -f), carrying the key; prisma/.env beside.
func nestFiles(compiledKey, prismaURL string) map[string]string {
	return map[string]string{
		".gitignore":                   "node_modules\nsrc/config.ts\ndist/*\n",
		"package.json":                 `{"name": "nest-realworld", "dependencies": {"@nestjs/core": "^9.0.0", "@nestjs/common": "^9.0.0", "jsonwebtoken": "^9.0.0"}}` + "\n",
		"src/config.ts.example":        "export const SECRET = 'secret-key';\n",
		"src/main.ts":                  "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nbootstrap();\n",
		"src/user/auth.middleware.ts":  "import * as jwt from 'jsonwebtoken';\nimport { SECRET } from '../config';\n\nexport class AuthMiddleware {\n  use(req, res, next) {\n    const decoded: any = jwt.verify(req.headers.authorization, SECRET);\n    next();\n  }\n}\n",
		"dist/config.js":               "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.SECRET = " + compiledKey + ";\n",
		"dist/user/auth.middleware.js": "\"use strict\";\nconst jwt = require(\"jsonwebtoken\");\nconst config_1 = require(\"../config\");\nclass AuthMiddleware {\n  use(req, res, next) { jwt.verify(req.headers.authorization, config_1.SECRET); next(); }\n}\nexports.AuthMiddleware = AuthMiddleware;\n",
		"prisma/.env":                  "DATABASE_URL=\"" + prismaURL + "\"\n",
	}
}

func secretsAt(sc *rules.Scorecard) []string {
	var out []string
	for _, s := range sc.Facts.Secrets {
		out = append(out, s.Path+":"+s.Rule)
	}
	return out
}

// A key compiled into a committed dist/ and a database password in a
// nested .env are committed credentials; the build folder is read for
// nothing else.
func TestCommittedBuildOutputAndNestedEnvSecrets(t *testing.T) {
	typed := "'asfdlaj" + "sdfaf234'"
	pw := "Kx7pq2" + "Lm2024"
	dir := fixture.Repo(t, "", []fixture.Commit{{Message: "Add the RealWorld API", Files: nestFiles(typed, "mysql://conduit:"+pw+"@localhost:3306/conduit")}})
	sc := auditFolder(t, dir)
	sec := checkResult(t, sc, "security.no-secrets")
	if sec.Passed {
		t.Fatalf("security.no-secrets passed with a key in dist/ and a password in prisma/.env: %s", sec.Message)
	}
	got := strings.Join(secretsAt(sc), " ")
	for _, want := range []string{"dist/config.js:generic-secret-assignment", "prisma/.env:database-url-password"} {
		if !strings.Contains(got, want) {
			t.Errorf("secrets %s, want %s", got, want)
		}
	}
	for _, s := range sc.Facts.Secrets {
		if strings.Contains(s.Redacted, "sdfaf234") || strings.Contains(s.Redacted, pw[2:]) {
			t.Errorf("a secret is shown unmasked: %+v", s)
		}
	}
	if sc.Facts.Files != 6 {
		t.Errorf("files = %d, want the 6 outside dist/", sc.Facts.Files)
	}
	// Compiled code is judged by no other check.
	for _, cr := range sc.Criteria {
		for _, k := range cr.Checks {
			if k.ID == "security.no-secrets" || k.ID == "auth.no-hardcoded-key" {
				continue
			}
			for _, e := range k.Evidence {
				if strings.HasPrefix(e.Path, "dist/") {
					t.Errorf("%s cites build output %s", k.ID, e.Path)
				}
			}
		}
	}
	if sc.Facts.Auth.ProtectedRoutes != 0 {
		t.Errorf("protected routes = %d: the compiled middleware was read as code", sc.Facts.Auth.ProtectedRoutes)
	}
}

// The same project with the key read from the environment in dist/ and a
// local default in prisma/.env commits no credential: the .env is still
// a committed .env.
func TestBuildOutputAndNestedEnvWithoutSecrets(t *testing.T) {
	dir := fixture.Repo(t, "", []fixture.Commit{{Message: "Add the RealWorld API", Files: nestFiles("process.env.SECRET", "mysql://root:admin@localhost:3306/conduit")}})
	sc := auditFolder(t, dir)
	if sec := checkResult(t, sc, "security.no-secrets"); !sec.Passed {
		t.Errorf("security.no-secrets failed: %s (%v)", sec.Message, secretsAt(sc))
	}
	if env := checkResult(t, sc, "security.env-not-committed"); env.Passed || !strings.Contains(env.Message, "prisma/.env") {
		t.Errorf("security.env-not-committed = %v %q, want prisma/.env", env.Passed, env.Message)
	}
}

// bezkoder's db.config.js and a GORM DSN with the password written in:
// the application connects with them, so they are committed credentials;
// the same files reading the environment (a local fallback) are not.
func TestHardcodedDatabasePasswords(t *testing.T) {
	pw := "Lucky" + "Code"
	leaky := map[string]string{
		"package.json":            `{"name": "tutorials", "dependencies": {"express": "^4.18.2", "sequelize": "^6.32.0", "mysql2": "^3.5.0"}}` + "\n",
		"app/config/db.config.js": "module.exports = {\n  HOST: \"localhost\",\n  USER: \"root\",\n  PASSWORD: \"12" + "3456\",\n  DB: \"testdb\",\n  dialect: \"mysql\"\n};\n",
		"app/models/index.js":     "const dbConfig = require(\"../config/db.config.js\");\nconst Sequelize = require(\"sequelize\");\nconst sequelize = new Sequelize(dbConfig.DB, dbConfig.USER, dbConfig.PASSWORD, { host: dbConfig.HOST, dialect: dbConfig.dialect });\nmodule.exports = { sequelize };\n",
		"go/main.go":              "package main\n\nfunc open() {\n\tdsn := \"host=localhost user=postgres password=" + pw + " dbname=data sslmode=disable\"\n\t_ = dsn\n}\n",
	}
	sc := auditFolder(t, fixture.Repo(t, "", []fixture.Commit{{Message: "Add the tutorial API", Files: leaky}}))
	got := strings.Join(secretsAt(sc), " ")
	for _, want := range []string{"app/config/db.config.js:hardcoded-db-password", "go/main.go:database-dsn-password"} {
		if !strings.Contains(got, want) {
			t.Errorf("secrets %s, want %s", got, want)
		}
	}
	if sec := checkResult(t, sc, "security.no-secrets"); sec.Passed || strings.Contains(sec.Message, pw) {
		t.Errorf("security.no-secrets = %v %q", sec.Passed, sec.Message)
	}

	safe := map[string]string{
		"package.json":            leaky["package.json"],
		"app/config/db.config.js": "module.exports = {\n  HOST: process.env.DB_HOST || \"localhost\",\n  USER: process.env.DB_USER || \"root\",\n  PASSWORD: process.env.DB_PASSWORD || \"12" + "3456\",\n  DB: \"testdb\",\n  dialect: \"mysql\"\n};\n",
		"app/models/index.js":     leaky["app/models/index.js"],
		"go/main.go":              "package main\n\nimport \"os\"\n\nfunc open() {\n\tdsn := os.Getenv(\"DATABASE_DSN\")\n\tlocal := \"host=localhost user=postgres password=postgres dbname=data\"\n\t_, _ = dsn, local\n}\n",
	}
	sc = auditFolder(t, fixture.Repo(t, "", []fixture.Commit{{Message: "Add the tutorial API", Files: safe}}))
	if sec := checkResult(t, sc, "security.no-secrets"); !sec.Passed {
		t.Errorf("security.no-secrets failed: %s (%v)", sec.Message, secretsAt(sc))
	}
}
