"""R06, R07, R08, R18, R23: the amounts of a project and the department's totals."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfdesk.checks.context import CheckContext, Place, quote
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, Scope, rule
from perfdesk.domain.amounts import format_amount
from perfdesk.models.kinds import SPENDING_MONTHS, Collection
from perfdesk.models.snapshot import IndicatorData, ProjectData


@rule("R06", "预算数已填写，财政资金 + 其他资金 = 预算数", Severity.ERROR)
def funds_add_up(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    project = place.project
    tolerance = ctx.settings.amount_tolerance
    funds_given = project.fiscal_funds is not None or project.other_funds is not None
    total = (project.fiscal_funds or Decimal(0)) + (project.other_funds or Decimal(0))
    if not project.budget:  # 0 or, on an object not yet stored, None
        shown = "空" if project.budget is None else "0"
        if funds_given and abs(total) > tolerance:
            yield Hit(
                f"预算数为 {shown}，而财政资金 {format_amount(project.fiscal_funds) or '（空）'} + 其他资金 "
                f"{format_amount(project.other_funds) or '（空）'} = {format_amount(total)} 万元。"
                f"请把预算数填为 {format_amount(total)} 万元，或改正资金数。",
                field="budget",
            )
        else:
            yield Hit(
                f"预算数为 {shown}，请确认：没有安排资金的项目一般不编制绩效目标表；"
                "有资金的请填写预算数及其中的财政资金、其他资金（万元）。",
                field="budget",
                severity=Severity.WARNING,
            )
        return
    if not funds_given:
        return
    if abs(total - project.budget) > tolerance:
        yield Hit(
            f"财政资金 {format_amount(project.fiscal_funds) or '（空）'} + 其他资金 "
            f"{format_amount(project.other_funds) or '（空）'} = {format_amount(total)} 万元，"
            f"与预算数 {format_amount(project.budget)} 万元不符。请改正其中一项。",
            field="fiscal_funds",
        )


@rule("R07", "成本指标与预算数相符", Severity.ERROR)
def total_cost_within_budget(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    budget = place.project.budget or Decimal(0)  # R06 reports a missing budget
    for row, ind in enumerate(place.project.indicators):
        if not ctx.is_cost(ind) or ctx.is_per_unit(ind):
            continue
        amount = ctx.money_in_wan(ind)
        if amount is not None and amount > budget + ctx.settings.amount_tolerance:
            yield Hit(
                f"成本指标{quote(ind.name)}为 {ind.value_text()}，超过了项目预算数 {format_amount(budget)} 万元。"
                "总成本不能超过预算，请核对成本指标或预算数。",
                field="value",
                row=row,
            )


@rule("R07", "成本指标与预算数相符", Severity.WARNING, heuristic=True)
def unit_cost_times_quantity(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    project = place.project
    for row, ind in enumerate(project.indicators):
        if not ctx.is_cost(ind) or not ctx.is_per_unit(ind):
            continue
        unit_cost = ctx.money_in_wan(ind)
        if unit_cost is None:
            continue
        matches = [(unit_cost * q, i) for q, i in _quantities(ctx, project, _counted_unit(ctx, ind))]
        if not matches:
            continue
        total, quantity = min(matches, key=lambda m: m[0])
        budget = project.budget or Decimal(0)
        if total > budget + ctx.settings.amount_tolerance:
            yield Hit(
                f"单位成本 {ind.value_text()} × 数量指标{quote(quantity.name)} {quantity.value_text()} "
                f"≈ {_wan(total)} 万元，超过了预算数 {format_amount(budget)} 万元。"
                "请核对单位成本、数量或预算数。",
                field="value",
                row=row,
            )


def _counted_unit(ctx: CheckContext, ind: IndicatorData) -> frozenset[str]:
    """What a unit cost is per: ``元/件`` → 件; ``人均…元`` → people."""
    unit = ind.unit or ""
    if "/" in unit:
        per = unit.split("/", 1)[1]
        return ctx.settings.person_units if per in ctx.settings.person_units else frozenset({per})
    return ctx.settings.person_units


def _quantities(
    ctx: CheckContext, project: ProjectData, units: frozenset[str]
) -> Iterator[tuple[Decimal, IndicatorData]]:
    for ind in project.indicators:
        number = ctx.number(ind)
        if ind.level2 in ctx.settings.quantity_level2 and number is not None and ind.unit in units:
            yield number, ind


def _wan(amount: Decimal) -> str:
    return format_amount(amount.quantize(Decimal("0.01")).normalize())


@rule("R08", "资金支出计划完整、递增、12月底为100", Severity.ERROR)
def spending_plan(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    if ctx.department.spending_plan is False:
        return  # this department's official table has no 资金支出计划 rows
    plan = place.project.spending_plan
    missing = [m for m in SPENDING_MONTHS if plan[m] is None]
    if missing:
        months = "、".join(f"{m}月底" for m in missing)
        tail = "（12月底应为 100）" if "12" in missing else ""
        yield Hit(
            f"资金支出计划缺少 {months}{tail}。四个时点都要填累计百分比，尚未支出的填 0。", field=f"plan_{missing[0]}"
        )
    previous: tuple[str, Decimal] | None = None
    for month in SPENDING_MONTHS:
        value = plan[month]
        if value is None:
            continue
        if not Decimal(0) <= value <= Decimal(100):
            yield Hit(f"{month}月底支出进度 {format_amount(value)}% 不在 0～100 之间，请改正。", field=f"plan_{month}")
        elif previous is not None and value < previous[1]:
            yield Hit(
                f"{month}月底支出进度 {format_amount(value)}% 小于 {previous[0]}月底的 "
                f"{format_amount(previous[1])}%。支出计划是累计数，应逐期不减。",
                field=f"plan_{month}",
            )
        previous = (month, value)
    if plan["12"] is not None and plan["12"] != Decimal(100):
        yield Hit(f"12月底支出进度是 {format_amount(plan['12'])}%，年底应全部支出，请填 100。", field="plan_12")


@rule("R18", "部门预算合计", Severity.INFO, scope=Scope.DOCUMENT)
def department_total(ctx: CheckContext) -> Iterator[Hit]:
    places = ctx.places()
    if not places:
        return
    total = sum((p.project.budget or Decimal(0) for p in places), Decimal(0))
    fiscal = sum((p.project.fiscal_funds or Decimal(0) for p in places), Decimal(0))
    other = sum((p.project.other_funds or Decimal(0) for p in places), Decimal(0))
    parts = [
        f"全部 {len(places)} 个项目预算数合计 {format_amount(total)} 万元"
        f"（财政资金 {format_amount(fiscal)} 万元，其他资金 {format_amount(other)} 万元）"
    ]
    by_unit: dict[str, Decimal] = {}
    for place in places:
        unit = ctx.department.find_unit(place.project.unit)
        label = unit.label() if unit else (place.project.unit or "未指定预算单位")
        by_unit[label] = by_unit.get(label, Decimal(0)) + (place.project.budget or Decimal(0))
    if len(by_unit) > 1 or ctx.department.units:
        parts.append("其中 " + "；".join(f"{k} {format_amount(v)} 万元" for k, v in by_unit.items()))
    yield Hit("，".join(parts) + "。请与部门整体预算中的项目支出数核对。", field=Collection.PROJECTS)


@rule("R23", "沿用上年的金额已核对", Severity.WARNING)
def amounts_reviewed(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    """A project rolled over from last year keeps last year's amounts until the clerk enters one."""
    if place.project.amounts_to_review:
        yield Hit(
            f"预算数 {format_amount(place.project.budget)} 万元等金额沿用自上一年度（复制为下一年度时保留），"
            "请按本年度预算核对预算数、财政资金和其他资金；修改任一金额后此提示消失（金额确实不变时可忽略）。",
            field="budget",
        )
