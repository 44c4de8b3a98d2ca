"""Exact amounts and the shipped indicator frameworks."""

from decimal import Decimal

import pytest

from perfdesk.domain.amounts import AmountError, format_amount, parse_amount
from perfdesk.domain.frameworks import all_frameworks, default_framework_id, get_framework


@pytest.mark.parametrize("text", ["14.00", "7.4", "183.59", "0", "50"])
def test_amount_keeps_the_digits(text: str) -> None:
    assert format_amount(parse_amount(text)) == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12,5", "逗号"),
        ("12万", "万元"),
        ("abc", "数字"),
        ("", "为空"),
        ("-3", "负数"),
        ("１２", "半角"),
        ("1e3", "数字"),
    ],
)
def test_bad_amount_says_why(text: str, reason: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_amount(text)
    assert reason in info.value.message


def test_no_exponent_in_output() -> None:
    assert format_amount(Decimal("0.00000001")) == "0.00000001"


def test_four_frameworks_ship_with_fixed_ids() -> None:
    assert set(all_frameworks()) >= {
        "output-effect-satisfaction",
        "output-benefit-satisfaction",
        "output-benefit",
        "cost-output-benefit-satisfaction",
    }
    assert default_framework_id() == "output-benefit-satisfaction"


def test_framework_pairs_and_order() -> None:
    hebei = get_framework("output-effect-satisfaction")
    assert hebei.level2_names("效果指标") == ("可持续影响指标", "经济效益指标", "社会效益指标", "生态效益指标")
    assert hebei.pairs()[0] == ("产出指标", "数量指标")
    cost = get_framework("cost-output-benefit-satisfaction")
    assert cost.level1_names[0] == "成本指标"
    assert not cost.allows("产出指标", "成本指标")


def test_aliases_resolve_into_the_framework() -> None:
    standard = get_framework(None)
    assert standard.resolve("效益指标", "环境效益指标") == ("效益指标", "生态效益指标")
    assert standard.resolve("效果指标", "社会效益指标") == ("效益指标", "社会效益指标")
    assert standard.resolve("产出指标", "进度指标") == ("产出指标", "时效指标")
    assert standard.resolve("产出指标", "魔法指标") is None
    older = get_framework("output-benefit")
    assert older.resolve("效益指标", "社会公众或服务对象满意度指标") == ("效益指标", "社会公众或服务对象满意度指标")


def test_aliases_resolve_in_either_direction() -> None:
    """A 2024 document's 效益指标 is the 2021 framework's 效果指标, and the other way round."""
    hebei = get_framework("output-effect-satisfaction")
    assert hebei.resolve("效益指标", "社会效益指标") == ("效果指标", "社会效益指标")
    assert hebei.resolve("效益指标", "环境效益指标") == ("效果指标", "生态效益指标")
    assert hebei.resolve("满意度指标", "社会公众或服务对象满意度指标") == ("满意度指标", "服务对象满意度指标")
    older = get_framework("output-benefit")
    assert older.resolve("效益指标", "服务对象满意度指标") == ("效益指标", "社会公众或服务对象满意度指标")
    assert hebei.resolve("效益指标", "魔法指标") is None
