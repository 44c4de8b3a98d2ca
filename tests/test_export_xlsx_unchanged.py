"""The Excel export writes what it wrote before it was made faster, cell for cell.

``tests/data/xlsx_before`` holds the workbooks ``perfdesk export WS OUT.xlsx`` wrote for both
samples and a generated 40-project department before the writer was reworked for speed (issue
17). Every cell's value, type, font, alignment, border, fill and number format, every merge,
column width, row height, hyperlink and the print setup of every sheet must read back the same.
A deliberate change of the layout replaces these files (export the three again with the
commands of ``_export`` and say why in the commit).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.xml.functions import tostring

from bench.generate import write_document
from perfdesk.export.xlsx.page import PageXml, set_page
from perfdesk.export.xlsx.styles import SheetStyles
from perfdesk.layout.fonts import font_set
from tests.conftest import FIXTURES, cli_main
from tests.xlsx_facts import differences, workbook_facts

BEFORE = Path(__file__).resolve().parent / "data" / "xlsx_before"
GENERATED = 40


def _export(source: Path, folder: Path) -> Path:
    workspace, target = folder / "ws.perfdesk", folder / "out.xlsx"
    assert cli_main("import", source, "--into", workspace).returncode == 0
    result = cli_main("export", workspace, target)
    assert result.returncode == 0, result.stderr
    return target


@pytest.mark.parametrize("which", ["2021", "2024", f"generated-{GENERATED}"])
def test_export_reads_back_as_before_cell_for_cell(which: str, tmp_path: Path) -> None:
    source = FIXTURES.get(which) or write_document(tmp_path / "generated.json", GENERATED)
    before = workbook_facts(BEFORE / f"{which}.xlsx")
    after = workbook_facts(_export(source, tmp_path))
    assert before["sheets"] == after["sheets"]
    assert differences(before, after) == []


def test_the_comparison_sees_a_changed_style_width_and_merge(tmp_path: Path) -> None:
    """The facts are fine enough to notice what a faster writer could get wrong."""
    book = openpyxl.load_workbook(BEFORE / "2024.xlsx")
    sheet = book.worksheets[2]
    sheet["B5"].font = Font(name=sheet["B5"].font.name, size=11)
    sheet.column_dimensions["C"].width += 1
    sheet.merge_cells("A20:B20")
    sheet.page_setup.orientation = "landscape"
    changed = tmp_path / "changed.xlsx"
    book.save(changed)
    found = "\n".join(differences(workbook_facts(BEFORE / "2024.xlsx"), workbook_facts(changed)))
    for what in ("!cells!B5", "!columns!C", "!merged", "!page_setup"):
        assert what in found, found


@pytest.mark.parametrize("title", ["1.法律援助经费绩效目标表", "A&B <c> \"d\" 'e'", "&[Page] && &P", "x\u0007y"])
def test_the_header_written_as_text_is_what_openpyxl_writes(title: str) -> None:
    styles = SheetStyles.of(font_set(None))
    sheet = Workbook().create_sheet("x")
    set_page(sheet, title, styles, "A1:A1")
    assert PageXml.header(title, styles) == tostring(sheet.HeaderFooter.to_tree()).decode("utf-8")
