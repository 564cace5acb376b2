package rules

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// at is a location in a migration file.
func at(path string, line int) Location { return Location{Path: path, Line: line} }

// col builds a column declared at line of the file.
func col(name, typ string, nullable bool, line int) facts.Column {
	return facts.Column{Name: name, Type: typ, Nullable: nullable, At: at("migrations/001_init.sql", line)}
}

// shopSchema is a well-designed schema: every foreign key indexed, money
// in numeric, keys everywhere, required columns NOT NULL, emails unique.
func shopSchema() facts.Schema {
	const file = "migrations/001_init.sql"
	return facts.Schema{Source: "migrations", Tool: "golang-migrate", Tables: []facts.Table{
		{Name: "customers", Source: at(file, 1), PrimaryKey: []string{"id"},
			Columns: []facts.Column{col("id", "bigserial", false, 2), col("email", "varchar(255)", false, 3),
				col("password_hash", "text", false, 4), col("created_at", "timestamptz", false, 5)},
			Indexes: []facts.Index{{Name: "customers_email_key", Columns: []string{"email"}, Unique: true, At: at(file, 3)}}},
		{Name: "orders", Source: at(file, 8), PrimaryKey: []string{"id"},
			Columns: []facts.Column{col("id", "bigserial", false, 9), col("customer_id", "bigint", false, 10),
				col("total", "numeric(12,2)", false, 11), col("total_cents", "integer", false, 12), col("tags", "array", true, 13)},
			ForeignKeys: []facts.ForeignKey{{Columns: []string{"customer_id"}, References: "customers", RefColumns: []string{"id"}, OnDelete: "cascade", At: at(file, 10)}},
			Indexes:     []facts.Index{{Name: "ix_orders_customer_id", Columns: []string{"customer_id", "created_at"}, At: at(file, 15)}}},
		{Name: "products", Source: at(file, 18), PrimaryKey: []string{"id"},
			Columns: []facts.Column{col("id", "bigserial", false, 19), col("name", "text", false, 20), col("unitPrice", "decimal(10,2)", false, 21),
				col("address_line_1", "text", true, 22), col("address_line_2", "text", true, 23), col("address_line_3", "text", true, 24)}},
		{Name: "order_products", Source: at(file, 27), PrimaryKey: []string{"order_id", "product_id"},
			Columns: []facts.Column{col("order_id", "bigint", false, 28), col("product_id", "bigint", false, 29), col("created_at", "timestamptz", false, 30)},
			ForeignKeys: []facts.ForeignKey{
				{Columns: []string{"order_id"}, References: "orders", OnDelete: "cascade", At: at(file, 28)},
				{Columns: []string{"product_id"}, References: "products", OnDelete: "restrict", At: at(file, 29)}},
			Indexes: []facts.Index{{Columns: []string{"product_id"}, At: at(file, 31)}}},
	}}
}

func schemaFacts(s facts.Schema) *Facts {
	return &Facts{Stack: Stack{Language: "go", Framework: "chi"}, Database: Database{Engines: []string{"postgres"}, Relational: true}, Schema: s}
}

// runSchema runs the check on facts and fails the test when the outcome
// is not the one wanted ("pass", "fail", "skip").
func runSchema(t *testing.T, id string, f *Facts, want string) Result {
	t.Helper()
	r := dbCheck(t, id).Run(f)
	got := "fail"
	switch {
	case r.Skipped:
		got = "skip"
	case r.Passed:
		got = "pass"
	}
	if got != want {
		t.Fatalf("%s: %s (%q), want %s", id, got, r.Message, want)
	}
	return r
}

func hasEvidence(r Result, path string, line int) bool {
	for _, e := range r.Evidence {
		if e.Path == path && e.Line == line {
			return true
		}
	}
	return false
}

