"""docs/json-format.md agrees with the schema, the frameworks and the validator.

The document is written for people, but its key tables, its framework table and
its example files are machine-readable, and this module holds them to the code:

* ``<!-- schema: OBJECT -->`` before a table: the table lists exactly the keys of
  ``SCHEMA[OBJECT]``, in order, with the type, ``required`` and ``null`` columns
  the schema says.
* ``<!-- spec-only: OBJECT -->``: keys the public spec defines that the schema does
  not accept yet; they must stay outside the schema (when the schema gains one,
  its row moves to the ``schema:`` table).
* ``<!-- frameworks:begin … -->`` … ``<!-- frameworks:end -->``: generated from
  ``perfdesk/data/frameworks.json``. Regenerate it with
  ``.venv/bin/python -m tests.test_json_format_doc``.
* ```` ```json ```` blocks follow ``<!-- example -->`` (a complete file that must pass
  the importer's validation and round-trip) or ``<!-- example: spec-only -->``
  (valid once the spec-only keys are taken out).

Each ``*_problems`` function returns what is wrong with a text, so the tests can
show that a damaged copy of the document is caught.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from perfdesk.domain.frameworks import all_frameworks, default_framework_id
from perfdesk.errors import InputError
from perfdesk.export.json_export import document
from perfdesk.importers.json_import import import_into, parse_json_text, read_document
from perfdesk.interchange.json_schema import SCHEMA, Key, Kind
from perfdesk.models import SPENDING_MONTHS, open_workspace
from tests.conftest import as_exported

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "json-format.md"
FRAMEWORKS_FILE = ROOT / "perfdesk" / "data" / "frameworks.json"

Schema = Mapping[str, Mapping[str, Key]]

_MARKER = re.compile(r"<!--\s*(schema|spec-only|spending-plan):\s*([a-z_]+)\s*-->")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_KEY_CELL = re.compile(r"`([^`]+)`")
_FENCE = re.compile(r"^```(\S*)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_EXAMPLE_MARKER = re.compile(r"<!--\s*example(?::\s*([a-z-]+))?\s*-->\s*\Z")
_GENERATED = re.compile(r"(<!-- frameworks:begin[^\n]*-->\n)(.*?)(<!-- frameworks:end -->)", re.DOTALL)


def doc_text() -> str:
    return DOC.read_text("utf-8")


# --- reading the document -----------------------------------------------------------------


def _table_after(text: str, start: int) -> list[list[str]]:
    """The rows (cells stripped) of the markdown table that follows ``start``, header first."""
    rows: list[list[str]] = []
    for line in text[start:].lstrip("\n").splitlines():
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in _CELL_SPLIT.split(line.strip())[1:-1]]
        if not all(set(cell) <= set("-: ") for cell in cells):  # skip the | --- | line
            rows.append(cells)
    return rows


def key_tables(text: str) -> tuple[dict[tuple[str, str], dict[str, dict[str, str]]], list[str]]:
    """``(marker, object) → key → {column: cell}`` for every marked table, and what is malformed."""
    tables: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
    problems: list[str] = []
    for match in _MARKER.finditer(text):
        marker, obj = match.group(1), match.group(2)
        where = f"<!-- {marker}: {obj} -->"
        rows = _table_after(text, match.end())
        if not rows or "key" not in rows[0]:
            problems.append(f"{where}: no table with a `key` column follows the marker")
            continue
        if (marker, obj) in tables:
            problems.append(f"{where}: the marker appears twice")
            continue
        header, table = rows[0], {}
        for row in rows[1:]:
            cells = dict(zip(header, row, strict=False))
            key = _KEY_CELL.fullmatch(cells.get("key", ""))
            if key is None:
                problems.append(f"{where}: key cell {cells.get('key')!r} is not one `key`")
            elif key.group(1) in table:
                problems.append(f"{where}: key `{key.group(1)}` is listed twice")
            else:
                table[key.group(1)] = cells
        tables[marker, obj] = table
    return tables, problems


def _type_word(spec: Key) -> str:
    """How the document's ``type`` column names a schema kind."""
    words = {
        Kind.TEXT: "string",
        Kind.INTEGER: "integer",
        Kind.BOOLEAN: "boolean",
        Kind.AMOUNT: "Amount",
        Kind.OPERATOR: "operator",
        Kind.TEXT_LIST: "[string]",
        Kind.SPENDING_PLAN: "SpendingPlan",
    }
    if spec.kind is Kind.OBJECT_LIST:
        return f"[{object_title(spec.items or '')}]"
    if spec.kind is Kind.OBJECT:
        return object_title(spec.items or "")
    if spec.kind is Kind.CHOICE:
        return " \\| ".join(f'`"{choice}"`' for choice in spec.choices)
    if spec.kind not in words:
        raise AssertionError(f"tests/test_json_format_doc.py has no document word for {spec.kind}: add one")
    return words[spec.kind]


