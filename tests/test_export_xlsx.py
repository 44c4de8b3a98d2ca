"""Excel export: real .xlsx files read back with openpyxl, compared cell by cell with the Word export.

One expected table (perfdesk.layout.project_table), two writers: every project sheet must hold
the same cells, spans and texts as the Word table of the same project.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from perfdesk.checks import Severity, check_departments
from perfdesk.errors import InputError
from perfdesk.export.docx.document import write_docx
from perfdesk.export.xlsx.project_sheet import TABLE_TOP
from perfdesk.export.xlsx.sheet_names import SheetNames, clean
from perfdesk.export.xlsx.styles import PX_PER_MM, PX_PER_WIDTH_UNIT
from perfdesk.export.xlsx.workbook import write_xlsx
from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.interchange.xlsx_layout import META_SHEET, PART_ONE_SHEET, SUMMARY_SHEET
from perfdesk.models import open_workspace
from perfdesk.services.library import stored_library
from tests.conftest import FIXTURES, cli_main, fixture_data, make_workspace
from tests.libreoffice import convert
from tests.xlsx_helpers import excel_grid, same_text, word_grid, word_grid_widths, word_tables

TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path]]:
    """Both samples exported through the command line to Word and Excel: (workspace, docx, xlsx)."""
    out = {}
    folder = tmp_path_factory.mktemp("xlsx")
    for which in FIXTURES:
        ws = folder / f"{which}.perfdesk"
        assert cli_main("import", FIXTURES[which], "--into", ws).returncode == 0
        for suffix in (".docx", ".xlsx"):
            result = cli_main("export", ws, folder / f"{which}{suffix}")
            assert result.returncode == 0, result.stderr
            assert "已导出" in result.stdout
        out[which] = (ws, folder / f"{which}.docx", folder / f"{which}.xlsx")
    return out


def _projects(which: str) -> list[dict]:
    data = fixture_data(which)["departments"][0]
    return (data.get("special_funds") or []) + data["projects"]


def _project_sheets(book: openpyxl.Workbook) -> list[Worksheet]:
    return [ws for ws in book.worksheets if ws.title not in (PART_ONE_SHEET, SUMMARY_SHEET, META_SHEET)]


def assert_same_tables(docx_path: Path, xlsx_path: Path, count: int) -> None:
    """Each project sheet holds the cells, spans and texts of the Word table of the same project."""
    tables = word_tables(docx_path)
    sheets = _project_sheets(openpyxl.load_workbook(xlsx_path))
    assert len(sheets) == len(tables) == count
    for table, sheet in zip(tables, sheets, strict=True):
        word = word_grid(table)
        rows = max(r + rs for (r, _c), (_t, _cs, rs) in word.items())
        excel = excel_grid(sheet, rows)
        assert set(excel) == set(word), sheet.title  # the same cells start in the same slots
        for slot, (text, col_span, row_span) in word.items():
            got = excel[slot]
            assert (got[1], got[2]) == (col_span, row_span), (sheet.title, slot)
            assert same_text(text, got[0]), (sheet.title, slot, text, got[0])
        assert sheet.max_row == TABLE_TOP + rows - 1  # nothing below the table


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_every_project_sheet_is_the_word_table_cell_by_cell(exported, which: str) -> None:
    _ws, docx_path, xlsx_path = exported[which]
    assert_same_tables(docx_path, xlsx_path, len(_projects(which)))


@pytest.mark.parametrize(
    "options",
    [
        {"spending_plan": False},
        {"goal_style": "rows", "number_style": "、", "name_label": "专项资金名称"},
        {"percent_sign": False, "font_set": "windows"},
    ],
)
def test_word_and_excel_agree_for_other_layout_options(tmp_path: Path, options: dict) -> None:
    dept = read_document(load_json_file(FIXTURES["2024"]))[0]
    for key, value in options.items():
        setattr(dept, key, value)
    write_docx([dept], tmp_path / "t.docx")
    write_xlsx([dept], tmp_path / "t.xlsx")
    assert_same_tables(tmp_path / "t.docx", tmp_path / "t.xlsx", len(dept.projects))


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_column_widths_follow_the_word_table(exported, which: str) -> None:
    _ws, docx_path, xlsx_path = exported[which]
    for table, sheet in zip(word_tables(docx_path), _project_sheets(openpyxl.load_workbook(xlsx_path)), strict=True):
        word_mm = [twips / TWIPS_PER_MM for twips in word_grid_widths(table)]
        excel_mm = [sheet.column_dimensions[c].width * PX_PER_WIDTH_UNIT / PX_PER_MM for c in "ABCDEFG"]
        assert excel_mm == pytest.approx(word_mm, abs=0.2), sheet.title


def test_amounts_and_spending_plan_are_numbers_formatted_as_printed(exported) -> None:
    sheet = _project_sheets(openpyxl.load_workbook(exported["2024"][2]))[0]
    budget = sheet.cell(TABLE_TOP + 1, 3)
    assert budget.value == 2  # 预算数 2.00: a number, not text
    assert budget.data_type == "n"
    assert budget.number_format == "0.00"
    plan = [sheet.cell(TABLE_TOP + 4, col) for col in (2, 4, 6, 7)]
    assert [cell.value for cell in plan] == [0.25, 0.5, 0.75, 1]  # 25% 50% 75% 100%
    assert {cell.number_format for cell in plan} == {"0%"}
    # 2021 prints the plan without % (50.00): plain numbers with two decimals
    sheet = _project_sheets(openpyxl.load_workbook(exported["2021"][2]))[0]
    plan_row = next(r for r in range(1, 20) if sheet.cell(r, 1).value == "资金支出计划（%）") + 1
    values = [sheet.cell(plan_row, col) for col in (2, 4, 6, 7)]
    assert [(c.value, c.number_format) for c in values if c.value is not None] == [
        (50, "0.00"),
        (80, "0.00"),
    ]  # 50.00 80.00, 3月底 and 12月底 not given


def test_text_that_starts_with_equals_is_text_not_a_formula(exported) -> None:
    book = openpyxl.load_workbook(exported["2021"][2])
    values = [cell for ws in _project_sheets(book) for row in ws.iter_rows() for cell in row]
    equals = [cell for cell in values if isinstance(cell.value, str) and cell.value.startswith("=")]
    assert equals  # the 2021 sample has "=100百分比"
    assert {cell.data_type for cell in equals} == {"s"}


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_sheet_names_are_unique_legal_and_from_number_and_name(exported, which: str) -> None:
    book = openpyxl.load_workbook(exported[which][2])
    assert book.sheetnames[:2] == [PART_ONE_SHEET, SUMMARY_SHEET]
    assert book.sheetnames[-1] == META_SHEET
    assert book[META_SHEET].sheet_state == "veryHidden"
    names = [ws.title for ws in _project_sheets(book)]
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    data = fixture_data(which)["departments"][0]
    sep = "、" if which == "2021" else "."
    expected = [f"专{i}{sep}{p['name']}" for i, p in enumerate(data.get("special_funds") or [], 1)]
    expected += [f"{i}{sep}{p['name']}" for i, p in enumerate(data["projects"], 1)]
    assert names == [clean(e)[:31] for e in expected]


def test_sheet_names_cut_cleaned_and_made_unique() -> None:
    names = SheetNames(["项目汇总"])
    assert names.name("1.", "法律援助[2024]: 办案/补贴*?") == "1.法律援助2024 办案补贴"
    long = names.name("2.", "很长" * 30)
    assert len(long) == 31
    assert names.name("2.", "很长" * 30) == long[:28] + "(2)"
    assert names.name("", "项目汇总") == "项目汇总(2)"  # a fixed sheet's name is taken
    assert names.name("", "History") == "History(2)"  # reserved by Excel
    assert names.name("3.", "abc") == "3.abc"
    assert names.name("3.", "ABC") == "3.ABC(2)"  # Excel's names ignore case
    assert names.name("", "'''") == "项目"


def test_print_setup_a4_portrait_one_page_wide_header_row_repeated_title_in_header(exported) -> None:
    book = openpyxl.load_workbook(exported["2024"][2])
    data = fixture_data("2024")["departments"][0]
    for number, ws in enumerate(_project_sheets(book), 1):
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.page_setup.orientation == "portrait"
        setup = ws.sheet_properties.pageSetUpPr
        assert setup is not None
        assert setup.fitToPage is True
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        header_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "一级指标")
        assert ws.print_title_rows == f"${header_row}:${header_row}"
        assert ws.oddHeader is not None
        assert ws.oddHeader.center.text == f"{number}.{data['projects'][number - 1]['name']}绩效目标表"
        assert ws.print_area == f"'{ws.title}'!$A$1:$G${ws.max_row}"
        assert ws["A1"].value == "315001 巨鹿县司法局本级"
        assert ws["E1"].value == "单位：万元"


def test_fonts_wrapping_and_borders_on_every_table_cell(exported) -> None:
    ws = _project_sheets(openpyxl.load_workbook(exported["2024"][2]))[0]
    for row in ws.iter_rows(min_row=TABLE_TOP, max_row=ws.max_row, max_col=7):
        for cell in row:
            if isinstance(cell, MergedCell):
                continue  # openpyxl reads back only the outline of a merged block (checked at its anchor)
            assert (cell.font.name, cell.font.size) == ("宋体", 10.5), cell.coordinate
            sides = (cell.border.left, cell.border.right, cell.border.top, cell.border.bottom)
            assert all(side.style == "thin" for side in sides), cell.coordinate
            if cell.value is not None:
                assert cell.alignment.wrap_text, cell.coordinate
    heights = [ws.row_dimensions[r].height for r in range(TABLE_TOP, ws.max_row + 1)]
    assert all(heights)  # set on every row: Excel grows no row for wrapped text, and its default is cramped
    assert max(h for h in heights if h) >= 3 * 14  # the three numbered goals


def test_department_font_set_is_used(tmp_path: Path) -> None:
    dept = read_document(load_json_file(FIXTURES["2024"]))[0]
    dept.font_set = "windows"
    target = write_xlsx([dept], tmp_path / "w.xlsx")
    book = openpyxl.load_workbook(target)
    assert book[PART_ONE_SHEET]["D3"].font.name == "仿宋"
    assert book[PART_ONE_SHEET]["A1"].font.name == "黑体"


def test_summary_one_row_per_project_totals_by_formula_filter_and_frozen_header(exported) -> None:
    ws_path, _docx, xlsx = exported["2024"]
    book = openpyxl.load_workbook(xlsx)
    sheet, sheet_names = book[SUMMARY_SHEET], book.sheetnames
    projects = _projects("2024")
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == ["序号", "单位", "项目编码", "项目名称", "预算数", "财政资金", "其他资金"]
    assert header[7:] == ["3月底", "6月底", "10月底", "12月底", "指标数", "错误", "警告"]
    for r, project in enumerate(projects, 2):
        row = [cell.value for cell in sheet[r]]
        assert row[0] == r - 1
        assert row[2:4] == [project["code"], project["name"]]
        assert Decimal(str(row[4])) == Decimal(project["budget"])
        assert row[11] == len(project["indicators"])
        link = sheet.cell(r, 3).hyperlink
        assert link is not None
        assert link.location == f"'{sheet_names[r]}'!A1"  # the project's own sheet
    total = len(projects) + 2
    assert sheet.cell(total, 1).value == "合计"
    assert sheet.cell(total, 5).value == f"=SUBTOTAL(109,E2:E{total - 1})"
    assert sheet.auto_filter.ref == f"A1:N{total - 1}"
    assert sheet.freeze_panes == "A2"
    with open_workspace(ws_path, read_only=True) as workspace, workspace.session() as session:
        findings = check_departments(workspace.departments(session), library=stored_library(session))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR and f.location.project_id is not None)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING and f.location.project_id is not None)
    assert sum(int(str(sheet.cell(r, 13).value)) for r in range(2, total)) == errors
    assert sum(int(str(sheet.cell(r, 14).value)) for r in range(2, total)) == warnings
    assert warnings > 0  # the sample has warnings, so the column is really filled


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_summary_totals_computed_by_libreoffice_match(exported, tmp_path: Path) -> None:
    """The 合计 formulas evaluate to the sum of the rows (LibreOffice recalculates and saves values)."""
    xlsx = exported["2024"][2]
    convert(xlsx, tmp_path, "xlsx:Calc MS Excel 2007 XML")
    sheet = openpyxl.load_workbook(tmp_path / xlsx.name, data_only=True)[SUMMARY_SHEET]
    total = len(_projects("2024")) + 2
    budgets = sum(Decimal(p["budget"]) for p in _projects("2024"))
    assert Decimal(str(sheet.cell(total, 5).value)).quantize(Decimal("0.01")) == budgets


def test_part_one_sheet_holds_the_texts(exported) -> None:
    data = fixture_data("2024")["departments"][0]
    ws = openpyxl.load_workbook(exported["2024"][2])[PART_ONE_SHEET]
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=2, max_col=4)]
    assert rows[0] == ["部分", "标题", "类别", "内容"]
    assert rows[1] == ["总体绩效目标", None, None, data["overall_goal"]]
    texts = [row[3] for row in rows]
    for goal in data["sub_goals"]:
        assert goal["goal"] in texts
        assert all(text in texts for text in goal["indicators"])
    measures = next(i for i, row in enumerate(rows) if row[0] == "工作保障措施")  # 部分 is merged down
    assert [row[1] for row in rows[measures:]] == [m["title"] for m in data["measures"]]
    assert ws["D3"].alignment.wrap_text


def test_progress_reports_each_project_sheet(tmp_path: Path) -> None:
    dept = read_document(load_json_file(FIXTURES["2024"]))[0]
    seen: list[tuple[int, int]] = []
    write_xlsx([dept], tmp_path / "p.xlsx", progress=lambda done, total: seen.append((done, total)))
    count = len(dept.projects)
    assert seen == [(i, count) for i in range(1, count + 1)]


def test_one_department_per_workbook(tmp_path: Path) -> None:
    make_workspace(tmp_path / "two.perfdesk", "2021", "2024").close()
    result = cli_main("export", tmp_path / "two.perfdesk", tmp_path / "out.xlsx")
    assert result.returncode == 2
    assert "Excel 文件只能包含一个部门的一个年度" in result.stderr
    assert not (tmp_path / "out.xlsx").exists()
    result = cli_main("export", tmp_path / "two.perfdesk", tmp_path / "out.xlsx", "--year", "2024")
    assert result.returncode == 0, result.stderr
    assert openpyxl.load_workbook(tmp_path / "out.xlsx")[SUMMARY_SHEET]["D2"].value == "法律援助经费"
    with pytest.raises(InputError, match="收到 2 个"):
        write_xlsx(read_document(load_json_file(FIXTURES["2021"])) * 2, tmp_path / "x.xlsx")


def test_a_table_longer_than_a_page_is_one_sheet_whose_header_row_repeats(tmp_path: Path) -> None:
    """Word continues a long table under 续表 (separate tables); the sheet holds the whole plan once and
    Excel repeats the column header on each printed page. Word's first part is the sheet's top."""
    from perfdesk.layout.project_table import project_table
    from tests.test_export_docx_review import forty_rows

    dept = read_document(forty_rows())[0]
    write_docx([dept], tmp_path / "long.docx")
    write_xlsx([dept], tmp_path / "long.xlsx")
    sheet = _project_sheets(openpyxl.load_workbook(tmp_path / "long.xlsx"))[0]
    plan = project_table(dept, dept.projects[0], 1)
    excel = excel_grid(sheet, len(plan.rows))
    expected = {
        (r, cell.col): (cell.text, cell.col_span, cell.row_span)
        for r, row in enumerate(plan.rows)
        for cell in row.cells
    }
    assert set(excel) - set(expected) == set()  # every cell the plan has, merges as planned
    for slot, (text, col_span, row_span) in expected.items():
        assert excel[slot][1:] == (col_span, row_span), slot
        assert same_text(text, excel[slot][0]), slot
    first_word_part = word_grid(word_tables(tmp_path / "long.docx")[0])
    assert len(word_tables(tmp_path / "long.docx")) > len(dept.projects)  # Word did continue it
    for (r, c), (text, col_span, _rows) in first_word_part.items():
        assert excel[(r, c)][1] == col_span, (r, c)
        assert same_text(text, excel[(r, c)][0]), (r, c)
    header = TABLE_TOP + plan.header_index
    assert sheet.print_title_rows == f"${header}:${header}"
