package python

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// describe writes a table the way the tests compare it: name and primary
// key, columns (type, ? when NULL, =default), references, indexes.
func describe(t facts.Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s pk(%s)", t.Name, strings.Join(t.PrimaryKey, ","))
	for _, c := range t.Columns {
		fmt.Fprintf(&b, " | %s %s", c.Name, c.Type)
		if c.Nullable {
			b.WriteString("?")
		}
		if c.Default != "" {
			fmt.Fprintf(&b, "=%s", c.Default)
		}
	}
	for _, fk := range t.ForeignKeys {
		fmt.Fprintf(&b, " | fk %s->%s(%s)", strings.Join(fk.Columns, ","), fk.References, strings.Join(fk.RefColumns, ","))
		if fk.OnDelete != "" {
			fmt.Fprintf(&b, " %s", fk.OnDelete)
		}
	}
	for _, ix := range t.Indexes {
		kind := "ix"
		if ix.Unique {
			kind = "uq"
		}
		fmt.Fprintf(&b, " | %s %s(%s)", kind, ix.Name, strings.Join(ix.Columns, ","))
	}
	return b.String()
}

// readAll runs reader on each file (path → content) in the order given
// and builds the schema from what it found.
func readAll(t *testing.T, r schema.Reader, files ...string) facts.Schema {
	t.Helper()
	var found []schema.Found
	for i := 0; i+1 < len(files); i += 2 {
		p, data := files[i], files[i+1]
		if !r.Path.MatchString(p) {
			t.Fatalf("%s reader does not match %s", r.Tool, p)
		}
		f := scan.File{Path: p, Data: []byte(data)}
		found = append(found, schema.Found{Tool: r.Tool, Result: r.Read(f)})
	}
	return schema.Build(found)
}

func tablesOf(s facts.Schema) []string {
	var out []string
	for _, t := range s.Tables {
		out = append(out, describe(t))
	}
	return out
}

func modelsOf(s facts.Schema) []string {
	var out []string
	for _, t := range s.Models {
		out = append(out, describe(t))
	}
	return out
}

func wantTables(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("tables:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// foundFile is one file for a reader.
type foundFile struct {
	r          schema.Reader
	path, data string
}

// buildFound runs each file's reader and builds the schema from all.
func buildFound(t *testing.T, files []foundFile) facts.Schema {
	t.Helper()
	var found []schema.Found
	for _, f := range files {
		if !f.r.Path.MatchString(f.path) {
			t.Fatalf("%s reader does not match %s", f.r.Tool, f.path)
		}
		found = append(found, schema.Found{Tool: f.r.Tool, Result: f.r.Read(scan.File{Path: f.path, Data: []byte(f.data)})})
	}
	return schema.Build(found)
}

func TestAlembicIndexExpression(t *testing.T) {
	for in, want := range map[string]string{`sa.literal_column("lower(email)")`: "lower(email)", `sa.text('lower(name)')`: "lower(name)"} {
		if got, ok := sqlExpression(in); !ok || got != want {
			t.Errorf("sqlExpression(%s) = %q, %v", in, got, ok)
		}
	}
	if _, ok := sqlExpression(`"email"`); ok {
		t.Error("a plain column name read as an expression")
	}
}

func TestDjangoTableFollowsTheModelAcrossFiles(t *testing.T) {
	// saleor: 0001 gives account.User db_table userprofile_user; a later
	// file sets it back to Django's default and another adds a field.
	first := readDjangoMigration(scan.File{Path: "account/migrations/0001_initial.py", Data: []byte(`from django.db import migrations, models
class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="User",
            fields=[("id", models.AutoField(primary_key=True)), ("email", models.EmailField(unique=True))],
            options={"db_table": "userprofile_user"},
        ),
    ]
`)})
	second := readDjangoMigration(scan.File{Path: "account/migrations/0017_auto.py", Data: []byte(`from django.db import migrations, models
class Migration(migrations.Migration):
    dependencies = [("account", "0001_initial")]
    operations = [
        migrations.AlterModelTable(name="user", table=None),
        migrations.AddField(model_name="user", name="note", field=models.TextField(null=True)),
    ]
`)})
	migs := append(first.Migrations, second.Migrations...)
	var names []string
	for _, tb := range schema.Apply(schema.Order(migs)) {
		names = append(names, tb.Name)
		if tb.Name == "account_user" && (tb.Partial || tb.Column("note") == nil || tb.Column("email") == nil) {
			t.Errorf("account_user = %+v", tb)
		}
	}
	if strings.Join(names, ",") != "account_user" {
		t.Errorf("tables %v, want the one table renamed back to account_user", names)
	}
}
