"""The value grammar: parsing and printing indicator values."""

from decimal import Decimal

import pytest

from perfdesk.domain.values import OPERATORS, format_value, numeric, parse_value
from tests.conftest import fixture_data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥150件", ("≥", "150", "件")),
        ("≥ 90 百分比", ("≥", "90", "百分比")),
        ("=100%", ("=", "100", "%")),
        ("≤2000元/件", ("≤", "2000", "元/件")),
        ("12月31日前", (None, "12月31日前", None)),
        ("解决了实际问题", (None, "解决了实际问题", None)),
        ("100%", (None, "100", "%")),
        (">=95%", ("≥", "95", "%")),
        ("＜0.5%", ("<", "0.5", "%")),
        ("≧98%", ("≥", "98", "%")),
        ("≥90", ("≥", "90", None)),
        ("2021年底前完成发放", (None, "2021年底前完成发放", None)),
        ("90%以上", (None, "90%以上", None)),
        ("12个月", (None, "12", "个月")),
        ("  ≤14万元 ", ("≤", "14", "万元")),
    ],
)
def test_parse(text: str, expected: tuple) -> None:
    parsed = parse_value(text)
    assert (parsed.op, parsed.value, parsed.unit) == expected
    assert parsed.problem is None


def test_unreadable_value_is_kept_whole_and_flagged() -> None:
    parsed = parse_value("≥良好")
    assert (parsed.op, parsed.value, parsed.unit) == (None, "≥良好", None)
    assert parsed.problem
    assert "数字" in parsed.problem


def test_print_back() -> None:
    assert format_value("≥", "150", "件") == "≥150件"
    assert format_value(None, "12月31日前", None) == "12月31日前"
    assert parse_value("≥ 90 百分比").text() == "≥90百分比"


def test_numeric() -> None:
    assert numeric("1,500") == Decimal("1500")
    assert numeric("0.01") == Decimal("0.01")
    assert numeric("12月") is None


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_every_fixture_value_round_trips(which: str) -> None:
    count = 0
    for dept in fixture_data(which)["departments"]:
        for project in dept["projects"]:
            for ind in project["indicators"]:
                parsed = parse_value(format_value(ind["op"], ind["value"], ind["unit"]))
                assert (parsed.op, parsed.value, parsed.unit) == (ind["op"], ind["value"], ind["unit"])
                assert ind["op"] in (None, *OPERATORS)
                count += 1
    assert count > 50
