package js

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
)

func TestSequelizeMigrations(t *testing.T) {
	s := readAll(t, map[string]string{
		"migrations/20240101000000-create-user.js": `'use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Users', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      email: { type: Sequelize.STRING, allowNull: false, unique: true },
      price: Sequelize.FLOAT,
      amount: { type: Sequelize.DECIMAL(10, 2), defaultValue: 0 },
      createdAt: { allowNull: false, type: Sequelize.DATE },
    });
    await queryInterface.createTable('Posts', {
      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: Sequelize.INTEGER },
      title: { type: Sequelize.STRING(120) },
      userId: {
        type: Sequelize.INTEGER,
        references: { model: 'Users', key: 'id' },
        onUpdate: 'CASCADE',
        onDelete: 'CASCADE',
      },
    });
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.dropTable('Posts');
    await queryInterface.dropTable('Users');
  },
};
`,
		"migrations/20240201000000-alter.js": `module.exports = {
  up: async (queryInterface, Sequelize) => {
    await queryInterface.addColumn('Posts', 'editorId', { type: Sequelize.INTEGER, references: { model: { tableName: 'Users' }, key: 'id' }, onDelete: 'SET NULL' });
    await queryInterface.addIndex('Posts', ['userId', 'title'], { unique: true, name: 'posts_user_title' });
    await queryInterface.addIndex('Posts', { fields: ['editorId'] });
    await queryInterface.renameColumn('Users', 'email', 'mail');
    await queryInterface.changeColumn('Posts', 'title', { type: Sequelize.TEXT, allowNull: false });
    await queryInterface.removeColumn('Users', 'price');
    await queryInterface.addConstraint('Users', { fields: ['amount'], type: 'unique', name: 'users_amount_uq' });
  },
  down: async () => {},
};
`,
	})
	eq(t, "source", s.Source+"/"+s.Tool, "migrations/sequelize")
	users := table(t, s.Tables, "Users")
	eq(t, "Users columns", cols(users), []string{"id serial", "mail varchar(255)", "amount decimal(10,2) null =0", "createdAt timestamptz"})
	eq(t, "Users indexes", idxs(users), []string{"mail unique", "amount unique"})
	posts := table(t, s.Tables, "Posts")
	eq(t, "Posts columns", cols(posts), []string{"id serial", "title text", "userId integer null", "editorId integer null"})
	eq(t, "Posts fks", fks(posts), []string{"userId->Users(id) cascade", "editorId->Users(id) set null"})
	eq(t, "Posts indexes", idxs(posts), []string{"userId,title unique", "editorId"})
	eq(t, "reversible", []string{s.Migrations[0].Reversible, s.Migrations[1].Reversible}, []string{"yes", "no"})
	eq(t, "destructive", len(s.Migrations[1].Destructive), 1)
}

func TestSequelizeModels(t *testing.T) {
	res := readSequelizeModels(scan.File{Path: "models/post.js", Data: []byte(`const { Model, DataTypes } = require('sequelize');
module.exports = (sequelize) => {
  class Post extends Model {
    static associate(models) {
      Post.belongsTo(models.User, { foreignKey: { name: 'authorId', allowNull: false } });
      Post.belongsToMany(models.Tag, { through: 'PostTags' });
      Post.hasMany(Comment);
    }
  }
  Post.init({
    title: { type: DataTypes.STRING, allowNull: false },
    price: DataTypes.DOUBLE,
  }, { sequelize, modelName: 'Post' });
  const Comment = sequelize.define('Comment', { body: DataTypes.TEXT }, { tableName: 'comments', timestamps: false });
  return Post;
};
`)})
	if len(res.Models) != 3 {
		t.Fatalf("models = %d: %+v", len(res.Models), res.Models)
	}
	posts := table(t, res.Models, "Posts")
	eq(t, "Posts columns", cols(posts), []string{"id serial", "title varchar(255)", "price double null", "createdAt timestamptz", "updatedAt timestamptz", "authorId integer"})
	eq(t, "Posts fks", fks(posts), []string{"authorId->Users(id) no action"})
	comments := table(t, res.Models, "comments")
	eq(t, "comments columns", cols(comments), []string{"id serial", "body text null", "PostId integer null"})
	eq(t, "comments fks", fks(comments), []string{"PostId->Posts(id) set null"})
	jt := table(t, res.Models, "PostTags")
	eq(t, "join pk", jt.PrimaryKey, []string{"PostId", "TagId"})
	eq(t, "join fks", fks(jt), []string{"PostId->Posts(id) cascade", "TagId->Tags(id) cascade"})
}

func TestSequelizeModelsNeedSequelize(t *testing.T) {
	// init() calls of other libraries, in a file with and without Sequelize.
	res := readSequelizeModels(scan.File{Path: "src/app.js", Data: []byte("const app = express(); i18n.init({ locales: ['en'] }, { directory: 'x' });")})
	if len(res.Models) != 0 {
		t.Fatalf("got %+v", res.Models)
	}
	res = readSequelizeModels(scan.File{Path: "src/db.js", Data: []byte("const sequelize = new Sequelize(url); Sentry.init({ dsn: 'x' }, { debug: true });")})
	if len(res.Models) != 0 {
		t.Fatalf("got %+v", res.Models)
	}
}
