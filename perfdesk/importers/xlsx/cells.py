"""What a cell holds, as perfdesk reads it, whatever Excel or WPS made of what the clerk typed.

Excel turns ``95%`` into 0.95 with a percent format, ``2021-12-31`` into a date (a serial
number such as 44561 with a date format), ``14.00`` into 14; a clerk may type a number as
text, with full-width digits (``１４．５``) or trailing spaces. Texts come back as typed, numbers
as the text Excel shows, amounts as exact Decimals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from perfdesk.domain.amounts import AmountError, parse_typed_amount
from perfdesk.errors import InputError

#: Full-width forms of what numbers and values are written with → ASCII.
HALF_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_LINE_ENDS = str.maketrans({"\r": None, "\x0b": "\n"})


@dataclass(frozen=True)
class CellValue:
    """One cell: its value as openpyxl read it, its number format and its address (``项目3!E12``)."""

    value: object
    number_format: str
    where: str

    @property
    def is_percent(self) -> bool:
        return isinstance(self.value, (int, float)) and "%" in self.number_format

    def text(self) -> str:
        """The cell as text: strings stripped, numbers and dates as Excel shows them (``95%``, ``2021-12-31``)."""
        value = self.value
        if value is None:
            return ""
        if isinstance(value, str):
            return value.translate(_LINE_ENDS).strip()
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, (int, float)):
            number = _decimal(value)
            if self.is_percent:
                return f"{_plain(_normal(number * 100))}%"
            return _plain(number)
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        return str(value).strip()

    def amount(self, *, percent: bool = False) -> Decimal | None:
        """The cell as an amount (None when blank).

        Args:
            percent: a 资金支出计划 cell: 0.25 shown as ``25%`` is 25, and so is the text ``25%``.

        Raises:
            InputError: the text is not a number, with the reason and the cell.
        """
        value = self.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise InputError(f"应为数字，实际是“{self.text()}”。", self.where)
        if isinstance(value, (int, float)):
            number = _decimal(value)
            return _normal(number * 100) if percent and self.is_percent else number
        text = value.strip().translate(HALF_WIDTH)
        if percent and text.endswith("%"):
            text = text[:-1].strip()
        try:
            return parse_typed_amount(text)
        except AmountError as exc:
            raise InputError(exc.message, self.where) from exc


def _decimal(value: int | float) -> Decimal:
    """An exact Decimal of what Excel stored (``repr`` of a float is its shortest exact spelling)."""
    if isinstance(value, int):
        return Decimal(value)
    return _normal(Decimal(repr(value)))


def _normal(number: Decimal) -> Decimal:
    """Without trailing zeros and exponent: ``25.00`` → ``25``, ``1E+2`` → ``100``, ``33.3300`` → ``33.33``."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _plain(number: Decimal) -> str:
    return format(number, "f")
