package python

import (
	"slices"
	"testing"
)

const alembicInit = `"""init

Revision ID: a1
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision: str = "a1"
down_revision: Union[str, None] = None


def upgrade() -> None:
    # op.create_table("commented_out")
    op.create_table(
        "users",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("bio", sa.Text()),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("meta", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
    )
    op.create_table("orders",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", postgresql.UUID(), sa.ForeignKey("users.id", ondelete="SET NULL"), index=True),
        sa.Column("total", sa.Numeric(10, 2), nullable=False),
        sa.Column("price", sa.Float(), nullable=False),
        sa.Column("status", sa.Enum("new", "paid", name="order_status"), nullable=False),
        sa.Column("code", sa.String(20), unique=True, nullable=False),
        sa.CheckConstraint("total >= 0"),
    )
    op.create_table("tags", sa.Column("id", sa.Integer(), nullable=False), sa.Column("name", sa.String(50), nullable=False), sa.PrimaryKeyConstraint("id"))
    op.create_table(
        "order_tags",
        sa.Column("order_id", sa.BigInteger(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tag_id"], ["public.tags.id"], name="fk_tag"),
        sa.PrimaryKeyConstraint("order_id", "tag_id"),
    )
    op.execute("INSERT INTO tags (name) VALUES ('x')")


def downgrade() -> None:
    op.drop_table("order_tags")
    op.drop_table("tags")
    op.drop_table("orders")
    op.drop_table("users")
`

const alembicSecond = `revision = 'b2'
down_revision = 'a1'

def upgrade():
    op.add_column('users', sa.Column('phone', sa.String(30), nullable=True))
    op.add_column("orders", sa.Column("tag_id", sa.Integer(), sa.ForeignKey("tags.id"), nullable=True))
    op.alter_column("users", "bio", new_column_name="about", existing_type=sa.Text(), nullable=False)
    op.alter_column("orders", "price", type_=sa.Numeric(precision=12, scale=2), existing_nullable=False)
    op.create_index(op.f("ix_orders_status_total"), "orders", ["status", "total"], unique=False)
    op.create_foreign_key(None, "order_tags", "tags", ["tag_id"], ["id"], ondelete="CASCADE")
    op.create_unique_constraint("uq_tags_name", "tags", ["name"])
    op.drop_index("ix_orders_user_id", table_name="orders")
    op.drop_constraint("fk_tag", "order_tags", type_="foreignkey")
    op.drop_column("orders", "code")
    op.rename_table("tags", "labels")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nickname", sa.Unicode(40)))
        batch_op.create_index(batch_op.f("ix_users_nickname"), ["nickname"], unique=True)
        batch_op.alter_column("phone", existing_type=sa.String(30), nullable=False)
    op.create_table("scratch", sa.Column("id", sa.Integer, primary_key=True))
    op.drop_table("scratch")


def downgrade():
    pass
`

func TestAlembicRevisions(t *testing.T) {
	// The second revision first: down_revision orders them.
	s := readAll(t, alembicReader,
		"migrations/versions/b2_more.py", alembicSecond,
		"migrations/versions/a1_init.py", alembicInit)
	if s.Source != "migrations" || s.Tool != "alembic" {
		t.Fatalf("source %q tool %q", s.Source, s.Tool)
	}
	wantTables(t, tablesOf(s), []string{
		"users pk(id) | id uuid | email varchar(320) | about text | is_active boolean=true | created_at timestamptz?=now() | meta jsonb? | phone varchar(30) | nickname varchar(40)? | uq uq_users_email(email) | uq ix_users_nickname(nickname)",
		"orders pk(id) | id bigint | user_id uuid? | total numeric(10,2) | price numeric(12,2) | status enum | tag_id integer? | fk user_id->users(id) set null | fk tag_id->labels(id) | ix ix_orders_status_total(status,total)",
		"labels pk(id) | id integer | name varchar(50) | uq uq_tags_name(name)",
		"order_tags pk(order_id,tag_id) | order_id bigint | tag_id integer | fk order_id->orders(id) cascade | fk tag_id->labels(id) cascade",
	})
	if len(s.Migrations) != 2 || s.Migrations[0].At.Path != "migrations/versions/a1_init.py" {
		t.Fatalf("migrations = %+v", s.Migrations)
	}
	first, second := s.Migrations[0], s.Migrations[1]
	if first.Reversible != "yes" || len(first.Destructive) != 0 {
		t.Errorf("init: reversible %q destructive %v", first.Reversible, first.Destructive)
	}
	// downgrade() is only pass; drop_column and drop_table destroy data.
	if second.Reversible != "no" {
		t.Errorf("second: reversible %q, want no", second.Reversible)
	}
	var lines []int
	for _, l := range second.Destructive {
		lines = append(lines, l.Line)
	}
	if !slices.Equal(lines, []int{14, 21}) {
		t.Errorf("destructive lines = %v, want [14 21]", lines)
	}
	users := s.Table("users")
	if users.Source.Line != 16 || users.Column("email").At.Line != 19 {
		t.Errorf("users at line %d, email at %d", users.Source.Line, users.Column("email").At.Line)
	}
}

