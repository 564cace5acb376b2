exports.up = (knex) =>
  knex.schema.createTable('cards', (t) => {
    t.increments('id');
    t.string('title', 200).notNullable();
    t.text('description');
    t.integer('position').notNullable().defaultTo(0);
    t.integer('board_id').unsigned().notNullable().references('id').inTable('boards').onDelete('CASCADE');
    t.timestamps(true, true);
  });

exports.down = (knex) => knex.schema.dropTable('cards');
