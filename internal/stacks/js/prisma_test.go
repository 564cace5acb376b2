package js

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// describe writes tables one line each: "name: col type[?][=default],
// ... | pk(a) | fk(a->t(b) action) | ix([u ]a,b)"; "?" is nullable.
func describe(ts []facts.Table) string {
	var b strings.Builder
	for _, t := range ts {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = c.Name + " " + c.Type
			if c.Nullable {
				cols[i] += "?"
			}
			if c.Default != "" {
				cols[i] += "=" + c.Default
			}
		}
		fmt.Fprintf(&b, "%s@%d: %s | pk(%s)", t.Name, t.Source.Line, strings.Join(cols, ", "), strings.Join(t.PrimaryKey, ","))
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, " | fk(%s->%s(%s) %s)", strings.Join(fk.Columns, ","), fk.References, strings.Join(fk.RefColumns, ","), fk.OnDelete)
		}
		for _, ix := range t.Indexes {
			u := ""
			if ix.Unique {
				u = "u "
			}
			fmt.Fprintf(&b, " | ix(%s%s)", u, strings.Join(ix.Columns, ","))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestPrismaModels(t *testing.T) {
	cases := []struct{ name, schema, want string }{
		{"postgres: maps, relations, defaults, implicit many-to-many", `datasource db {
  provider = "postgresql" // the provider decides String's type
  url      = env("DATABASE_URL")
}

enum Role {
  USER
  ADMIN
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique @db.VarChar(255)
  role      Role     @default(USER)
  site      String?  @default("https://x.dev") // not a comment: "//" in a string
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(6)
  posts     Post[]
  profile   Profile?

  @@map("users")
}

model Post {
  id       Int     @id @default(autoincrement())
  title    String
  price    Float
  tags     String[]
  authorId Int?    @map("author_id")
  author   User?   @relation(fields: [authorId], references: [id])
  labels   Label[]

  @@index([authorId])
  @@unique([title, authorId], name: "title_per_author")
}

model Profile {
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id], onDelete: Cascade)
  bio    Json

  @@id([userId])
}

model Label {
  id    String @id @default(uuid()) @db.Uuid
  posts Post[]
}
`, `users@11: id serial=autoincrement(), email varchar(255), role enum=USER, site text?="https://x.dev", created_at timestamptz=now() | pk(id) | ix(u email)
Post@23: id serial=autoincrement(), title text, price double, tags array, author_id integer? | pk(id) | fk(author_id->users(id) set null) | ix(author_id) | ix(u title,author_id)
Profile@36: userId integer, bio jsonb | pk(userId) | fk(userId->users(id) cascade) | ix(u userId)
Label@44: id uuid=uuid() | pk(id)
_LabelToPost@30: A uuid, B integer | pk() | fk(A->Label(id) cascade) | fk(B->Post(id) cascade) | ix(u A,B) | ix(B)
`},
		{"mysql: a named self many-to-many and a required relation's default", `datasource db {
	provider = "mysql"
}
model Account {
	id        BigInt    @id @default(autoincrement())
	name      String
	followers Account[] @relation("follows")
	following Account[] @relation("follows")
	orgId     BigInt
	org       Org       @relation(fields: [orgId], references: [id])
}
model Org {
	id       BigInt    @id @default(autoincrement())
	accounts Account[]
}
`, `Account@4: id bigint=autoincrement(), name varchar(191), orgId bigint | pk(id) | fk(orgId->Org(id) restrict)
Org@12: id bigint=autoincrement() | pk(id)
_follows@7: A bigint, B bigint | pk() | fk(A->Account(id) cascade) | fk(B->Account(id) cascade) | ix(u A,B) | ix(B)
`},
		{"no models", "generator client {\n  provider = \"prisma-client-js\"\n}\n// model Ghost {\n", ""},
		{"half-written", "model Broken {\n  id Int @id @default(autoincrement(\n  name\n  @@map(\n", "Broken@1: id integer=autoincrement( | pk(id)\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !prismaSchemaReader.Path.MatchString("prisma/schema.prisma") {
				t.Fatal("schema.prisma not matched")
			}
			res := prismaSchemaReader.Read(scan.File{Path: "prisma/schema.prisma", Data: []byte(tc.schema)})
			if got := describe(res.Models); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestPrismaMigrationReader(t *testing.T) {
	p := "prisma/migrations/20240101000000_init/migration.sql"
	if !prismaMigrationReader.Path.MatchString(p) || prismaMigrationReader.Path.MatchString("prisma/migrations/migration_lock.toml") {
		t.Fatal("path pattern")
	}
	res := prismaMigrationReader.Read(scan.File{Path: p, Data: []byte("-- CreateTable\nCREATE TABLE \"User\" (\"id\" SERIAL NOT NULL, CONSTRAINT \"User_pkey\" PRIMARY KEY (\"id\"));\n-- DropTable\nDROP TABLE \"Old\";\n")})
	if len(res.Migrations) != 1 {
		t.Fatalf("%+v", res)
	}
	m := res.Migrations[0]
	if len(m.Ops) != 2 || m.Reversible != "" || len(m.Destructive) != 1 || m.Destructive[0].Line != 4 {
		t.Errorf("migration %+v: want 2 steps, no way back to judge, DROP TABLE destructive at line 4", m)
	}
}

func FuzzPrismaModels(f *testing.F) {
	for _, s := range []string{
		"model A {\n id Int @id\n b B[]\n}\nmodel B {\n id Int @id\n a A[]\n}\n",
		"model A {\n x Int @relation(fields: [", "model A {\n @@index([a(", "model A {\n x Unsupported(\"", "\"//", "model {\n",
		"model A {\n s String @default(\"\\\"\")\n}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, tb := range PrismaModels("schema.prisma", data) {
			if tb.Source.Line < 1 {
				t.Fatalf("table %s without a line", tb.Name)
			}
		}
	})
}
