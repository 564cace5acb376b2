package secret

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// The shapes of committed credentials read on real portfolio repositories
// (issue 16), each beside the placeholder or local default of the same
// shape that must stay unreported. Values are assembled from pieces so
// this file holds none a scanner would report.
func TestCommittedCredentialShapes(t *testing.T) {
	typed := "asfdlaj" + "sdfaf234"
	tutorialKey := "09d25e094faa6ca2556c8181" + "66b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
	cases := []struct {
		name, path, content string
		rule, value         string // rule "" when nothing must be reported
		line                int
	}{
		// A compiled config keeps the key the source's .gitignore hid.
		{"compiled nest config", "dist/config.js", "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.SECRET = '" + typed + "';\n", "generic-secret-assignment", typed, 3},
		{"typed key in a TS config", "src/config.ts", "export const JWT_SECRET = '" + typed + "';\n", "generic-secret-assignment", typed, 1},
		{"sample phrase as the key", "dist/config.js", "exports.SECRET = 'mysecret123';\nexports.SECRET2 = 'keyboard cat';\nexports.SECRET3 = 'secret-key';\n", "", "", 0},
		{"a key name that is no secret", "src/app.js", "const secretHeader = 'X123abcdefg';\nconst tokenKey = 'authToken1';\n", "", "", 0},

		{"nested env database password", "prisma/.env", "# prisma\nDATABASE_URL=\"mysql://shop:Kx7pq2Lm@localhost:3306/shop\"\n", "database-url-password", "Kx7pq2Lm", 2},
		{"private network default", "invoke.yaml", "    DB_CONNECTION: \"postgresql://postgres:postgres@172.16.2.234:5432/rwdb\"\n", "", "", 0},
		{"remote host with a default-looking password", "config/config.yaml", "url: postgres://shop:postgres@db.shop-prod.aws.com:5432/shop\n", "database-url-password", "", 1},
		{"nested env local default", "prisma/.env", "DATABASE_URL=\"mysql://root:admin@localhost:3306/nestjsrealworld\"\nDATABASE_URL=postgres://postgres:postgres@db:5432/app\n", "", "", 0},

		{"ini jwt secret", "config.ini", "[server]\nport = 8080\n\n[jwt]\nJwtSecret = hR7tq2Vp9xLw\n", "generic-secret-assignment", "hR7tq2Vp9xLw", 5},
		{"ini mysql password", "app.ini", "[mysql]\nhost = 127.0.0.1\nuser = shop\npassword = Mysql2024pw\ndatabase = shop\n", "hardcoded-db-password", "Mysql2024pw", 4},
		{"ini placeholders", "config.ini", "[mysql]\nhost = localhost\nuser = root\npassword = root\n[jwt]\nJwtSecret = changeme\n[other]\nhost = x\nuser = app\npassword = yourpassword\n", "", "", 0},
		{"yaml password beside a remote host", "config/config.yaml", "database:\n  user: shop\n  password: Test123%\n  hostname: shop.database.windows.net\n  port: 1433\n", "hardcoded-db-password", "Test123%", 3},
		{"yaml password beside a local host", "config/database.yml", "development:\n  adapter: postgresql\n  host: localhost\n  username: shop\n  password: shopdev2024\n", "", "", 0},
		{"alembic sample url", "alembic.ini", "[alembic]\nsqlalchemy.url = driver://user:pass@localhost/dbname\n", "", "", 0},

		{"python database url", "app/database.py", "from sqlalchemy import create_engine\nSQLALCHEMY_DATABASE_URL = \"postgresql://user:s3cretPw@host/db\"\n", "database-url-password", "s3cretPw", 2},
		{"python short local password the app uses", "app/main.py", "conn = psycopg.connect(host='localhost', dbname='fastapi', user='postgres', password='04" + "04')\n", "hardcoded-db-password", "0404", 1},
		{"python three-letter password is a placeholder", "app/main.py", "conn = psycopg.connect(host='localhost', user='app', password='pwd')\nURL = 'postgresql://app:pwd@localhost/app'\n", "", "", 0},
		{"python database url from env with a local fallback", "app/database.py", "SQLALCHEMY_DATABASE_URL = os.getenv(\"DATABASE_URL\", \"postgresql://app:devpass1@localhost/app\")\n", "", "", 0},
		{"django config default and a commented url", "saleor/settings.py", "    REPLICA: dj_database_url.config(\n        env=REPLICA_ENV,\n        default=\"postgres://shop:shop@localhost:5432/shop\",\n        # default=\"postgres://shop_read_only:shop@localhost:5432/shop\",\n        # URL = \"postgres://app:Xq7pLm2w@localhost:5432/app\"\n    ),\n", "", "", 0},
		{"python database url placeholder", "app/database.py", "SQLALCHEMY_DATABASE_URL = \"postgresql://user:password@postgresserver/db\"\nURL = \"postgresql://postgres:postgres@localhost/db\"\n", "", "", 0},
		{"python tutorial jwt key", "app/jwt.py", "SECRET_KEY = \"" + tutorialKey + "\"\nALGORITHM = \"HS256\"\n", "generic-secret-assignment", tutorialKey, 1},

		{"bezkoder db config", "app/config/db.config.js", "module.exports = {\n  HOST: \"localhost\",\n  USER: \"root\",\n  PASSWORD: \"123456\",\n  DB: \"testdb\",\n  dialect: \"mysql\"\n};\n", "hardcoded-db-password", "123456", 4},
		{"db config with env fallbacks", "app/config/db.config.js", "module.exports = {\n  HOST: process.env.DB_HOST || \"localhost\",\n  USER: process.env.DB_USER || \"root\",\n  PASSWORD: process.env.DB_PASSWORD || \"123456\",\n  DB: \"testdb\"\n};\n", "", "", 0},
		{"db config defaults", "src/db.js", "const pool = mysql.createPool({\n  host: 'localhost',\n  user: 'root',\n  password: 'root',\n});\nconst b = { host: 'localhost', user: 'app', password: '' };\nconst c = { host: 'localhost', user: 'admin', password: 'admin' };\n", "", "", 0},
		{"python connect kwargs", "db.py", "conn = mysql.connector.connect(host=\"localhost\", user=\"shop\", password=\"Sh0pKeeper\", database=\"shop\")\n", "hardcoded-db-password", "Sh0pKeeper", 1},
		{"seeded user password is no db config", "src/seed.js", "const users = [\n  { email: 'ada@shop.io', password: 'Adm1nPass' },\n];\n", "", "", 0},
		{"db config in a test", "tests/db.config.js", "module.exports = {\n  HOST: \"localhost\",\n  USER: \"root\",\n  PASSWORD: \"123456\",\n};\n", "", "", 0},

		{"go key=value dsn", "main.go", "\tdsn := \"host=localhost user=postgres password=LuckyCode dbname=data sslmode=disable\"\n", "database-dsn-password", "LuckyCode", 1},
		{"go mysql dsn", "db/db.go", "\tdsn := \"shop:Qw7pLx91@tcp(127.0.0.1:3306)/shop?parseTime=true\"\n", "database-dsn-password", "Qw7pLx91", 1},
		{"go dsn defaults and formats", "db/db.go", "a := \"host=localhost user=postgres password=postgres dbname=x\"\nb := fmt.Sprintf(\"host=%s user=%s password=%s dbname=%s\", h, u, p, d)\nc := \"root:@tcp(127.0.0.1:3306)/x\"\nd := \"root:root@tcp(localhost:3306)/x\"\n", "", "", 0},
		{"compose dsn is a local default", "docker-compose.yml", "    environment:\n      DSN: \"host=db user=app password=apppass1 dbname=app\"\n", "", "", 0},
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
			if s := got[0]; s.Rule != tc.rule || s.Line != tc.line {
				t.Errorf("got %s at line %d, want %s at line %d", s.Rule, s.Line, tc.rule, tc.line)
			}
			assertRedacted(t, got[0], tc.value)
		})
	}
}
