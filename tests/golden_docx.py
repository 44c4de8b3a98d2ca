"""Golden Word files: what the writer produced before it was made to stream, kept to compare byte for byte.

Each case is a department, a font set and the export options; its file is ``tests/golden/<name>.docx``,
written with a fixed creation time so every zip member is reproducible. ``tests/test_docx_golden.py``
exports each case again and compares every member's bytes.

A deliberate change of the printed output (a width rule, a style) regenerates them all, with one command:

    .venv/bin/python -m tests.golden_docx

and the diff of the regenerated files is reviewed with the change that caused it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.generate import FIXTURE_2021, FIXTURE_2024, fixture_department, synthetic_department
from perfdesk.export.docx.document import write_docx
from perfdesk.export.registry import ExportOptions
from perfdesk.importers.json_import import read_document
from perfdesk.models import Department

GOLDEN = Path(__file__).resolve().parent / "golden"
#: The creation time every golden file states (core.xml), so the files are reproducible.
WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Case:
    name: str
    department: Callable[[], Department]
    font_set: str | None = None
    empty_parts: str = "none"

    @property
    def path(self) -> Path:
        return GOLDEN / f"{self.name}.docx"

    def write(self, target: Path) -> Path:
        """Export this case to ``target`` with the current writer."""
        options = ExportOptions(empty_parts=self.empty_parts)
        return write_docx([self.department()], target, font_set=self.font_set, options=options, when=WHEN)


def odd_text_department() -> Department:
    """The 2024 sample with the text a writer gets wrong: XML's own characters, pasted control characters,
    blank and broken lines in cells, captions and prose, an empty cell, spaces at either end."""
    data = json.loads(FIXTURE_2024.read_text(encoding="utf-8"))
    department = data["departments"][0]
    department["overall_goal"] = "总体 & <目标> \"引号\" '单引号'\x0b第二行\r\n\n第四行\x07"
    department["units"][0]["name"] += " & <本级>"
    project = department["projects"][0]
    project["name"] = f'  {project["name"]} & <a href="x">  '
    project["purpose"] = "第一行\x0b第二行\x00\n\n第四行\t制表"
    rows = project["indicators"]
    rows[0].update(level1="产出指标\n（续）", name="次数 & 频次 < 10 > 5", value="", basis="\n前后空行\n")
    rows[1].update(level2="质量指标 & <合格率>", value='"100%"', unit="\x0c")
    return read_document(data)[0]


def shared_fixture_2021() -> Department:
    """The 2021 document as transcribed in the shared fixtures: the sample without its ``goal_style`` hints,
    so its goals print as one sentence block (the other 绩效目标 layout)."""
    data = json.loads(FIXTURE_2021.read_text(encoding="utf-8"))
    for department in data["departments"]:
        for project in department.get("projects", []):
            project.pop("goal_style", None)
    return read_document(data)[0]


CASES = (
    Case("chengde-2021", lambda: fixture_department(FIXTURE_2021)),
    Case("chengde-2021-fixture", shared_fixture_2021),
    Case("julu-2024", lambda: fixture_department(FIXTURE_2024)),
    Case("julu-2024-windows-omit", lambda: fixture_department(FIXTURE_2024), "windows", "omit"),
    Case("generated-40", lambda: synthetic_department(40)),
    Case("odd-text", odd_text_department),
)


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for case in CASES:
        print(case.write(case.path))


if __name__ == "__main__":
    main()
