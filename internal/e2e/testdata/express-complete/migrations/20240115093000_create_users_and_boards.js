exports.up = async (knex) => {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('email').notNullable().unique();
    t.string('password_hash').notNullable();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('boards', (t) => {
    t.increments('id');
    t.string('name', 100).notNullable();
    t.integer('owner_id').unsigned().notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.timestamps(true, true);
  });
};

exports.down = async (knex) => {
  await knex.schema.dropTable('boards');
  await knex.schema.dropTable('users');
};
