"""What a bureau's reviewer looks at in the Word export: column widths, continuation pages, alignment,
the cover, empty parts, the file's properties and the page geometry.

Every .docx is written, read back with python-docx/lxml and measured here with
this file's own em rule (CJK 1 em, ASCII ½ em at 五号), not perfdesk.layout's.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from lxml import etree

from perfdesk.export.docx.document import write_docx
from perfdesk.export.registry import ExportOptions
from perfdesk.importers.json_import import read_document
from perfdesk.models import Department
from tests.conftest import cli_main, fixture_data, style_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TABLE_PT = 10.5  # 五号
CELL_CHROME_TWIPS = 2 * 80 + 10  # both cell margins (4 pt) and the grid line
COLUMN_HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
#: (一级, 二级, rows) of the 40-row project: groups that run over the page breaks.
GROUPS: tuple[tuple[str, str, int], ...] = (
    ("产出指标", "数量指标", 14),
    ("产出指标", "质量指标", 10),
    ("效益指标", "社会效益指标", 11),
    ("满意度指标", "服务对象满意度指标", 5),
)


def find(element: etree._Element, path: str) -> etree._Element:
    found = element.find(path)
    assert found is not None, path
    return found


def attr(element: etree._Element, name: str) -> str:
    value = element.get(qn(f"w:{name}"))
    assert value is not None, name
    return value


def pt(length: Length | None) -> float:
    assert length is not None
    return float(length.pt)


def em(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def department(data: dict) -> Department:
    return read_document(data)[0]


def forty_rows() -> dict:
    """The 2024 seed with one project of 40 indicator rows."""
    data = fixture_data("2024")
    dept = data["departments"][0]
    project = dept["projects"][0]
    project["indicators"] = [
        {
            "level1": level1,
            "level2": level2,
            "name": f"{level2[:2]}考核项目{i + 1}",
            "description": f"按计划完成第{i + 1}项工作任务",
            "op": "≥",
            "value": str(80 + i % 20),
            "unit": "%",
            "basis": "单位年度工作计划",
        }
        for level1, level2, count in GROUPS
        for i in range(count)
    ]
    dept["projects"] = [project]
    return data


# --- reading tables back ---------------------------------------------------------------------------
def grid_widths(tbl: etree._Element) -> list[int]:
    return [int(attr(col, "w")) for col in tbl.iter(f"{W}gridCol")]


def cells(tr: etree._Element) -> Iterator[tuple[int, int, etree._Element]]:
    """(first grid column, span, w:tc) of each cell of a row."""
    col = 0
    for tc in tr.iter(f"{W}tc"):
        span_el = tc.find(f"{W}tcPr/{W}gridSpan")
        span = int(attr(span_el, "val")) if span_el is not None else 1
        yield col, span, tc
        col += span


def cell_text(tc: etree._Element) -> str:
    """The cell's text; paragraphs are lines, a manual break inside a caption is not a line of its own."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in tc.iter(f"{W}p"))


def cell_lines(tc: etree._Element) -> list[str]:
    """The cell's lines as written: each paragraph, split where a caption has a manual break."""
    lines = []
    for p in tc.iter(f"{W}p"):
        line = ""
        for el in p.iter(f"{W}t", f"{W}br"):
            if el.tag == f"{W}br":
                lines.append(line)
                line = ""
            else:
                line += el.text or ""
        lines.append(line)
    return lines


def merge(tc: etree._Element) -> str | None:
    el = tc.find(f"{W}tcPr/{W}vMerge")
    return None if el is None else (el.get(qn("w:val")) or "continue")


def indicator_rows(tbl: etree._Element) -> list[list[tuple[int, int, etree._Element]]]:
    """The rows under the column-header row."""
    rows = [list(cells(tr)) for tr in tbl.iter(f"{W}tr")]
    header = next(i for i, row in enumerate(rows) if [cell_text(tc) for _, _, tc in row] == COLUMN_HEADER)
    return rows[header + 1 :]


