"""Read a perfdesk/1 JSON document into the domain model, or refuse it whole.

``read_document`` checks the entire document before anything is built, so a
bad file is refused with one message naming the place, and nothing of it
reaches a workspace. ``import_into`` then writes the departments in one
transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from perfdesk.domain.amounts import AmountError, parse_amount
from perfdesk.domain.frameworks import all_frameworks, is_known
from perfdesk.domain.limits import year_problem
from perfdesk.domain.values import OPERATORS, value_problem
from perfdesk.errors import DepartmentExists, InputError
from perfdesk.importers.remarks import Remark
from perfdesk.importers.rows import Rows, insert_rows
from perfdesk.interchange.json_schema import FORMAT_ID, OBJECT_NAMES, SCHEMA, Key, Kind
from perfdesk.layout.options import layout_values
from perfdesk.models import (
    INDICATOR_FIELDS,
    SPENDING_MONTHS,
    Base,
    Collection,
    Department,
    Indicator,
    Measure,
    Project,
    ProjectSection,
    SubGoal,
    Unit,
    Workspace,
)


def load_json_file(path: str | Path) -> Any:
    """Parse a JSON file (UTF-8, with or without BOM), keeping numbers exact.

    Raises:
        InputError: missing, unreadable, not UTF-8, or not JSON (with line and column).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("找不到这个文件。", str(path)) from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）。", str(path)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"文件不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节处），不是 perfdesk JSON 文件。",
            str(path),
        ) from exc
    return parse_json_text(text, str(path))


def parse_json_text(text: str, where: str = "JSON") -> Any:
    """Parse JSON text with exact decimals; duplicate keys, NaN and absurdly long numbers are refused.

    A number longer than any value perfdesk keeps is refused as soon as it is read, before Python
    builds it: a 5,000-digit integer would exceed ``int``'s conversion limit, and ``1e999999999``
    cost 12 s and 2 GB once it reached the amount formatter.
    """
    try:
        return json.loads(
            text,
            parse_float=_bounded_decimal,
            parse_int=_bounded_int,
            parse_constant=_refuse_constant,
            object_pairs_hook=_no_duplicate_keys,
        )
    except _NumberTooLong as exc:
        line = text.count("\n", 0, max(text.find(exc.text), 0)) + 1
        raise InputError(
            f"第 {line} 行的数字“{exc.text[:20]}…”太长（{len(exc.text)} 个字符），不是 perfdesk 文件中会有的值。", where
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列有语法错误（{exc.msg}）。", where
        ) from exc
    except _DuplicateKey as exc:
        raise InputError(f"JSON 对象中键“{exc.key}”出现了两次。", where) from exc
    except RecursionError as exc:
        raise InputError("JSON 嵌套层次过深，不是 perfdesk 文件。", where) from exc


#: Longest number literal read at all: an amount or a year is far shorter (perfdesk.domain.limits).
NUMBER_LITERAL_MAX = 40


class _NumberTooLong(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text[:40])
        self.text = text


def _bounded_int(text: str) -> int:
    if len(text) > NUMBER_LITERAL_MAX:
        raise _NumberTooLong(text)
    return int(text)


def _bounded_decimal(text: str) -> Decimal:
    if len(text) > NUMBER_LITERAL_MAX:
        raise _NumberTooLong(text)
    return Decimal(text)


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise json.JSONDecodeError(f"{name} 不是数字", name, 0)


def read_document(data: Any) -> list[Department]:
    """Validate a parsed document and build (transient) departments from it.

    Raises:
        InputError: the first problem, with its JSON path as ``where``.
    """
    return [rows.build() for rows in document_rows(data)]


def document_rows(data: Any) -> list[Rows]:
    """Validate a parsed document and give each department-year's rows (``import_into`` stores them as they are).

    Raises:
        InputError: the first problem, with its JSON path as ``where``.
    """
    _check_object(data, "document", "")
    if data["format"] != FORMAT_ID:
        raise InputError(f"不支持的格式“{data['format']}”，应为“{FORMAT_ID}”。", "format")
    departments = [_department(item, f"departments[{i}]") for i, item in enumerate(data["departments"])]
    seen: dict[tuple[str, int], int] = {}
    for i, dept in enumerate(departments):
        name, year = dept.values["name"], dept.values["fiscal_year"]
        if (name, year) in seen:
            raise InputError(
                f"部门“{name}”{year}年在文件中出现了两次（另见 departments[{seen[name, year]}]）。",
                f"departments[{i}]",
            )
        seen[name, year] = i
    return departments


# --- validation -------------------------------------------------------------------


def _check_object(obj: Any, kind: str, path: str) -> None:
    """Check one object and, recursively, the objects it holds."""
    schema = SCHEMA[kind]
    if not isinstance(obj, dict):
        raise InputError(f"应为{OBJECT_NAMES[kind]}对象 {{…}}，实际是{_type_name(obj)}。", path or "文件顶层")
    for key in obj:
        if key not in schema:
            raise InputError(
                f"未知的键“{key}”（{OBJECT_NAMES[kind]}可用的键：{'、'.join(schema)}）。",
                _join(path, key),
            )
    for key, spec in schema.items():
        where = _join(path, key)
        if key not in obj:
            if spec.required:
                raise InputError(f"缺少必填的键“{key}”。", where)
            continue
        _check_value(obj[key], spec, where)


