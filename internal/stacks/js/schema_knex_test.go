package js

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

func TestKnexCreateAlterDrop(t *testing.T) {
	s := readAll(t, map[string]string{
		"db/migrations/20240101_init.js": `exports.up = function (knex) {
  return knex.schema
    .createTable('users', (table) => {
      table.increments('id');
      table.string('email', 120).notNullable().unique();
      table.decimal('balance', 10, 2);
      table.float('price');
      table.boolean('active').defaultTo(true);
      table.timestamps(true, true);
    })
    .createTable('posts', function (t) {
      t.bigIncrements();
      t.integer('user_id').unsigned().references('id').inTable('users').onDelete('CASCADE');
      t.integer('editor_id').references('users.id').onDelete('set null');
      t.uuid('ref').notNullable();
      t.timestamp('published_at', { useTz: true });
      t.specificType('tags', 'TEXT[]');
      t.index(['user_id', 'published_at'], 'posts_user_published');
      t.unique(['ref']);
    })
    .createTable('post_tags', (t) => {
      t.integer('post_id').notNullable();
      t.integer('tag_id').notNullable();
      t.primary(['post_id', 'tag_id']);
      t.foreign('post_id').references('posts.id').onDelete('CASCADE');
    })
    .createTable('scratch', (t) => { t.text('x'); });
};

exports.down = function (knex) {
  return knex.schema.dropTable('post_tags').dropTable('posts').dropTable('users');
};
`,
		"db/migrations/20240202_more.js": `// knex.schema.createTable('ghost', ...) in a comment is not a table
exports.up = async (knex) => {
  await knex.schema.alterTable('users', (t) => {
    t.string('name', 80);
    t.renameColumn('email', 'mail');
    t.dropColumn('balance');
    t.boolean('active').notNullable().alter();
  });
  await knex.schema.table('posts', (t) => {
    t.dropForeign(['editor_id']);
    t.index('ref');
  });
  await knex.schema.dropTableIfExists('scratch');
  await knex.schema.renameTable('post_tags', 'taggings');
};
exports.down = async () => {};
`,
	})
	eq(t, "source", s.Source+"/"+s.Tool, "migrations/knex")
	if len(s.Tables) != 3 {
		t.Fatalf("tables = %d, want users, posts, taggings", len(s.Tables))
	}
	users := table(t, s.Tables, "users")
	eq(t, "users columns", cols(users), []string{"id serial", "mail varchar(120)", "price float null", "active boolean", "created_at timestamp =now()", "updated_at timestamp =now()", "name varchar(80) null"})
	eq(t, "users pk", users.PrimaryKey, []string{"id"})
	eq(t, "users indexes", idxs(users), []string{"mail unique"})
	eq(t, "users source", users.Source, facts.Location{Path: "db/migrations/20240101_init.js", Line: 3})
	posts := table(t, s.Tables, "posts")
	eq(t, "posts columns", cols(posts), []string{"id bigserial", "user_id integer null", "editor_id integer null", "ref uuid", "published_at timestamptz null", "tags text[] null"})
	eq(t, "posts fks", fks(posts), []string{"user_id->users(id) cascade"})
	eq(t, "posts indexes", idxs(posts), []string{"user_id,published_at", "ref unique", "ref"})
	eq(t, "posts fk line", posts.ForeignKeys[0].At.Line, 13)
	tags := table(t, s.Tables, "taggings")
	eq(t, "taggings pk", tags.PrimaryKey, []string{"post_id", "tag_id"})
	eq(t, "taggings fks", fks(tags), []string{"post_id->posts(id) cascade"})

	if len(s.Migrations) != 2 {
		t.Fatalf("migrations = %d", len(s.Migrations))
	}
	eq(t, "first reversible", s.Migrations[0].Reversible, "yes")
	eq(t, "second reversible (empty down)", s.Migrations[1].Reversible, "no")
	eq(t, "destructive steps", len(s.Migrations[1].Destructive), 2) // dropColumn, dropTableIfExists
}

func TestKnexNoDownIsIrreversible(t *testing.T) {
	res := readKnex(scan.File{Path: "migrations/1_a.js", Data: []byte(`export async function up(knex) {
  await knex.schema.createTable('a', (t) => { t.increments(); });
}
`)})
	if len(res.Migrations) != 1 || res.Migrations[0].Reversible != "no" || len(res.Migrations[0].Ops) != 1 {
		t.Fatalf("got %+v", res.Migrations)
	}
}

func TestKnexIgnoresOtherFiles(t *testing.T) {
	s := readAll(t, map[string]string{
		// a seed file and a query file are not migrations
		"db/seeds/01_users.js":  "exports.seed = async (knex) => { await knex('users').insert({ email: 'a' }); };",
		"src/users/repo.js":     "const knex = require('knex'); knex.schema.createTable('x', (t) => { t.increments(); });",
		"migrations/helpers.js": "module.exports = { knex: 1 };",
	})
	if len(s.Tables) != 0 || len(s.Migrations) != 0 {
		t.Fatalf("read tables from files that are no migrations: %+v", s.Tables)
	}
}
