"""The Qt-free printed layout behind the Word (and Excel) tables and cover: widths, cuts, title lines."""

from __future__ import annotations

import pytest

from perfdesk.importers.json_import import read_document
from perfdesk.layout import column_widths, table_widths
from perfdesk.layout.captions import caption_floor, caption_lines
from perfdesk.layout.column_widths import text_em
from perfdesk.layout.project_table import continued_parts, project_table
from perfdesk.layout.table_widths import indicator_texts, table_column_widths
from perfdesk.layout.title_lines import title_lines
from tests.conftest import fixture_data

PADDING = 0.8


def _plans(which: str):
    dept = read_document(fixture_data(which))[0]
    return [project_table(dept, project, n) for n, project in enumerate(dept.projects, 1)]


def _safe_em(text: str) -> float:
    """A digit or Latin letter at 0.6 em (room for fonts wider than 宋体's ½ em), the rest 1 em."""
    return sum(0.6 if ord(ch) < 0x2000 else 1.0 for ch in text)


@pytest.mark.parametrize(("available", "narrow_em"), [(42.1, 0.6), (60.0, 0.6), (36.0, 0.5)])
def test_widths_fill_the_room_and_keep_amounts_and_codes_of_the_block_whole(available: float, narrow_em: float) -> None:
    """Amounts and the project code (over two columns) get 0.6 em a digit; on a page too narrow for that, ½ em."""
    for plan in _plans("2021"):
        widths = table_column_widths(plan, available, padding=PADDING)
        assert sum(widths) == pytest.approx(available)
        for row in plan.rows[: plan.header_index]:
            for cell in row.cells:
                room = sum(widths[cell.col : cell.col + cell.col_span])
                if cell.col_span <= 2 and not cell.label and cell.text and " " not in cell.text:  # amount, code
                    width = _safe_em(cell.text) if narrow_em == 0.6 else text_em(cell.text)
                    assert room >= width + PADDING - 1e-6, cell.text


def test_sanyi_keeps_six_characters_and_a_long_erji_label_breaks_between_its_words() -> None:
    """Table 18 of 2021: 服务对象满意度指标 on one line would leave 三级指标 three characters; it takes two."""
    plan = _plans("2021")[17]
    rows = indicator_texts(plan.rows[plan.header_index + 1 :])
    assert any(row[1] == "服务对象满意度指标" for row in rows)
    widths = table_column_widths(plan, 42.1, padding=PADDING)
    assert widths[2] - PADDING >= 6 - 1e-6  # 三级指标
    level2 = widths[1] - PADDING
    assert level2 < text_em("服务对象满意度指标")
    assert caption_lines("服务对象满意度指标", level2) == ["服务对象", "满意度指标"]
    assert level2 >= text_em("经济效益指标") - 1e-6  # a label as short as 三级's floor stays whole
    # where the room allows, the label stays whole and 三级 still gets its six characters
    wide = table_column_widths(plan, 50.0, padding=PADDING)
    assert wide[1] - PADDING >= 9 - 1e-6
    assert wide[2] - PADDING >= 6 - 1e-6


def test_captions_break_between_their_words() -> None:
    assert caption_floor("指标值确定依据") == 4  # 指标值 / 确定依据
    assert caption_lines("指标值确定依据", 4) == ["指标值", "确定依据"]
    assert caption_lines("其中：财政资金", 7) == ["其中：财政资金"]
    assert caption_lines("预算规模及资金用途", 5) == ["预算规模及", "资金用途"]
    assert caption_lines("10月底", 2) == ["10月底"]  # not a known caption: one word


def test_a_cut_table_repeats_the_column_header_and_splits_merges_at_the_cut() -> None:
    plan = _plans("2024")[0]
    start = plan.header_index + 3
    first, second = continued_parts(plan, [start])
    assert [[c.text for c in row.cells] for row in first] == [[c.text for c in row.cells] for row in plan.rows[:start]]
    assert second[0] == plan.rows[plan.header_index]
    assert continued_parts(plan, []) == [plan.rows]
    covered = len(first) + len(second) - 1
    assert covered == len(plan.rows)
    for part in (first, second):  # no merge runs past the end of its part
        for r, row in enumerate(part):
            assert all(r + cell.row_span <= len(part) for cell in row.cells)
    assert {cell.col for cell in second[1].cells} >= {0, 1}  # 一级 and 二级 printed again


@pytest.mark.parametrize(
    ("title", "name", "lines"),
    [
        ("承德市司法局2021年部门预算绩效文本", "承德市司法局", ["承德市司法局2021年部门预算绩效文本"]),
        (
            "承德市人力资源和社会保障局2021年度部门预算绩效文本",
            "承德市人力资源和社会保障局",
            ["承德市人力资源和社会保障局", "2021年度部门预算绩效文本"],
        ),
        (
            "河北省承德市双桥区人民政府办公室关于2021年部门预算绩效文本",
            "河北省承德市双桥区人民政府办公室",
            ["河北省承德市双桥区人民政府办公室", "关于2021年部门预算绩效文本"],
        ),
    ],
)
def test_a_title_breaks_after_the_name_or_before_the_document_kind(title: str, name: str, lines: list[str]) -> None:
    assert title_lines(title, 20.1, (name,)) == lines


def test_a_name_longer_than_a_line_breaks_inside_it_but_not_inside_the_year() -> None:
    name = "承德市中心城区第一第二第三第四第五第六第七第八第九第十片区管理委员会办公室"
    lines = title_lines(f"{name}2021年部门预算绩效文本", 20.1, (name,))
    assert all(text_em(line) <= 20.1 for line in lines)
    assert "".join(lines) == f"{name}2021年部门预算绩效文本"
    assert not any(line.endswith(("20", "202")) for line in lines)
    assert max(map(text_em, lines)) - min(map(text_em, lines)) <= 2  # balanced


def test_widths_do_not_depend_on_what_was_measured_before() -> None:
    """The per-document caches (texts, block cells, indicator rows) give the widths a cold start gives."""
    plans = _plans("2021") + _plans("2024")
    first = [table_column_widths(plan, 42.1, padding=PADDING) for plan in plans]
    for module in (column_widths, table_widths):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()
    again = [table_column_widths(plan, 42.1, padding=PADDING) for plan in reversed(plans)]
    assert again[::-1] == first