def object_title(name: str) -> str:
    """``sub_goal`` → ``SubGoal``: how the document names an object type."""
    return "".join(part.capitalize() for part in name.split("_"))


# --- the checks ---------------------------------------------------------------------------------


def schema_problems(text: str, schema: Schema = SCHEMA) -> list[str]:
    """Every schema object has a key table agreeing with it; spec-only keys are not in the schema."""
    tables, problems = key_tables(text)
    problems += [
        f"<!-- schema: {obj} -->: the schema has no object {obj!r}"
        for marker, obj in tables
        if marker == "schema" and obj not in schema
    ]
    for obj, keys in schema.items():
        table = tables.get(("schema", obj))
        if table is None:
            problems.append(f"{obj}: no <!-- schema: {obj} --> key table in the document")
            continue
        problems += [f"{obj}.{key}: in the schema but not in the document's table" for key in keys if key not in table]
        problems += [f"{obj}.{key}: in the document's table but not in the schema" for key in table if key not in keys]
        common = [key for key in table if key in keys]
        if common != [key for key in keys if key in table]:
            problems.append(f"{obj}: the table lists the keys in another order than the schema: {list(keys)}")
        for key in common:
            problems += _row_problems(f"{obj}.{key}", table[key], keys[key])
    for (marker, obj), table in tables.items():
        if marker != "spec-only":
            continue
        if ("schema", obj) in tables:  # spec-only keys of a schema object
            problems += [
                f"{obj}.{key}: the schema accepts this spec-only key now; move its row to the schema table"
                for key in table
                if key in schema.get(obj, {})
            ]
        elif obj in schema:  # a spec-only object the schema has gained
            problems.append(f"<!-- spec-only: {obj} -->: the schema has {obj!r} now; make it a schema table")
    return problems


def _row_problems(where: str, cells: dict[str, str], spec: Key) -> list[str]:
    problems = []
    expected_type = _type_word(spec)
    if cells.get("type") != expected_type:
        problems.append(f"{where}: type {cells.get('type')!r}, the schema says {expected_type!r}")
    required = cells.get("required", "")
    if required.startswith("yes") != spec.required:
        problems.append(f"{where}: required {required!r}, the schema says {'yes' if spec.required else 'no'}")
    if ("non-empty" in required) != spec.non_empty:
        problems.append(f"{where}: required {required!r}, non-empty in the schema: {spec.non_empty}")
    null = cells.get("null")
    if null != ("yes" if spec.nullable else "no"):
        problems.append(f"{where}: null {null!r}, the schema {'allows' if spec.nullable else 'refuses'} null")
    return problems


def spending_plan_problems(text: str) -> list[str]:
    tables, problems = key_tables(text)
    table = tables.get(("spending-plan", "spending_plan"))
    if table is None:
        return [*problems, "no <!-- spending-plan: spending_plan --> table"]
    if list(table) != list(SPENDING_MONTHS):
        problems.append(f"spending plan keys {list(table)}, the model has {list(SPENDING_MONTHS)}")
    return problems


def framework_table() -> str:
    """The generated block: the frameworks and the aliases of frameworks.json, as markdown."""
    data = json.loads(FRAMEWORKS_FILE.read_text("utf-8"))
    lines = ["| id | name | 一级指标 | 二级指标 (default order) |", "| --- | --- | --- | --- |"]
    for entry in data["frameworks"]:
        ident = f"`{entry['id']}`" + (" (default)" if entry["id"] == data["default"] else "")
        for n, level in enumerate(entry["levels"]):
            first = n == 0
            lines.append(
                f"| {ident if first else ''} | {entry['name'] if first else ''} | {level['level1']} | "
                f"{'、'.join(level['level2'])} |"
            )
    lines += ["", "| level | written | checked as |", "| --- | --- | --- |"]
    for level, label in (("level1", "一级"), ("level2", "二级")):
        lines += [f"| {label} | {old} | {new} |" for old, new in data["aliases"][level].items()]
    return "\n".join(lines) + "\n"


def framework_ids_in(text: str) -> list[str]:
    match = _GENERATED.search(text)
    if match is None:
        return []
    return [m.group(1) for m in re.finditer(r"^\| `([^`]+)`", match.group(2), re.MULTILINE)]


def framework_problems(text: str) -> list[str]:
    match = _GENERATED.search(text)
    if match is None:
        return ["no <!-- frameworks:begin --> … <!-- frameworks:end --> block"]
    problems = []
    ids = framework_ids_in(text)
    if ids != list(all_frameworks()):
        problems.append(f"framework ids in the document {ids}, in frameworks.json {list(all_frameworks())}")
    if match.group(2) != framework_table():
        problems.append(
            "the framework block differs from frameworks.json: run `.venv/bin/python -m tests.test_json_format_doc`"
        )
    if f"`{default_framework_id()}` (default)" not in match.group(2):
        problems.append(f"the default framework {default_framework_id()} is not marked (default)")
    return problems


