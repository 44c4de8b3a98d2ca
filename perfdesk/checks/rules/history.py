"""R22: a value far from what the same indicator had last year (≥90% last year, ≥9% now).

The same indicator is the library's identity (二级 + 三级 name); last year is the
same department's previous year in the workspace or file, else what the workspace's
指标库 remembers of an earlier year (entries imported from last year's workspace). Only numbers in the
same unit are compared, and only by a factor (``history_factor`` in the
settings), so a real change of plan is rarely flagged — it is a heuristic and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdesk.checks.context import CheckContext, Place, quote
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, rule


@rule("R22", "指标值与上年同一指标相差悬殊", Severity.WARNING, heuristic=True)
def far_from_last_year(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    if ctx.previous is None and not ctx.library:
        return
    factor = ctx.settings.history_factor
    for row, ind in enumerate(place.project.indicators):
        earlier = ctx.earlier_value(place.project, ind)
        now = ctx.number(ind)
        if earlier is None or now is None or earlier.number is None or now <= 0 or earlier.number <= 0:
            continue
        if ctx.canonical_unit(ind.unit) != ctx.canonical_unit(earlier.unit):
            continue
        ratio = max(now, earlier.number) / min(now, earlier.number)
        if ratio >= factor:
            where = f"指标库中{earlier.year}年" if earlier.from_library else f"上年（{earlier.year}年）"
            yield Hit(
                f"{quote(ind.name)}的指标值{quote(ind.value_text())}与{where}"
                f"同一指标的{quote(earlier.text)}相差约 {_times(ratio)} 倍，"
                "请核对是否多写或少写了一位数；确是计划调整的，可忽略本提示。",
                field="value",
                row=row,
            )


def _times(ratio: Decimal) -> str:
    return format(ratio.quantize(Decimal(1)) if ratio >= 10 else ratio.quantize(Decimal("0.1")), "f")
