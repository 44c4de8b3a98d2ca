"""Reading single cells: labels compared without spaces, amounts and percentages as clerks write them."""

from __future__ import annotations

import re
from decimal import Decimal

from perfdesk.domain.amounts import AmountError, format_amount, parse_typed_amount

_SPACES = re.compile(r"[\s\u3000]+")
_UNIT_SUFFIXES = ("万元", "万")
_PERCENT = ("%", "％")


def squeeze(text: str) -> str:
    """The text without any whitespace (full-width spaces too): how labels are compared."""
    return _SPACES.sub("", text)


def tidy(text: str) -> str:
    """Cell text as typed, without the spaces and empty lines around it and between its lines."""
    lines = [line.strip(" \t\u3000") for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def amount(text: str) -> tuple[str | None, str | None]:
    """A money cell (万元) as an exact decimal string, or None when blank; second: why it cannot be read."""
    value = squeeze(text)
    for suffix in _UNIT_SUFFIXES:
        value = value.removesuffix(suffix)
    if not value:
        return None, None
    try:
        return format_amount(parse_typed_amount(value)), None
    except AmountError as exc:
        return None, exc.message


def percent(text: str) -> tuple[str | None, bool, str | None]:
    """A 资金支出计划 cell: the number, whether it carried a % sign, and why it cannot be read."""
    value = squeeze(text)
    signed = value.endswith(_PERCENT)
    if signed:
        value = value[:-1]
    if not value:
        return None, False, None
    try:
        number = parse_typed_amount(value)
    except AmountError as exc:
        return None, signed, exc.message
    if number > Decimal(100):
        return None, signed, f"“{text.strip()}”大于 100%"
    return format_amount(number), signed, None


def compact_code(text: str) -> str:
    """A 项目编码 with the line breaks and spaces a narrow cell or a PDF copy put into it removed."""
    return squeeze(text)
