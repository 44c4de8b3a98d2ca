"""A project's amounts copied by 复制为下一年度 wait for the clerk's review (``project.amounts_to_review``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: PRAGMA user_version after this revision (perfdesk.models.workspace.SCHEMA_VERSION).
SCHEMA_VERSION = 5


def upgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("amounts_to_review", sa.Boolean(), nullable=False, server_default="0"))
    op.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def downgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.drop_column("amounts_to_review")
    op.execute("PRAGMA user_version=4")
