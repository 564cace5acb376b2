package php

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/schema/schematest"
	"github.com/vetfolio/vetfolio/rules/facts"
)

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

func laravelMigration(up, down string) string {
	return "<?php\nuse Illuminate\\Support\\Facades\\Schema;\nreturn new class extends Migration\n{\n    public function up(): void\n    {\n" + up + "\n    }\n" + down + "\n};\n"
}

func TestLaravelCreateTable(t *testing.T) {
	s := migrate(t, "database/migrations/2024_01_01_000000_create_orders_table.php", laravelMigration(`
        Schema::create('orders', function (Blueprint $table) {
            $table->id();
            $table->foreignId('customer_id')->constrained()->onDelete('cascade');
            $table->foreignIdFor(Coupon::class)->nullable()->constrained()->nullOnDelete();
            $table->unsignedBigInteger('shop_id');
            $table->foreign('shop_id')->references('id')->on('shops')->onDelete('restrict');
            $table->string('code', 20)->unique();
            $table->decimal('total', 10, 2)->default(0);
            $table->double('weight');
            $table->float('ratio');
            $table->boolean('paid')->default(false);
            $table->enum('status', ['new', 'paid'])->default('new');
            $table->json('meta')->nullable();
            $table->uuid('ref')->index();
            $table->softDeletes();
            $table->timestamps();
            $table->unique(['customer_id', 'code'], 'orders_customer_code');
        });
        Schema::create('tags', function (Blueprint $t) {
            $t->string('slug')->primary();
            $t->morphs('taggable');
        });
        Schema::create('order_tag', function (Blueprint $table) {
            $table->foreignId('order_id');
            $table->foreignId('tag_id');
            $table->primary(['order_id', 'tag_id']);
        });`, "public function down(): void { Schema::dropIfExists('orders'); }"))
	wantSchema(t, s, `
orders(id)
  id bigint
  customer_id bigint
  coupon_id bigint null
  shop_id bigint
  code varchar(20)
  total decimal(10,2) =0
  weight double
  ratio float
  paid boolean =false
  status enum =new
  meta json null
  ref uuid
  deleted_at timestamp null
  created_at timestamp null
  updated_at timestamp null
  fk customer_id -> customers(id) on delete cascade
  fk coupon_id -> coupons(id) on delete set null
  fk shop_id -> shops(id) on delete restrict
  unique index code
  index ref
  unique index customer_id,code
tags(slug)
  slug varchar(255)
  taggable_type varchar(255)
  taggable_id bigint
  index taggable_type,taggable_id
order_tag(order_id,tag_id)
  order_id bigint
  tag_id bigint
`)
	if m := s.Migrations[0]; m.Reversible != "yes" || len(m.Destructive) != 0 || s.Tool != "laravel" {
		t.Errorf("migration %+v tool %q", m, s.Tool)
	}
	if c := s.Tables[0].Column("code"); c.At.Line != 14 {
		t.Errorf("code at line %d, want 14", c.At.Line)
	}
	if ix := s.Tables[0].Indexes[0]; ix.Name != "orders_code_unique" {
		t.Errorf("default index name %q", ix.Name)
	}
}

func TestLaravelAlterTable(t *testing.T) {
	s := migrate(t,
		"database/migrations/2024_01_01_000000_create_users_table.php", laravelMigration(`
        Schema::create('users', function (Blueprint $table) {
            $table->increments('id');
            $table->string('mail');
            $table->string('nick')->unique();
            $table->string('legacy');
        });
        Schema::create('posts', function (Blueprint $table) {
            $table->id();
            $table->foreignId('user_id')->constrained();
        });`, ""),
		"database/migrations/2024_02_01_000000_alter.php", laravelMigration(`
        Schema::table('users', function (Blueprint $table) {
            $table->renameColumn('mail', 'email');
            $table->dropColumn(['legacy']);
            $table->dropUnique('users_nick_unique');
            $table->text('nick')->nullable()->change();
            $table->integer('age')->default(18)->after('email');
        });
        Schema::table('posts', function (Blueprint $table) {
            $table->dropForeign(['user_id']);
        });
        Schema::rename('posts', 'articles');
        Schema::drop('sessions');`, `    public function down(): void
    {
    }`))
	wantSchema(t, s, `
users(id)
  id integer
  email varchar(255)
  nick text null
  age integer =18
articles(id)
  id bigint
  user_id bigint
`)
	if s.Migrations[0].Reversible != "no" {
		t.Errorf("no down(): reversible %q", s.Migrations[0].Reversible)
	}
	m := s.Migrations[1]
	if m.Reversible != "no" {
		t.Errorf("empty down(): reversible %q", m.Reversible)
	}
	if len(m.Destructive) != 2 || m.Destructive[0].Line != 10 || m.Destructive[1].Line != 19 {
		t.Errorf("destructive %v, want dropColumn and Schema::drop", m.Destructive)
	}
}

func TestLaravelNotSchema(t *testing.T) {
	// A seeder-like file with no up(), and Schema calls in down() only,
	// build nothing.
	s := migrate(t,
		"database/migrations/2024_01_01_000000_x.php", "<?php\nclass X { public function run() { Schema::create('a', function (Blueprint $t) { $t->id(); }); } }",
		"database/migrations/2024_01_02_000000_y.php", laravelMigration("", "public function down() { Schema::create('b', function (Blueprint $t) { $t->id(); }); }"),
		"app/Models/User.php", "<?php Schema::create('c', function (Blueprint $t) { $t->id(); });")
	if len(s.Tables) != 0 {
		t.Errorf("tables from no up(): %s", schematest.Compact(s.Tables))
	}
}

// FuzzLaravelSchema: half-written migrations must never panic and every
// step points at a line of the file.
func FuzzLaravelSchema(f *testing.F) {
	for _, s := range []string{
		laravelMigration("Schema::create('a', function (Blueprint $t) { $t->foreignId('b_id')->constrained()->cascadeOnDelete(); });", "public function down() { Schema::drop('a'); }"),
		"function up() { Schema::create(", "function up() { Schema::table('a', function ($t) { $t->", "Schema::", "function up() {",
		"function up() { Schema::create('a', function ($t) { $t->foreign('x')->references(",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, m := range readLaravelMigration(scan.File{Path: "database/migrations/x.php", Data: data}).Migrations {
			for _, op := range m.Ops {
				if op.At.Line < 1 || op.At.Line > lines {
					t.Fatalf("step at line %d of %d", op.At.Line, lines)
				}
			}
		}
	})
}