func TestSchemaChecksSkipWithoutASchema(t *testing.T) {
	f := schemaFacts(facts.Schema{})
	for _, k := range schemaChecks() {
		r := dbCheck(t, k.ID).Run(f)
		if !r.Skipped || r.Message != noSchema {
			t.Errorf("%s with no schema: %+v, want skipped %q", k.ID, r, noSchema)
		}
		if k.Needs == nil || k.Needs(f) {
			t.Errorf("%s does not say it needs a schema", k.ID)
		}
	}
	sc := Score(f, mustProfile(t, "saas"))
	for _, cr := range sc.Criteria {
		for _, ch := range cr.Checks {
			for _, k := range schemaChecks() {
				if ch.ID == k.ID {
					t.Errorf("%s is in the scorecard of a project with no schema", k.ID)
				}
			}
		}
	}
}

func mustProfile(t *testing.T, name string) Profile {
	t.Helper()
	p, err := LookupProfile(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSchemaChecksPassOnAGoodSchema(t *testing.T) {
	f := schemaFacts(shopSchema())
	for _, id := range []string{"database.fk-indexes", "database.money-types", "database.normalised", "database.primary-keys", "database.constraints"} {
		runSchema(t, id, f, "pass")
	}
	r := runSchema(t, "database.primary-keys", f, "pass")
	if !strings.Contains(r.Message, "1 join table") {
		t.Errorf("primary keys: %q does not count the join table", r.Message)
	}
}

func TestFKIndexes(t *testing.T) {
	s := shopSchema()
	s.Tables[1].Indexes = nil                                      // orders.customer_id loses its index
	s.Tables[3].PrimaryKey = []string{"product_id", "order_id"}    // the key now serves product_id...
	s.Tables[3].Indexes = []facts.Index{{Columns: []string{"id"}}} // ...and nothing leads with order_id
	f := schemaFacts(s)
	r := runSchema(t, "database.fk-indexes", f, "fail")
	for _, want := range []string{"2 foreign keys without an index", "orders.customer_id → customers (migrations/001_init.sql:10)", "order_products.order_id → orders"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("message %q lacks %q", r.Message, want)
		}
	}
	if !hasEvidence(r, "migrations/001_init.sql", 10) || !hasEvidence(r, "migrations/001_init.sql", 28) {
		t.Errorf("evidence %v lacks the foreign keys' lines", r.Evidence)
	}
	if got := strings.Join(r.Steps, " "); !strings.Contains(got, "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id ON orders (customer_id)") {
		t.Errorf("steps %q do not name the table and column", got)
	}
	// An index that has the key's column second does not serve it.
	s.Tables[1].Indexes = []facts.Index{{Columns: []string{"created_at", "customer_id"}}}
	runSchema(t, "database.fk-indexes", schemaFacts(s), "fail")

	// MySQL's InnoDB indexes foreign keys itself; a MySQL project with H2
	// for tests is still MySQL alone; PostgreSQL beside MySQL is not.
	my := schemaFacts(s)
	my.Database.Engines = []string{"mysql", "h2"}
	if r := runSchema(t, "database.fk-indexes", my, "pass"); !strings.Contains(r.Message, "InnoDB") {
		t.Errorf("MySQL message %q", r.Message)
	}
	my.Database.Engines = []string{"mariadb"}
	runSchema(t, "database.fk-indexes", my, "pass")
	my.Database.Engines = []string{"mysql", "postgres"}
	runSchema(t, "database.fk-indexes", my, "fail")
	my.Database.Engines = nil // unknown engine: judged as PostgreSQL would be
	runSchema(t, "database.fk-indexes", my, "fail")

	noFK := schemaFacts(facts.Schema{Tables: []facts.Table{{Name: "notes", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 1)}}}})
	runSchema(t, "database.fk-indexes", noFK, "skip")
}

func TestMoneyTypes(t *testing.T) {
	s := shopSchema()
	s.Tables[1].Columns[2].Type = "float"  // orders.total
	s.Tables[2].Columns[2].Type = "double" // products.unitPrice
	s.Tables[1].Columns[3].Type = "float"  // total_cents: cents, never money-as-float
	s.Tables[2].Columns = append(s.Tables[2].Columns, col("tax_rate", "real", false, 25), col("price_count", "float", false, 26))
	r := runSchema(t, "database.money-types", schemaFacts(s), "fail")
	if !strings.Contains(r.Message, "2 money columns stored as floating point") ||
		!strings.Contains(r.Message, "orders.total is float (migrations/001_init.sql:11)") || !strings.Contains(r.Message, "products.unitPrice is double") {
		t.Errorf("message %q", r.Message)
	}
	if strings.Contains(r.Message, "cents") || strings.Contains(r.Message, "tax_rate") || strings.Contains(r.Message, "price_count") {
		t.Errorf("flagged a non-money column: %q", r.Message)
	}
	if got := strings.Join(r.Steps, " "); !strings.Contains(got, "orders") || !strings.Contains(got, "total") {
		t.Errorf("steps %q", got)
	}
	none := schemaFacts(facts.Schema{Tables: []facts.Table{{Name: "notes", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 1), col("score", "float", false, 2)}}}})
	runSchema(t, "database.money-types", none, "skip")
}

