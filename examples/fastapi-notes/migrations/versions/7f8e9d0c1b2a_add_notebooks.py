"""add notebooks

Revision ID: 7f8e9d0c1b2a
Revises: 1a2b3c4d5e6f
Create Date: 2026-09-16 18:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = "7f8e9d0c1b2a"
down_revision = "1a2b3c4d5e6f"


def upgrade():
    op.create_table(
        "notebooks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("owner_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
    )
    op.add_column("notes", sa.Column("notebook_id", sa.Integer, sa.ForeignKey("notebooks.id"), nullable=True))


def downgrade():
    op.drop_column("notes", "notebook_id")
    op.drop_table("notebooks")
