"""Alembic environment: migrations always run on a connection handed over in code."""

from alembic import context

from perfdesk.models.entities import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - perfdesk never runs alembic offline
    raise RuntimeError("perfdesk migrations run only through perfdesk.models.migrations.runner")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite needs batch mode for ALTER TABLE
)
with context.begin_transaction():
    context.run_migrations()