func TestNormalised(t *testing.T) {
	s := shopSchema()
	s.Tables[0].Columns = append(s.Tables[0].Columns, col("phone1", "text", true, 6), col("phone2", "text", true, 7), col("phone3", "text", true, 8))
	s.Tables[2].Columns = append(s.Tables[2].Columns, col("category_ids", "varchar(255)", true, 25), col("keywords", "text", true, 26),
		col("image_1", "text", true, 27), col("image_2", "text", true, 28)) // two numbered columns are not yet a group
	r := runSchema(t, "database.normalised", schemaFacts(s), "fail")
	for _, want := range []string{"3 normalisation smells", "customers repeats phone1, phone2, phone3", "products.category_ids keeps a list in a varchar(255) column", "products.keywords"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("message %q lacks %q", r.Message, want)
		}
	}
	if strings.Contains(r.Message, "image") || strings.Contains(r.Message, "address") || strings.Contains(r.Message, "tags") {
		t.Errorf("flagged a sound column: %q", r.Message)
	}
	if !hasEvidence(r, "migrations/001_init.sql", 6) {
		t.Errorf("evidence %v lacks phone1's line", r.Evidence)
	}
	// A list in an array or JSON column is a choice, not a smell.
	s = shopSchema()
	s.Tables[2].Columns = append(s.Tables[2].Columns, col("category_ids", "jsonb", true, 25))
	runSchema(t, "database.normalised", schemaFacts(s), "pass")
}

func TestPrimaryKeys(t *testing.T) {
	s := shopSchema()
	s.Tables[2].PrimaryKey = nil
	s.Tables[3].PrimaryKey = nil
	r := runSchema(t, "database.primary-keys", schemaFacts(s), "fail")
	for _, want := range []string{"products has no primary key (migrations/001_init.sql:18)", "join table order_products has no primary key or unique constraint over (order_id, product_id)"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("message %q lacks %q", r.Message, want)
		}
	}
	if got := strings.Join(r.Steps, " "); !strings.Contains(got, "products") || strings.Contains(got, "<") {
		t.Errorf("steps for a table with no key: %q", got)
	}
	// A surrogate id with a unique constraint over both keys is a fine join table.
	s = shopSchema()
	s.Tables[3].PrimaryKey = []string{"id"}
	s.Tables[3].Columns = append(s.Tables[3].Columns, col("id", "bigserial", false, 27))
	s.Tables[3].Indexes = append(s.Tables[3].Indexes, facts.Index{Columns: []string{"product_id", "order_id"}, Unique: true})
	runSchema(t, "database.primary-keys", schemaFacts(s), "pass")
	// The surrogate id alone lets a pair be linked twice; the variant fix says so.
	s.Tables[3].Indexes = s.Tables[3].Indexes[:1]
	r = runSchema(t, "database.primary-keys", schemaFacts(s), "fail")
	if got := strings.Join(r.Steps, " "); !strings.Contains(got, "PRIMARY KEY (order_id, product_id)") {
		t.Errorf("join-table steps %q", got)
	}
	// A line item with a quantity is not a join table: its id is its key.
	s.Tables[3].Columns = append(s.Tables[3].Columns, col("quantity", "integer", false, 32))
	runSchema(t, "database.primary-keys", schemaFacts(s), "pass")
}

