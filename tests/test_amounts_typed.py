"""Amounts as clerks type them (Qt-free): full-width digits and thousands separators are converted."""

from decimal import Decimal

import pytest

from perfdesk.domain.amounts import (
    AmountError,
    display_amount,
    display_wanyuan,
    format_amount,
    parse_amount,
    parse_typed_amount,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("１２．５", "12.5"),  # a Chinese input method's full-width digits and point
        ("１４．００", "14.00"),  # the digits typed are kept
        ("1,234.50", "1234.50"),
        ("1，234.50", "1234.50"),  # a full-width comma as the separator
        ("１，２３４．５０", "1234.50"),
        ("1,234", "1234"),
        ("12,345,678.9", "12345678.9"),
        ("  7.4\u3000", "7.4"),  # spaces around, full-width ones too
        ("14.00", "14.00"),
        ("0", "0"),
    ],
)
def test_typed_amount_is_converted_and_keeps_its_digits(typed: str, stored: str) -> None:
    value = parse_typed_amount(typed)
    assert format_amount(value) == stored


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("12,50", "小数点"),  # a decimal comma, or a separator in the wrong place? not guessed
        ("12,5", "小数点"),
        ("1.234,5", "小数点"),  # the European way round
        ("1,23.4", "每三位"),
        ("1,2345", "每三位"),
        ("1,,234", "每三位"),
        (",123", "每三位"),
        ("12。5", "句号"),  # Chinese punctuation mode types 。 for .
        ("１２万元", "万元"),
        ("12%", "%"),
        ("abc", "数字"),
        ("1e3", "数字"),
        ("", "为空"),
        ("-3", "负数"),
        ("－３", "负数"),
    ],
)
def test_ambiguous_or_wrong_typed_amount_is_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_typed_amount(typed)
    assert reason in info.value.message


def test_the_reason_quotes_the_text_as_typed() -> None:
    with pytest.raises(AmountError) as info:
        parse_typed_amount("1，23.4")
    assert "「1，23.4」" in info.value.message


@pytest.mark.parametrize("text", ["1,234.50", "１２", "1，234"])
def test_stored_and_interchange_values_stay_strict(text: str) -> None:
    """JSON files are written by programs: docs/json-format.md §3 refuses separators and full-width digits."""
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("14", "14.00 万元"),
        ("14.00", "14.00 万元"),
        ("7.4", "7.40 万元"),
        ("0.125", "0.125 万元"),  # never rounded: no digit stored is hidden
        ("1E+3", "1000.00 万元"),
        ("0", "0.00 万元"),
    ],
)
def test_amounts_are_displayed_with_two_decimals_and_the_unit(stored: str, shown: str) -> None:
    assert display_wanyuan(Decimal(stored)) == shown
    assert display_amount(Decimal(stored)) == shown.removesuffix(" 万元")


def test_nothing_displays_as_nothing() -> None:
    assert display_amount(None) == ""
