package schema

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// describe writes tables the way the tests spell them, one line each:
// "name: col type[!][=default], ... | pk(a) | fk(a->t(b) cascade) | ix(u name:a,b)".
// "!" is NOT NULL.
func describe(ts []facts.Table) string {
	var b strings.Builder
	for _, t := range ts {
		fmt.Fprintf(&b, "%s:", t.Name)
		for i, c := range t.Columns {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, " %s %s", c.Name, c.Type)
			if !c.Nullable {
				b.WriteString("!")
			}
			if c.Default != "" {
				fmt.Fprintf(&b, "=%s", c.Default)
			}
		}
		if len(t.PrimaryKey) > 0 {
			fmt.Fprintf(&b, " | pk(%s)", strings.Join(t.PrimaryKey, ","))
		}
		for _, fk := range t.ForeignKeys {
			fmt.Fprintf(&b, " | fk(%s->%s(%s)", strings.Join(fk.Columns, ","), fk.References, strings.Join(fk.RefColumns, ","))
			if fk.OnDelete != "" {
				fmt.Fprintf(&b, " %s", fk.OnDelete)
			}
			b.WriteString(")")
		}
		for _, ix := range t.Indexes {
			b.WriteString(" | ix(")
			if ix.Unique {
				b.WriteString("u ")
			}
			if ix.Name != "" {
				fmt.Fprintf(&b, "%s:", ix.Name)
			}
			fmt.Fprintf(&b, "%s)", strings.Join(ix.Columns, ","))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func parsed(sql string) string {
	return describe(Apply([]Migration{{Ops: ParseSQL("m.sql", []byte(sql))}}))
}

func TestParseSQLDialects(t *testing.T) {
	cases := []struct {
		name, sql, want string
	}{
		{"postgres inline constraints",
			`CREATE TABLE IF NOT EXISTS public.users (
  id BIGSERIAL PRIMARY KEY,
  email VARCHAR(255) NOT NULL UNIQUE,
  bio text,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  score double precision DEFAULT 0.5,
  tags text[],
  org_id bigint REFERENCES orgs ON DELETE SET NULL
);`,
			"users: id bigserial!, email varchar(255)!, bio text, created_at timestamptz!=now(), score double=0.5, tags array, org_id bigint | pk(id) | fk(org_id->orgs() set null) | ix(u email)\n"},
		{"postgres table constraints and quoted names",
			`CREATE TABLE "order_items" (
  "order_id" INTEGER NOT NULL,
  "product_id" INTEGER NOT NULL,
  "price" NUMERIC(10, 2) NOT NULL,
  "meta" JSONB,
  CONSTRAINT "order_items_pkey" PRIMARY KEY ("order_id", "product_id"),
  CONSTRAINT fk_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE NO ACTION,
  FOREIGN KEY (product_id) REFERENCES products (id) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
  CHECK (price > 0),
  UNIQUE (order_id, price)
);`,
			"order_items: order_id integer!, product_id integer!, price numeric(10,2)!, meta jsonb | pk(order_id,product_id) | fk(order_id->orders(id) cascade) | fk(product_id->products(id) restrict) | ix(u order_id,price)\n"},
		{"mysql backticks, auto_increment, keys, enum, tinyint(1), comments",
			"# a dump\nCREATE TABLE `posts` (\n" +
				"  `id` int(11) unsigned NOT NULL AUTO_INCREMENT,\n" +
				"  `user_id` int(11) NOT NULL,\n" +
				"  `status` enum('draft','live') NOT NULL DEFAULT 'draft',\n" +
				"  `published` tinyint(1) DEFAULT '0',\n" +
				"  `body` longtext COLLATE utf8mb4_unicode_ci,\n" +
				"  `updated_at` datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" +
				"  PRIMARY KEY (`id`),\n" +
				"  UNIQUE KEY `posts_slug` (`user_id`,`status`),\n" +
				"  KEY `posts_user_id_foreign` (`user_id`),\n" +
				"  CONSTRAINT `posts_user_id_foreign` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE\n" +
				") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4; -- trailing\n/* block ; comment */",
			"posts: id integer!, user_id integer!, status enum!='draft', published boolean='0', body text, updated_at timestamp=CURRENT_TIMESTAMP | pk(id) | fk(user_id->users(id) cascade) | ix(u posts_slug:user_id,status) | ix(posts_user_id_foreign:user_id)\n"},
		{"sqlite autoincrement and typeless column",
			`CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, owner REFERENCES users(id), extra) WITHOUT ROWID;`,
			"notes: id integer!, title text!, owner , extra  | pk(id) | fk(owner->users(id))\n"},
		{"h2 and sql server",
			"CREATE CACHED TABLE [dbo].[Accounts] (\n [Id] INT IDENTITY(1,1) NOT NULL,\n [Name] NVARCHAR(100) NULL,\n [Balance] MONEY,\n [Key] UNIQUEIDENTIFIER,\n [Notes] NVARCHAR(MAX),\n CONSTRAINT [PK_Accounts] PRIMARY KEY CLUSTERED ([Id] ASC)\n)\nGO\nCREATE NONCLUSTERED INDEX [IX_Accounts_Name] ON [dbo].[Accounts] ([Name])\nGO\n",
			"Accounts: Id integer!, Name varchar(100), Balance money, Key uuid, Notes text | pk(Id) | ix(IX_Accounts_Name:Name)\n"},
		{"identity, generated and postgres enum type",
			`CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE people (
  id bigint GENERATED ALWAYS AS IDENTITY,
  m mood,
  full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED,
  price real, amount float(53), cost decimal, body bytea, data blob, u uuid,
  PRIMARY KEY (id)
);`,
			"people: id bigint!, m enum, full_name text, price real, amount double, cost decimal, body bytea, data blob, u uuid | pk(id)\n"},
		{"alter table in postgres",
			`CREATE TABLE a (id serial primary key, name text, old text, n int);
ALTER TABLE a ADD COLUMN IF NOT EXISTS email varchar(100) NOT NULL DEFAULT '';
ALTER TABLE a ADD COLUMN b_id integer REFERENCES b(id) ON DELETE CASCADE;
ALTER TABLE ONLY a ALTER COLUMN name SET NOT NULL, ALTER COLUMN n TYPE bigint USING n::bigint;
ALTER TABLE a ALTER COLUMN email DROP NOT NULL;
ALTER TABLE a ALTER COLUMN n SET DEFAULT 0;
ALTER TABLE a DROP COLUMN old;
ALTER TABLE a RENAME COLUMN name TO title;
ALTER TABLE a ADD CONSTRAINT a_email_key UNIQUE (email);
ALTER TABLE a RENAME TO things;`,
			"things: id serial!, title text!, n bigint=0, email varchar(100)='', b_id integer | pk(id) | fk(b_id->b(id) cascade) | ix(u a_email_key:email)\n"},
		{"drop constraint and index",
			`CREATE TABLE a (id int primary key, b_id int, CONSTRAINT a_b_fk FOREIGN KEY (b_id) REFERENCES b(id), CONSTRAINT a_b_key UNIQUE (b_id));
CREATE INDEX CONCURRENTLY IF NOT EXISTS a_b_idx ON a USING btree (b_id);
ALTER TABLE a DROP CONSTRAINT a_b_fk;
ALTER TABLE a DROP CONSTRAINT IF EXISTS a_b_key;
DROP INDEX IF EXISTS public.a_b_idx;`,
			"a: id integer!, b_id integer | pk(id)\n"},
		{"mysql alter: modify, change, add index, drop foreign key",
			"CREATE TABLE t (id int NOT NULL, a varchar(10), c int, PRIMARY KEY (id));\n" +
				"ALTER TABLE t MODIFY COLUMN a varchar(50) NOT NULL, CHANGE c count bigint, ADD INDEX t_a (a(10));\n" +
				"ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (count) REFERENCES u (id);\n" +
				"ALTER TABLE t DROP FOREIGN KEY t_fk;\n" +
				"RENAME TABLE t TO things;",
			"things: id integer!, a varchar(50)!, count bigint | pk(id) | ix(t_a:a)\n"},
		{"unique index with expression and drop table",
			`CREATE TABLE u (id int, email text); CREATE UNIQUE INDEX u_email ON u (lower(email)); CREATE TABLE gone (id int); DROP TABLE IF EXISTS gone, other CASCADE;`,
			"u: id integer, email text | ix(u u_email:lower(email))\n"},
		{"function bodies, strings and other statements are skipped",
			`CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN CREATE TABLE nope (id int); RETURN NEW; END; $$ LANGUAGE plpgsql;
INSERT INTO x VALUES ('CREATE TABLE nope2 (id int);', 'it''s');
CREATE VIEW v AS SELECT 1;
COMMENT ON TABLE x IS 'x';
CREATE TEMP TABLE scratch (id int);
CREATE TABLE real_one (id int);`,
			"real_one: id integer\n"},
		{"varchar and char spellings",
			`CREATE TABLE s (a character varying(20), b char(2), c character(3), d varchar, e national character varying(5), f timestamp(3), g time with time zone, h smallint, i int8, j bool, k numeric(12,4), l money, m interval, n date, o citext, p json, q bit);`,
			"s: a varchar(20), b char(2), c char(3), d varchar, e varchar(5), f timestamp, g time, h smallint, i bigint, j boolean, k numeric(12,4), l money, m interval, n date, o citext, p json, q boolean\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := parsed(tc.sql); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// Statements that are not DDL, or are too broken to read, give nothing.
func TestParseSQLIgnores(t *testing.T) {
	for _, sql := range []string{
		"", "-- only a comment\n/* and another */", "SELECT * FROM users;", "INSERT INTO users (id) VALUES (1);",
		"CREATE TABLE", "CREATE TABLE (", "CREATE TABLE x AS SELECT * FROM y;", "ALTER TABLE", "CREATE INDEX ON",
		"DROP INDEX", "CREATE TABLE t LIKE u;", "GRANT ALL ON users TO app;", "UPDATE users SET a = 1;",
		"'CREATE TABLE in_a_string (id int)'", "$$ CREATE TABLE in_a_body (id int) $$",
	} {
		if ops := ParseSQL("m.sql", []byte(sql)); len(ops) != 0 {
			t.Errorf("%q gave %+v, want no steps", sql, ops)
		}
	}
}

func TestParseSQLLines(t *testing.T) {
	sql := "-- header\n\nCREATE TABLE a (\n  id int PRIMARY KEY,\n  b_id int,\n  FOREIGN KEY (b_id) REFERENCES b (id)\n);\nCREATE INDEX a_b ON a (b_id);\n"
	ops := ParseSQLFrom("x.ts", 10, []byte(sql))
	if len(ops) != 2 {
		t.Fatalf("got %d steps, want 2", len(ops))
	}
	def := ops[0].Def
	if got := []int{def.Source.Line, def.Columns[0].At.Line, def.Columns[1].At.Line, def.ForeignKeys[0].At.Line, ops[1].At.Line}; !slices.Equal(got, []int{12, 13, 14, 15, 17}) {
		t.Errorf("lines %v, want [12 13 14 15 17]", got)
	}
	if def.Source.Path != "x.ts" {
		t.Errorf("path %q", def.Source.Path)
	}
}

func TestReadSQLDestructive(t *testing.T) {
	cases := []struct {
		sql   string
		lines []int
		stmts int
	}{
		{"DROP TABLE users;", []int{1}, 1},
		{"ALTER TABLE users\n  DROP COLUMN email;\nALTER TABLE t DROP x, DROP CONSTRAINT c;", []int{2, 3}, 2},
		// the SQLite rebuild: the rows are copied before the old table goes
		{"CREATE TABLE new_t (id int);\nINSERT INTO new_t SELECT id FROM t;\nDROP TABLE t;\nALTER TABLE new_t RENAME TO t;", nil, 4},
		// the column's data is copied first
		{"ALTER TABLE u ADD full_name text;\nUPDATE u SET full_name = name;\nALTER TABLE u DROP COLUMN name;", nil, 3},
		{"CREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN b int;\nDROP INDEX a_idx;", nil, 3},
		{"-- nothing here\n", nil, 0},
	}
	for _, tc := range cases {
		got := ReadSQL("m.sql", 1, []byte(tc.sql))
		var lines []int
		for _, l := range got.Destructive {
			lines = append(lines, l.Line)
		}
		if !slices.Equal(lines, tc.lines) || got.Statements != tc.stmts {
			t.Errorf("%q: destructive at %v, %d statements; want %v, %d", tc.sql, lines, got.Statements, tc.lines, tc.stmts)
		}
	}
}
