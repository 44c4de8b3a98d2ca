"""Excel import: workbooks perfdesk wrote, then edited the way clerks edit them in Excel or WPS.

Every edited workbook is built here with openpyxl from a real export; the import goes through
the command line into a real workspace, which is exported to JSON and compared.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.errors import InputError
from perfdesk.importers.xlsx import read_workbook
from perfdesk.importers.xlsx.safety import Limits
from perfdesk.interchange.xlsx_layout import META_SHEET, PART_ONE_SHEET, SUMMARY_SHEET
from perfdesk.models import open_workspace
from tests.conftest import FIXTURES, cli_main, fixture_data

EXPORT_OPTIONS = ["name_label", "number_style", "goal_style", "percent_sign", "spending_plan", "font_set"]


def _json(workspace: Path, out: Path) -> dict[str, Any]:
    result = cli_main("export", workspace, out)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text("utf-8"))


def _options(workspace: Path) -> dict[str, Any]:
    with open_workspace(workspace, read_only=True) as ws, ws.session() as session:
        dept = ws.departments(session)[0]
        return {key: getattr(dept, key) for key in EXPORT_OPTIONS}


def _export(tmp_path: Path, which: str, **options: Any) -> tuple[Path, Path]:
    """A workspace holding the sample (with ``options`` set) and its Excel export, in a new folder."""
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))
    workspace = tmp_path / f"{which}.perfdesk"
    assert cli_main("import", FIXTURES[which], "--into", workspace).returncode == 0
    if options:
        with open_workspace(workspace) as ws, ws.transaction() as session:
            dept = ws.departments(session)[0]
            for key, value in options.items():
                if key == "project_goal_style":  # one project's own 绩效目标 style
                    dept.projects[0].goal_style = value
                else:
                    setattr(dept, key, value)
    xlsx = tmp_path / f"{which}.xlsx"
    result = cli_main("export", workspace, xlsx)
    assert result.returncode == 0, result.stderr
    return workspace, xlsx


def _import(tmp_path: Path, xlsx: Path) -> Path:
    back = Path(tempfile.mkdtemp(dir=tmp_path)) / "back.perfdesk"
    result = cli_main("import", xlsx, "--into", back)
    assert result.returncode == 0, result.stderr
    assert "已导入" in result.stdout
    return back


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_round_trip_gives_back_the_same_document(tmp_path: Path, which: str) -> None:
    workspace, xlsx = _export(tmp_path, which)
    back = _import(tmp_path, xlsx)
    assert _json(back, tmp_path / "back.json") == _json(workspace, tmp_path / "before.json")
    again, sample = _json(back, tmp_path / "b.json"), fixture_data(which)
    if "layout" not in sample["departments"][0]:  # written always; the sample leaves it to the preset
        del again["departments"][0]["layout"]
    assert again == sample  # and that is the sample itself
    assert _options(back) == _options(workspace)


@pytest.mark.parametrize(
    "options",
    [
        {"name_label": "专项资金名称"},
        {"number_style": "、"},
        {"goal_style": "rows"},
        {"percent_sign": False},
        {"spending_plan": False},
        {"font_set": "windows"},
        {"project_goal_style": "rows"},
        {"name_label": "专项资金名称", "number_style": "、", "goal_style": "rows", "percent_sign": False},
    ],
)
@pytest.mark.parametrize("which", ["2021", "2024"])
def test_round_trip_for_every_layout_option(tmp_path: Path, which: str, options: dict[str, Any]) -> None:
    workspace, xlsx = _export(tmp_path, which, **options)
    back = _import(tmp_path, xlsx)
    assert _json(back, tmp_path / "back.json") == _json(workspace, tmp_path / "before.json")
    assert _options(back) == _options(workspace)


# --- workbooks edited in Excel --------------------------------------------------------------------


def _edited(tmp_path: Path, edit: Callable[[Worksheet], None], which: str = "2024") -> dict[str, Any]:
    """Export, let ``edit`` change the first project sheet, save as Excel would, import; the first project."""
    _workspace, xlsx = _export(tmp_path, which)
    book = openpyxl.load_workbook(xlsx)
    edit(book.worksheets[2])
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    back = _import(tmp_path, edited)
    data = _json(back, tmp_path / "back.json")["departments"][0]
    return ((data.get("special_funds") or []) + data["projects"])[0]


def _original(which: str = "2024") -> dict[str, Any]:
    data = fixture_data(which)["departments"][0]
    return ((data.get("special_funds") or []) + data["projects"])[0]


def _row_of(ws: Worksheet, caption: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == caption)


def _unmerge_all(ws: Worksheet) -> None:
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))


def test_changed_values(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        first = _row_of(ws, "一级指标") + 1
        ws.cell(first, 3).value = "宣传场次"
        ws.cell(first, 6).value = "≥3场"
        ws.cell(_row_of(ws, "预算规模及资金用途"), 3).value = 2.5

    project = _edited(tmp_path, edit)
    original = _original()
    assert project["budget"] == "2.5"
    assert project["indicators"][0] | {"name": "宣传次数", "value": "1", "unit": "次"} == original["indicators"][0]
    assert (project["indicators"][0]["name"], project["indicators"][0]["value"]) == ("宣传场次", "3")
    assert project["indicators"][0]["unit"] == "场"
    assert project["indicators"][1:] == original["indicators"][1:]


def test_added_and_deleted_indicator_rows_take_the_labels_above(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        _unmerge_all(ws)  # as Excel does when rows are inserted into a merged block
        first = _row_of(ws, "一级指标") + 1
        ws.delete_rows(first + 1)  # 质量指标 宣传覆盖率
        ws.insert_rows(first + 1)  # a new row under 数量指标, its 一级/二级 left blank
        for col, text in enumerate(["", "", "培训次数", "培训次数", "", "≥2次", "计划标准"], 1):
            ws.cell(first + 1, col).value = text or None

    project = _edited(tmp_path, edit)
    original = _original()["indicators"]
    added = {
        "level1": "产出指标",
        "level2": "数量指标",
        "name": "培训次数",
        "description": "培训次数",
        "op": "≥",
        "value": "2",
        "unit": "次",
        "basis": "计划标准",
    }
    assert project["indicators"] == [original[0], added, *original[2:]]


def test_unmerged_cells_and_labels_written_on_every_row_read_the_same(tmp_path: Path) -> None:
    def unmerge(ws: Worksheet) -> None:
        _unmerge_all(ws)

    assert _edited(tmp_path, unmerge) == _original()

    def fill_labels(ws: Worksheet) -> None:
        _unmerge_all(ws)
        first = _row_of(ws, "一级指标") + 1
        for col in (1, 2):
            for r in range(first + 1, ws.max_row + 1):
                if ws.cell(r, col).value is None:
                    ws.cell(r, col).value = ws.cell(r - 1, col).value

    assert _edited(tmp_path, fill_labels) == _original()


def test_numbers_typed_as_text_percent_formats_and_full_width_digits(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        budget_row = _row_of(ws, "预算规模及资金用途")
        ws.cell(budget_row, 3).value = "１４．５"  # full-width, typed as text
        ws.cell(budget_row, 5).value = "14.50 "  # text with a trailing space
        plan = _row_of(ws, "资金支出计划（%）") + 1
        ws.cell(plan, 2).value = "30%"  # text
        ws.cell(plan, 4).value = 0.6  # a number in a percent format
        ws.cell(plan, 4).number_format = "0%"
        ws.cell(plan, 6).value = 80  # a plain number: the percentage itself
        ws.cell(plan, 6).number_format = "General"
        first = _row_of(ws, "一级指标") + 1
        ws.cell(first + 1, 6).value = 0.95  # 95% typed into a cell, stored by Excel as 0.95
        ws.cell(first + 1, 6).number_format = "0%"
        ws.cell(first + 2, 6).value = "≥９０％"
        ws.cell(first + 3, 3).value = "经费保障及时性  "

    project = _edited(tmp_path, edit)
    assert (project["budget"], project["fiscal_funds"]) == ("14.5", "14.50")
    assert project["spending_plan"] == {"3": "30", "6": "60", "10": "80", "12": "100"}
    indicators = project["indicators"]
    assert (indicators[1].get("op"), indicators[1]["value"], indicators[1]["unit"]) == (None, "95", "%")
    assert (indicators[2]["op"], indicators[2]["value"], indicators[2]["unit"]) == ("≥", "90", "%")
    assert indicators[3]["name"] == "经费保障及时性"


def test_dates_stored_as_serial_numbers_read_as_dates(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        first = _row_of(ws, "一级指标") + 1
        ws.cell(first + 2, 6).value = 44561  # what Excel stores for 2021-12-31
        ws.cell(first + 2, 6).number_format = "yyyy-mm-dd"
        ws.cell(first + 3, 6).value = dt.datetime(2024, 6, 30)

    indicators = _edited(tmp_path, edit)["indicators"]
    assert indicators[2]["value"] == "2021-12-31"
    assert indicators[3]["value"] == "2024-06-30"


def test_an_extra_blank_row_and_goal_lines_edited(tmp_path: Path) -> None:
    def edit(ws: Worksheet) -> None:
        _unmerge_all(ws)
        first = _row_of(ws, "一级指标") + 1
        ws.insert_rows(first + 3)  # blank
        goals = _row_of(ws, "绩效目标")
        ws.cell(goals, 2).value = "1.第一个目标\n2.第二个目标  \n"

    project = _edited(tmp_path, edit)
    assert project["goals"] == ["第一个目标", "第二个目标"]
    assert project["indicators"] == _original()["indicators"]


def test_a_deleted_project_sheet_removes_the_project_and_part_one_edits_come_back(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    book = openpyxl.load_workbook(xlsx)
    del book[book.sheetnames[3]]
    part_one = book[PART_ONE_SHEET]
    part_one["D3"].value = "新的总体目标"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    data = _json(_import(tmp_path, edited), tmp_path / "back.json")["departments"][0]
    original = fixture_data("2024")["departments"][0]
    assert [p["name"] for p in data["projects"]] == [p["name"] for i, p in enumerate(original["projects"]) if i != 1]
    assert data["overall_goal"] == "新的总体目标"
    assert data["sub_goals"] == original["sub_goals"]
    assert data["measures"] == original["measures"]


# --- refused workbooks ----------------------------------------------------------------------------


def _refused(tmp_path: Path, source: Path, expected: str) -> str:
    """Import into an existing workspace: exit 2, the message, and the workspace untouched."""
    workspace, _xlsx = _export(tmp_path, "2021")
    before = workspace.read_bytes()
    result = cli_main("import", source, "--into", workspace)
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert workspace.read_bytes() == before
    fresh = tmp_path / "fresh.perfdesk"
    assert cli_main("import", source, "--into", fresh).returncode == 2
    assert not fresh.exists()
    return result.stderr


def test_a_bad_amount_is_named_with_its_sheet_and_cell(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    book = openpyxl.load_workbook(xlsx)
    ws = book.worksheets[4]
    row = _row_of(ws, "预算规模及资金用途")
    ws.cell(row, 5).value = "十万"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    stderr = _refused(tmp_path, bad, f"{ws.title}!E{row}")
    assert "不是有效的金额" in stderr


def test_a_blank_first_level_label_without_one_above_is_named(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    book = openpyxl.load_workbook(xlsx)
    ws = book.worksheets[2]
    _unmerge_all(ws)
    first = _row_of(ws, "一级指标") + 1
    ws.cell(first, 1).value = None
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    _refused(tmp_path, bad, f"{ws.title}!A{first}：一级指标为空")


def test_a_workbook_not_written_by_perfdesk_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["项目编码", "x"])  # type: ignore[union-attr]
    other = tmp_path / "other.xlsx"
    book.save(other)
    _refused(tmp_path, other, "不是 perfdesk 导出的")


def test_renamed_docx_xls_and_text_files_get_a_clear_message(tmp_path: Path) -> None:
    docx_file = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(docx_file, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    _refused(tmp_path, docx_file, "这是 Word 文档（.docx），不是 Excel 工作簿")
    xls = tmp_path / "old.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _refused(tmp_path, xls, "旧版 Excel（.xls）")
    text = tmp_path / "text.xlsx"
    text.write_text("序号,名称\n1,法律援助\n", "utf-8")
    _refused(tmp_path, text, "不是 Excel 工作簿（.xlsx）")
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets>")
    _refused(tmp_path, broken, "Excel 工作簿已损坏或格式不对")


def _with_part(xlsx: Path, target: Path, name: str, content: bytes) -> Path:
    """A copy of ``xlsx`` with one part replaced (or added)."""
    with zipfile.ZipFile(xlsx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != name:
                out.writestr(info, source.read(info))
        out.writestr(name, content)
    return target


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def test_xml_entities_are_refused_and_openpyxl_parses_with_defusedxml(tmp_path: Path) -> None:
    import defusedxml
    import openpyxl.xml
    import openpyxl.xml.functions

    _workspace, xlsx = _export(tmp_path, "2024")
    hostile = _with_part(xlsx, tmp_path / "laughs.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    _refused(tmp_path, hostile, "XML 文档类型或实体声明")
    # Behind that check, openpyxl itself parses with defusedxml: it refuses the entities too.
    assert openpyxl.xml.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml")
    with hostile.open("rb") as handle, pytest.raises(ValueError, match="could not read worksheets") as caught:
        openpyxl.load_workbook(handle, read_only=True)
    assert isinstance(caught.value.__context__, defusedxml.EntitiesForbidden)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    bomb = _with_part(xlsx, tmp_path / "bomb.xlsx", "xl/media/filler.bin", b"\0" * (700 * 2**20))
    assert bomb.stat().st_size < 5 * 2**20
    _refused(tmp_path, bomb, "可能是恶意的压缩炸弹")


def test_limits_on_sheets_rows_and_text(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    with pytest.raises(InputError, match="工作表太多"):
        read_workbook(xlsx, Limits(sheets=5))
    with pytest.raises(InputError, match="行数太多"):
        read_workbook(xlsx, Limits(rows=5))
    with pytest.raises(InputError, match="文字太长") as caught:
        read_workbook(xlsx, Limits(text_chars=50))
    assert "!" in (caught.value.where or "")
    with pytest.raises(InputError, match="文件太大"):
        read_workbook(xlsx, Limits(file_bytes=1000))


def test_workbook_without_its_hidden_sheet_or_part_one(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    book = openpyxl.load_workbook(xlsx)
    del book[PART_ONE_SHEET]
    book.save(tmp_path / "no-part-one.xlsx")
    with pytest.raises(InputError, match="缺少“部门整体绩效目标”工作表"):
        read_workbook(tmp_path / "no-part-one.xlsx")
    book = openpyxl.load_workbook(xlsx)
    book[META_SHEET]["A1"].value = "perfdesk-xlsx/9"
    book.save(tmp_path / "newer.xlsx")
    with pytest.raises(InputError, match="更新版本"):
        read_workbook(tmp_path / "newer.xlsx")
    book = openpyxl.load_workbook(xlsx)
    del book[SUMMARY_SHEET]  # the overview is not read: a clerk may delete it
    book.save(tmp_path / "no-summary.xlsx")
    assert read_workbook(tmp_path / "no-summary.xlsx")[0].name == "巨鹿县司法局"


def test_an_xlsx_and_a_json_import_together_all_or_nothing(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2024")
    both = tmp_path / "both.perfdesk"
    result = cli_main("import", xlsx, FIXTURES["2021"], "--into", both)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("已导入") == 2
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{", "utf-8")
    none = tmp_path / "none.perfdesk"
    assert cli_main("import", xlsx, bad_json, "--into", none).returncode == 2
    assert not none.exists()


def test_open_file_object_is_not_needed(tmp_path: Path) -> None:
    """read_workbook takes a path and leaves no file open (Windows could not replace it otherwise)."""
    _workspace, xlsx = _export(tmp_path, "2024")
    read_workbook(xlsx)
    xlsx.rename(tmp_path / "moved.xlsx")
    assert io.BytesIO((tmp_path / "moved.xlsx").read_bytes()).read(2) == b"PK"


def test_the_sheet_scanner_refuses_entities_by_itself() -> None:
    """Sheets are read with expat directly; like defusedxml it stops at a declaration, before any expansion."""
    from perfdesk.importers.xlsx.sheet_xml import EntitiesRefused, WorkbookStyles, read_cells

    styles = WorkbookStyles([], ["General"], dt.datetime(1899, 12, 30))
    with pytest.raises(EntitiesRefused):
        read_cells(io.BytesIO(BILLION_LAUGHS), styles, "项目1", 7, 100)
    plain = BILLION_LAUGHS.split(b"]>", 1)[1].replace(b"&lol3;", b"&amp;lol3;")
    rows = read_cells(io.BytesIO(plain), styles, "项目1", 7, 100)
    assert (rows[0][0].value, rows[0][0].where) == ("&lol3;", "项目1!A1")


def test_check_reads_a_workbook_too(tmp_path: Path) -> None:
    workspace, xlsx = _export(tmp_path, "2024")
    from_workbook = cli_main("check", xlsx, "--format", "json")
    from_workspace = cli_main("check", workspace, "--format", "json")
    assert from_workbook.returncode == from_workspace.returncode
    assert json.loads(from_workbook.stdout) == json.loads(from_workspace.stdout)
    assert json.loads(from_workbook.stdout)  # the sample has findings: the same ones


def test_a_renamed_sheet_keeps_its_project_title_unit_and_typed_amounts(tmp_path: Path) -> None:
    _workspace, xlsx = _export(tmp_path, "2021")
    book = openpyxl.load_workbook(xlsx)
    renamed = book.worksheets[2]
    renamed.title = "改过名字的表"
    edited = tmp_path / "renamed.xlsx"
    book.save(edited)
    data = _json(_import(tmp_path, edited), tmp_path / "back.json")
    assert data == _json(_workspace, tmp_path / "before.json")


def test_xml_special_characters_line_breaks_and_leading_equals_survive(tmp_path: Path) -> None:
    from perfdesk.export.xlsx.workbook import write_xlsx
    from perfdesk.importers.json_import import load_json_file, read_document

    dept = read_document(load_json_file(FIXTURES["2024"]))[0]
    project = dept.projects[0]
    project.name = 'A&B <C> "D" \\ 1'
    project.purpose = "第一行\n第二行 &amp;"
    project.indicators[0].basis = "=SUM(A1:A2)"
    target = write_xlsx([dept], tmp_path / "special.xlsx")
    back = read_workbook(target)[0].projects[0]
    assert (back.name, back.purpose, back.indicators[0].basis) == (project.name, project.purpose, "=SUM(A1:A2)")
    sheet = openpyxl.load_workbook(target).worksheets[2]
    assert sheet["E2"].value == project.name  # openpyxl (and Excel) read the same text
