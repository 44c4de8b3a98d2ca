"""Excel clipboard text ⇄ cell blocks (pure functions, no Qt)."""

import pytest

from perfdesk.ui.indicator_grid.tsv import parse_tsv, to_tsv


def test_excel_range_with_crlf_trailing_newline_and_quoted_newlines() -> None:
    text = '产出指标\t数量指标\t办案数\r\n\t\t"多行\n描述"\r\n效益指标\t\t"说""好""的"\r\n'
    assert parse_tsv(text) == [
        ["产出指标", "数量指标", "办案数"],
        ["", "", "多行\n描述"],
        ["效益指标", "", '说"好"的'],
    ]


@pytest.mark.parametrize(
    ("text", "block"),
    [
        ("a\tb", [["a", "b"]]),
        ("a\tb\n", [["a", "b"]]),
        ("a\tb\r\nc", [["a", "b"], ["c", ""]]),  # short rows are padded
        ("a\rb\r", [["a"], ["b"]]),  # old Mac line ends
        ("\r\n", [[""]]),  # one empty cell, as Excel copies it
        ("", []),
        ('5" 屏幕\tx', [['5" 屏幕', "x"]]),  # a quote inside a cell is literal text
        ('"未闭合\tx', [['"未闭合', "x"]]),
        ('"a\tb"\tc', [["a\tb", "c"]]),  # a quoted tab stays in its cell
        ('"x\r\ny"', [["x\ny"]]),
    ],
)
def test_parse_cases(text: str, block: list[list[str]]) -> None:
    assert parse_tsv(text) == block


def test_to_tsv_quotes_only_where_excel_would_and_round_trips() -> None:
    block = [["≥150件", "多行\n文本", 'a"b'], ["", "x\ty", "普通"]]
    text = to_tsv(block)
    assert text == '≥150件\t"多行\n文本"\t"a""b"\r\n\t"x\ty"\t普通\r\n'
    assert parse_tsv(text) == block
