"""R04, R05, R11, R12, R16: each indicator value on its own (form, wording, direction, level).

Values are read through the value grammar (``perfdesk.domain.values``); these
rules only judge what the grammar has already split into op / number / unit.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfdesk.checks.context import CheckContext, Place, quote, squash
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, rule
from perfdesk.domain.values import is_known_unit, parse_value
from perfdesk.models.snapshot import IndicatorData


@rule("R04", "定量指标值 = 运算符 + 数字 + 单位", Severity.WARNING)
def quantitative_form(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    for row, ind in enumerate(place.project.indicators):
        problems = _form_problems(ctx, ind)
        if problems:
            yield Hit(f"指标值{quote(ind.value_text())}：{'；'.join(problems)}。", field="value", row=row)


def _form_problems(ctx: CheckContext, ind: IndicatorData) -> list[str]:
    number = ctx.number(ind)
    if number is None:
        if ind.op:
            return [f"“{ind.op}”后面应是数字，如 {ind.op}90%；定性指标请去掉运算符"]
        problem = parse_value(ind.value_text()).problem
        return [problem] if problem else []
    problems = []
    if not ind.op:
        problems.append("缺少运算符，请加上 ≥、≤ 或 =（如 =100%）")
    unit = ind.unit
    if not unit:
        problems.append("缺少计量单位（如 %、件、人），请补上")
    elif ctx.canonical_unit(unit) != unit:
        problems.append(f"单位“{unit}”请写作“{ctx.canonical_unit(unit)}”")
    elif not is_known_unit(unit):
        problems.append(f"单位“{unit}”不在常用单位表中，请核对是否写错")
    return problems


@rule("R05", "定性指标值不照抄指标名称、不用空泛词", Severity.WARNING, heuristic=True)
def qualitative_wording(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    for row, ind in enumerate(place.project.indicators):
        if ind.op or ctx.number(ind) is not None or ctx.is_filler(ind.value):
            continue
        value = squash(ind.value)
        reasons = []
        if value == squash(ind.name):
            reasons.append("只是重复了三级指标名称")
        elif ind.description and value == squash(ind.description):
            reasons.append("只是照抄了绩效指标描述")
        vague = [w for w in ctx.settings.vague_words if w in value]
        if vague and not _looks_like_date(ctx, value):
            reasons.append(f"用了“{'、'.join(vague)}”这类空泛的词")
        if reasons:
            yield Hit(
                f"定性指标值{quote(ind.value)}{'，'.join(reasons)}，无法据此考核。"
                "请写明可检验的结果（如“群众反映的问题全部按期答复”），或改为定量指标（如“≥95%”）。",
                field="value",
                row=row,
            )


def _looks_like_date(ctx: CheckContext, text: str) -> bool:
    return any(p.search(text) for p in ctx.settings.date_patterns)


@rule("R11", "指标放在合适的二级指标下", Severity.WARNING, heuristic=True)
def misplaced_indicator(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    s = ctx.settings
    for row, ind in enumerate(place.project.indicators):
        if "满意" in ind.name and not ctx.in_satisfaction_section(ind):
            yield Hit(
                f"{quote(ind.name)}是满意度指标，却放在“{ind.level1}—{ind.level2}”下。"
                "请移到“满意度指标—服务对象满意度指标”。",
                field="level2",
                row=row,
            )
        elif ind.level2 in s.quantity_level2 and ctx.is_rate_name(ind.name):
            yield Hit(
                f"{quote(ind.name)}是比率，不是数量。请移到质量指标，或改为数量（如“完成××项”）。",
                field="level2",
                row=row,
            )
        elif ind.level2 in s.timeliness_level2 and not _is_time_value(ctx, ind):
            yield Hit(
                f"时效指标{quote(ind.name)}的指标值{quote(ind.value_text())}不是时间要求。"
                "时效指标应写完成时限（如“12月31日前”“≤10个工作日”）或及时率。",
                field="value",
                row=row,
            )


def _is_time_value(ctx: CheckContext, ind: IndicatorData) -> bool:
    s = ctx.settings
    if ctx.is_filler(ind.value):
        return True  # R02 reports filler rows
    if ctx.number(ind) is None:
        return _looks_like_date(ctx, squash(ind.value))
    unit = ctx.canonical_unit(ind.unit)
    if unit in s.duration_units:
        return True
    text = f"{ind.name}{ind.description or ''}"
    return unit == "%" and any(word in text for word in s.timeliness_words)


@rule("R12", "指标方向：数量用 ≥，成本用 ≤", Severity.WARNING)
def direction(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    s = ctx.settings
    for row, ind in enumerate(place.project.indicators):
        if ctx.number(ind) is None:
            continue
        if ind.level2 in s.quantity_level2 and ind.op in ("≤", "<"):
            yield Hit(
                f"数量指标{quote(ind.name)}写成了“{ind.op}”（上限），数量目标一般是“≥”（至少完成）。"
                "请核对并改为 ≥ 或 =。",
                field="value",
                row=row,
            )
        elif ctx.is_cost(ind) and ind.op in ("≥", ">"):
            yield Hit(
                f"成本指标{quote(ind.name)}写成了“{ind.op}”（下限），成本目标应是“≤”（不超过）。请改为 ≤。",
                field="value",
                row=row,
            )


@rule("R16", "满意度目标不低于设定值", Severity.WARNING)
def satisfaction_level(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    minimum = ctx.settings.satisfaction_minimum
    for row, ind in enumerate(place.project.indicators):
        number = ctx.number(ind)
        if number is None or not ctx.is_satisfaction(ind) or ctx.canonical_unit(ind.unit) not in ("%", None):
            continue
        if ind.op in ("≤", "<"):
            yield Hit(
                f"满意度{quote(ind.name)}写成了“{ind.op}{number}”，满意度目标应是下限，请改为“≥”。",
                field="value",
                row=row,
            )
        elif number < minimum:
            yield Hit(
                f"满意度目标{quote(ind.value_text())}低于 {minimum}%，审核时通常会被质疑；"
                f"实践中一般设为 ≥85%～95%。请核对。",
                field="value",
                row=row,
            )
