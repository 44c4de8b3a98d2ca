"""The grid's share of the printed widths (``perfdesk.layout.grid_widths``), without Qt."""

from __future__ import annotations

import pytest

from perfdesk.layout.captions import caption_halves
from perfdesk.layout.grid_widths import indicator_widths, proportional_widths


def test_the_description_column_is_its_two_printed_grid_columns() -> None:
    assert indicator_widths([10, 20, 30, 4, 5, 60, 70]) == [10, 20, 30, 9, 60, 70]


def test_room_enough_the_columns_take_exactly_the_printed_proportions() -> None:
    widths = proportional_widths([1, 2, 3, 4], 200, [10, 10, 10, 10])
    assert widths == pytest.approx([20, 40, 60, 80])


def test_a_column_below_its_floor_gets_the_floor_the_others_keep_their_proportions() -> None:
    widths = proportional_widths([1, 2, 3, 4], 100, [25, 0, 0, 0])
    assert widths[0] == 25
    assert sum(widths) == pytest.approx(100)
    assert widths[1:] == pytest.approx([75 * 2 / 9, 75 * 3 / 9, 75 * 4 / 9])


def test_pinning_one_column_can_push_another_below_its_floor() -> None:
    widths = proportional_widths([1, 1, 8], 100, [40, 35, 0])
    assert widths == pytest.approx([40, 35, 25])


def test_the_first_floors_that_fit_are_kept_else_the_last() -> None:
    keep_whole, uncut = [60, 0], [30, 0]
    assert proportional_widths([1, 1], 100, keep_whole, uncut) == pytest.approx([60, 40])
    assert proportional_widths([1, 1], 50, keep_whole, uncut) == pytest.approx([30, 20])
    assert proportional_widths([1, 1], 20, keep_whole, uncut) == [30, 0]  # wider than the room: the caller scrolls


def test_no_shares_share_equally() -> None:
    assert proportional_widths([0, 0], 10) == pytest.approx([5, 5])


def test_a_caption_on_two_lines_breaks_where_the_wider_line_is_narrowest() -> None:
    assert caption_halves("指标值确定依据") == ["指标值", "确定依据"]
    assert caption_halves("绩效指标描述") == ["绩效指标", "描述"]
    assert caption_halves("一级指标") == ["一级", "指标"]
    assert caption_halves("未知的标题") == ["未知的标题"]  # one word: one line
