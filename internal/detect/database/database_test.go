package database

import (
	"slices"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// run feeds files to a fresh detector the way the collector does and
// returns the facts it writes.
func run(t *testing.T, st facts.Stack, files map[string]string) *facts.Facts {
	t.Helper()
	d := New()
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		f := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			f.Data = []byte(files[p])
		}
		d.Scan(f)
	}
	inv := &facts.Facts{Stack: st}
	d.Finish(inv)
	return inv
}

func deps(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

type want struct {
	engines    []string
	relational bool
	orm        string
	models     int
	tool       string
	count      int
	dir        string
	relations  bool
}

func check(t *testing.T, f *facts.Facts, w want) {
	t.Helper()
	db := f.Database
	if w.engines != nil && !slices.Equal(db.Engines, w.engines) {
		t.Errorf("engines = %v, want %v (evidence %v)", db.Engines, w.engines, db.Evidence)
	}
	if db.Relational != w.relational {
		t.Errorf("relational = %v, want %v (engines %v)", db.Relational, w.relational, db.Engines)
	}
	if db.ORM != w.orm {
		t.Errorf("orm = %q, want %q", db.ORM, w.orm)
	}
	if db.Models != w.models {
		t.Errorf("models = %d, want %d (evidence %v)", db.Models, w.models, db.ModelEvidence)
	}
	tool := w.tool
	if tool == "" {
		tool = "none"
	}
	if f.Migrations.Tool != tool || f.Migrations.Count != w.count {
		t.Errorf("migrations = %s/%d, want %s/%d (evidence %v)", f.Migrations.Tool, f.Migrations.Count, tool, w.count, f.Migrations.Evidence)
	}
	if w.dir != "" && f.Migrations.Dir != w.dir {
		t.Errorf("migrations dir = %q, want %q", f.Migrations.Dir, w.dir)
	}
	if f.Relationships != w.relations {
		t.Errorf("relationships = %v, want %v (evidence %v)", f.Relationships, w.relations, f.RelationEvidence)
	}
	if f.Relationships && len(f.RelationEvidence) == 0 {
		t.Errorf("relationships without evidence")
	}
	if db.Models > 0 && len(db.ModelEvidence) == 0 {
		t.Errorf("models without evidence")
	}
	for _, l := range append(append([]facts.Location{}, f.RelationEvidence...), db.ModelEvidence...) {
		if l.Path == "" {
			t.Errorf("evidence without a path: %+v", l)
		}
	}
}

const alembicEnv = `[alembic]
script_location = migrations
`

func TestFastAPI(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "fastapi", Manifest: "requirements.txt",
		Dependencies: deps("fastapi", "sqlalchemy", "alembic", "psycopg2-binary")}
	files := map[string]string{
		"alembic.ini": alembicEnv,
		"app/db/base_class.py": `from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
`,
		"app/models/user.py": `from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base_class import Base


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    items: Mapped[list["Item"]] = relationship(back_populates="owner")
`,
		"app/models/item.py": `from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base_class import Base


class TimestampedBase(Base):
    __abstract__ = True


class Item(TimestampedBase):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    owner: Mapped["User"] = relationship(back_populates="items")
`,
		"app/schemas.py": `from pydantic import BaseModel


class UserOut(BaseModel):
    id: int
    email: str
`,
		"migrations/env.py": `from alembic import context
target_metadata = None
`,
		"migrations/versions/1a2b3c_create_users.py": `"""create users

Revision ID: 1a2b3c
"""
from alembic import op
import sqlalchemy as sa

revision: str = "1a2b3c"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))
`,
		"migrations/versions/4d5e6f_create_items.py": `from alembic import op
import sqlalchemy as sa

revision = "4d5e6f"
down_revision = "1a2b3c"


def upgrade():
    op.create_table(
        "items",
        sa.Column("owner_id", sa.Integer(), sa.ForeignKey("users.id")),
    )
`,
		"docker-compose.yml":   "services:\n  db:\n    image: postgres:16-alpine\n",
		"tests/test_models.py": "from app.models.user import User\nclass FakeUser(User):\n    pass\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "sqlalchemy", models: 2,
		tool: "alembic", count: 2, dir: "migrations/versions", relations: true})
}

func TestFastAPIWeak(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "fastapi", Dependencies: deps("fastapi", "pymongo")}
	files := map[string]string{
		"main.py": `from fastapi import FastAPI
from pymongo import MongoClient

# TODO: use a ForeignKey( to users once we move to SQL
client = MongoClient("mongodb://localhost:27017")
app = FastAPI()
`,
		"schemas.py": "from pydantic import BaseModel\n\nclass Item(BaseModel):\n    name: str\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mongodb"}, relational: false, orm: "", models: 0})
}

