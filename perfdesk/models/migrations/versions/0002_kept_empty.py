"""Remember which optional JSON keys a source gave as null or empty (``kept_empty``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: PRAGMA user_version after this revision (perfdesk.models.workspace.SCHEMA_VERSION).
SCHEMA_VERSION = 2

TABLES = ("department", "unit", "sub_goal", "measure", "project", "indicator")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("kept_empty", sa.JSON(), nullable=False, server_default="[]"))
    op.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("kept_empty")
    op.execute("PRAGMA user_version=1")
