"""The ranges every number in a workspace stays within, defined once for every entry point.

JSON, the GUI's fields and (later) Word and Excel imports all refuse a value outside these
ranges with a message naming its place, so nothing downstream (the checks, the exporters, the
year spin box) ever meets a number it cannot handle: ``1e7000000`` once imported and then made
``check`` overflow, a 30-digit 成本指标 broke R07, and a year of 2^63 could not be shown.

The limits are far beyond any real budget (a county's whole budget is some 10^6 万元) and leave
Decimal's default 28-digit precision room for every sum and product the checks compute.
"""

from __future__ import annotations

from decimal import Decimal

#: Digits an amount or an indicator number may have before the decimal point (万元: up to 10^12).
INTEGER_DIGITS = 12
#: Digits it may have after the point.
FRACTION_DIGITS = 6
#: The fiscal years a department-year may have.
YEAR_MIN, YEAR_MAX = 2000, 2100
#: Longest number text worth reading at all (digits, separators, point, sign); longer is refused unread.
NUMBER_TEXT_MAX = 2 * (INTEGER_DIGITS + FRACTION_DIGITS)


def number_problem(value: Decimal) -> str | None:
    """Why ``value`` is outside the range of amounts and indicator numbers, or None when it is inside.

    Cheap for any Decimal, however large its exponent (``1e999999999`` is judged by its parts).
    """
    if not value.is_finite():
        return "必须是有限的数字"
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    whole = len(digits) + exponent  # digits before the point (may be ≤ 0)
    fraction = -exponent if exponent < 0 else 0
    if whole > INTEGER_DIGITS and any(digits):  # 0E+20 is zero, whatever its exponent
        return f"数字太大：整数部分最多 {INTEGER_DIGITS} 位"
    if fraction > FRACTION_DIGITS:
        return f"小数位数太多：最多 {FRACTION_DIGITS} 位小数"
    return None


def year_problem(year: int) -> str | None:
    """Why ``year`` is not a fiscal year perfdesk accepts, or None."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        shown = str(year) if -(10**12) < year < 10**12 else "（一个很长的数字）"  # str() of 4,300+ digits raises
        return f"年度 {shown} 超出范围：应在 {YEAR_MIN}–{YEAR_MAX} 之间"
    return None


#: Backups kept per workspace and minutes of editing between two (文件 → 恢复备份… sets both):
#: the defaults and the ranges the settings accept.
BACKUP_KEEP_DEFAULT = 10
BACKUP_MINUTES_DEFAULT = 10
BACKUP_KEEP_RANGE = (1, 100)
BACKUP_MINUTES_RANGE = (1, 24 * 60)