func TestSQLModel(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "fastapi", Dependencies: deps("fastapi", "sqlmodel")}
	files := map[string]string{
		"app/models.py": `from sqlmodel import Field, Relationship, SQLModel


class HeroBase(SQLModel):
    name: str


class Team(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)


class Hero(HeroBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: int | None = Field(default=None, foreign_key="team.id")


class HeroCreate(HeroBase):
    pass
`,
		"app/db.py": `engine = create_engine("sqlite:///database.db")`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"sqlite"}, relational: true, orm: "sqlmodel", models: 2, relations: true})
}

func TestDjango(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "django", Manifest: "requirements.txt",
		Dependencies: deps("django", "djangorestframework", "psycopg2")}
	files := map[string]string{
		"config/settings.py": `DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("POSTGRES_DB"),
    }
}
`,
		"shop/models.py": `from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    pass


class TimeStamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Product(TimeStamped):
    name = models.CharField(max_length=100)


class Order(TimeStamped):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    products = models.ManyToManyField(Product)
`,
		"shop/migrations/__init__.py":            "",
		"shop/migrations/0001_initial.py":        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    initial = True\n",
		"shop/migrations/0002_order_products.py": "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    pass\n",
		"shop/serializers.py":                    "from rest_framework import serializers\n\nclass OrderSerializer(serializers.ModelSerializer):\n    pass\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "django-orm", models: 3,
		tool: "django", count: 2, dir: "shop/migrations", relations: true})
}

// Two apps' first migrations: two versions in two folders, one each.
func TestDjangoTwoInitialMigrations(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django")}
	initial := "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    initial = True\n"
	f := run(t, st, map[string]string{
		"account/models.py":                  "from django.db import models\n\nclass Profile(models.Model):\n    bio = models.TextField()\n",
		"account/migrations/0001_initial.py": initial,
		"shop/migrations/0001_initial.py":    initial,
	})
	m := f.Migrations
	if m.Tool != "django" || m.Count != 2 || m.Folders != 2 || m.DirCount != 1 {
		t.Errorf("migrations = %+v, want 2 django versions in 2 folders, 1 in %s", m, m.Dir)
	}
	f = run(t, st, map[string]string{
		"shop/migrations/0001_initial.py":   initial,
		"shop/migrations/0002_auto.py":      initial,
		"prisma/migrations/x/migration.sql": "CREATE TABLE a (id int);",
	})
	if m := f.Migrations; m.Count != 2 || m.Folders != 1 || m.DirCount != 2 {
		t.Errorf("one app with two versions = %+v, want 1 folder holding both", m)
	}
}

func TestDjangoWeak(t *testing.T) {
	// No DATABASES engine and only migrations/__init__.py: Django's default
	// SQLite, no migration versions; ForeignKey in a comment is no relation.
	st := facts.Stack{Language: "python", Framework: "django", Dependencies: deps("django")}
	files := map[string]string{
		"notes/models.py": `from django.db import models

# later: author = models.ForeignKey(User)
class Note(models.Model):
    text = models.TextField()
`,
		"notes/migrations/__init__.py": "",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"sqlite"}, relational: true, orm: "django-orm", models: 1})
}

func TestFlask(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "flask", Dependencies: deps("flask", "flask-sqlalchemy", "flask-migrate", "pymysql")}
	files := map[string]string{
		"app/models.py": `from app import db


class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    books = db.relationship("Book", backref="author")


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    author_id = db.Column(db.Integer, db.ForeignKey("author.id"))
`,
		"app/database.py":                      "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\nModel = db.Model\n\n\nclass SurrogatePK(object):\n    pass\n",
		"app/tags.py":                          "from app.database import Model, SurrogatePK\n\n\nclass Tag(SurrogatePK, Model):\n    pass\n",
		"app/config.py":                        `SQLALCHEMY_DATABASE_URI = os.getenv("DATABASE_URL", "mysql+pymysql://app@localhost/app")`,
		"migrations/alembic.ini":               alembicEnv,
		"migrations/versions/a1_initial.py":    "revision = 'a1'\ndown_revision = None\n",
		"migrations/versions/README":           "",
		"migrations/versions/b2_add_column.py": "revision = 'b2'\ndown_revision = 'a1'\n",
		"migrations/versions/c3_more.py":       "revision = 'c3'\ndown_revision = 'b2'\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mysql"}, relational: true, orm: "sqlalchemy", models: 3,
		tool: "alembic", count: 3, relations: true})
}