# --- 1. columns sized to their content ---------------------------------------------------------------
#: 三级指标 is not squeezed below this many characters a line when its text is longer (NAME_FLOOR_CHARS).
NAME_FLOOR = 6
#: A digit or Latin letter that must not break is given this much room (em), for fonts wider than 宋体's ½ em.
SAFE_NARROW = 0.6


def safe_em(text: str) -> float:
    return sum(SAFE_NARROW if ord(ch) < 0x2000 else 1.0 for ch in text)


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_no_label_and_no_short_value_wraps_and_the_table_keeps_the_text_width(tmp_path: Path, which: str) -> None:
    """Short values stay on one line with room for wider digits; a 一级/二级 label stays on one line, or takes
    two broken between its words where its line would squeeze 三级指标 under six characters."""
    document = docx.Document(str(write_docx([department(fixture_data(which))], tmp_path / "out.docx")))
    checked = broken = 0
    for table in document.tables:
        widths = grid_widths(table._tbl)
        assert sum(widths) == round(156 / 25.4 * 72 * 20)
        assert len(set(widths)) > 2  # sized per column, not one fixed set
        rows = indicator_rows(table._tbl)
        names = [cell_text(tc) for row in rows for col, _span, tc in row if col == 2]
        name_room = (widths[2] - CELL_CHROME_TWIPS) / 20 / TABLE_PT
        assert name_room >= min(NAME_FLOOR, max(map(em, names))) - 0.01, (names, name_room)
        for row in rows:
            for col, span, tc in row:
                text = cell_text(tc)
                room = (sum(widths[col : col + span]) - CELL_CHROME_TWIPS) / 20 / TABLE_PT
                if col == 5 and em(text) <= 8:
                    assert safe_em(text) <= room + 0.01, (text, room)
                    checked += 1
                elif col in (0, 1) and text:
                    lines = cell_lines(tc)
                    assert len(lines) <= 2, text
                    assert all(em(line) <= room + 0.01 for line in lines), (text, room)
                    broken += len(lines) == 2
                    checked += 1
    assert checked > 50
    assert broken  # the seeds' 服务对象满意度指标 gives way in some tables, and only between its words


def test_widths_differ_per_table_by_their_text(tmp_path: Path) -> None:
    """A table whose 描述 and 依据 are empty gives that width to the columns that need it."""
    data = fixture_data("2024")
    projects = data["departments"][0]["projects"]
    bare = copy.deepcopy(projects[0])
    for indicator in bare["indicators"]:
        indicator.pop("description", None)
        indicator.pop("basis", None)
    data["departments"][0]["projects"] = [projects[0], bare]
    tables = docx.Document(str(write_docx([department(data)], tmp_path / "out.docx"))).tables
    full, empty = (grid_widths(t._tbl) for t in tables)
    header_em = em("绩效指标描述")
    assert empty[3] + empty[4] < full[3] + full[4]  # 描述 shrinks …
    assert empty[2] > full[2]  # … and 三级指标 takes the room
    assert empty[6] < full[6]
    assert (empty[3] + empty[4] - 2 * CELL_CHROME_TWIPS) / 20 / TABLE_PT < header_em + 6  # its header and amounts


