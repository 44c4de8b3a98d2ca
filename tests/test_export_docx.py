"""Word export: real .docx files read back with python-docx and lxml, compared with the fixture data.

Expected cells are built here from the fixture JSON, independently of
perfdesk.layout, so a layout bug shows up as a mismatch.
"""

from __future__ import annotations

import gc
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

from perfdesk.errors import InputError, OutputError
from perfdesk.export.docx.document import write_docx
from perfdesk.importers.json_import import load_json_file, read_document
from tests.conftest import FIXTURES, cli_main, fixture_data, style_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LAYOUT = {  # the presets the importer gives each fixture (perfdesk.layout.options)
    "2021": {"name_label": "专项资金名称", "number": "、", "percent": ""},
    "2024": {"name_label": "项目名称", "number": ".", "percent": "%"},
}


def _department(which: str):
    return read_document(load_json_file(FIXTURES[which]))[0]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both fixtures exported once through the command line, as a clerk would."""
    out: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("docx")
    for which in FIXTURES:
        ws = folder / f"{which}.perfdesk"
        assert cli_main("import", FIXTURES[which], "--into", ws).returncode == 0
        target = folder / f"{which}.docx"
        result = cli_main("export", ws, target)
        assert result.returncode == 0, result.stderr
        assert "已导出" in result.stdout
        out[which] = target
    return out


def _cell_text(tc: etree._Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p"))


def _rows(table) -> list[list[tuple[str, str | None]]]:
    """Each row's cells as (text, vMerge) straight from the XML: None, "restart" or "continue"."""
    rows = []
    for tr in table._tbl.iter(f"{W}tr"):
        cells = []
        for tc in tr.iter(f"{W}tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            kind = None if merge is None else (merge.get(f"{W}val") or "continue")
            cells.append((_cell_text(tc), kind))
        rows.append(cells)
    return rows


def _expected_rows(project: dict, which: str) -> list[list[str]]:
    """The seed's table for one project, continuation cells of vertical merges as ""."""
    layout = LAYOUT[which]
    plan = project.get("spending_plan") or {}

    def plan_cell(month: str) -> str:
        value = plan.get(month)
        return "" if value is None else f"{value}{layout['percent']}"

    goals = project.get("goals", [])
    if project.get("goal_style") == "rows" and goals:  # one 目标N row per goal, 绩效目标 merged down
        goal_rows = [["" if i > 1 else "绩效目标", f"目标{i}", goal] for i, goal in enumerate(goals, 1)]
    else:
        numbered = "\n".join(f"{i}{layout['number']}{g}" for i, g in enumerate(goals, 1))
        goal_rows = [["绩效目标", goals[0] if len(goals) == 1 else numbered]]
    rows = [
        ["项目编码", project["code"], layout["name_label"], project["name"]],
        [
            "预算规模及资金用途",
            "预算数",
            project["budget"],
            "其中：财政资金",
            project.get("fiscal_funds") or "",
            "其他资金",
            project.get("other_funds") or "",
        ],
    ]
    if "purpose" in project:
        rows.append(["", project["purpose"]])
    rows += [
        ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
        ["", *(plan_cell(m) for m in ("3", "6", "10", "12"))],
        *goal_rows,
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
    ]
    previous: tuple[str, str] | None = None
    for ind in project.get("indicators", []):
        level1 = ind["level1"] if previous is None or previous[0] != ind["level1"] else ""
        same_run = previous is not None and previous == (ind["level1"], ind["level2"])
        level2 = "" if same_run else ind["level2"]
        value = f"{ind.get('op') or ''}{ind.get('value') or ''}{ind.get('unit') or ''}"
        rows.append([level1, level2, ind["name"], ind.get("description", ""), value, ind.get("basis", "")])
        previous = (ind["level1"], ind["level2"])
    return rows


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_every_project_table_in_order_cell_by_cell(exported: dict[str, Path], which: str) -> None:
    data = fixture_data(which)["departments"][0]
    document = docx.Document(str(exported[which]))
    projects = (data.get("special_funds") or []) + data["projects"]
    assert len(document.tables) == len(projects)
    for table, project in zip(document.tables, projects, strict=True):
        got = [[text for text, _ in row] for row in _rows(table)]
        assert got == _expected_rows(project, which), project["name"]


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_table_titles_and_unit_lines(exported: dict[str, Path], which: str) -> None:
    data = fixture_data(which)["departments"][0]
    document = docx.Document(str(exported[which]))
    titles = [p.text for p in document.paragraphs if style_name(p) == "PD Table Title"]
    sep = LAYOUT[which]["number"]
    assert titles == [f"{i}{sep}{p.get('title') or p['name']}绩效目标表" for i, p in enumerate(data["projects"], 1)]
    body = document.element.body
    for tbl in body.iter(f"{W}tbl"):
        unit_line = "".join(t.text for t in tbl.getprevious().iter(f"{W}t"))
        assert unit_line.endswith("单位：万元")
        if which == "2024":
            assert unit_line.startswith("315001 巨鹿县司法局本级")
        else:
            assert unit_line == "单位：万元"


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_level1_and_level2_are_real_vertical_merges(exported: dict[str, Path], which: str) -> None:
    data = fixture_data(which)["departments"][0]
    document = docx.Document(str(exported[which]))
    for table, project in zip(document.tables, data["projects"], strict=True):
        indicators = project["indicators"]
        first = len(table.rows) - len(indicators)
        grid = table._cells  # python-docx resolves vMerge continuations to the restarting w:tc
        columns = len(table.columns)
        for offset, ind in enumerate(indicators[1:], 1):
            above, here = first + offset - 1, first + offset
            prev = indicators[offset - 1]
            same1 = grid[above * columns]._tc is grid[here * columns]._tc
            same2 = grid[above * columns + 1]._tc is grid[here * columns + 1]._tc
            assert same1 == (prev["level1"] == ind["level1"]), (project["name"], offset)
            assert same2 == (prev["level1"] == ind["level1"] and prev["level2"] == ind["level2"])
        kinds = [row[0][1] for row in _rows(table)[first:]]
        assert "continue" in kinds
        assert kinds[0] == "restart"


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_tables_fitting_their_page_repeat_nothing_and_rows_do_not_split(exported: dict[str, Path], which: str) -> None:
    """The seeds' tables each fit on a page: no row is marked to repeat (only a continuation's column header is)."""
    for table in docx.Document(str(exported[which])).tables:
        rows = list(table._tbl.iter(f"{W}tr"))
        assert not [tr for tr in rows if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)
        widths = [int(col.get(qn("w:w"), "")) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert len(widths) == 7
        assert abs(sum(widths) - Mm(156).twips) < 20


def test_page_size_margins_and_footer_page_field(exported: dict[str, Path]) -> None:
    document = docx.Document(str(exported["2021"]))
    section = document.sections[0]
    expected = {
        "page_width": 210,
        "page_height": 297,
        "top_margin": 37,
        "bottom_margin": 35,
        "left_margin": 28,
        "right_margin": 26,
    }
    for name, mm in expected.items():
        assert abs(getattr(section, name).mm - mm) < 0.1, name
    for footer in (section.footer, section.even_page_footer):
        xml = etree.tostring(footer._element, encoding=str)
        assert "PAGE" in "".join(footer._element.itertext())
        assert "— " in xml
    assert section.different_first_page_header_footer


@pytest.mark.parametrize(
    ("font_set", "present", "absent"),
    [
        (None, {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}, {"仿宋", "楷体"}),
        ("windows", {"宋体", "仿宋", "黑体", "楷体"}, {"方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"}),
    ],
)
def test_every_run_names_its_east_asian_font(
    tmp_path: Path, font_set: str | None, present: set[str], absent: set[str]
) -> None:
    target = write_docx([_department("2021")], tmp_path / "out.docx", font_set=font_set)
    with zipfile.ZipFile(target) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        styles = archive.read("word/styles.xml").decode()
    fonts = set()
    for run in body.iter(f"{W}r"):
        east_asia = run.find(f"{W}rPr/{W}rFonts")
        assert east_asia is not None, etree.tostring(run, encoding=str)
        assert east_asia.get(f"{W}eastAsia"), etree.tostring(run, encoding=str)
        fonts.add(east_asia.get(f"{W}eastAsia"))
    assert present <= fonts
    assert not (absent & fonts)
    assert "eastAsiaTheme" not in styles.split("</w:docDefaults>")[0]
    assert 'w:after="200"' not in styles.split("</w:docDefaults>")[0]


def test_department_font_set_is_used_without_override(tmp_path: Path) -> None:
    dept = _department("2024")
    dept.font_set = "windows"
    target = write_docx([dept], tmp_path / "out.docx")
    with zipfile.ZipFile(target) as archive:
        assert "仿宋_GB2312" not in archive.read("word/document.xml").decode()


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_toc_field_is_present_and_prefilled(exported: dict[str, Path], which: str) -> None:
    document = docx.Document(str(exported[which]))
    body = document.element.body
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(text.strip().startswith('TOC \\o "1-2"') for text in instructions)
    kinds = [c.get(f"{W}fldCharType") for c in body.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    entries = [p.text.rsplit("\t", 1) for p in document.paragraphs if style_name(p).startswith("toc") and p.text]
    headings = [p.text for p in document.paragraphs if style_name(p) in ("Heading 1", "Heading 2", "PD Table Title")]
    assert [text for text, _ in entries] == [text.replace("\n", "\u3000") for text in headings]
    pages = [int(page) for _, page in entries]
    assert pages == sorted(pages)
    assert pages[0] >= 3
    assert document.settings.element.find(f"{W}updateFields") is None


def test_parts_are_numbered_by_what_the_department_has(exported: dict[str, Path]) -> None:
    def part_headings(which: str) -> list[str]:
        return [p.text for p in docx.Document(str(exported[which])).paragraphs if style_name(p) == "Heading 1"]

    # on two lines, as the seeds print them (a manual line break, which python-docx reads as "\n")
    assert part_headings("2021") == [
        "第一部分\n部门整体绩效目标",
        "第二部分\n专项资金绩效目标",
        "第三部分\n预算项目绩效目标",
    ]
    assert part_headings("2024") == ["第一部分\n部门整体绩效目标", "第二部分\n预算项目绩效目标"]


def test_cover_and_part_one_text(exported: dict[str, Path]) -> None:
    data = fixture_data("2021")["departments"][0]
    texts = [p.text for p in docx.Document(str(exported["2021"])).paragraphs]
    assert texts[:4] == [data["title"], "（草案）", "承德市司法局编制", "承德市财政局审核"]
    assert "一、总体绩效目标" in texts
    assert data["overall_goal"] in texts
    first = data["sub_goals"][0]
    assert "（一）" + first["title"] in texts
    assert "绩效目标：" + first["goal"] in texts
    assert "绩效指标：" + first["indicators"][0] in texts
    measure = data["measures"][1]
    assert f"（二）{measure['title']}{measure['text']}" in texts


def test_layout_options_change_labels_numbers_and_goal_rows(tmp_path: Path) -> None:
    dept = _department("2024")
    dept.name_label, dept.number_style, dept.goal_style, dept.percent_sign = "专项资金名称", "、", "rows", False
    document = docx.Document(str(write_docx([dept], tmp_path / "out.docx")))
    project = dept.projects[0]
    rows = _rows(document.tables[0])
    assert rows[0][2][0] == "专项资金名称"
    assert [text for text, _ in rows[4]] == ["", "25", "50", "75", "100"]
    goal_rows = rows[5 : 5 + len(project.goals)]
    assert [row[-2][0] for row in goal_rows] == [f"目标{i}" for i in range(1, len(project.goals) + 1)]
    assert [row[-1][0] for row in goal_rows] == list(project.goals)
    assert [row[0][1] for row in goal_rows] == ["restart"] + ["continue"] * (len(project.goals) - 1)
    titles = [p.text for p in document.paragraphs if style_name(p) == "PD Table Title"]
    assert titles[0] == f"1、{project.name}绩效目标表"


def test_progress_reports_each_table(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_docx([_department("2024")], tmp_path / "out.docx", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 8) for i in range(1, 9)]


def test_more_than_one_department_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        write_docx([_department("2021"), _department("2024")], tmp_path / "out.docx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "make_target",
    [
        lambda folder: folder / "a-folder.docx",  # created as a directory below
        lambda folder: folder / "missing" / "out.docx",
    ],
)
def test_unwritable_target_exits_2_in_chinese_and_leaves_nothing(
    workspace_2024: Path, tmp_path: Path, make_target
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = make_target(out)
    if target.name == "a-folder.docx":
        target.mkdir()
    result = cli_main("export", workspace_2024, target)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stderr)
    leftovers = [p for p in out.rglob("*") if p.is_file()]
    assert leftovers == []


def test_failed_export_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"old report")

    writestr = zipfile.ZipFile.writestr

    def disk_full_after_the_body(self, name, data, *args, **kwargs) -> None:
        if name == "word/styles.xml":  # written after the streamed document.xml: the file is half written
            raise OSError(28, "No space left on device")
        writestr(self, name, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full_after_the_body)
    with pytest.raises(OutputError, match="No space left"):
        write_docx([_department("2024")], target)
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    assert gc.get_freeze_count() == 0  # the objects frozen for the export are collectable again


def test_a_body_too_large_for_a_zip_without_zip64_is_refused_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past 2 GiB the streamed main part needs zip64; zipfile says so with a bare RuntimeError."""
    target = tmp_path / "report.docx"
    target.write_bytes(b"old report")
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 50_000)  # the 2024 body is larger than this
    with pytest.raises(OutputError, match="超过 2 GB"):
        write_docx([_department("2024")], target)
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]


def test_an_export_leaves_objects_frozen_by_someone_else_frozen(tmp_path: Path) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        write_docx([_department("2024")], tmp_path / "out.docx")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    write_docx([_department("2024")], tmp_path / "out.docx")
    assert gc.get_freeze_count() == 0


def test_directory_target_raises_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_docx([_department("2024")], tmp_path)


def test_control_characters_pasted_from_word_do_not_break_the_export(tmp_path: Path) -> None:
    """Word's manual line break (\\x0b) and stray control characters are stored as typed, printed cleanly."""
    data = fixture_data("2024")
    project = data["departments"][0]["projects"][0]
    project["purpose"] = "第一行\x0b第二行\x07\x00"
    data["departments"][0]["overall_goal"] = "总体\x0c目标\x1f"
    source = tmp_path / "ctl.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    workspace = tmp_path / "ctl.perfdesk"
    assert cli_main("import", source, "--into", workspace).returncode == 0
    out = tmp_path / "ctl.docx"
    result = cli_main("export", workspace, out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "总体" in texts
    assert "目标" in texts
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "第一行\n第二行" in cells
    back = tmp_path / "back.json"
    assert cli_main("export", workspace, back).returncode == 0
    assert json.loads(back.read_text("utf-8"))["departments"][0]["projects"][0]["purpose"] == "第一行\x0b第二行\x07\x00"