func TestFlaskWeak(t *testing.T) {
	st := facts.Stack{Language: "python", Framework: "flask", Dependencies: deps("flask")}
	files := map[string]string{
		"app.py": `from flask import Flask
app = Flask(__name__)
items = []  # no database; a relationship( would be nice
`,
	}
	f := run(t, st, files)
	check(t, f, want{relational: false})
	if len(f.Database.Engines) != 0 {
		t.Errorf("engines = %v, want none", f.Database.Engines)
	}
}

func TestSpringBootMaven(t *testing.T) {
	st := facts.Stack{Language: "java", Framework: "spring-boot", Manifest: "pom.xml",
		Dependencies: deps("spring-boot-starter-data-jpa", "org.postgresql:postgresql", "postgresql", "flyway-core", "com.h2database:h2", "h2")}
	files := map[string]string{
		"src/main/resources/application.yml": "spring:\n  datasource:\n    url: jdbc:postgresql://localhost:5432/shop\n  jpa:\n    hibernate:\n      ddl-auto: validate\n",
		"src/test/resources/application.yml": "spring:\n  datasource:\n    url: jdbc:h2:mem:testdb\n",
		"src/main/java/com/shop/domain/Customer.java": `package com.shop.domain;

import jakarta.persistence.*;
import java.util.List;

@Entity
@Table(name = "customers")
public class Customer {
    @Id @GeneratedValue private Long id;
    @OneToMany(mappedBy = "customer")
    private List<Order> orders;
}
`,
		"src/main/java/com/shop/domain/Order.java": `package com.shop.domain;

import jakarta.persistence.*;

@Entity
@Table(name = "orders")
@EntityListeners(AuditingEntityListener.class)
public class Order {
    @Id @GeneratedValue private Long id;
    @ManyToOne
    @JoinColumn(name = "customer_id")
    private Customer customer;
}
`,
		"src/main/java/com/shop/ShopApplication.java":              "@SpringBootApplication\n@EntityScan\npublic class ShopApplication {}\n",
		"src/main/resources/db/migration/V1__create_customers.sql": "CREATE TABLE customers (id BIGSERIAL PRIMARY KEY);\n",
		"src/main/resources/db/migration/V2__create_orders.sql":    "CREATE TABLE orders (\n  id BIGSERIAL PRIMARY KEY,\n  customer_id BIGINT REFERENCES customers(id)\n);\n",
		"src/main/resources/db/migration/R__views.sql":             "CREATE OR REPLACE VIEW v AS SELECT 1;\n",
		"src/test/resources/db/migration/V99__test_data.sql":       "INSERT INTO customers VALUES (1);\n",
	}
	f := run(t, st, files)
	check(t, f, want{relational: true, orm: "jpa", models: 2, tool: "flyway", count: 2,
		dir: "src/main/resources/db/migration", relations: true})
	if !slices.Contains(f.Database.Engines, "postgres") || !slices.Contains(f.Database.Engines, "h2") {
		t.Errorf("engines = %v, want postgres and h2", f.Database.Engines)
	}
}

func TestSpringBootGradleKotlinH2Only(t *testing.T) {
	st := facts.Stack{Language: "kotlin", Framework: "spring-boot", Manifest: "build.gradle.kts",
		Dependencies: deps("spring-boot-starter-data-jpa", "com.h2database:h2", "h2")}
	files := map[string]string{
		"src/main/resources/application.properties": "# spring.datasource.url=jdbc:postgresql://localhost/db\nspring.datasource.url=jdbc:h2:mem:notes\n",
		"src/main/kotlin/notes/Note.kt": `package notes

import jakarta.persistence.Entity
import jakarta.persistence.Id

// @ManyToOne author later
@Entity
class Note(@Id var id: Long? = null, var text: String = "")
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"h2"}, relational: true, orm: "jpa", models: 1})
}

func TestLiquibase(t *testing.T) {
	st := facts.Stack{Language: "java", Framework: "spring-boot", Dependencies: deps("liquibase-core", "mysql-connector-j")}
	files := map[string]string{
		"src/main/resources/db/changelog/db.changelog-master.yaml": "databaseChangeLog:\n  - include:\n      file: db/changelog/changes/001-init.xml\n",
		"src/main/resources/db/changelog/changes/001-init.xml": `<databaseChangeLog>
  <changeSet id="1" author="me"><createTable tableName="book"/></changeSet>
  <changeSet id="2" author="me">
    <addForeignKeyConstraint baseTableName="book" baseColumnNames="author_id" constraintName="fk_book_author" referencedTableName="author" referencedColumnNames="id"/>
  </changeSet>
</databaseChangeLog>
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mysql"}, relational: true, tool: "liquibase", count: 2, relations: true})
}

func TestExpressPrisma(t *testing.T) {
	st := facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("express", "@prisma/client", "prisma")}
	files := map[string]string{
		"prisma/schema.prisma": `generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  author   User @relation(fields: [authorId], references: [id])
  authorId Int
}
`,
		"prisma/migrations/20240101120000_init/migration.sql":      "CREATE TABLE \"User\" (\"id\" SERIAL NOT NULL);\n",
		"prisma/migrations/20240201120000_add_posts/migration.sql": "CREATE TABLE \"Post\" (\"id\" SERIAL);\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\");\n",
		"prisma/migrations/migration_lock.toml":                    "provider = \"postgresql\"\n",
		"src/index.js":                                             "const express = require('express');\nconst app = express();\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "prisma", models: 2,
		tool: "prisma", count: 2, dir: "prisma/migrations/20240101120000_init", relations: true})
}

