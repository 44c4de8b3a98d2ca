"""Initial workspace schema.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from perfdesk.models.types import ExactDecimal

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

#: PRAGMA user_version after this revision (perfdesk.models.workspace.SCHEMA_VERSION).
SCHEMA_VERSION = 1
APPLICATION_ID = 0x5046444B


def upgrade() -> None:
    op.create_table(
        "department",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("draft", sa.Boolean(), nullable=True),
        sa.Column("prepared_by", sa.String(), nullable=True),
        sa.Column("reviewed_by", sa.String(), nullable=True),
        sa.Column("framework", sa.String(), nullable=True),
        sa.Column("overall_goal", sa.Text(), nullable=False),
        sa.Column("has_special_funds", sa.Boolean(), nullable=False),
        sa.Column("name_label", sa.String(), nullable=False),
        sa.Column("number_style", sa.String(), nullable=False),
        sa.Column("goal_style", sa.String(), nullable=False),
        sa.Column("percent_sign", sa.Boolean(), nullable=False),
        sa.Column("font_set", sa.String(), nullable=False),
        sa.UniqueConstraint("name", "fiscal_year", name="uq_department_year"),
    )
    _child(
        "unit",
        [
            sa.Column("code", sa.String(), nullable=True),
            sa.Column("name", sa.String(), nullable=False),
        ],
    )
    _child(
        "sub_goal",
        [
            sa.Column("title", sa.String(), nullable=False),
            sa.Column("goal", sa.Text(), nullable=True),
            sa.Column("indicators", sa.JSON(), nullable=False),
        ],
    )
    _child(
        "measure",
        [
            sa.Column("title", sa.String(), nullable=False),
            sa.Column("text", sa.Text(), nullable=True),
        ],
    )
    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("department_id", sa.Integer(), sa.ForeignKey("department.id", ondelete="CASCADE"), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("budget", ExactDecimal(), nullable=False),
        sa.Column("fiscal_funds", ExactDecimal(), nullable=True),
        sa.Column("other_funds", ExactDecimal(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column("plan_3", ExactDecimal(), nullable=True),
        sa.Column("plan_6", ExactDecimal(), nullable=True),
        sa.Column("plan_10", ExactDecimal(), nullable=True),
        sa.Column("plan_12", ExactDecimal(), nullable=True),
        sa.Column("goals", sa.JSON(), nullable=False),
    )
    op.create_index("ix_project_department_id", "project", ["department_id"])
    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("project.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("level1", sa.String(), nullable=False),
        sa.Column("level2", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("op", sa.String(), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("unit", sa.String(), nullable=True),
        sa.Column("basis", sa.String(), nullable=True),
    )
    op.create_index("ix_indicator_project_id", "indicator", ["project_id"])
    op.execute(f"PRAGMA application_id={APPLICATION_ID}")
    op.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _child(name: str, columns: list[sa.Column]) -> None:
    """A table owned by a department, kept in order by ``position``."""
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("department_id", sa.Integer(), sa.ForeignKey("department.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *columns,
    )


def downgrade() -> None:
    for table in ("indicator", "project", "measure", "sub_goal", "unit", "department"):
        op.drop_table(table)