def test_a_value_with_its_unit_is_never_split(tmp_path: Path) -> None:
    document = docx.Document(str(write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")))
    values = 0
    for table in document.tables:
        widths = grid_widths(table._tbl)
        for row in indicator_rows(table._tbl):
            col, span, tc = row[-2]
            text = cell_text(tc)
            if any(unit in text for unit in ("百分比", "万元", "件", "%")):
                assert em(text) * TABLE_PT * 20 <= sum(widths[col : col + span]) - CELL_CHROME_TWIPS + 1, text
                values += 1
    assert values > 50


def test_captions_too_wide_for_their_cell_break_between_words(tmp_path: Path) -> None:
    """``其中：财政资金`` wraps as 其中： / 财政资金, never 其中：财 / 政资金 (a manual break inside the caption)."""
    document = docx.Document(str(write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")))
    seen = set()
    for table in document.tables:
        for tc in table._tbl.iter(f"{W}tc"):
            for p in tc.iter(f"{W}p"):
                parts = [t.text for t in p.iter(f"{W}t")]
                if p.find(f".//{W}br") is not None:
                    seen.add(tuple(parts))
    assert seen
    allowed = {
        ("其中：", "财政资金"),
        ("其中：财政", "资金"),
        ("其他", "资金"),
        ("预算规模及", "资金用途"),
        ("资金支出", "计划（%）"),
    }
    allowed |= {("指标值", "确定依据"), ("绩效指标", "描述"), ("专项资金", "名称"), ("三级", "指标")}
    # 一级/二级 labels that give their one line to 三级指标's floor
    allowed |= {("服务对象", "满意度指标"), ("可持续影响", "指标"), ("可持续", "影响指标")}
    allowed |= {(f"{kind}效益", "指标") for kind in ("社会", "经济", "生态")}
    assert seen <= allowed, seen - allowed


# --- 2. continuation pages --------------------------------------------------------------------------
def test_a_40_row_table_continues_under_xubiao_with_the_column_header_and_its_labels(tmp_path: Path) -> None:
    data = forty_rows()
    target = write_docx([department(data)], tmp_path / "forty.docx")
    document = docx.Document(str(target))
    parts = [t._tbl for t in document.tables]
    assert len(parts) >= 2
    first = parts[0]
    assert first.find(f".//{W}tblHeader") is None  # the 7-row block is printed once
    printed: list[tuple[str, str, str]] = []
    level1 = level2 = ""
    for n, tbl in enumerate(parts):
        rows = list(tbl.iter(f"{W}tr"))
        flags = [tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows]
        if n:
            assert flags == [True] + [False] * (len(rows) - 1)  # only the column header repeats
            assert [cell_text(tc) for _, _, tc in cells(rows[0])] == COLUMN_HEADER
            before = tbl.getprevious()
            assert before is not None
            assert "".join(t.text or "" for t in before.iter(f"{W}t")).startswith("续表")
            assert before.find(f"{W}pPr/{W}pageBreakBefore") is not None
            assert grid_widths(tbl) == grid_widths(first)
        for i, row in enumerate(indicator_rows(tbl)):
            texts = {col: (cell_text(tc), merge(tc)) for col, _, tc in row}
            if i == 0:  # a label continuing from the page before is printed again, its merge split there
                assert texts[0][0]
                assert texts[1][0]
                assert texts[0][1] != "continue"
                assert texts[1][1] != "continue"
            level1 = texts[0][0] or level1 if texts[0][1] != "continue" else level1
            level2 = texts[1][0] or level2 if texts[1][1] != "continue" else level2
            printed.append((level1, level2, texts[2][0]))
    indicators = data["departments"][0]["projects"][0]["indicators"]
    assert printed == [(i["level1"], i["level2"], i["name"]) for i in indicators]


# --- 7. the layout options the lead's JSON carries (spending_plan, per-project goal_style) -------------
def test_no_spending_plan_rows_when_the_layout_has_none_and_goal_style_per_table(tmp_path: Path) -> None:
    data = fixture_data("2024")
    dept = data["departments"][0]
    dept["layout"] = {"spending_plan": False, "goal_style": "numbered"}
    dept["projects"][1]["goal_style"] = "rows"
    document = docx.Document(str(write_docx([department(data)], tmp_path / "out.docx")))
    texts = [[cell_text(tc) for _, _, tc in cells(tr)] for t in document.tables for tr in t._tbl.iter(f"{W}tr")]
    assert not [row for row in texts if "资金支出计划（%）" in row or "3月底" in row]
    first, second = (
        [[cell_text(tc) for _, _, tc in cells(tr)] for tr in t._tbl.iter(f"{W}tr")] for t in document.tables[:2]
    )
    goals = dept["projects"][1]["goals"]
    assert [row[-2] for row in second if row[-2].startswith("目标")] == [f"目标{i}" for i in range(1, len(goals) + 1)]
    assert not [row for row in first if any(cell.startswith("目标1") for cell in row)]
    for table in document.tables:  # the block without its plan rows still shares the grid and the text width
        assert sum(grid_widths(table._tbl)) == round(156 / 25.4 * 72 * 20)


# --- 5. alignment -----------------------------------------------------------------------------------
def test_one_alignment_per_column_and_nothing_justified(tmp_path: Path) -> None:
    document = docx.Document(str(write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")))
    for table in document.tables:
        assert not [jc for jc in table._tbl.iter(f"{W}jc") if jc.get(qn("w:val")) in ("both", "distribute")]
        for row in indicator_rows(table._tbl):
            for col, _, tc in row:
                aligns = {attr(find(p, f"{W}pPr/{W}jc"), "val") for p in tc.iter(f"{W}p")}
                assert aligns == ({"left"} if col in (3, 6) else {"center"}), (col, cell_text(tc))
        purpose_or_goals = [
            tc for tr in table._tbl.iter(f"{W}tr") for col, span, tc in cells(tr) if span >= 5 and cell_text(tc)
        ]
        for tc in purpose_or_goals:
            assert {attr(find(p, f"{W}pPr/{W}jc"), "val") for p in tc.iter(f"{W}p")} == {"left"}


# --- 3. cover ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("巨鹿县司法局", ["巨鹿县司法局2024年部门预算绩效文本"]),
        ("河北省承德市双桥区人民政府办公室", ["河北省承德市双桥区人民政府办公室", "2024年部门预算绩效文本"]),
        ("中国共产党巨鹿县委员会政法委员会机关", ["中国共产党巨鹿县委员会政法委员会机关", "2024年部门预算绩效文本"]),
    ],
)
def test_a_long_cover_title_breaks_between_words(tmp_path: Path, name: str, lines: list[str]) -> None:
    data = fixture_data("2024")
    dept = data["departments"][0]
    dept["name"] = name
    dept.pop("title", None)
    document = docx.Document(str(write_docx([department(data)], tmp_path / "out.docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[: len(lines)] == lines
    assert all(em(line) * 22 <= 156 / 25.4 * 72 for line in lines)


# --- 4. empty parts ---------------------------------------------------------------------------------
def empty_part_one() -> dict:
    data = fixture_data("2024")
    dept = data["departments"][0]
    dept["overall_goal"] = ""
    dept["sub_goals"] = []
    dept["measures"] = []
    return data


HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "PD Table Title")


def body_after_headings(document) -> list[tuple[str, str]]:
    """Each heading with the text of the paragraph or table that follows it."""
    blocks = list(document.element.body.iterchildren(f"{W}p", f"{W}tbl"))
    paragraphs = {p._p: p for p in document.paragraphs}
    result = []
    for i, block in enumerate(blocks):
        p = paragraphs.get(block)
        if p is None or style_name(p) not in HEADINGS:
            continue
        following = "".join(t.text or "" for t in blocks[i + 1].iter(f"{W}t")) if i + 1 < len(blocks) else ""
        result.append((p.text, following))
    return result


@pytest.mark.parametrize("which", ["2021", "2024", "empty"])
def test_text_follows_every_heading(tmp_path: Path, which: str) -> None:
    data = empty_part_one() if which == "empty" else fixture_data(which)
    document = docx.Document(str(write_docx([department(data)], tmp_path / "out.docx")))
    pairs = body_after_headings(document)
    assert len(pairs) > 5
    assert all(following.strip() for _, following in pairs), [h for h, f in pairs if not f.strip()]


def test_empty_part_one_prints_wu_by_default_and_omits_it_on_request(tmp_path: Path) -> None:
    source = tmp_path / "empty.json"
    source.write_text(json.dumps(empty_part_one(), ensure_ascii=False), "utf-8")
    workspace = tmp_path / "empty.perfdesk"
    assert cli_main("import", source, "--into", workspace).returncode == 0
    kept, omitted = tmp_path / "kept.docx", tmp_path / "omitted.docx"
    assert cli_main("export", workspace, kept).returncode == 0
    result = cli_main("export", workspace, omitted, "--empty-parts", "omit")
    assert result.returncode == 0, result.stderr

    pairs = body_after_headings(docx.Document(str(kept)))
    assert pairs[:4] == [
        ("第一部分\n部门整体绩效目标", "一、总体绩效目标"),
        ("一、总体绩效目标", "无"),
        ("二、分项绩效目标", "无"),
        ("三、工作保障措施", "无"),
    ]
    document = docx.Document(str(omitted))
    headings = [p.text for p in document.paragraphs if style_name(p) in HEADINGS]
    assert headings[0] == "第一部分\n预算项目绩效目标"
    assert not [h for h in headings if "部门整体" in h or "、总体" in h]
    toc = [p.text.split("\t")[0] for p in document.paragraphs if style_name(p).startswith("toc") and p.text]
    assert toc[0] == "第一部分\u3000预算项目绩效目标"
    assert "无" not in [p.text for p in document.paragraphs]


def test_omitting_renumbers_the_sections_left(tmp_path: Path) -> None:
    data = fixture_data("2024")
    data["departments"][0]["overall_goal"] = " "
    target = write_docx([department(data)], tmp_path / "out.docx", options=ExportOptions(empty_parts="omit"))
    sections = [p.text for p in docx.Document(str(target)).paragraphs if style_name(p) == "Heading 2"]
    assert sections == ["一、分项绩效目标", "二、工作保障措施"]


def test_an_unknown_empty_parts_choice_is_refused_in_chinese(workspace_2024: Path, tmp_path: Path) -> None:
    result = cli_main("export", workspace_2024, tmp_path / "out.docx", "--empty-parts", "blank")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()


# --- 6. document properties -------------------------------------------------------------------------
def test_properties_name_the_document_its_author_and_perfdesk(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    target = write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")
    after = dt.datetime.now(dt.UTC)
    core = docx.Document(str(target)).core_properties
    assert core.title == "承德市司法局2021年部门预算绩效文本（草案）"
    assert core.author == core.last_modified_by == "承德市司法局"
    assert (core.comments, core.keywords, core.subject) == ("", "", "")
    for stamp in (core.created, core.modified):
        assert before <= stamp.replace(tzinfo=dt.UTC) <= after
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        app = archive.read("docProps/app.xml").decode()
        everything = b"".join(archive.read(name) for name in names if name.endswith((".xml", ".rels")))
    assert "<Application>perfdesk " in app
    assert "Macintosh" not in app
    assert not {n for n in names if "thumbnail" in n or "customXml" in n or "stylesWithEffects" in n}
    assert b"python-docx" not in everything
    assert b"2013-12-23" not in everything


# --- 8. typography ----------------------------------------------------------------------------------
def test_page_number_7mm_under_the_text_block_and_22_lines_of_28_characters(tmp_path: Path) -> None:
    document = docx.Document(str(write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")))
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    line = find(footer._p, f"{W}pPr/{W}spacing")
    line_pt = int(attr(line, "line")) / 20
    assert attr(line, "lineRule") == "exact"
    gap_pt = pt(section.bottom_margin) - pt(section.footer_distance) - line_pt
    assert abs(gap_pt * 25.4 / 72 - 7) < 0.2
    grid = find(section._sectPr, f"{W}docGrid")
    text_height_pt = pt(section.page_height) - pt(section.top_margin) - pt(section.bottom_margin)
    assert text_height_pt / (int(attr(grid, "linePitch")) / 20) == pytest.approx(22, abs=0.05)
    body = next(p for p in document.paragraphs if style_name(p) == "Normal" and len(p.text) > 40)
    pitch = 16 + int(attr(find(body.runs[0]._r, f"{W}rPr/{W}spacing"), "val")) / 20
    text_width_pt = pt(section.page_width) - pt(section.left_margin) - pt(section.right_margin)
    assert int(text_width_pt // pitch) == 28


def _snaps_to_grid(ppr: etree._Element | None) -> bool | None:
    """The paragraph properties' own ``w:snapToGrid`` (None when they leave it to the style)."""
    snap = None if ppr is None else ppr.find(f"{W}snapToGrid")
    return None if snap is None else snap.get(qn("w:val")) not in ("0", "false", "off")


def test_the_section_carries_the_28_by_22_document_grid_as_word_writes_it(tmp_path: Path) -> None:
    """文档网格 = 指定行和字符网格, 每行 28 字, 每页 22 行 (ECMA-376 17.6.5), relative to a 三号 default font."""
    target = write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")
    document = docx.Document(str(target))
    section = document.sections[0]
    grid = find(section._sectPr, f"{W}docGrid")
    assert attr(grid, "type") == "linesAndChars"
    with zipfile.ZipFile(target) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    default_size = int(attr(find(styles, f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz"), "val")) / 2
    normal = find(styles, f"{W}style[@{W}styleId='Normal']")
    assert default_size == int(attr(find(normal, f"{W}rPr/{W}sz"), "val")) / 2 == 16  # 三号: charSpace's base
    char_pitch = default_size + int(attr(grid, "charSpace")) / 4096
    text_width_pt = pt(section.page_width) - pt(section.left_margin) - pt(section.right_margin)
    assert 28 * char_pitch <= text_width_pt < 28 * char_pitch + 0.01  # exactly 28 cells, none left over
    text_height_pt = pt(section.page_height) - pt(section.top_margin) - pt(section.bottom_margin)
    assert text_height_pt / (int(attr(grid, "linePitch")) / 20) == pytest.approx(22, abs=0.05)
    # Normal follows the grid (a paragraph typed in Word gets its 28 characters from it) ...
    assert _snaps_to_grid(normal.find(f"{W}pPr")) is None
    # ... the writer's paragraphs, body, headings and table cells, opt out and get theirs from the runs' spacing
    style_snap = {
        style.get(qn("w:styleId")): _snaps_to_grid(style.find(f"{W}pPr")) for style in styles.iter(f"{W}style")
    }
    body = document.element.body
    paragraphs = list(body.iter(f"{W}p"))
    assert len(paragraphs) > 200
    for p in paragraphs:
        ppr = p.find(f"{W}pPr")
        own = _snaps_to_grid(ppr)
        style = None if ppr is None or ppr.find(f"{W}pStyle") is None else ppr.find(f"{W}pStyle").get(qn("w:val"))
        assert (own if own is not None else style_snap.get(style)) is False, etree.tostring(p, encoding="unicode")[:200]


#: The order of a w:pPr's children (ECMA-376 17.3.1.26): Word refuses a file that breaks it.
PPR_ORDER = [
    f"{W}{tag}"
    for tag in [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
]


def test_paragraph_properties_are_in_schema_order(tmp_path: Path) -> None:
    target = write_docx([department(fixture_data("2021"))], tmp_path / "out.docx")
    with zipfile.ZipFile(target) as archive:
        parts = [etree.fromstring(archive.read(name)) for name in ("word/document.xml", "word/styles.xml")]
    checked = 0
    for part in parts:
        for ppr in part.iter(f"{W}pPr"):
            tags = [child.tag for child in ppr]
            assert all(tag in PPR_ORDER for tag in tags), tags
            assert tags == sorted(tags, key=PPR_ORDER.index), tags
            checked += 1
    assert checked > 200


def test_the_toc_is_flush_left_so_a_long_title_is_not_spread_out(tmp_path: Path) -> None:
    target = write_docx([department(fixture_data("2024"))], tmp_path / "out.docx")
    with zipfile.ZipFile(target) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    for style_id in ("TOC1", "TOC2"):
        style = find(styles, f"{W}style[@{W}styleId='{style_id}']")
        assert attr(find(style, f"{W}pPr/{W}jc"), "val") == "left"