def _check_value(value: Any, spec: Key, where: str) -> None:
    if value is None:
        if not spec.nullable:
            raise InputError(f"不能为 null，应为{spec.kind.value}。", where)
        return
    kind = spec.kind
    if kind is Kind.TEXT:
        _expect(isinstance(value, str), value, spec, where)
        _valid_text(value, where)
        if spec.non_empty and not value.strip():
            raise InputError("不能为空。", where)
    elif kind is Kind.INTEGER:
        _expect(isinstance(value, int) and not isinstance(value, bool), value, spec, where)
    elif kind is Kind.BOOLEAN:
        _expect(isinstance(value, bool), value, spec, where)
    elif kind is Kind.AMOUNT:
        _amount(value, where)
    elif kind is Kind.OPERATOR:
        if value not in OPERATORS:
            raise InputError(f"运算符“{value}”无效，应为 {' '.join(OPERATORS)} 之一，或 null 表示定性指标。", where)
    elif kind is Kind.TEXT_LIST:
        _expect(isinstance(value, list), value, spec, where)
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise InputError(f"应为文本，实际是{_type_name(item)}。", f"{where}[{i}]")
            _valid_text(item, f"{where}[{i}]")
    elif kind is Kind.OBJECT_LIST:
        _expect(isinstance(value, list), value, spec, where)
        for i, item in enumerate(value):
            _check_object(item, spec.items or "", f"{where}[{i}]")
    elif kind is Kind.SPENDING_PLAN:
        _check_spending_plan(value, spec, where)
    elif kind is Kind.CHOICE:
        if value not in spec.choices:
            shown = "、".join(f"“{choice}”" for choice in spec.choices)
            raise InputError(f"取值“{value}”无效，应为 {shown} 之一。", where)
    elif kind is Kind.OBJECT:
        _check_object(value, spec.items or "", where)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(value: str, where: str) -> None:
    """Text must be real Unicode: a lone surrogate (``\\ud800``) cannot be stored or printed."""
    match = _LONE_SURROGATE.search(value)
    if match:
        raise InputError(f"文本中有无效的字符（第 {match.start() + 1} 个字符 U+{ord(match.group()):04X}）。", where)


def _check_spending_plan(value: Any, spec: Key, where: str) -> None:
    _expect(isinstance(value, dict), value, spec, where)
    for month, amount in value.items():
        if month not in SPENDING_MONTHS:
            raise InputError(
                f'未知的键“{month}”，资金支出计划只有 "3" "6" "10" "12"（月底）。',
                _join(where, month),
            )
        if amount is not None:
            _amount(amount, _join(where, month))


def _amount(value: Any, where: str) -> Decimal:
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise InputError(exc.message, where) from exc
    raise InputError(f'应为金额（如 "14.00"），实际是{_type_name(value)}。', where)


def _expect(ok: bool, value: Any, spec: Key, where: str) -> None:
    if not ok:
        raise InputError(f"应为{spec.kind.value}，实际是{_type_name(value)}。", where)


def _type_name(value: Any) -> str:
    if value is None:
        return " null"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, Decimal)):
        return f"数字 {value}"
    if isinstance(value, str):
        return f"文本“{value[:20]}”"
    if isinstance(value, list):
        return "列表 […]"
    if isinstance(value, dict):
        return "对象 {…}"
    return type(value).__name__


def _join(path: str, key: str) -> str:
    if key.isdigit():
        return f'{path}["{key}"]'
    return f"{path}.{key}" if path else key


# --- building -----------------------------------------------------------------------


def _department(data: dict[str, Any], path: str) -> Rows:
    """A department's rows from its object, which ``document_rows`` has checked (with the whole document)."""
    framework = data.get("framework")
    if framework is not None and not is_known(framework):
        raise InputError(f"未知的指标体系“{framework}”，可用：{'、'.join(all_frameworks())}。", f"{path}.framework")
    year_wrong = year_problem(data["fiscal_year"])
    if year_wrong is not None:
        raise InputError(f"{year_wrong}。", f"{path}.fiscal_year")
    values = _given(
        name=data["name"],
        fiscal_year=data["fiscal_year"],
        title=data.get("title"),
        draft=data.get("draft"),
        prepared_by=data.get("prepared_by"),
        reviewed_by=data.get("reviewed_by"),
        framework=framework,
        overall_goal=data["overall_goal"],
        has_special_funds=data.get("special_funds") is not None,
        kept_empty=_kept_empty(data, "department"),
    )
    units = [
        _given(code=u.get("code"), name=u["name"], kept_empty=_kept_empty(u, "unit")) for u in data.get("units") or []
    ]
    sub_goals = [
        _given(
            title=g["title"],
            goal=g.get("goal"),
            indicators=list(g.get("indicators") or []),
            kept_empty=_kept_empty(g, "sub_goal"),
        )
        for g in data.get("sub_goals") or []
    ]
    measures = [
        _given(title=m["title"], text=m.get("text"), kept_empty=_kept_empty(m, "measure"))
        for m in data.get("measures") or []
    ]
    special = [_project(p, f"{path}.special_funds[{i}]") for i, p in enumerate(data.get("special_funds") or [])]
    projects = [_project(p, f"{path}.projects[{i}]") for i, p in enumerate(data.get("projects") or [])]
    return Rows(
        Department,
        values | layout_values(framework, data.get("layout")),
        {
            Collection.UNITS: _listed(Unit, units),
            Collection.SUB_GOALS: _listed(SubGoal, sub_goals),
            Collection.MEASURES: _listed(Measure, measures),
            Collection.SPECIAL_FUNDS: _listed(Project, special, section=ProjectSection.SPECIAL),
            Collection.PROJECTS: _listed(Project, projects, section=ProjectSection.BUDGET),
        },
    )