func TestAlembicNegative(t *testing.T) {
	for name, src := range map[string]string{
		// No revision: a versions/ folder of something else.
		"no revision": "def upgrade():\n    op.create_table('x', sa.Column('id', sa.Integer))\n",
		// op.* in a docstring or comment is not a step; downgrade only.
		"text only": "revision = 'c3'\ndown_revision = None\n\ndef upgrade():\n    \"\"\"op.create_table('ghost')\"\"\"\n    # op.create_table('ghost2')\n    pass\n\ndef downgrade():\n    op.create_table('back', sa.Column('id', sa.Integer))\n",
		// Another object's create_table is not alembic's.
		"other receiver": "revision = 'd4'\ndef upgrade():\n    engine.create_table('t')\n    myop.create_table('u')\n",
	} {
		s := readAll(t, alembicReader, "alembic/versions/x.py", src)
		if len(s.Tables) != 0 {
			t.Errorf("%s: tables %v", name, tablesOf(s))
		}
	}
	s := readAll(t, alembicReader, "alembic/versions/x.py", "revision = 'c3'\ndown_revision = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    \"\"\"Nothing to undo.\"\"\"\n    pass\n")
	if len(s.Migrations) != 1 || s.Migrations[0].Reversible != "no" {
		t.Errorf("an empty downgrade is not a way back: %+v", s.Migrations)
	}
	if alembicReader.Path.MatchString("app/versions.py") || !alembicReader.Path.MatchString("db/versions/001_x.py") {
		t.Errorf("alembic path pattern")
	}
}

func TestAlembicMergeRevision(t *testing.T) {
	s := readAll(t, alembicReader,
		"v/versions/m.py", "revision = 'm'\ndown_revision = ('x', 'y')\ndef upgrade():\n    op.add_column('t', sa.Column('c', sa.Integer))\n",
		"v/versions/y.py", "revision = 'y'\ndown_revision = 'x'\ndef upgrade():\n    op.drop_column('t', 'c')\n",
		"v/versions/x.py", "revision = 'x'\ndown_revision = None\ndef upgrade():\n    op.create_table('t', sa.Column('id', sa.Integer, primary_key=True), sa.Column('c', sa.String))\n")
	// x creates c, y drops it, m (after both) adds it back as integer.
	wantTables(t, tablesOf(s), []string{"t pk(id) | id integer | c integer?"})
}

// TestAlembicHelpers: upgrade() calling the file's own functions (as
// nsidnev/fastapi-realworld-example-app does), and columns spliced in
// with *timestamps().
func TestAlembicHelpers(t *testing.T) {
	s := readAll(t, alembicReader, "app/db/migrations/versions/f1_main.py", `revision = "f1"
down_revision = None


def timestamps():
    return (
        sa.Column("created_at", sa.TIMESTAMP(timezone=True), nullable=False, server_default=func.now()),
        sa.Column("updated_at", sa.TIMESTAMP(timezone=True), nullable=False, server_default=func.now()),
    )


def create_users_table() -> None:
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), *timestamps())


def create_follows() -> None:
    op.create_table("follows", sa.Column("a", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False))
    op.create_primary_key("pk_follows", "follows", ["a"])
    create_follows()


def unused() -> None:
    op.create_table("never")


def upgrade() -> None:
    create_users_table()
    create_follows()
    upgrade()


def downgrade() -> None:
    op.drop_table("follows")
`)
	wantTables(t, tablesOf(s), []string{
		"users pk(id) | id integer | created_at timestamptz=now() | updated_at timestamptz=now()",
		"follows pk(a) | a integer | fk a->users(id) cascade",
	})
}