func TestConstraints(t *testing.T) {
	s := shopSchema()
	s.Tables[0].Columns[1].Nullable = true // customers.email
	s.Tables[0].Indexes = nil
	s.Tables[0].Columns[2].Nullable = true // password_hash
	s.Tables[1].Columns[1].Nullable = true // orders.customer_id, ON DELETE CASCADE
	r := runSchema(t, "database.constraints", schemaFacts(s), "fail")
	for _, want := range []string{"3 missing constraints", "customers.email is nullable and not unique (migrations/001_init.sql:3)",
		"customers.password_hash is nullable", "orders.customer_id is nullable though its key to customers is ON DELETE CASCADE"} {
		if !strings.Contains(r.Message, want) {
			t.Errorf("message %q lacks %q", r.Message, want)
		}
	}
	// An OAuth project may keep users without a password; an optional
	// relation (ON DELETE SET NULL) is nullable by design.
	s = shopSchema()
	s.Tables[0].Columns[2].Nullable = true
	s.Tables[1].Columns[1].Nullable = true
	s.Tables[1].ForeignKeys[0].OnDelete = "set null"
	f := schemaFacts(s)
	f.Auth.Kind = "oauth"
	runSchema(t, "database.constraints", f, "pass")
	// A username unique only with another column (per tenant) counts as unique.
	s = shopSchema()
	s.Tables[0].Name = "auth_user"
	s.Tables[0].Columns = append(s.Tables[0].Columns, col("username", "varchar(150)", false, 6))
	s.Tables[0].Indexes = append(s.Tables[0].Indexes, facts.Index{Columns: []string{"tenant_id", "username"}, Unique: true})
	runSchema(t, "database.constraints", schemaFacts(s), "pass")
	s.Tables[0].Indexes = s.Tables[0].Indexes[:1]
	if r := runSchema(t, "database.constraints", schemaFacts(s), "fail"); !strings.Contains(r.Message, "auth_user.username is not unique") {
		t.Errorf("message %q", r.Message)
	}
	// An email in a table that holds no accounts may be optional.
	contacts := schemaFacts(facts.Schema{Tables: []facts.Table{{Name: "contacts", PrimaryKey: []string{"id"}, Columns: []facts.Column{col("id", "integer", false, 1), col("email", "text", true, 2)}}}})
	runSchema(t, "database.constraints", contacts, "skip")
}

func TestReversibleMigrations(t *testing.T) {
	s := shopSchema()
	s.Migrations = []facts.SchemaMigration{
		{At: at("migrations/000001_init.up.sql", 1), Tool: "golang-migrate", Reversible: "yes"},
		{At: at("migrations/000002_orders.up.sql", 1), Tool: "golang-migrate", Reversible: "yes"},
	}
	runSchema(t, "database.reversible-migrations", schemaFacts(s), "pass")
	s.Migrations[1].Reversible = "no"
	s.Migrations = append(s.Migrations, facts.SchemaMigration{At: at("migrations/000003_drop.up.sql", 1), Reversible: "yes",
		Destructive: []Location{at("migrations/000003_drop.up.sql", 4)}})
	r := runSchema(t, "database.reversible-migrations", schemaFacts(s), "fail")
	if !strings.Contains(r.Message, "migrations/000002_orders.up.sql has no way back") || !strings.Contains(r.Message, "migrations/000003_drop.up.sql drops data (migrations/000003_drop.up.sql:4)") {
		t.Errorf("message %q", r.Message)
	}
	if got := strings.Join(r.Steps, " "); !strings.Contains(got, "000002_orders") {
		t.Errorf("steps %q do not name the migration", got)
	}
	// Flyway community has no way back: nothing to judge, even a DROP.
	s.Tool = "flyway"
	s.Migrations = []facts.SchemaMigration{{At: at("src/main/resources/db/migration/V2__drop.sql", 1), Destructive: []Location{at("src/main/resources/db/migration/V2__drop.sql", 1)}}}
	if r := runSchema(t, "database.reversible-migrations", schemaFacts(s), "skip"); !strings.Contains(r.Message, "flyway") {
		t.Errorf("message %q", r.Message)
	}
}

