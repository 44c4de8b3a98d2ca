"""Exact amounts (万元, percentages): parsing with reasons a clerk understands.

Amounts are ``Decimal`` everywhere and keep the digits typed (``7.4`` stays
``7.4``, ``14.00`` stays ``14.00``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from perfdesk.errors import InputError

_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")


class AmountError(InputError):
    """The text is not an amount; ``message`` says why in Chinese."""


def parse_amount(raw: str | int | Decimal, *, allow_negative: bool = False) -> Decimal:
    """Parse an amount as typed (``"183.59"``, ``"7.4"``, ``50``) into an exact Decimal.

    Raises:
        AmountError: with the reason (comma as decimal mark, a unit, letters...).
    """
    if isinstance(raw, bool):
        raise AmountError("应为金额数字，不能是 true/false")
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, str):
        value = _parse_text(raw)
    else:
        raise AmountError(f"应为金额数字，实际是 {type(raw).__name__}")
    if not value.is_finite():
        raise AmountError("金额必须是有限的数字")
    if value < 0 and not allow_negative:
        raise AmountError(f"金额不能为负数（{format_amount(value)}）")
    return value


def _parse_text(raw: str) -> Decimal:
    text = raw.strip()
    if not text:
        raise AmountError("金额不能为空")
    negative = text.startswith("-")
    body = text[1:] if negative else text
    if _PLAIN_DECIMAL.fullmatch(body):
        try:
            return Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid text
            raise AmountError(f"「{raw}」不是有效的金额") from exc
    raise AmountError(_reason(raw, body))


def _reason(raw: str, body: str) -> str:
    if "," in body or "，" in body:
        return f"「{raw}」不是有效的金额：小数点请用“.”，不要用逗号，也不要写千位分隔符"
    if body.endswith(("万元", "万", "元")):
        return f"「{raw}」不是有效的金额：只填数字，单位固定为万元"
    if any("０" <= ch <= "９" or ch == "．" for ch in body):
        return f"「{raw}」不是有效的金额：请用半角数字"
    if body.endswith(("%", "％")):
        return f"「{raw}」不是有效的数字：只填数字，不要带 %"
    return f"「{raw}」不是有效的金额：只能包含数字和一个小数点"


def format_amount(value: Decimal | None) -> str:
    """The amount as stored and printed: plain digits, never an exponent."""
    return "" if value is None else format(value, "f")