func TestExpressSequelize(t *testing.T) {
	st := facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("express", "sequelize", "sequelize-cli", "pg")}
	files := map[string]string{
		".sequelizerc": "",
		"models/user.js": `'use strict';
const { Model } = require('sequelize');
module.exports = (sequelize, DataTypes) => {
  class User extends Model {
    static associate(models) {
      User.hasMany(models.Task, { foreignKey: 'userId' });
    }
  }
  User.init({ name: DataTypes.STRING }, { sequelize, modelName: 'User' });
  return User;
};
`,
		"models/task.js": `module.exports = (sequelize, DataTypes) => {
  const Task = sequelize.define('Task', { title: DataTypes.STRING });
  return Task;
};
`,
		"migrations/20240101-create-user.js": `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Users', { id: { type: Sequelize.INTEGER } });
  },
  async down(queryInterface) { await queryInterface.dropTable('Users'); }
};
`,
		"migrations/20240102-create-task.js": `module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Tasks', {
      userId: { type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' } },
    });
  },
};
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "sequelize", models: 2,
		tool: "sequelize", count: 2, dir: "migrations", relations: true})
}

func TestExpressKnex(t *testing.T) {
	st := facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("express", "knex", "pg")}
	files := map[string]string{
		"knexfile.js": "module.exports = { client: 'pg', connection: process.env.DATABASE_URL };\n",
		"db/migrations/20240101_users.js": `exports.up = function (knex) {
  return knex.schema.createTable('users', (t) => { t.increments('id'); });
};
exports.down = (knex) => knex.schema.dropTable('users');
`,
		"db/migrations/20240102_posts.js": `exports.up = (knex) =>
  knex.schema.createTable('posts', (t) => {
    t.integer('user_id').references('id').inTable('users');
  });
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "knex", models: 2,
		tool: "knex", count: 2, relations: true})
}

func TestFrontendOnly(t *testing.T) {
	st := facts.Stack{Language: "javascript", Dependencies: deps("react", "react-dom", "vite")}
	files := map[string]string{
		"src/App.jsx":  "export default function App() { return null }\n",
		"src/main.js":  "import { createApp } from 'vue'\nconst x = { ref: 'input' }\n",
		"package.json": `{"dependencies": {"react": "^18"}}`,
	}
	f := run(t, st, files)
	check(t, f, want{relational: false})
}

func TestMongooseOnly(t *testing.T) {
	st := facts.Stack{Language: "javascript", Framework: "express", Dependencies: deps("express", "mongoose")}
	files := map[string]string{
		"models/User.js": `const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({ name: String });
module.exports = mongoose.model('User', userSchema);
`,
		"models/Post.js": `const { Schema, model } = require('mongoose');
const commentSchema = new Schema({ body: String });
const postSchema = new Schema({
  author: { type: Schema.Types.ObjectId, ref: 'User' },
  comments: [commentSchema],
});
module.exports = model('Post', postSchema);
`,
		".env.example": "MONGO_URI=mongodb://localhost:27017/blog\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mongodb"}, relational: false, orm: "mongoose", models: 2, relations: true})
}

func TestNestJSTypeORM(t *testing.T) {
	st := facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/core", "@nestjs/typeorm", "typeorm", "pg")}
	files := map[string]string{
		"src/users/user.entity.ts": `import { Entity, PrimaryGeneratedColumn, OneToMany } from 'typeorm';
import { Order } from '../orders/order.entity';

@Entity()
export class User {
  @PrimaryGeneratedColumn() id: number;
  @OneToMany(() => Order, (order) => order.user) orders: Order[];
}
`,
		"src/orders/order.entity.ts": `import { Entity, PrimaryGeneratedColumn, ManyToOne } from 'typeorm';

@Entity('orders')
export class Order {
  @PrimaryGeneratedColumn() id: number;
  @ManyToOne(() => User, (user) => user.orders) user: User;
}
`,
		"src/data-source.ts": `import { DataSource } from 'typeorm';
export default new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, synchronize: false });
`,
		"src/migrations/1700000000000-Init.ts": `import { MigrationInterface, QueryRunner } from 'typeorm';
export class Init1700000000000 implements MigrationInterface {
  public async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE "user" ("id" SERIAL NOT NULL)');
  }
  public async down(q: QueryRunner): Promise<void> {}
}
`,
		"src/users/users.service.spec.ts": "@Entity()\nclass Fake {}\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "typeorm", models: 2,
		tool: "typeorm", count: 1, dir: "src/migrations", relations: true})
}

