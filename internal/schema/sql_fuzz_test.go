package schema

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseSQL feeds arbitrary text to the SQL reader: unclosed quotes,
// comments and dollar bodies, unbalanced parentheses must never panic,
// and every step points at a line of the file.
func FuzzParseSQL(f *testing.F) {
	for _, s := range []string{
		"CREATE TABLE a (id serial PRIMARY KEY, b_id int REFERENCES b ON DELETE CASCADE, UNIQUE (b_id));",
		"ALTER TABLE a ADD COLUMN x int, DROP COLUMN y, ALTER COLUMN z TYPE text, RENAME TO b;",
		"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON a (lower(x)); DROP INDEX i;",
		"CREATE TABLE `t` (`id` int(11) NOT NULL AUTO_INCREMENT, KEY `k` (`id`)) ENGINE=InnoDB;",
		"CREATE TABLE [dbo].[T] ([Id] INT IDENTITY(1,1))\nGO\n",
		"'unclosed", "\"unclosed", "`unclosed", "/* unclosed", "$$ unclosed", "$a$ x $a", "[[[[[[",
		"CREATE TABLE t (((((((", "CREATE TABLE t (a int DEFAULT", "ALTER TABLE t ALTER COLUMN", "E'\\",
		strings.Repeat("CREATE TABLE t (", 50), strings.Repeat("[a", 300),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		res := ReadSQL("m.sql", 1, data)
		for _, op := range res.Ops {
			if op.At.Line < 1 || op.At.Line > lines {
				t.Fatalf("step %+v at line %d of %d", op, op.At.Line, lines)
			}
		}
		Apply([]Migration{{Ops: res.Ops}})
	})
}
