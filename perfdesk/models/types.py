"""Column types: exact decimals stored as text, so no digit is ever lost; enum members as their values."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator

from perfdesk.domain.amounts import format_amount
from perfdesk.errors import WorkspaceError


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored as its digits (``"7.4"`` stays ``7.4``, ``"14.00"`` stays ``14.00``).

    SQLite has no decimal type and its REAL is a binary float, so the text
    form is the only exact one.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"ExactDecimal needs a Decimal, got {type(value).__name__}")
        return format_amount(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(value)
        except (InvalidOperation, TypeError, ValueError) as exc:
            raise WorkspaceError(f"工作区文件中有无法读取的金额「{value}」，文件可能被其他程序改动过。") from exc


S = TypeVar("S", bound=StrEnum)


class EnumText(TypeDecorator[S]):
    """A ``StrEnum`` member stored as its value (the plain text the column always held)."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[S]) -> None:
        super().__init__()
        self.enum = enum

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> S | None:
        if value is None:
            return None
        try:
            return self.enum(value)
        except ValueError as exc:
            raise WorkspaceError(f"工作区文件中有无法识别的取值「{value}」，文件可能被其他程序改动过。") from exc
