"""Find what makes a workspace unreadable, naming the project and the field, before anything loads it.

SQLite's ``quick_check`` sees a damaged page, not a hand-edited value: a budget of ``abc``, a
``goals`` column that is no JSON list, a year of 2^63 or a table dropped by a repair tool made
the ORM fail half-way through loading, with a message that named nothing (and took the GUI down).
This scan reads the raw values of every column that needs more than SQLite's own types and
reports each bad one with its place, so the clerk (or support) knows what is wrong where.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Connection, Table

from perfdesk.domain.limits import FRACTION_DIGITS, INTEGER_DIGITS, YEAR_MAX, YEAR_MIN, number_problem, year_problem
from perfdesk.models.entities import Base
from perfdesk.models.library import LibraryEntry as LibraryEntry  # its table is in Base.metadata only once imported
from perfdesk.models.types import EnumText, ExactDecimal

#: How many problems a report lists (the rest are counted).
REPORT_LIMIT = 5

TABLE_NAMES = {
    "library_entry": "指标库条目",
    "department": "部门",
    "unit": "预算单位",
    "sub_goal": "分项绩效目标",
    "measure": "工作保障措施",
    "project": "项目",
    "indicator": "指标",
}
FIELD_NAMES = {
    "budget": "预算数",
    "fiscal_funds": "财政拨款",
    "other_funds": "其他资金",
    "plan_3": "资金支出计划（3月底）",
    "plan_6": "资金支出计划（6月底）",
    "plan_10": "资金支出计划（10月底）",
    "plan_12": "资金支出计划（12月底）",
    "goals": "年度目标",
    "indicators": "指标列表",
    "kept_empty": "保留的空项",
    "section": "所属部分",
    "fiscal_year": "预算年度",
    "years": "使用年度",
    "history": "历年指标值",
    "origin": "来源",
}


def find_damage(conn: Connection) -> list[str]:
    """Every problem found, one sentence each (empty when the workspace reads cleanly)."""
    present = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        label = TABLE_NAMES.get(table.name, table.name)
        if table.name not in present:
            problems.append(f"缺少数据表“{table.name}”（{label}）")
            continue
        columns = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{table.name}")')}
        missing = [c.name for c in table.columns if c.name not in columns]
        if missing:
            problems.append(f"数据表“{table.name}”（{label}）缺少列：{'、'.join(missing)}")
            continue
        problems += _bad_values(conn, table)
    return problems


def describe_damage(problems: list[str]) -> str:
    """The report as the error message shows it."""
    shown = "；\n".join(problems[:REPORT_LIMIT])
    more = f"；\n……另有 {len(problems) - REPORT_LIMIT} 处" if len(problems) > REPORT_LIMIT else ""
    return f"工作区文件已损坏，无法打开：\n{shown}{more}。\n可以从备份恢复：文件 → 恢复备份…"


def _checked_columns(table: Table) -> list[str]:
    names = [c.name for c in table.columns if isinstance(c.type, (ExactDecimal, JSON, EnumText))]
    if table.name == "department":
        names.append("fiscal_year")
    return names


#: The JSON a column's Python type stands for: (SQLite's json_type of the whole, of each item).
_JSON_SHAPES = {"list[str]": ("array", "text"), "list[int]": ("array", "integer"), "dict[str, str]": ("object", "text")}
_SHAPE_WORDS = {"list[str]": "文本列表", "list[int]": "整数列表", "dict[str, str]": "文本对照表"}


def _annotation(table: Table, column: str) -> str:
    """``list[str]`` for a column declared ``Mapped[list[str]]`` (the mapped class's annotation), else ""."""
    for mapper in Base.registry.mappers:
        if table in mapper.tables:
            for cls in mapper.class_.__mro__:
                declared = getattr(cls, "__annotations__", {}).get(column)
                if declared is not None:
                    text = str(declared).replace(" ", "").replace(",", ", ")
                    return text.removeprefix("Mapped[").removesuffix("]")
    return ""


def _suspect(table: Table, kind: Any, column: str) -> str:
    """A SQL condition true for every value that may be bad (and for few good ones): only those reach Python.

    Reading every value into Python cost a third of a second on a 1,000-project workspace.
    """
    col = f'"{column}"'
    if column == "fiscal_year":
        return f"typeof({col}) != 'integer' OR {col} NOT BETWEEN {YEAR_MIN} AND {YEAR_MAX}"
    if isinstance(kind, ExactDecimal):
        return (
            f"typeof({col}) != 'text' OR {col} = '' OR {col} GLOB '*[^0-9.-]*' "
            f"OR length({col}) > {INTEGER_DIGITS} OR {col} GLOB '*.{'?' * (FRACTION_DIGITS + 1)}*'"
        )
    if isinstance(kind, EnumText):
        allowed = ", ".join(f"'{member.value}'" for member in kind.enum)
        return f"{col} NOT IN ({allowed})"
    shape = _JSON_SHAPES.get(_annotation(table, column))
    if shape is None:
        return f"typeof({col}) != 'text' OR json_valid({col}) = 0"
    container, item = shape
    return (
        f"typeof({col}) != 'text' OR json_valid({col}) = 0 OR json_type({col}) != '{container}' "
        f"OR EXISTS (SELECT 1 FROM json_each({col}) WHERE type != '{item}')"
    )


def _bad_values(conn: Connection, table: Table) -> list[str]:
    naming = [c for c in ("name", "title", "code") if c in table.columns]
    problems = []
    for column in _checked_columns(table):
        kind = table.columns[column].type
        selected = ", ".join(f'"{c}"' for c in ["id", *naming, column])
        suspect = _suspect(table, kind, column)
        query = f'SELECT {selected} FROM "{table.name}" WHERE "{column}" IS NOT NULL AND ({suspect})'
        for row in conn.exec_driver_sql(query):
            values = dict(zip(["id", *naming, column], row, strict=True))
            wrong = _problem(kind, column, values[column], _annotation(table, column))
            if wrong is not None:
                problems.append(f"{_place(table.name, values)}的“{FIELD_NAMES.get(column, column)}”{wrong}")
    return problems


def _place(table: str, values: dict[str, Any]) -> str:
    label = TABLE_NAMES.get(table, table)
    name = next((str(values[c]) for c in ("name", "title") if values.get(c)), "")
    code = f"（编码 {values['code']}）" if values.get("code") else ""
    return f"{label}“{name[:40]}”{code}" if name else f"{label}（第 {values['id']} 条记录）"


def _problem(kind: Any, column: str, raw: Any, declared: str = "") -> str | None:
    if raw is None:
        return None
    if column == "fiscal_year":
        if not isinstance(raw, int):
            return f"不是整数（{_shown(raw)}）"
        year = year_problem(raw)
        return f"不对：{year}" if year else None
    if isinstance(kind, ExactDecimal):
        try:
            amount = Decimal(str(raw))
        except InvalidOperation:
            return f"不是金额（{_shown(raw)}）"
        too_big = number_problem(amount) if len(str(raw)) < 100 else "数字太长"
        return f"超出范围：{too_big}" if too_big else None
    if isinstance(kind, EnumText):
        allowed = [member.value for member in kind.enum]
        return None if raw in allowed else f"取值无法识别（{_shown(raw)}）"
    try:
        data = json.loads(raw) if isinstance(raw, str) else _NOT_JSON
    except ValueError:
        data = _NOT_JSON
    if data is _NOT_JSON:
        return f"不是{_SHAPE_WORDS.get(declared, '有效的数据')}（{_shown(raw)}）"
    if declared in _SHAPE_WORDS and not _fits(data, declared):
        return f"不是{_SHAPE_WORDS[declared]}（{_shown(raw)}）"
    return None


_NOT_JSON = object()


def _fits(data: Any, declared: str) -> bool:
    if declared == "dict[str, str]":
        return isinstance(data, dict) and all(isinstance(v, str) for v in data.values())
    item = str if declared == "list[str]" else int
    return isinstance(data, list) and all(isinstance(v, item) and not isinstance(v, bool) for v in data)


def _shown(raw: Any) -> str:
    text = str(raw) if not isinstance(raw, int) or abs(raw) < 10**30 else "很长的数字"
    return f"「{text[:20]}…」" if len(text) > 20 else f"「{text}」"
