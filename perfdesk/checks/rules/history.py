"""R22: a value far from what the same indicator had last year (≥90% last year, ≥9% now).

The same indicator is the library's identity (二级 + 三级 name); last year is the
same department's previous year in the workspace or file. Only numbers in the
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
    if ctx.previous is None:
        return
    factor = ctx.settings.history_factor
    for row, ind in enumerate(place.project.indicators):
        before = ctx.last_year(place.project, ind)
        now, then = ctx.number(ind), ctx.number(before) if before is not None else None
        if before is None or now is None or then is None or now <= 0 or then <= 0:
            continue
        if ctx.canonical_unit(ind.unit) != ctx.canonical_unit(before.unit):
            continue
        ratio = max(now, then) / min(now, then)
        if ratio >= factor:
            yield Hit(
                f"{quote(ind.name)}的指标值{quote(ind.value_text())}与上年（{ctx.previous.fiscal_year}年）"
                f"同一指标的{quote(before.value_text())}相差约 {_times(ratio)} 倍，"
                "请核对是否多写或少写了一位数；确是计划调整的，可忽略本提示。",
                field="value",
                row=row,
            )


def _times(ratio: Decimal) -> str:
    return format(ratio.quantize(Decimal(1)) if ratio >= 10 else ratio.quantize(Decimal("0.1")), "f")
