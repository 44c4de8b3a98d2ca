"""Exact amounts (万元, percentages): parsing with reasons a clerk understands, and showing them.

Amounts are ``Decimal`` everywhere and keep the digits typed (``7.4`` stays
``7.4``, ``14.00`` stays ``14.00``).

Two readers share one grammar:

* :func:`parse_amount` reads stored and interchange values (JSON): plain ASCII
  digits with at most one ``.``, nothing else (docs/json-format.md §3).
* :func:`parse_typed_amount` reads what a clerk types into a form: full-width
  digits (``１２．５``) and thousands separators every three digits
  (``1,234.50``, ``1，234.50``) are converted, then read as above. Text whose
  meaning is not certain is still refused with the reason: ``12,50`` (a decimal
  comma, or a misplaced separator?), ``1,23.4`` (separators not every three
  digits), a unit, letters.

:func:`display_amount` / :func:`display_wanyuan` are how the GUI shows an amount
outside its input field (tree, form header, status bar): at least two decimals,
never fewer digits than stored (``14`` → ``14.00 万元``, ``0.125`` → ``0.125 万元``).
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation

from perfdesk.domain.limits import FRACTION_DIGITS, INTEGER_DIGITS, NUMBER_TEXT_MAX, number_problem
from perfdesk.errors import InputError

_PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
#: An integer part written with thousands separators: 1–3 digits, then groups of exactly three.
_GROUPED = re.compile(r"[0-9]{1,3}(,[0-9]{3})+")
#: Full-width forms a Chinese input method produces → the ASCII a number is written with.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
_TWO_PLACES = Decimal("0.01")


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
    problem = number_problem(value)  # the one range of amounts (perfdesk.domain.limits)
    if problem is not None:
        raise AmountError(f"金额{problem}")
    if value < 0 and not allow_negative:
        raise AmountError(f"金额不能为负数（{format_amount(value)}）")
    return value


def _parse_text(raw: str) -> Decimal:
    text = raw.strip()
    if not text:
        raise AmountError("金额不能为空")
    if len(text) > NUMBER_TEXT_MAX:  # refused unread: a million digits is no amount
        raise AmountError(
            f"金额太长（{len(text)} 个字符）：整数部分最多 {INTEGER_DIGITS} 位，小数最多 {FRACTION_DIGITS} 位"
        )
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
    if "。" in body:
        return f"「{raw}」不是有效的金额：“。”是句号，小数点请用“.”（切换到英文标点）"
    if body.endswith(("万元", "万", "元")):
        return f"「{raw}」不是有效的金额：只填数字，单位固定为万元"
    if any("０" <= ch <= "９" or ch == "．" for ch in body):
        return f"「{raw}」不是有效的金额：请用半角数字"
    if body.endswith(("%", "％")):
        return f"「{raw}」不是有效的数字：只填数字，不要带 %"
    return f"「{raw}」不是有效的金额：只能包含数字和一个小数点"


def parse_typed_amount(raw: str, *, allow_negative: bool = False) -> Decimal:
    """Parse an amount as a clerk types it: full-width digits and thousands separators are converted.

    ``"１２．５"`` → ``12.5``, ``"1,234.50"`` and ``"1，234.50"`` → ``1234.50`` (the digits typed
    are kept). Everything :func:`parse_amount` refuses after that conversion is refused, and an
    ambiguous comma (``"12,50"``, ``"1,23.4"``) is refused rather than guessed.

    Raises:
        AmountError: with the reason, quoting the text as typed.
    """
    text = raw.strip().translate(_HALF_WIDTH)
    negative = text.startswith("-")
    body = text[1:] if negative else text
    if "," in body:
        whole, point, fraction = body.partition(".")
        if not _GROUPED.fullmatch(whole) or "," in fraction:
            raise AmountError(_comma_reason(raw, whole, fraction))
        body = whole.replace(",", "") + point + fraction
    if body and not _PLAIN_DECIMAL.fullmatch(body):
        raise AmountError(_reason(raw, body))
    return parse_amount(("-" if negative else "") + body, allow_negative=allow_negative)


def _comma_reason(raw: str, whole: str, fraction: str) -> str:
    last = whole.rsplit(",", 1)[-1]
    if "," in fraction or (not fraction and whole.count(",") == 1 and 1 <= len(last) <= 2):
        return (
            f"「{raw}」不是有效的金额：逗号在这里像是小数点。小数点请用“.”；千位分隔符的逗号要每三位一个（如 1,234.50）"
        )
    return f"「{raw}」不是有效的金额：千位分隔符的逗号要每三位一个（如 1,234.50），或者不写逗号"


def format_amount(value: Decimal | None) -> str:
    """The amount as stored and printed: plain digits, never an exponent."""
    return "" if value is None else format(value, "f")


def display_amount(value: Decimal | None) -> str:
    """The amount as the GUI shows it outside its field: at least two decimals, no digit dropped."""
    if value is None:
        return ""
    digits, exponent = len(value.as_tuple().digits), value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:  # add zeros only: exact, whatever the size
        value = value.quantize(_TWO_PLACES, context=Context(prec=digits + max(exponent, 0) + 4))
    return format_amount(value)


def display_wanyuan(value: Decimal | None) -> str:
    """``14.00 万元``: the one way the GUI shows an amount of money in a sentence or a label."""
    return f"{display_amount(value or Decimal(0))} 万元"
