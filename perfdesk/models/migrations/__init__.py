"""Alembic migrations of the workspace schema, run in code when a file is opened."""
