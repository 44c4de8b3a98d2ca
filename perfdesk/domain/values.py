"""The indicator value grammar: ``≥150件`` ⇄ op / value / unit.

This module is the only place that parses or prints an indicator value; the
importers, the editors, the exporters and the checks all go through it.

* ``≥150件`` → (``≥``, ``150``, ``件``); ``≥ 90 百分比`` → (``≥``, ``90``, ``百分比``)
* ``100%`` → (None, ``100``, ``%``): a number without operator (flagged by the checks)
* ``12月31日前``, ``解决了实际问题`` → (None, the text, None): qualitative
* ``≥良好`` → kept whole as qualitative text, with a ``problem`` saying why
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from perfdesk.domain.limits import FRACTION_DIGITS, INTEGER_DIGITS, NUMBER_TEXT_MAX, number_problem
from perfdesk.domain.vocabulary import known_units

#: The operators of the JSON format, in the order an editor offers them.
OPERATORS: tuple[str, ...] = ("≥", "≤", "=", ">", "<")

#: Ways clerks write those operators, longest first so ``>=`` wins over ``>``.
_OPERATOR_SPELLINGS: dict[str, str] = {
    ">=": "≥",
    "<=": "≤",
    "＞＝": "≥",
    "＜＝": "≤",
    "≥": "≥",
    "≤": "≤",
    "≧": "≥",
    "≦": "≤",
    "⩾": "≥",
    "⩽": "≤",
    "=": "=",
    "＝": "=",
    ">": ">",
    "<": "<",
    "＞": ">",
    "＜": "<",
}
_SPELLINGS_LONGEST_FIRST = sorted(_OPERATOR_SPELLINGS, key=len, reverse=True)

_NUMBER = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
_NUMBER_THEN_REST = re.compile(rf"({_NUMBER})\s*(.*)", re.DOTALL)
_RATIO_UNIT = re.compile(r"[^\d\s/]{1,4}/[^\d\s/]{1,4}")
_RANGE_SUFFIXES = ("以上", "以下", "以内", "及以上", "及以下", "左右")


@dataclass(frozen=True)
class ParsedValue:
    """An indicator value split into its parts.

    Attributes:
        op: one of ``OPERATORS`` or None (qualitative, or a number typed without operator).
        value: the number as typed (``"150"``, ``"0.01"``) or the qualitative text.
        unit: the unit as written, or None.
        problem: why the text could not be read as op + number + unit, or None.
    """

    op: str | None
    value: str
    unit: str | None
    problem: str | None = None

    def text(self) -> str:
        return format_value(self.op, self.value, self.unit)


def format_value(op: str | None, value: str | None, unit: str | None) -> str:
    """The printed 指标值: op + value + unit (``≥150件``, ``12月31日前``)."""
    return f"{op or ''}{value or ''}{unit or ''}"


def numeric(value: str | None) -> Decimal | None:
    """The value as a Decimal when it is a plain number within range (``"1,500"`` → 1500), else None.

    A number outside perfdesk.domain.limits (only a hand-edited file can hold one) is not a number
    to the checks, so no rule computes with it; ``parse_value`` reports it as a problem.
    """
    if value is None or len(value) > NUMBER_TEXT_MAX or not re.fullmatch(_NUMBER, value):
        return None
    try:
        number = Decimal(value.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        return None
    return number if number_problem(number) is None else None


def value_problem(value: str | None) -> str | None:
    """Why a number written as an indicator value is out of range, or None (also for text that is no number)."""
    if value is None or not re.fullmatch(_NUMBER, value):
        return None
    if len(value) > NUMBER_TEXT_MAX:
        return f"数字太长：整数部分最多 {INTEGER_DIGITS} 位，小数最多 {FRACTION_DIGITS} 位"
    return number_problem(Decimal(value.replace(",", "")))


def range_problem(text: str | None) -> str | None:
    """Why the number in a typed 指标值 (``≥1e30件``, a bare number) is outside the domain's range, or None.

    The grid refuses such a value as the amount fields refuse such an amount; other text that is
    no number stays qualitative.
    """
    stripped = (text or "").strip()
    _op, rest = _split_operator(stripped)
    match = _NUMBER_THEN_REST.fullmatch(rest)
    return value_problem(match.group(1)) if match else None


def is_known_unit(unit: str) -> bool:
    return unit in known_units() or bool(_RATIO_UNIT.fullmatch(unit))


def parse_value(text: str | None) -> ParsedValue:
    """Split a typed or imported 指标值 into op / value / unit.

    Never raises and never loses text: what cannot be read is kept whole as a
    qualitative value, with ``problem`` set when it looks like a failed number.
    """
    stripped = (text or "").strip()
    if not stripped:
        return ParsedValue(None, "", None)
    op, rest = _split_operator(stripped)
    if op is None:
        return _parse_without_operator(stripped)
    match = _NUMBER_THEN_REST.fullmatch(rest)
    if not match:
        return ParsedValue(None, stripped, None, problem=f"“{op}”后面应是数字，如 {op}90%")
    number, unit = match.group(1), match.group(2).strip()
    if re.search(r"\d", unit):
        return ParsedValue(None, stripped, None, problem="数字后面的单位里不应再有数字")
    too_big = value_problem(number)
    if too_big is not None:
        return ParsedValue(None, stripped, None, problem=too_big)
    return ParsedValue(op, number, unit or None)


def _split_operator(text: str) -> tuple[str | None, str]:
    for spelling in _SPELLINGS_LONGEST_FIRST:
        if text.startswith(spelling):
            return _OPERATOR_SPELLINGS[spelling], text[len(spelling) :].strip()
    return None, text


def _parse_without_operator(text: str) -> ParsedValue:
    match = _NUMBER_THEN_REST.fullmatch(text)
    if match:
        number, unit = match.group(1), match.group(2).strip()
        too_big = value_problem(number)
        if too_big is not None:
            return ParsedValue(None, text, None, problem=too_big)
        if not unit:
            return ParsedValue(None, number, None)
        if is_known_unit(unit) and not unit.endswith(_RANGE_SUFFIXES):
            return ParsedValue(None, number, unit)
    return ParsedValue(None, text, None)
