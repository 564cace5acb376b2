package ruby

import (
	"slices"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/schema/schematest"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// migrate reads the migrations given as path → source and applies them.
func migrate(t *testing.T, files ...string) facts.Schema {
	t.Helper()
	var found []schema.Found
	for i := 0; i+1 < len(files); i += 2 {
		f := scan.File{Path: files[i], Data: []byte(files[i+1])}
		for _, r := range SchemaReaders {
			if r.Path.MatchString(f.Path) {
				found = append(found, schema.Found{Tool: r.Tool, Result: r.Read(f)})
			}
		}
	}
	return schema.Build(found)
}

func wantSchema(t *testing.T, got facts.Schema, want string) {
	t.Helper()
	if g := schematest.Compact(got.Tables); strings.TrimSpace(g) != strings.TrimSpace(want) {
		t.Errorf("schema:\n%s\nwant:\n%s", g, want)
	}
}

func TestRailsCreateTableColumnsAndImplicitID(t *testing.T) {
	s := migrate(t, "db/migrate/20240101000000_create_orders.rb", `class CreateOrders < ActiveRecord::Migration[7.1]
  def change
    create_table :orders do |t|
      t.references :customer, null: false, foreign_key: { on_delete: :nullify }
      t.belongs_to :coupon, index: false
      t.string :code, limit: 20, null: false, index: { unique: true }
      t.decimal :total, precision: 10, scale: 2, default: 0
      t.float :weight
      t.integer :qty, :extra, null: false
      t.boolean :paid, default: false
      t.datetime :shipped_at
      t.jsonb :meta
      t.timestamps
    end
    create_table :tags, id: false, primary_key: :slug do |t|
      t.string :slug, null: false
    end
    create_table(:events, id: :uuid) do |t|
      t.references :owner, polymorphic: true
    end
  end
end
`)
	wantSchema(t, s, `
orders(id)
  id bigint
  customer_id bigint
  coupon_id bigint null
  code varchar(20)
  total decimal(10,2) null =0
  weight float null
  qty integer
  extra integer
  paid boolean null =false
  shipped_at timestamp null
  meta jsonb null
  created_at timestamp
  updated_at timestamp
  fk customer_id -> customers(id) on delete set null
  index customer_id
  unique index code
tags(slug)
  slug varchar
events(id)
  id uuid
  owner_type varchar null
  owner_id bigint null
  index owner_type,owner_id
`)
	if s.Source != "migrations" || s.Tool != "rails" || s.Migrations[0].Reversible != "yes" {
		t.Errorf("source %q tool %q migrations %+v", s.Source, s.Tool, s.Migrations)
	}
	if c := s.Tables[0].Column("total"); c.At.Line != 7 {
		t.Errorf("total at %+v, want line 7", c.At)
	}
}

func TestRailsAlterSteps(t *testing.T) {
	s := migrate(t,
		"db/migrate/20240101000000_create_users.rb", `class CreateUsers < ActiveRecord::Migration[7.1]
  def change
    create_table :users do |t|
      t.string :mail
      t.string :nickname
      t.string :legacy
    end
    create_table :posts do |t|
      t.string :title
    end
    create_join_table :users, :groups
  end
end`,
		"db/migrate/20240201000000_alter.rb", `class Alter < ActiveRecord::Migration[7.1]
  def up
    rename_column :users, :mail, :email
    change_column_null :users, :email, false
    add_index :users, :email, unique: true
    add_index :users, [:nickname, :legacy], name: "by_nick"
    remove_index :users, name: "by_nick"
    remove_column :users, :legacy
    add_column :users, :age, :integer, limit: 2, null: false, default: 18
    change_column :users, :nickname, :text
    add_reference :posts, :user, foreign_key: true, index: { unique: false }
    add_foreign_key :posts, :users, column: :editor_id, on_delete: :cascade
    rename_table :posts, :articles
    drop_table :groups_users
    change_table :articles do |t|
      t.remove :title
      t.string :headline, null: false
      t.rename :headline, :heading
    end
  end

  def down
    raise ActiveRecord::IrreversibleMigration
  end
end`)
	wantSchema(t, s, `
users(id)
  id bigint
  email varchar
  nickname text null
  age smallint =18
  unique index email
articles(id)
  id bigint
  user_id bigint null
  heading varchar
  fk user_id -> users(id)
  fk editor_id -> users(id) on delete cascade
  index user_id
`)
	m := s.Migrations[1]
	if m.Reversible != "no" {
		t.Errorf("a down that raises IrreversibleMigration: reversible %q", m.Reversible)
	}
	var lines []int
	for _, d := range m.Destructive {
		lines = append(lines, d.Line)
	}
	if !slices.Equal(lines, []int{8, 14, 16}) {
		t.Errorf("destructive lines %v, want remove_column, drop_table, t.remove", lines)
	}
	if s.Migrations[0].Destructive != nil {
		t.Errorf("creating tables destroys nothing: %v", s.Migrations[0].Destructive)
	}
}

func TestRailsCreateJoinTable(t *testing.T) {
	s := migrate(t, "db/migrate/1_j.rb", `class J < ActiveRecord::Migration[7.1]
  def change
    create_join_table :products, :categories do |t|
      t.index [:product_id, :category_id], unique: true
    end
  end
end`)
	wantSchema(t, s, `
categories_products()
  product_id bigint
  category_id bigint
  unique index product_id,category_id
`)
}

func TestRailsReversibility(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"change of reversible steps", "def change\n add_column :users, :age, :integer\n remove_column :users, :bio, :text\n end", "yes"},
		{"remove_column without a type", "def change\n remove_column :users, :bio\n end", "no"},
		{"execute in change", "def change\n execute \"UPDATE users SET a = 1\"\n end", "no"},
		{"execute inside reversible", "def change\n reversible do |dir|\n dir.up do\n execute \"X\"\n end\n dir.down do\n execute \"Y\"\n end\n end\n end", "yes"},
		{"change_column in change", "def change\n change_column :users, :age, :bigint\n end", "no"},
		{"drop_table without a block", "def change\n drop_table :users\n end", "no"},
		{"drop_table with its columns", "def change\n drop_table :users do |t|\n t.string :name\n end\n end", "yes"},
		{"up and down", "def up\n add_column :users, :age, :integer\n end\n def down\n remove_column :users, :age\n end", "yes"},
		{"self.up and self.down", "def self.up\n add_column :users, :age, :integer\n end\n def self.down\n remove_column :users, :age\n end", "yes"},
		{"up alone", "def up\n add_column :users, :age, :integer\n end", "no"},
		{"empty down", "def up\n add_column :users, :age, :integer\n end\n def down\n end", "no"},
	}
	for _, c := range cases {
		src := "class M < ActiveRecord::Migration[7.1]\n" + c.body + "\nend\n"
		s := migrate(t, "db/migrate/20240101000000_m.rb", src)
		if len(s.Migrations) != 1 || s.Migrations[0].Reversible != c.want {
			t.Errorf("%s: migrations %+v, want reversible %q", c.name, s.Migrations, c.want)
		}
	}
	// Steps in down and in a reversible's down block do not build the schema.
	s := migrate(t, "db/migrate/1_m.rb", "class M < ActiveRecord::Migration[7.1]\ndef change\nreversible do |dir|\ndir.down do\ncreate_table :ghosts\nend\nend\nend\ndef down\ncreate_table :zombies\nend\nend")
	if len(s.Tables) != 0 {
		t.Errorf("down steps applied: %v", schematest.Compact(s.Tables))
	}
}