func TestModelDrift(t *testing.T) {
	s := shopSchema()
	s.Models = []facts.Table{
		{Name: "Customers", Columns: []facts.Column{{Name: "id"}, {Name: "email"}, {Name: "passwordHash"}, {Name: "updatedAt"}}},
		{Name: "orders", Columns: []facts.Column{{Name: "customer_id"}, {Name: "total"}}},
	}
	runSchema(t, "database.model-drift", schemaFacts(s), "pass")
	s.Models[1].Columns = append(s.Models[1].Columns, facts.Column{Name: "status", At: at("app/models.py", 12)})
	s.Models = append(s.Models, facts.Table{Name: "refunds", Source: at("app/models.py", 20)})
	r := runSchema(t, "database.model-drift", schemaFacts(s), "fail")
	if !strings.Contains(r.Message, "model column orders.status no migration creates (app/models.py:12)") || !strings.Contains(r.Message, "model table refunds no migration creates") {
		t.Errorf("message %q", r.Message)
	}
	// Tables read from the models have nothing to drift from.
	s.Source = "models"
	runSchema(t, "database.model-drift", schemaFacts(s), "skip")
	s.Source, s.Models = "migrations", nil
	runSchema(t, "database.model-drift", schemaFacts(s), "skip")
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{"unitPrice": "unit price", "total_cents": "total cents", "HTTPStatus": "httpstatus", "price2": "price2"} {
		if got := strings.Join(words(in), " "); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSchemaFixesSpeakTheProjectsTool fails one foreign key index on each
// stack and migration tool and wants the steps in that tool, naming the
// table and column found.
func TestSchemaFixesSpeakTheProjectsTool(t *testing.T) {
	cases := []struct {
		lang, fw, tool, orm string
		want                string
	}{
		{"python", "fastapi", "alembic", "sqlalchemy", `op.create_index("ix_orders_customer_id", "orders", ["customer_id"])`},
		{"python", "flask", "alembic", "sqlalchemy", `op.create_index(`},
		{"python", "django", "django", "django-orm", "db_index=False"},
		{"ruby", "rails", "rails", "activerecord", "add_index :orders, :customer_id"},
		{"php", "laravel", "laravel", "eloquent", "$table->index('customer_id')"},
		{"csharp", "aspnet", "efcore", "efcore", "HasIndex(e => e.customer_id)"},
		{"java", "spring-boot", "flyway", "jpa", "CREATE INDEX CONCURRENTLY ix_orders_customer_id ON orders (customer_id)"},
		{"kotlin", "spring-boot", "liquibase", "jpa", "createIndex"},
		{"go", "gin", "golang-migrate", "", "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_orders_customer_id"},
		{"go", "chi", "goose", "", "-- +goose NO TRANSACTION"},
		{"go", "gin", "", "gorm", "`gorm:\"index\"`"},
		{"go", "gin", "goose", "gorm", "-- +goose Up"}, // the migrations the project runs win over the ORM
		{"javascript", "express", "prisma", "prisma", "@@index([customer_id])"},
		{"javascript", "express", "knex", "", "table.index(['customer_id'])"},
		{"typescript", "nestjs", "typeorm", "typeorm", "@Index()"},
		{"javascript", "express", "sequelize", "sequelize", "queryInterface.addIndex('orders', ['customer_id'])"},
		{"javascript", "express", "", "mongoose", "schema.index({ customer_id: 1 })"},
	}
	for _, tc := range cases {
		s := shopSchema()
		s.Tables[1].Indexes = nil
		s.Tool = tc.tool
		f := schemaFacts(s)
		f.Stack = Stack{Language: tc.lang, Framework: tc.fw}
		f.Database.ORM = tc.orm
		r := runSchema(t, "database.fk-indexes", f, "fail")
		if got := strings.Join(r.Steps, " "); !strings.Contains(got, tc.want) || strings.Contains(got, "{") && strings.Contains(got, "{table}") {
			t.Errorf("%s/%s with %s %s: steps %q lack %q", tc.lang, tc.fw, tc.tool, tc.orm, got, tc.want)
		}
	}
	// Asked for with no finding (rules explain), the placeholders read as blanks.
	steps := strings.Join(dbCheck(t, "database.fk-indexes").Fix(Stack{Language: "python", Framework: "fastapi"}), " ")
	if !strings.Contains(steps, `"<table>", ["<column>"]`) {
		t.Errorf("steps with no finding: %q", steps)
	}
}