def examples(text: str) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Every ```json block as (marker, text); a block without an example marker is a problem."""
    found, problems = [], []
    for match in _FENCE.finditer(text):
        if not match.group(1).startswith("json"):
            continue
        line = text.count("\n", 0, match.start()) + 1
        marker = _EXAMPLE_MARKER.search(text[: match.start()].rstrip())
        if marker is None:
            problems.append(f"line {line}: a json block without <!-- example --> or <!-- example: spec-only -->")
            continue
        found.append((marker.group(1), match.group(2)))
    return found, problems


def spec_only_keys(text: str) -> dict[str, set[str]]:
    tables, _ = key_tables(text)
    return {obj: set(table) for (marker, obj), table in tables.items() if marker == "spec-only"}


def _children(data: dict[str, Any], key: str, spec: Key) -> list[Any]:
    """The objects held under ``key``: the items of an object list, or the one nested object."""
    value = data.get(key)
    if spec.kind is Kind.OBJECT_LIST and isinstance(value, list):
        return value
    if spec.kind is Kind.OBJECT and isinstance(value, dict):
        return [value]
    return []


def _strip(data: Any, obj: str, keys: dict[str, set[str]], schema: Schema) -> None:
    """Remove the spec-only keys from a parsed document, walking it along the schema."""
    if not isinstance(data, dict):
        return
    for key in keys.get(obj, set()):
        data.pop(key, None)
    for key, spec in schema.get(obj, {}).items():
        for item in _children(data, key, spec):
            _strip(item, spec.items or "", keys, schema)


def example_problems(text: str) -> list[str]:
    """Every example passes the importer's validation (spec-only ones once those keys are out)."""
    found, problems = examples(text)
    if not any(marker is None for marker, _ in found):
        problems.append("no complete <!-- example --> json block")
    spec_keys = spec_only_keys(text)
    for n, (marker, block) in enumerate(found, 1):
        try:
            data = parse_json_text(block, f"example {n}")
            if marker == "spec-only":
                _strip(data, "document", spec_keys, SCHEMA)
            elif marker is not None:
                problems.append(f"example {n}: unknown example marker {marker!r}")
                continue
            read_document(data)
        except InputError as exc:
            problems.append(f"example {n} ({marker or 'complete'}): {exc.describe()}")
    return problems


def example_coverage_problems(text: str, schema: Schema = SCHEMA) -> list[str]:
    """The complete examples together use every key of every schema object."""
    used: dict[str, set[str]] = {obj: set() for obj in schema}

    def walk(data: Any, obj: str) -> None:
        if not isinstance(data, dict) or obj not in schema:
            return
        used[obj] |= set(data)
        for key, spec in schema[obj].items():
            for item in _children(data, key, spec):
                walk(item, spec.items or "")

    for marker, block in examples(text)[0]:
        if marker is None:
            walk(json.loads(block), "document")
    return [
        f"{obj}.{key}: no complete example uses it"
        for obj, keys in schema.items()
        for key in keys
        if key not in used[obj]
    ]


# --- the tests on the real document ----------------------------------------------------------------


def test_every_schema_key_is_documented_and_nothing_else() -> None:
    assert schema_problems(doc_text()) == []


def test_spending_plan_months_are_the_models() -> None:
    assert spending_plan_problems(doc_text()) == []


def test_framework_ids_are_those_of_frameworks_json() -> None:
    assert framework_ids_in(doc_text()) == list(all_frameworks())
    assert framework_problems(doc_text()) == []


def test_examples_pass_the_importers_validation() -> None:
    assert example_problems(doc_text()) == []


def test_complete_examples_use_every_key() -> None:
    assert example_coverage_problems(doc_text()) == []


def test_complete_examples_round_trip_with_exactly_their_keys(tmp_path: Path) -> None:
    blocks = [block for marker, block in examples(doc_text())[0] if marker is None]
    assert blocks
    for n, block in enumerate(blocks):
        with open_workspace(tmp_path / f"example-{n}.perfdesk", create=True) as workspace:
            import_into(workspace, read_document(parse_json_text(block)))
            with workspace.session() as session:
                exported = document(workspace.departments(session))
        assert json.loads(json.dumps(exported, ensure_ascii=False)) == as_exported(json.loads(block))


def test_the_document_names_the_schema_module_where_it_is() -> None:
    schema_file = Path(inspect.getfile(Key)).resolve().relative_to(ROOT).as_posix()
    assert f"`{schema_file}`" in doc_text()


def test_the_document_is_linked_from_the_readme() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "](docs/json-format.md)" in readme
    assert "shared/spec" not in readme


# --- the checks catch a damaged copy ---------------------------------------------------------------


def _row_of(text: str, marker: str, key: str) -> str:
    """The table line of ``key`` in the table after ``marker``."""
    start = text.index(marker)
    return next(line for line in text[start:].splitlines() if line.startswith(f"| `{key}` |"))


def test_a_key_removed_from_the_document_is_caught() -> None:
    text = doc_text()
    damaged = text.replace(_row_of(text, "<!-- schema: project -->", "budget") + "\n", "", 1)
    assert damaged != text
    assert schema_problems(damaged) == ["project.budget: in the schema but not in the document's table"]


def test_a_key_the_schema_lacks_is_caught() -> None:
    text = doc_text()
    row = _row_of(text, "<!-- schema: unit -->", "name")
    damaged = text.replace(row, row + "\n" + row.replace("`name`", "`colour`"), 1)
    assert schema_problems(damaged) == ["unit.colour: in the document's table but not in the schema"]


def test_a_wrong_required_or_null_column_is_caught() -> None:
    text = doc_text()
    row = _row_of(text, "<!-- schema: department -->", "fiscal_year")
    damaged = text.replace(row, row.replace("| yes | no |", "| no | yes |"), 1)
    assert damaged != text
    problems = schema_problems(damaged)
    assert len(problems) == 2
    assert all(p.startswith("department.fiscal_year: ") for p in problems)


def test_a_missing_table_marker_is_caught() -> None:
    damaged = doc_text().replace("<!-- schema: measure -->", "", 1)
    assert schema_problems(damaged) == ["measure: no <!-- schema: measure --> key table in the document"]


def test_a_spec_only_key_the_schema_has_gained_must_move() -> None:
    spec_only = "\n<!-- spec-only: project -->\n| key | type | required | meaning |\n| --- | --- | --- | --- |\n"
    spec_only += "| `colour` | string | no | A key a newer spec defines. |\n"
    text = doc_text() + spec_only
    assert schema_problems(text) == []
    schema = {**SCHEMA, "project": {**SCHEMA["project"], "colour": Key(Kind.TEXT)}}
    problems = schema_problems(text, schema)
    assert "project.colour: in the schema but not in the document's table" in problems
    assert "project.colour: the schema accepts this spec-only key now; move its row to the schema table" in problems


def test_a_changed_framework_id_is_caught() -> None:
    text = doc_text()
    damaged = text.replace("| `output-benefit` |", "| `output-benefits` |", 1)
    assert damaged != text
    assert "output-benefits" in framework_ids_in(damaged)
    assert len(framework_problems(damaged)) == 2


def test_an_invalid_example_is_caught_with_its_json_path() -> None:
    text = doc_text()
    damaged = text.replace('"budget": "12.50"', '"budget": "12,50"', 1)
    assert damaged != text
    [problem] = example_problems(damaged)
    assert "departments[0].projects[0].budget" in problem


def test_an_unmarked_json_block_is_caught() -> None:
    damaged = doc_text() + '\n```json\n{"format": "perfdesk/1"}\n```\n'
    [problem] = example_problems(damaged)
    assert "without <!-- example -->" in problem


def test_an_example_missing_a_key_is_caught() -> None:
    text = doc_text()
    damaged = text.replace('"reviewed_by": "示例县财政局",', "", 1)
    assert damaged != text
    assert example_coverage_problems(damaged) == ["department.reviewed_by: no complete example uses it"]


def write_framework_table(path: Path = DOC) -> bool:
    """Regenerate the framework block of the document; True when it changed."""
    text = path.read_text("utf-8")
    match = _GENERATED.search(text)
    if match is None:
        raise SystemExit(f"{path}: no <!-- frameworks:begin --> … <!-- frameworks:end --> block")
    new = text[: match.start(2)] + framework_table() + text[match.end(2) :]
    if new != text:
        path.write_text(new, "utf-8")
    return new != text


def test_regenerating_the_framework_block(tmp_path: Path) -> None:
    copy_of_doc = tmp_path / "json-format.md"
    copy_of_doc.write_text(doc_text(), "utf-8")
    assert write_framework_table(copy_of_doc) is False
    copy_of_doc.write_text(doc_text().replace("| 效益指标 |", "| 效果指标 |", 1), "utf-8")
    assert framework_problems(copy_of_doc.read_text("utf-8")) != []
    assert write_framework_table(copy_of_doc) is True
    assert copy_of_doc.read_text("utf-8") == doc_text()


if __name__ == "__main__":
    changed = write_framework_table()
    print(f"{DOC.relative_to(ROOT)}: framework table {'regenerated' if changed else 'already up to date'}")
