package python

import (
	"bytes"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
)

// FuzzSchemaReaders feeds arbitrary text to the Python schema readers
// under each path they match: unclosed calls and brackets, stray quotes
// and odd indentation must never panic, and every location stays inside
// the file.
func FuzzSchemaReaders(f *testing.F) {
	for _, s := range []string{
		alembicInit, alembicSecond, djangoShopInitial, djangoShopSecond, djangoModels, saModels,
		"revision = 'a'\ndef upgrade():\n    op.create_table('t', sa.Column('id', sa.Integer",
		"revision = 'a'\ndef upgrade():\n    with op.batch_alter_table('t') as b:\n        b.add_column(",
		"class Migration:\n    operations = [migrations.CreateModel(name='X', fields=[('a', models.ForeignKey(",
		"class A(Base):\n    __tablename__ = '\n    id = Column(\"\"\"",
		"class A(models.Model):\n  class Meta:\n    unique_together = ((((",
		"op.create_table(op.create_table(op.create_table(", `"""`, `'`, "\\\n", "class", "class (",
	} {
		f.Add(s)
	}
	readers := []struct {
		path string
		read func(scan.File) int
	}{
		{"migrations/versions/a_x.py", func(f scan.File) int { return check(f, alembicReader.Read(f).Migrations) }},
		{"shop/migrations/0001_initial.py", func(f scan.File) int { return check(f, djangoMigrationReader.Read(f).Migrations) }},
		{"shop/models.py", func(f scan.File) int { return len(djangoModelsReader.Read(f).Models) }},
		{"app/models.py", func(f scan.File) int { return len(sqlalchemyReader.Read(f).Models) }},
	}
	f.Fuzz(func(t *testing.T, data string) {
		// The Django reader wants "django" in the file, the others their
		// own words: give every reader a go at the same text.
		src := []byte(data + "\nimport django\n")
		for _, r := range readers {
			if n := r.read(scan.File{Path: r.path, Data: src}); n < 0 {
				t.Fatalf("%s: %d", r.path, n)
			}
		}
		prev := -1
		for _, l := range logicalLines(src) {
			if l.Off <= prev || l.Off > len(src) {
				t.Fatalf("logical line at %d after %d in %d bytes", l.Off, prev, len(src))
			}
			prev = l.Off
		}
	})
}

// check fails (returns -1) when a step points outside the file.
func check(f scan.File, migs []schema.Migration) int {
	lines := bytes.Count(f.Data, []byte("\n")) + 1
	n := 0
	for _, m := range migs {
		for _, op := range m.Ops {
			if op.At.Line < 1 || op.At.Line > lines {
				return -1
			}
			n++
		}
	}
	return n
}
