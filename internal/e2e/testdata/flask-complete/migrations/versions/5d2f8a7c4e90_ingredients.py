"""ingredients

Revision ID: 5d2f8a7c4e90
Revises: 1b6e3c0d9a21
Create Date: 2024-02-02 19:27:45.118034

"""
import sqlalchemy as sa
from alembic import op

revision = "5d2f8a7c4e90"
down_revision = "1b6e3c0d9a21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "ingredients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("quantity", sa.String(length=50), nullable=True),
        sa.Column("recipe_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["recipe_id"], ["recipes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade():
    op.drop_table("ingredients")
