"""Value ranges (perfdesk.domain.limits) at every entry point, and property-based tests of the value grammar.

The hostile values of issue 13 are here one by one (each once imported and then crashed
``check`` or the GUI, or cost 12 s and 2 GB); hypothesis then checks the grammar and the amount
reader on any text at all: they never raise anything but AmountError, never lose text, and
whatever they accept is inside the range.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from perfdesk.domain.amounts import AmountError, format_amount, parse_amount, parse_typed_amount
from perfdesk.domain.limits import FRACTION_DIGITS, INTEGER_DIGITS, YEAR_MAX, YEAR_MIN, number_problem, year_problem
from perfdesk.domain.values import numeric, parse_value, range_problem, value_problem
from tests.conftest import cli_main, fixture_data

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_range_edges() -> None:
    assert number_problem(Decimal("9" * INTEGER_DIGITS + "." + "9" * FRACTION_DIGITS)) is None
    assert number_problem(Decimal("1" + "0" * INTEGER_DIGITS)) == f"数字太大：整数部分最多 {INTEGER_DIGITS} 位"
    assert number_problem(Decimal("0." + "0" * FRACTION_DIGITS + "1")) == f"小数位数太多：最多 {FRACTION_DIGITS} 位小数"
    assert number_problem(Decimal("0E+50")) is None  # zero, whatever its exponent
    assert number_problem(Decimal("Infinity")) == "必须是有限的数字"
    assert year_problem(YEAR_MIN) is None
    assert year_problem(YEAR_MAX) is None
    assert year_problem(1999) == f"年度 1999 超出范围：应在 {YEAR_MIN}–{YEAR_MAX} 之间"
    assert "很长" in (year_problem(2**63) or "")


def test_a_huge_exponent_is_judged_at_once() -> None:
    start = time.perf_counter()
    with pytest.raises(AmountError, match="数字太大"):
        parse_amount(Decimal("1e999999999"))
    with pytest.raises(AmountError, match="太长"):
        parse_amount("1" * 100_000)
    assert time.perf_counter() - start < 0.5


def test_a_thirty_digit_indicator_number_is_no_number_to_the_checks() -> None:
    thirty = "1" * 30
    assert numeric(thirty) is None  # R07 once computed with it and crashed
    parsed = parse_value(f"≤{thirty}元")
    assert parsed.problem == f"数字太大：整数部分最多 {INTEGER_DIGITS} 位"
    assert parsed.value == f"≤{thirty}元"  # kept whole, as typed
    assert value_problem("1,000") is None
    assert value_problem("合格") is None
    assert range_problem(f"≥ {thirty} 件") == f"数字太大：整数部分最多 {INTEGER_DIGITS} 位"  # what the grid refuses
    assert range_problem("≥0.1234567%") == f"小数位数太多：最多 {FRACTION_DIGITS} 位小数"
    assert range_problem("≥150件") is None
    assert range_problem("12月31日前") is None


HOSTILE = {
    "budget_1e7000000": ('"budget": "2.00"', '"budget": 1e7000000', "projects[0].budget", "金额数字太大"),
    "budget_1e999999999": ('"budget": "2.00"', '"budget": 1e999999999', "projects[0].budget", "金额数字太大"),
    "year_1999": ('"fiscal_year": 2024', '"fiscal_year": 1999', "fiscal_year", "年度 1999 超出范围"),
    "year_2_63": ('"fiscal_year": 2024', '"fiscal_year": 9223372036854775807', "fiscal_year", "超出范围"),
    "int_5000_digits": ('"fiscal_year": 2024', '"fiscal_year": ' + "9" * 5000, "第 ", "太长（5000 个字符）"),
    "thirty_digit_cost": ('"value": "2"', '"value": "' + "1" * 30 + '"', ".value", "指标值数字太大"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_values_are_refused_with_their_place_and_exit_2(tmp_path: Path, case: str) -> None:
    old, new, where, message = HOSTILE[case]
    text = json.dumps(fixture_data("2024"), ensure_ascii=False, indent=1)
    assert old in text
    source = tmp_path / f"{case}.json"
    source.write_text(text.replace(old, new, 1), "utf-8")
    start = time.perf_counter()
    result = cli_main("import", source, "--into", tmp_path / "ws.perfdesk")
    assert time.perf_counter() - start < 5
    assert result.returncode == 2, result.stderr
    assert where in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "ws.perfdesk").exists()
    checked = cli_main("check", source)  # check reads JSON through the same reader
    assert checked.returncode == 2
    assert message in checked.stderr


# --- property-based ------------------------------------------------------------------------------

amount_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789.,-，．０１２３４５６７８９eE+ ", max_size=40),
    st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 10**16), st.integers(0, 10**9)),
)


@FUZZ
@given(amount_text)
@example("1e7000000")
@example("9" * 13)
@example("0." + "0" * 7 + "1")
def test_the_amount_readers_accept_only_amounts_in_range_and_never_crash(text: str) -> None:
    for reader in (parse_amount, parse_typed_amount):
        try:
            value = reader(text)
        except AmountError:  # refused with a reason (its text is tested in test_amounts_typed.py)
            continue
        assert number_problem(value) is None
        assert value >= 0
        assert Decimal(format_amount(value)) == value  # printed without an exponent, read back the same


@FUZZ
@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_decimal_in_range_round_trips_through_its_printed_form(value: Decimal) -> None:
    try:
        parsed = parse_amount(value, allow_negative=True)
    except AmountError:
        assert number_problem(value) is not None
        return
    assert parse_amount(format_amount(parsed), allow_negative=True) == value


value_text = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda op, number, unit: f"{op}{number}{unit}",
        st.sampled_from(["", "≥", "≤", ">=", "＜", "=", "≧"]),
        st.one_of(st.integers(0, 10**40).map(str), st.decimals(0, 10**6, places=3).map(str)),
        st.sampled_from(["", "件", "%", "万元", "元/件", "个月", "以上", " 人"]),
    ),
)


@FUZZ
@given(value_text)
def test_the_value_grammar_never_raises_never_loses_text_and_keeps_numbers_in_range(text: str) -> None:
    parsed = parse_value(text)
    stripped = text.strip()
    if parsed.problem is None and parsed.op is None and parsed.unit is None:
        assert parsed.value == stripped  # qualitative or a bare number: the text itself
    if parsed.problem is not None:
        assert parsed.value == stripped  # kept whole
    if parsed.op is not None:
        number = numeric(parsed.value)
        assert number is not None  # an operator is always followed by a number in range
        assert number_problem(number) is None
    printed = parse_value(parsed.text())
    assert (printed.op, printed.value, printed.unit) == (parsed.op, parsed.value, parsed.unit)
