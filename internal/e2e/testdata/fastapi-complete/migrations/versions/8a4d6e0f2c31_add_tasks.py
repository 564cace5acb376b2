"""add tasks

Revision ID: 8a4d6e0f2c31
Revises: 3f1c2a9b7d10
Create Date: 2024-01-29 18:40:02.553210
"""
import sqlalchemy as sa
from alembic import op

revision = "8a4d6e0f2c31"
down_revision = "3f1c2a9b7d10"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("tasks")
