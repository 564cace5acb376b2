package python

import "testing"

const saModels = `from datetime import datetime
from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, String, Numeric, UniqueConstraint, Index, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class User(TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True, index=True)
    name: Mapped[Optional[str]] = mapped_column(String(80))
    nickname: Mapped[str | None]
    orders: Mapped[list["Order"]] = relationship(back_populates="user")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("user_id", "number", name="uq_user_number"), Index("ix_orders_total", "total"))

    id = Column(Integer, primary_key=True)
    number = Column("order_no", String(20), nullable=False)
    total = Column(Numeric(10, 2), default=0)
    user_id = Column(ForeignKey(User.id, ondelete="CASCADE"), nullable=False)
    user = relationship("User", back_populates="orders")


class Note(Base):
    """Notes: id = Column(String) in a docstring is no column."""
    __tablename__ = "notes"
    id = mapped_column(Integer, primary_key=True)
    body = mapped_column(String)
`

func TestSQLAlchemyModels(t *testing.T) {
	s := readAll(t, sqlalchemyReader, "app/models.py", saModels)
	if s.Source != "models" || s.Tool != "sqlalchemy" {
		t.Fatalf("source %q tool %q", s.Source, s.Tool)
	}
	wantTables(t, tablesOf(s), []string{
		"users pk(id) | created_at timestamp=now() | id integer | email varchar(255) | name varchar(80)? | nickname varchar? | uq ix_users_email(email)",
		"orders pk(id) | id integer | order_no varchar(20) | total numeric(10,2)?=0 | user_id integer | fk user_id->users(id) cascade | uq uq_user_number(user_id,number) | ix ix_orders_total(total)",
		"notes pk(id) | id integer | body varchar?",
	})
	if tb := s.Table("orders"); tb.Source.Line != 26 || tb.ForeignKeys[0].At.Line != 33 {
		t.Errorf("orders at %d, its reference at %d", tb.Source.Line, tb.ForeignKeys[0].At.Line)
	}
}

func TestFlaskSQLAlchemyAndSQLModel(t *testing.T) {
	s := readAll(t, sqlalchemyReader, "app/models.py", `from app import db

class UserRole(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    label = db.Column(db.String(40), nullable=False, unique=True)
    created = db.Column(db.DateTime(timezone=True), server_default=db.text("now()"))
`, "app/tables.py", `from typing import Optional
from sqlmodel import Field, Relationship, SQLModel


class HeroBase(SQLModel):
    name: str = Field(index=True, max_length=100)
    age: Optional[int] = None


class Team(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    headquarters: str


class Hero(HeroBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: Optional[int] = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    team: Optional[Team] = Relationship(back_populates="heroes")


class HeroRead(HeroBase):
    id: int
`)
	wantTables(t, tablesOf(s), []string{
		"user_role pk(id) | id integer | label varchar(40) | created timestamptz?=now() | uq (label)",
		"team pk(id) | id integer | headquarters varchar",
		"hero pk(id) | name varchar(100) | age integer? | id integer | team_id integer? | fk team_id->team(id) set null | ix ix_hero_name(name)",
	})
}

func TestSQLAlchemyNegative(t *testing.T) {
	for p, src := range map[string]string{
		// Pydantic schemas with the same names are not tables.
		"app/schemas.py": "from pydantic import BaseModel\n\nclass User(BaseModel):\n    id: int\n    email: str\n\nclass Config:\n    mapped_column = 1\n",
		// A mixin alone, and an abstract base.
		"app/base.py": "class IdMixin:\n    id = Column(Integer, primary_key=True)\n\nclass Base(DeclarativeBase):\n    __abstract__ = True\n    id: Mapped[int] = mapped_column(primary_key=True)\n",
		// Migrations are the migration readers'.
		"migrations/versions/x.py": "class T(Base):\n    __tablename__ = 't'\n    id = Column(Integer, primary_key=True)\n",
		// A Django model file.
		"shop/models.py": "from django.db import models\n\nclass T(models.Model):\n    __tablename__ = 'x'\n",
	} {
		s := readAll(t, sqlalchemyReader, p, src)
		if len(s.Tables) != 0 {
			t.Errorf("%s: tables %v", p, tablesOf(s))
		}
	}
}

// TestModelsKeptBesideMigrations: with alembic revisions the schema is
// theirs, and the models are kept for the drift check.
func TestModelsKeptBesideMigrations(t *testing.T) {
	var found []foundFile
	found = append(found, foundFile{alembicReader, "migrations/versions/a1_init.py", alembicInit})
	found = append(found, foundFile{sqlalchemyReader, "app/models.py", saModels})
	s := buildFound(t, found)
	if s.Source != "migrations" || s.Table("order_tags") == nil {
		t.Fatalf("schema source %q tables %v", s.Source, tablesOf(s))
	}
	if got := modelsOf(s); len(got) != 3 || s.Models[0].Name != "users" {
		t.Errorf("models kept: %v", got)
	}
}

// TestSQLAlchemyAssociationTablesAndCookiecutter: module-level Table()
// association tables, and cookiecutter-flask's SurrogatePK mixin and
// reference_col helper (gothinkster/flask-realworld-example-app).
func TestSQLAlchemyAssociationTablesAndCookiecutter(t *testing.T) {
	s := readAll(t, sqlalchemyReader, "conduit/articles/models.py", `from conduit.database import Column, Model, SurrogatePK, db, reference_col

tag_assoc = db.Table("tag_assoc",
                     db.Column("tag", db.Integer, db.ForeignKey("tags.id")),
                     db.Column("article", db.Integer, db.ForeignKey("article.id", ondelete="CASCADE")))
not_a_table = Table


class Article(SurrogatePK, Model):
    __tablename__ = 'article'
    slug = Column(db.Text, unique=True)
    author_id = reference_col('userprofile', nullable=False)
    editor_id = reference_col('userprofile', nullable=True, ondelete="SET NULL")
`)
	wantTables(t, tablesOf(s), []string{
		"article pk(id) | id integer | slug text? | author_id integer | editor_id integer? | fk author_id->userprofile(id) | fk editor_id->userprofile(id) set null | uq (slug)",
		"tag_assoc pk() | tag integer? | article integer? | fk tag->tags(id) | fk article->article(id) cascade",
	})
}
