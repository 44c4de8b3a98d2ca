"""The indicator table's column widths measured from its text (Qt-free, shared by the grid and Word)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.layout.captions import caption_floor
from perfdesk.layout.column_widths import (
    KEEP_WHOLE_EM,
    LONGEST_WORD_EM,
    NAME_FLOOR_CHARS,
    NARROW_SAFE_EM,
    ColumnNeed,
    column_needs,
    fit_widths,
    indicator_column_widths,
    safe_print_em,
    text_em,
    tokens,
    widest_line,
    yield_labels,
)
from perfdesk.layout.indicator_table import (
    COL_BASIS,
    COL_DESCRIPTION,
    COL_LEVEL1,
    COL_LEVEL2,
    COL_NAME,
    COL_VALUE,
    COLUMNS,
    indicator_cells,
)
from tests.conftest import FIXTURES

ROWS = [
    ("产出指标", "数量指标", "指派案件数", "指派案件数", "≥150件", "工作计划"),
    ("效益指标", "可持续影响指标", "法律援助应用效果", "解决了实际问题", "解决了实际问题", "工作计划"),
    ("满意度指标", "服务对象满意度指标", "当事人满意度", "", "≥98百分比", ""),
]


def test_text_is_measured_in_em_cjk_full_latin_and_digits_half() -> None:
    assert text_em("指标值") == 3
    assert text_em("2024") == 2
    assert text_em("≥90百分比") == 1 + 1 + 3  # ≥ prints full-width in Chinese fonts
    assert text_em("") == 0
    assert widest_line("ab\n指标值\nc") == 3


def test_cjk_breaks_anywhere_and_runs_of_latin_and_digits_never() -> None:
    assert tokens("≥90百分比") == ["≥90", "百", "分", "比"]
    assert tokens("2024年 R&D  经费") == ["2024", "年", "R&D", "经", "费"]
    assert tokens("*100%") == ["*100%"]
    # no line starts with closing punctuation or ends with an opening one
    assert tokens("项目（年度）完成，好") == ["项", "目", "（年", "度）", "完", "成，", "好"]
    assert tokens("第一行\n2行") == ["第", "一", "行", "2", "行"]
    assert tokens("") == []


def test_short_labels_and_values_are_kept_whole_longer_ones_may_wrap() -> None:
    needs = column_needs(ROWS)
    assert needs[COL_LEVEL2].minimum == text_em("服务对象满意度指标") == 9
    assert needs[COL_LEVEL1].minimum == text_em("满意度指标")
    assert needs[COL_VALUE].minimum == text_em("解决了实际问题")
    long_value = "提高了社会对法律职业资格考试的认知度"
    assert text_em(long_value) > KEEP_WHOLE_EM[COL_VALUE]
    value = column_needs([(*ROWS[0][:COL_VALUE], long_value, "")])[COL_VALUE]
    assert value.whole == 0
    assert value.minimum == text_em(COLUMNS[COL_VALUE])  # only the header must stay on one line
    assert value.natural == text_em(long_value)
    # sentences wrap at any character: narrowest is the header
    assert needs[COL_DESCRIPTION].minimum == text_em(COLUMNS[COL_DESCRIPTION])
    assert needs[COL_NAME].natural == text_em("法律援助应用效果")


def test_an_empty_column_shrinks_to_its_header_and_a_long_code_may_break() -> None:
    needs = column_needs(ROWS)
    assert needs[COL_BASIS].natural == text_em(COLUMNS[COL_BASIS])  # 指标值确定依据 is wider than 工作计划
    empty = column_needs([])
    assert [need.natural for need in empty] == [text_em(header) for header in COLUMNS]
    code = "13080021UX4HGRYA0XQG1SKUDR1UUZTM3K"
    needs = column_needs([(*ROWS[0][:COL_DESCRIPTION], f"编码{code}", "", "")])
    assert needs[COL_DESCRIPTION].word == LONGEST_WORD_EM  # no column as wide as a 34-character code


def test_padding_and_a_measure_of_real_widths_are_taken_as_given() -> None:
    needs = column_needs(ROWS, measure=lambda text: 10.0 * len(text), headers=[30.0] * 6, padding=7)
    assert needs[COL_LEVEL2].whole == 10 * len("服务对象满意度指标") + 7
    assert needs[COL_BASIS].header == 30
    assert needs[COL_BASIS].natural == 10 * len("工作计划") + 7


def widths_for(available: float, rows: Sequence[Sequence[str]] = ROWS) -> tuple[list[float], list[ColumnNeed]]:
    needs = column_needs(rows)
    return fit_widths(needs, available), needs


def test_room_for_all_text_on_one_line_widens_only_the_sentence_columns() -> None:
    _, needs = widths_for(0)
    natural = sum(need.natural for need in needs)
    widths, _ = widths_for(natural + 20)
    assert sum(widths) == pytest.approx(natural + 20)
    for column in (COL_LEVEL1, COL_LEVEL2, COL_VALUE, COL_BASIS):
        assert widths[column] == needs[column].natural
    assert widths[COL_NAME] > needs[COL_NAME].natural
    assert widths[COL_DESCRIPTION] > needs[COL_DESCRIPTION].natural


def test_less_room_wraps_sentences_but_keeps_labels_and_short_values_whole() -> None:
    _, needs = widths_for(0)
    minimum = sum(need.minimum for need in needs)
    natural = sum(need.natural for need in needs)
    available = (minimum + natural) / 2
    widths, _ = widths_for(available)
    assert sum(widths) == pytest.approx(available)
    for width, need in zip(widths, needs, strict=True):
        assert need.minimum <= width <= need.natural
    assert widths[COL_LEVEL2] == needs[COL_LEVEL2].whole


def test_still_less_room_wraps_labels_too_but_never_cuts_a_header() -> None:
    _, needs = widths_for(0)
    floor = sum(need.floor for need in needs)
    minimum = sum(need.minimum for need in needs)
    widths, _ = widths_for((floor + minimum) / 2)
    assert sum(widths) == pytest.approx((floor + minimum) / 2)
    assert all(need.floor <= width <= need.minimum for width, need in zip(widths, needs, strict=True))
    assert widths[COL_LEVEL2] < text_em("服务对象满意度指标")
    too_narrow, _ = widths_for(floor - 5)
    assert too_narrow == [need.floor for need in needs]  # wider than the room: the view scrolls


@pytest.mark.parametrize("sample", sorted(FIXTURES))
def test_every_sample_project_fits_the_smallest_screen_with_labels_and_values_whole(sample: str) -> None:
    """At 1024×700 the grid has about 740 px of 12 px characters; each cell adds 15 px around its text."""
    em, padding = 12.0, 15 / 12
    available = 740 / em
    for department in read_document(load_json_file(FIXTURES[sample])):
        for project in department.projects:
            indicators = list(project.indicators)
            widths = indicator_column_widths(indicators, available, padding=padding)
            assert sum(widths) == pytest.approx(available)
            for indicator in indicators:
                cells = indicator_cells(indicator)
                for column in (COL_LEVEL1, COL_LEVEL2):
                    assert text_em(cells[column]) + padding <= widths[column] + 1e-9, (project.name, cells)
                if text_em(cells[COL_VALUE]) <= KEEP_WHOLE_EM[COL_VALUE]:
                    assert text_em(cells[COL_VALUE]) + padding <= widths[COL_VALUE] + 1e-9, (project.name, cells)
            for column, header in enumerate(COLUMNS):
                assert text_em(header) + padding <= widths[column] + 1e-9


def test_sanyi_floor_and_short_values_hold_before_the_labels_one_line() -> None:
    """Precedence as the room shrinks: natural widths, then the labels' one line (two lines broken between
    words), then 三级指标's six characters and a value's one line, never a header or an unbreakable piece."""
    rows = [(*ROWS[2][:2], "当事人对法律援助服务的满意度", "", "≥98百分比", "")]
    needs = column_needs(rows, two_lines=lambda text: caption_floor(text))
    assert needs[COL_NAME].firm == NAME_FLOOR_CHARS
    assert needs[COL_VALUE].firm == text_em("≥98百分比")
    assert needs[COL_VALUE].whole == 0
    assert needs[COL_LEVEL2].pair == text_em("满意度指标")  # 服务对象 / 满意度指标
    six = column_needs([*rows, ("效益指标", "经济效益指标", "", "", "", "")], two_lines=caption_floor)
    assert six[COL_LEVEL2].pair == text_em("满意度指标")  # the widest of 经济效益 / 指标 and 服务对象 / 满意度指标
    minimum = sum(need.minimum for need in needs)
    squeezed = yield_labels(needs, minimum - 1)
    assert squeezed[COL_LEVEL2].minimum == squeezed[COL_LEVEL2].natural == 5  # two lines, and no wider
    assert squeezed[COL_LEVEL1] == needs[COL_LEVEL1]  # 满意度指标 (5 em) was not in the way
    widths = fit_widths(needs, minimum - 1)
    assert widths[COL_LEVEL2] == 5
    assert widths[COL_NAME] >= NAME_FLOOR_CHARS
    assert widths[COL_VALUE] >= text_em("≥98百分比")
    firm = sum(need.firm_minimum for need in squeezed)
    tighter = fit_widths(needs, firm - 1)  # less than the floor and the values need: both give way
    assert widths[COL_NAME] > tighter[COL_NAME] >= needs[COL_NAME].floor


def test_a_piece_that_must_stay_whole_gets_room_for_wider_digits() -> None:
    assert safe_print_em("12.00") == pytest.approx(5 * NARROW_SAFE_EM)
    assert safe_print_em("=3800元") == pytest.approx(5 * 0.6 + 1 + 0.25)  # and the space before 元
    needs = column_needs([("产出指标", "数量指标", "指派案件数", "", "=3800元", "")], whole_measure=safe_print_em)
    assert needs[COL_VALUE].firm == safe_print_em("=3800元")