func TestNestJSWeakSynchronize(t *testing.T) {
	// TypeORM with synchronize and no migrations; the relation decorator is
	// only in a comment.
	st := facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/core", "@nestjs/typeorm", "typeorm", "sqlite3")}
	files := map[string]string{
		"src/app.module.ts": `import { TypeOrmModule } from '@nestjs/typeorm';
TypeOrmModule.forRoot({ type: 'sqlite', database: 'db.sqlite', synchronize: true });
`,
		"src/cats/cat.entity.ts": `import { Entity, Column } from 'typeorm';
/* @ManyToOne(() => Owner) owner */
@Entity()
export class Cat { @Column() name: string; }
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"sqlite"}, relational: true, orm: "typeorm", models: 1})
}

func TestNestJSMongoose(t *testing.T) {
	st := facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/core", "@nestjs/mongoose", "mongoose")}
	files := map[string]string{
		"src/cats/schemas/cat.schema.ts": `import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import * as mongoose from 'mongoose';

@Schema()
export class Cat {
  @Prop({ type: mongoose.Schema.Types.ObjectId, ref: 'Owner' }) owner: Owner;
}
export const CatSchema = SchemaFactory.createForClass(Cat);
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mongodb"}, relational: false, orm: "mongoose", models: 1, relations: true})
}

func TestFastifyTS(t *testing.T) {
	st := facts.Stack{Language: "typescript", Framework: "fastify", Dependencies: deps("fastify", "drizzle-orm", "postgres")}
	files := map[string]string{
		"src/db/schema.ts": `import { pgTable, serial, text, integer } from 'drizzle-orm/pg-core';

export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });
export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  authorId: integer('author_id').references(() => users.id),
});
`,
		"drizzle/0000_init.sql":      "CREATE TABLE IF NOT EXISTS \"users\" (\"id\" serial PRIMARY KEY);\n",
		"drizzle/0001_posts.sql":     "CREATE TABLE \"posts\" (\"author_id\" integer);\n",
		"src/server.ts":              "import Fastify from 'fastify';\n",
		"src/routes/users.ts":        "export default async function (app) { app.get('/users', async () => []) }\n",
		"drizzle/meta/_journal.json": "{}",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "drizzle", models: 2,
		tool: "other", count: 2, dir: "drizzle", relations: true})
}

func TestFastifyJSWeak(t *testing.T) {
	st := facts.Stack{Language: "javascript", Framework: "fastify", Dependencies: deps("fastify")}
	files := map[string]string{
		"server.js": "const fastify = require('fastify')();\nconst todos = new Map(); // a .references( would be nice\n",
	}
	f := run(t, st, files)
	check(t, f, want{relational: false})
}