func TestRailsLegacyIntegerIDAndOrder(t *testing.T) {
	s := migrate(t,
		"db/migrate/20240201000000_add_age.rb", "class AddAge < ActiveRecord::Migration[5.0]\n def change\n add_column :users, :age, :integer\n end\nend",
		"db/migrate/20170101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration\n def change\n create_table :users do |t|\n t.references :org, foreign_key: true\n t.timestamps\n end\n add_index :users,\n [:org_id],\n unique: true\n end\nend")
	// Rails 4: integer ids, references with no index of their own,
	// nullable timestamps; arguments over lines.
	wantSchema(t, s, "users(id)\n  id integer\n  org_id integer null\n  created_at timestamp null\n  updated_at timestamp null\n  age integer null\n  fk org_id -> orgs(id)\n  unique index org_id")
	// A dump older than Rails 5.1 has integer ids.
	s = migrate(t, "db/schema.rb", "ActiveRecord::Schema.define(version: 20160712061614) do\n create_table \"tags\", force: :cascade do |t|\n end\nend")
	wantSchema(t, s, "tags(id)\n  id integer")
}

func TestSchemaRbSnapshot(t *testing.T) {
	s := migrate(t, "db/schema.rb", `ActiveRecord::Schema[7.1].define(version: 2024_01_29_183000) do
  create_table "books", force: :cascade do |t|
    t.bigint "user_id", null: false
    t.string "title", default: "x", null: false
    t.index ["user_id"], name: "index_books_on_user_id"
  end

  create_table "users", id: :serial, force: :cascade do |t|
    t.string "email"
    t.index ["email"], name: "index_users_on_email", unique: true
  end

  add_foreign_key "books", "users", on_delete: :cascade
end`)
	if s.Source != "snapshot" {
		t.Fatalf("source %q", s.Source)
	}
	wantSchema(t, s, `
books(id)
  id bigint
  user_id bigint
  title varchar =x
  fk user_id -> users(id) on delete cascade
  index user_id
users(id)
  id serial
  email varchar null
  unique index email
`)
	// A migration wins over the dump.
	s = migrate(t, "db/schema.rb", `ActiveRecord::Schema.define do
  create_table "old" do |t|
  end
end`, "db/migrate/1_x.rb", "class X < ActiveRecord::Migration[7.1]\ndef change\ncreate_table :fresh\nend\nend")
	if s.Source != "migrations" || len(s.Tables) != 1 || s.Tables[0].Name != "fresh" {
		t.Errorf("migrations did not win: %s %v", s.Source, schematest.Compact(s.Tables))
	}
}

func TestRailsNotMigrations(t *testing.T) {
	// Calls outside a migration's change/up, unknown calls, and a file
	// that only mentions create_table in a comment build nothing.
	s := migrate(t, "db/migrate/1_x.rb", "class X < ActiveRecord::Migration[7.1]\n  def helper\n    create_table :nope\n  end\n  def change\n    # create_table :commented\n    say_with_time \"x\" do\n    end\n  end\nend")
	if len(s.Tables) != 0 {
		t.Errorf("tables from no step: %s", schematest.Compact(s.Tables))
	}
	if tablePlural("category") != "categories" || tablePlural("person") != "people" || tablePlural("box") != "boxes" || tableSingular("addresses") != "address" {
		t.Error("pluralisation")
	}
}
