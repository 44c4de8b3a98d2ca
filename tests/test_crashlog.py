"""Error logs keep the error and the place, never the clerk's data (project names, codes, amounts)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from perfdesk.crashlog import OMITTED, format_exception
from perfdesk.models import open_workspace


def test_a_database_error_is_logged_without_its_sql_or_parameters(workspace_2024: Path) -> None:
    secret = "".join(["机密项目", "名称-", str(1234567.89)])  # built at run time: the log shows source lines
    with open_workspace(workspace_2024) as workspace, workspace.engine.connect() as conn:
        with pytest.raises(IntegrityError) as raised:
            conn.execute(text("INSERT INTO department (name, fiscal_year) VALUES (:n, NULL)"), {"n": secret})
        assert secret in str(raised.value)  # SQLAlchemy's own text carries the data
    logged = format_exception(raised.type, raised.value, raised.tb)
    assert secret not in logged
    assert "[SQL" not in logged
    assert "[parameters" not in logged
    assert "sqlite3.IntegrityError: NOT NULL constraint failed: department." in logged
    assert "test_crashlog.py" in logged  # the place


def test_other_errors_keep_their_type_and_place_but_not_their_text() -> None:
    name, code = "巨鹿县" + "司法局 法律援助经费 183.59", "1305" + "2924P00584012128B"  # not in the source lines

    def fails() -> None:
        raise ValueError(name)

    try:
        try:
            fails()
        except ValueError as exc:
            raise KeyError(code) from exc
    except KeyError as exc:
        logged = format_exception(type(exc), exc, exc.__traceback__)
    assert name not in logged
    assert code not in logged
    assert "builtins.ValueError: " + OMITTED in logged
    assert "builtins.KeyError: " + OMITTED in logged
    assert "in fails" in logged
    assert logged.index("ValueError") < logged.index("KeyError")  # the cause first, as Python prints it


def test_errors_about_code_and_the_system_keep_their_reason() -> None:
    with pytest.raises(AttributeError) as raised:
        getattr(None, "missing")  # noqa: B009 - the point: an AttributeError about code
    assert "'NoneType' object has no attribute 'missing'" in format_exception(raised.type, raised.value, raised.tb)
    error = sqlite3.OperationalError("database is locked")
    assert "database is locked" not in format_exception(type(error), error, None)  # a bare driver error: text dropped
    path = "/home/clerk/" + "巨鹿县" + ".perfdesk"
    disk = OSError(28, "No space left on device", path)
    logged = format_exception(type(disk), disk, None)
    assert "errno 28 (No space left on device)" in logged
    assert path not in logged


def test_a_check_that_cannot_finish_says_why_in_chinese() -> None:
    from decimal import InvalidOperation

    from perfdesk.services.checking import describe_failure

    assert describe_failure(InvalidOperation([InvalidOperation])) == (
        "程序内部错误（InvalidOperation），请把工作区文件发给技术支持。"
    )  # once shown as 检查未能完成：[<class 'decimal.InvalidOperation'>]
    assert "没有损坏" in describe_failure(sqlite3.OperationalError("database is locked"))