func TestGoGolangMigrate(t *testing.T) {
	st := facts.Stack{Language: "go", Framework: "chi", Manifest: "go.mod",
		Dependencies: deps("github.com/go-chi/chi/v5", "github.com/jackc/pgx/v5", "github.com/golang-migrate/migrate/v4")}
	files := map[string]string{
		"migrations/000001_create_users.up.sql":   "CREATE TABLE users (id BIGSERIAL PRIMARY KEY);\n",
		"migrations/000001_create_users.down.sql": "DROP TABLE users;\n",
		"migrations/000002_create_orders.up.sql": `-- orders belong to users
CREATE TABLE orders (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id)
);
`,
		"migrations/000002_create_orders.down.sql": "DROP TABLE orders;\n",
		"internal/store/store.go": `package store

// Store talks to Postgres through pgx.
type Store struct{ pool *pgxpool.Pool }
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, models: 2,
		tool: "golang-migrate", count: 2, dir: "migrations", relations: true})
}

func TestGoUpDownPairCountsOne(t *testing.T) {
	st := facts.Stack{Language: "go", Framework: "net-http", Dependencies: deps("github.com/lib/pq")}
	files := map[string]string{
		"db/migrations/1_init.up.sql":   "CREATE TABLE notes (id SERIAL PRIMARY KEY);\n",
		"db/migrations/1_init.down.sql": "DROP TABLE notes;\n",
		// A comment that mentions REFERENCES is no relation.
		"db/schema.sql": "-- todo: user_id REFERENCES users\nCREATE TABLE notes (id SERIAL PRIMARY KEY);\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, models: 1, tool: "golang-migrate", count: 1})
}

func TestGinGorm(t *testing.T) {
	st := facts.Stack{Language: "go", Framework: "gin",
		Dependencies: deps("github.com/gin-gonic/gin", "gorm.io/gorm", "gorm.io/driver/mysql")}
	files := map[string]string{
		"models/models.go": `package models

import "gorm.io/gorm"

type User struct {
	gorm.Model
	Name  string
	Posts []Post
}

type Post struct {
	ID       uint
	Title    string ` + "`gorm:\"size:200\"`" + `
	UserID   uint
}

// Category has no gorm marker but is auto-migrated.
type Category struct {
	ID   uint
	Name string
}

type PostDTO struct {
	Title string ` + "`json:\"title\"`" + `
}
`,
		"main.go": `package main

import (
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

func main() {
	db, _ := gorm.Open(mysql.Open(dsn), &gorm.Config{})
	db.AutoMigrate(&models.User{}, &models.Post{}, &models.Category{})
}
`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mysql"}, relational: true, orm: "gorm", models: 3, relations: true})
}

func TestEchoGooseWeak(t *testing.T) {
	// goose with one migration, no foreign keys; an in-memory map store.
	st := facts.Stack{Language: "go", Framework: "echo",
		Dependencies: deps("github.com/labstack/echo/v4", "github.com/mattn/go-sqlite3", "github.com/pressly/goose/v3")}
	files := map[string]string{
		"sql/schema/001_todos.sql": "-- +goose Up\nCREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT);\n\n-- +goose Down\nDROP TABLE todos;\n",
		"main.go":                  "package main\n\nfunc main() { db, _ := sql.Open(\"sqlite3\", \"todo.db\") }\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"sqlite"}, relational: true, models: 1, tool: "goose", count: 1, dir: "sql/schema"})
}

func TestFiberEnt(t *testing.T) {
	st := facts.Stack{Language: "go", Framework: "fiber",
		Dependencies: deps("github.com/gofiber/fiber/v2", "entgo.io/ent", "github.com/lib/pq")}
	files := map[string]string{
		"ent/schema/user.go": `package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
)

type User struct {
	ent.Schema
}

func (User) Edges() []ent.Edge {
	return []ent.Edge{edge.To("pets", Pet.Type)}
}
`,
		"ent/schema/pet.go":            "package schema\n\nimport \"entgo.io/ent\"\n\ntype Pet struct {\n\tent.Schema\n}\n",
		"migrations/atlas.sum":         "h1:abc=\n20240101_init.sql h1:def=\n",
		"migrations/20240101_init.sql": "CREATE TABLE users (id bigint);\n",
		"migrations/20240201_pets.sql": "CREATE TABLE pets (owner_id bigint REFERENCES users(id));\n",
		"atlas.hcl":                    "env \"local\" { url = \"postgres://localhost/app\" }\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "ent", models: 2,
		tool: "atlas", count: 2, dir: "migrations", relations: true})
}

func TestMostVersionsWins(t *testing.T) {
	st := facts.Stack{Language: "go", Framework: "net-http"}
	files := map[string]string{
		"db/migrations/001_a.sql":    "CREATE TABLE a (id int);\n",
		"sql/1_a.up.sql":             "CREATE TABLE b (id int);\n",
		"sql/2_b.up.sql":             "ALTER TABLE b ADD c int;\n",
		"sql/2_b.down.sql":           "ALTER TABLE b DROP c;\n",
		"migrations/tests/001_x.sql": "CREATE TABLE t (id int);\n",
	}
	f := run(t, st, files)
	if f.Migrations.Tool != "golang-migrate" || f.Migrations.Count != 2 {
		t.Errorf("migrations = %+v, want golang-migrate/2", f.Migrations)
	}
}

func TestRailsAndEFCorePaths(t *testing.T) {
	f := run(t, facts.Stack{Language: "ruby", Framework: "rails", Dependencies: deps("rails", "pg")}, map[string]string{
		"db/migrate/20240101000000_create_posts.rb":    "class CreatePosts < ActiveRecord::Migration[7.1]\n  def change\n    create_table :posts do |t|\n      t.references :user, foreign_key: true\n    end\n  end\nend\n",
		"db/migrate/20240102000000_create_comments.rb": "class CreateComments < ActiveRecord::Migration[7.1]\nend\n",
		"app/models/post.rb":                           "class Post < ApplicationRecord\n  belongs_to :user\nend\n",
		"app/models/application_record.rb":             "class ApplicationRecord < ActiveRecord::Base\n  primary_abstract_class\nend\n",
	})
	check(t, f, want{engines: []string{"postgres"}, relational: true, orm: "activerecord", models: 2, tool: "rails", count: 2, relations: true})

	f = run(t, facts.Stack{Language: "csharp", Framework: "aspnet", Dependencies: deps("microsoft.entityframeworkcore.sqlserver")}, map[string]string{
		"Api/Migrations/20240101120000_Init.cs":          "public partial class Init : Migration {}\n",
		"Api/Migrations/20240101120000_Init.Designer.cs": "partial class Init {}\n",
		"Api/Migrations/AppDbContextModelSnapshot.cs":    "class AppDbContextModelSnapshot : ModelSnapshot {}\n",
		"Api/Data/AppDbContext.cs":                       "public class AppDbContext : DbContext {\n  public DbSet<Book> Books => Set<Book>();\n  public DbSet<Author> Authors { get; set; }\n}\n",
	})
	check(t, f, want{engines: []string{"sqlserver"}, relational: true, orm: "ef-core", models: 2, tool: "efcore", count: 1})
}

func TestBadInput(t *testing.T) {
	// Binary-ish, invalid UTF-8, unterminated comments and huge lines must
	// not panic.
	big := make([]byte, 200000)
	for i := range big {
		big[i] = 'a'
	}
	files := map[string]string{
		"a.py":               "class X(\xff\xfe",
		"b.sql":              "/* never closed CREATE TABLE x (",
		"c.go":               "type X struct {",
		"d.prisma":           "model X {",
		"e.ts":               string(big),
		"migrations/f.sql":   "\x00\x01",
		"docker-compose.yml": "image:",
	}
	f := run(t, facts.Stack{}, files)
	if f.Migrations.Tool == "" {
		t.Errorf("migrations tool empty; want none or a tool")
	}
}

func TestGinJinzhuGormIndirectDrivers(t *testing.T) {
	// go.mod lists the drivers only as indirect, so the stack has none; the
	// dialect import and gorm.Open name the engine.
	st := facts.Stack{Language: "go", Framework: "gin", Dependencies: deps("github.com/gin-gonic/gin", "github.com/jinzhu/gorm")}
	files := map[string]string{
		"common/database.go": `package common

import (
	"github.com/jinzhu/gorm"
	_ "github.com/jinzhu/gorm/dialects/sqlite"
)

func Init() *gorm.DB {
	db, _ := gorm.Open("sqlite3", "./../gorm.db")
	return db
}
`,
		"users/models.go": "package users\n\nimport \"github.com/jinzhu/gorm\"\n\ntype UserModel struct {\n\tID uint `gorm:\"primary_key\"`\n\tBio string `gorm:\"size:1024\"`\n}\n\ntype FollowModel struct {\n\tgorm.Model\n\tFollowing UserModel\n\tFollowingID uint\n}\n",
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"sqlite"}, relational: true, orm: "gorm", models: 2, relations: true})
}

