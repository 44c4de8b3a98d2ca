"""The benchmark's generator and its one command (``python -m bench``), run small."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import FIXTURE_2021, generate_document, synthetic_department, write_document
from perfdesk.importers.json_import import load_json_file, read_document

ROOT = Path(__file__).resolve().parent.parent


def test_the_generator_makes_n_projects_of_m_rows_from_the_samples(tmp_path: Path) -> None:
    path = write_document(tmp_path / "g.json", 50, indicators=12)
    [dept] = read_document(load_json_file(path))  # a valid perfdesk/1 document
    assert len(dept.projects) == 50
    assert {len(p.indicators) for p in dept.projects} == {12}
    assert len({p.code for p in dept.projects}) == 50
    first = json.loads(FIXTURE_2021.read_text("utf-8"))["departments"][0]["projects"][0]
    assert dept.projects[0].name == f"{first['name']}1"
    assert dept.projects[0].purpose == first["purpose"]
    assert len(dept.projects[0].purpose or "") > 50  # the samples' text lengths, not placeholders
    assert generate_document(3)["format"] == "perfdesk/1"
    assert len(synthetic_department(7).projects) == 7


def _run_small(module: str, out: Path) -> str:
    """``python -m module`` at 24 projects, one round, the naive writer included; the table it wrote."""
    done = subprocess.run(
        [sys.executable, "-m", module, "--sizes", "24", "--runs", "1", "--naive-max", "24", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out.read_text("utf-8")


@pytest.mark.gui
@pytest.mark.slow
def test_python_m_bench_writes_the_tables(tmp_path: Path) -> None:
    text = _run_small("bench", tmp_path / "RESULTS.md")
    for heading in ("## Start-up", "## In the GUI", "## Commands"):
        assert heading in text
    assert "| bare PySide6 window shown (baseline) |" in text
    assert "| one committed grid edit |" in text
    assert "| `perfdesk import` (JSON) |" in text
    assert "naive python-docx writer" in text
    assert "| `perfdesk export` Excel |" in text
    assert "| `perfdesk import` (Excel, the workbook above) |" in text
    assert "- machine:" in text


@pytest.mark.slow
def test_python_m_bench_word_measures_the_word_export_beside_the_naive_writer(tmp_path: Path) -> None:
    text = _run_small("bench.word", tmp_path / "word.md")
    assert "| `perfdesk export` Word | " in text
    assert "naive python-docx writer" in text
    assert "(× " in text  # the ratio to the naive writer
    assert "`perfdesk import`" not in text
    assert "- machine:" in text
