"""LibreOffice renders the Word export; the pre-filled 目录 page numbers match where the titles land."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from perfdesk.export.docx.document import write_docx
from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.models import Department
from tests.conftest import FIXTURES, style_name
from tests.libreoffice import convert
from tests.test_export_docx_review import empty_part_one, forty_rows

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
    ),
]


def _to_pdf(source: Path, tmp_path: Path) -> Path:
    return convert(source, tmp_path)


def _squash(text: str) -> str:
    return re.sub(r"[\s\u3000]+|—\s*\d+\s*—", "", text)


def _department(which: str) -> Department:
    if which == "forty-rows":
        return read_document(forty_rows())[0]
    if which == "empty-part-one":
        return read_document(empty_part_one())[0]
    return read_document(load_json_file(FIXTURES[which]))[0]


@pytest.mark.parametrize("which", ["2021", "2024", "forty-rows", "empty-part-one"])
def test_libreoffice_renders_and_toc_pages_are_right(tmp_path: Path, which: str) -> None:
    dept = _department(which)
    source = write_docx([dept], tmp_path / f"{which}.docx")
    pdf = _to_pdf(source, tmp_path)
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")

    document = docx.Document(str(source))
    entries = [p.text.rsplit("\t", 1) for p in document.paragraphs if style_name(p).startswith("toc") and p.text]
    body_start = int(entries[0][1])
    assert body_start >= 3
    for text, page in entries:
        key = _squash(text)[:12]
        landed = next(i for i, content in enumerate(pages, 1) if i >= body_start and key in _squash(content))
        assert landed == int(page), f"{text}: 目录 says {page}, LibreOffice puts it on {landed}"
    continued = sum(1 for p in document.paragraphs if p.text.startswith("续表"))
    last_table_page = int(entries[-1][1])
    # every table, and every part of a continued one, fits on its page
    assert len([p for p in pages if p.strip()]) == last_table_page + continued
    for content in pages[last_table_page : last_table_page + continued]:
        assert _squash(content).startswith("续表")
        assert "一级指标" in content


def test_a_body_line_holds_28_characters_in_libreoffice(tmp_path: Path) -> None:
    """The 2021 seed's 总体绩效目标: 26 characters after the two-character indent, then 28 a line (GB/T 9704)."""
    dept = _department("2021")
    text = dept.overall_goal or ""
    assert text.startswith("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻")
    pdf = _to_pdf(write_docx([dept], tmp_path / "2021.docx"), tmp_path)
    lines = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith(text[:8]))
    # the first two lines are Chinese characters and full-width punctuation only: one grid cell each
    assert (lines[first], lines[first + 1]) == (text[:26], text[26:54])
