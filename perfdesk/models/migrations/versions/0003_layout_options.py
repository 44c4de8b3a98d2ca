"""Layout options of the JSON format: the department's ``spending_plan`` and a project's ``goal_style``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: PRAGMA user_version after this revision (perfdesk.models.workspace.SCHEMA_VERSION).
SCHEMA_VERSION = 3


def upgrade() -> None:
    with op.batch_alter_table("department") as batch:
        batch.add_column(sa.Column("spending_plan", sa.Boolean(), nullable=False, server_default="1"))
    with op.batch_alter_table("project") as batch:
        batch.add_column(sa.Column("goal_style", sa.String(), nullable=True))
    op.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def downgrade() -> None:
    with op.batch_alter_table("project") as batch:
        batch.drop_column("goal_style")
    with op.batch_alter_table("department") as batch:
        batch.drop_column("spending_plan")
    op.execute("PRAGMA user_version=2")