func TestNestJSOrmConfigJSON(t *testing.T) {
	st := facts.Stack{Language: "typescript", Framework: "nestjs", Dependencies: deps("@nestjs/core", "typeorm")}
	files := map[string]string{
		"ormconfig.json.example": `{ "type": "mysql", "host": "localhost", "synchronize": true }`,
	}
	f := run(t, st, files)
	check(t, f, want{engines: []string{"mysql"}, relational: true, orm: "typeorm"})
}

func TestGoBunMigrations(t *testing.T) {
	bunGo := func(table string) string {
		return "package migrations\n\nimport (\n\t\"context\"\n\n\t\"github.com/uptrace/bun\"\n)\n\nfunc init() {\n\tMigrations.MustRegister(func(ctx context.Context, db *bun.DB) error {\n\t\t_, err := db.ExecContext(ctx, `CREATE TABLE " + table + " (id serial PRIMARY KEY)`)\n\t\treturn err\n\t}, func(ctx context.Context, db *bun.DB) error {\n\t\t_, err := db.ExecContext(ctx, `DROP TABLE " + table + "`)\n\t\treturn err\n\t})\n}\n"
	}
	t.Run("go and sql versions in one folder", func(t *testing.T) {
		// go-base: 1_initial.go, 2_bootstrap_users.up.sql/.tx.down.sql, 3_add_profile_table.go.
		st := facts.Stack{Language: "go", Framework: "chi", Dependencies: deps("github.com/go-chi/chi/v5", "github.com/uptrace/bun", "github.com/uptrace/bun/dialect/pgdialect")}
		f := run(t, st, map[string]string{
			"database/migrations/main.go":                       "package migrations\n\nimport \"github.com/uptrace/bun/migrate\"\n\nvar Migrations = migrate.NewMigrations()\n",
			"database/migrations/1_initial.go":                  bunGo("accounts"),
			"database/migrations/2_bootstrap_users.up.sql":      "INSERT INTO accounts DEFAULT VALUES;\n",
			"database/migrations/2_bootstrap_users.tx.down.sql": "DELETE FROM accounts;\n",
			"database/migrations/3_add_profile_table.go":        bunGo("profiles"),
		})
		if f.Migrations.Tool != "other" || f.Migrations.Count != 3 || f.Migrations.Dir != "database/migrations" {
			t.Errorf("migrations = %+v, want other/3 in database/migrations", f.Migrations)
		}
	})
	t.Run("bun sql files only", func(t *testing.T) {
		st := facts.Stack{Language: "go", Framework: "gin", Dependencies: deps("github.com/uptrace/bun")}
		f := run(t, st, map[string]string{
			"migrations/20240101120000_users.up.sql":   "CREATE TABLE users (id serial PRIMARY KEY);\n",
			"migrations/20240101120000_users.down.sql": "DROP TABLE users;\n",
		})
		if f.Migrations.Tool != "other" || f.Migrations.Count != 1 {
			t.Errorf("migrations = %+v, want other/1", f.Migrations)
		}
	})
	t.Run("golang-migrate beside bun keeps its name", func(t *testing.T) {
		st := facts.Stack{Language: "go", Dependencies: deps("github.com/uptrace/bun", "github.com/golang-migrate/migrate/v4")}
		f := run(t, st, map[string]string{
			"migrations/000001_users.up.sql":   "CREATE TABLE users (id serial PRIMARY KEY);\n",
			"migrations/000001_users.down.sql": "DROP TABLE users;\n",
		})
		if f.Migrations.Tool != "golang-migrate" || f.Migrations.Count != 1 {
			t.Errorf("migrations = %+v, want golang-migrate/1", f.Migrations)
		}
	})
	t.Run("go-pg MustRegisterTx", func(t *testing.T) {
		st := facts.Stack{Language: "go", Dependencies: deps("github.com/go-pg/pg/v10", "github.com/go-pg/migrations/v8")}
		f := run(t, st, map[string]string{
			"cmd/migrations/1_create_users.go": "package main\n\nimport \"github.com/go-pg/migrations/v8\"\n\nfunc init() {\n\tmigrations.MustRegisterTx(func(db migrations.DB) error {\n\t\t_, err := db.Exec(`CREATE TABLE users (id serial PRIMARY KEY)`)\n\t\treturn err\n\t})\n}\n",
			"cmd/migrations/2_add_email.go":    "package main\n\nimport \"github.com/go-pg/migrations/v8\"\n\nfunc init() {\n\tmigrations.MustRegisterTx(func(db migrations.DB) error {\n\t\t_, err := db.Exec(`ALTER TABLE users ADD email text`)\n\t\treturn err\n\t})\n}\n",
		})
		if f.Migrations.Tool != "other" || f.Migrations.Count != 2 {
			t.Errorf("migrations = %+v, want other/2", f.Migrations)
		}
	})
	t.Run("gormigrate IDs", func(t *testing.T) {
		st := facts.Stack{Language: "go", Framework: "gin", Dependencies: deps("gorm.io/gorm", "github.com/go-gormigrate/gormigrate/v2")}
		f := run(t, st, map[string]string{
			"internal/db/migrate.go": "package db\n\nimport (\n\t\"github.com/go-gormigrate/gormigrate/v2\"\n\t\"gorm.io/gorm\"\n)\n\nfunc Migrate(db *gorm.DB) error {\n\tm := gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{{\n\t\tID: \"202401011200\",\n\t\tMigrate: func(tx *gorm.DB) error { return tx.AutoMigrate(&User{}) },\n\t}, {\n\t\tID: \"202402011200\",\n\t\tMigrate: func(tx *gorm.DB) error { return tx.AutoMigrate(&Post{}) },\n\t}})\n\treturn m.Migrate()\n}\n",
		})
		if f.Migrations.Tool != "other" || f.Migrations.Count != 2 {
			t.Errorf("migrations = %+v, want other/2", f.Migrations)
		}
	})
	t.Run("a Register(func) outside a migrations folder is no migration", func(t *testing.T) {
		st := facts.Stack{Language: "go", Framework: "net-http", Dependencies: deps("github.com/uptrace/bun")}
		f := run(t, st, map[string]string{
			"internal/plugins/plugins.go": "package plugins\n\nfunc init() {\n\tregistry.MustRegister(func(ctx context.Context) error { return nil })\n\thooks.Register(func() {})\n}\n",
		})
		if f.Migrations.Tool != "none" || f.Migrations.Count != 0 {
			t.Errorf("migrations = %+v, want none", f.Migrations)
		}
	})
}
