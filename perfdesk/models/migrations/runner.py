"""Run the Alembic migrations programmatically (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).parent  # absolute already; resolve() would rewrite a mapped drive as a share


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision in the shipped migration scripts."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def upgrade_to_head(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to the newest schema."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
