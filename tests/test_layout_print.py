"""The Qt-free printed layout behind the Word (and Excel) tables and cover: widths, cuts, title lines."""

from __future__ import annotations

import pytest

from perfdesk.importers.json_import import read_document
from perfdesk.layout.captions import caption_floor, caption_lines
from perfdesk.layout.column_widths import text_em
from perfdesk.layout.project_table import continued_parts, project_table
from perfdesk.layout.table_widths import table_column_widths
from perfdesk.layout.title_lines import title_lines
from tests.conftest import fixture_data

PADDING = 0.8


def _plans(which: str):
    dept = read_document(fixture_data(which))[0]
    return [project_table(dept, project, n) for n, project in enumerate(dept.projects, 1)]


@pytest.mark.parametrize("available", [42.1, 36.0, 60.0])
def test_widths_fill_the_room_and_keep_amounts_and_codes_of_the_block_whole(available: float) -> None:
    for plan in _plans("2021"):
        widths = table_column_widths(plan, available, padding=PADDING)
        assert sum(widths) == pytest.approx(available)
        for row in plan.rows[: plan.header_index]:
            for cell in row.cells:
                if cell.col_span == 1 and not cell.label and cell.text:  # an amount, a plan value
                    assert widths[cell.col] >= text_em(cell.text) + PADDING - 1e-6, cell.text


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