def _listed(cls: type[Base], items: Sequence[dict[str, Any] | Rows], **more: Any) -> list[Rows]:
    """An ordered list's rows: each with its ``position`` (and ``more``), as the ORM's ordered lists set them."""
    listed = []
    for position, item in enumerate(items):
        rows = item if isinstance(item, Rows) else Rows(cls, item)
        rows.values.update(more, position=position)
        listed.append(rows)
    return listed


def _kept_empty(data: dict[str, Any], kind: str) -> list[str]:
    """The optional keys given as null or empty, so an export writes them back the same way."""
    kept = [
        key for key, spec in SCHEMA[kind].items() if not spec.required and key in data and data[key] in (None, [], {})
    ]
    plan = data.get("spending_plan") if kind == "project" else None
    if isinstance(plan, dict):
        kept += [f"spending_plan.{month}" for month, value in plan.items() if value is None]
    return kept


def _optional_amount(value: Any) -> Decimal | None:
    return None if value is None else parse_amount(value)


def _project(data: dict[str, Any], path: str) -> Rows:
    for i, indicator in enumerate(data.get("indicators") or []):
        wrong = value_problem(indicator.get("value"))
        if wrong is not None:
            raise InputError(f"指标值{wrong}。", f"{path}.indicators[{i}].value")
    plan = data.get("spending_plan") or {}
    values = _given(
        code=data["code"],
        name=data["name"],
        title=data.get("title"),
        unit=data.get("unit"),
        budget=parse_amount(data["budget"]),
        fiscal_funds=_optional_amount(data.get("fiscal_funds")),
        other_funds=_optional_amount(data.get("other_funds")),
        purpose=data.get("purpose"),
        goal_style=data.get("goal_style"),
        goals=list(data.get("goals") or []),
        kept_empty=_kept_empty(data, "project"),
        **{f"plan_{m}": _optional_amount(plan.get(m)) for m in SPENDING_MONTHS},
    )
    indicators = [
        _given(**{key: i.get(key) for key in INDICATOR_FIELDS}, kept_empty=_kept_empty(i, "indicator"))
        for i in data.get("indicators") or []
    ]
    return Rows(Project, values, {Collection.INDICATORS: _listed(Indicator, indicators)})


def _given(**values: Any) -> dict[str, Any]:
    """The values that are not None: an unset attribute reads as None and is stored as NULL all the same,
    and each attribute set on an ORM object costs an event (9,000 indicator rows: a tenth of a second)."""
    return {key: value for key, value in values.items() if value is not None}


# --- writing into a workspace -----------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did, for the command line and the GUI to report."""

    added: list[str]
    replaced: list[str]
    remarks: list[Remark] = field(default_factory=list)  # what a reader left out (Word), by file


def import_into(
    workspace: Workspace, departments: Iterable[Department | Rows], *, replace: bool = False
) -> ImportResult:
    """Add departments to a workspace in one transaction (all or nothing).

    The rows go in as a few multi-row INSERTs per table (``insert_rows``), not object by object
    through the ORM's unit of work: a 1,000-project department is written in a fraction of the
    time, with the same rows. ORM departments given stay transient (their ``position`` is set).

    Raises:
        DepartmentExists: a department-year is already there and ``replace`` is false.
    """
    result = ImportResult(added=[], replaced=[])
    with workspace.transaction() as session:
        for dept in departments:
            rows = dept if isinstance(dept, Rows) else Rows.of(dept)
            existing = _find(session, rows.values["name"], rows.values["fiscal_year"])
            if existing is not None:
                if not replace:
                    raise DepartmentExists(dept.label(), str(workspace.path))
                position = existing.position
                session.delete(existing)
                session.flush()
                result.replaced.append(dept.label())
            else:
                position = _next_position(session)
                result.added.append(dept.label())
            rows.values["position"] = position
            if isinstance(dept, Department):
                dept.position = position
            insert_rows(session, [rows])
    return result


def _find(session: Session, name: str, year: int) -> Department | None:
    stmt = select(Department).where(Department.name == name, Department.fiscal_year == year)
    return session.scalars(stmt).first()


def _next_position(session: Session) -> int:
    current = session.scalar(select(func.max(Department.position)))
    return 0 if current is None else current + 1
