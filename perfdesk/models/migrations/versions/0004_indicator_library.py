"""The 指标库: a table of the 三级 indicators the workspace suggests (issue 16).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: PRAGMA user_version after this revision (perfdesk.models.workspace.SCHEMA_VERSION).
SCHEMA_VERSION = 4


def upgrade() -> None:
    op.create_table(
        "library_entry",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(), nullable=False, unique=True),
        sa.Column("level1", sa.String(), nullable=False),
        sa.Column("level2", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("op", sa.String(), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("basis", sa.String(), nullable=True),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("years", sa.JSON(), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("edited", sa.Boolean(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
    )
    op.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def downgrade() -> None:
    op.drop_table("library_entry")
    op.execute(f"PRAGMA user_version={SCHEMA_VERSION - 1}")
