"""R01–R03: the indicator table follows the department's framework and is complete."""

from __future__ import annotations

from collections.abc import Iterator

from perfdesk.checks.context import CheckContext, Place, quote
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, Scope, rule
from perfdesk.domain.frameworks import all_frameworks
from perfdesk.models.kinds import Collection
from perfdesk.models.snapshot import IndicatorData


@rule("R01", "一级/二级指标属于所选指标框架", Severity.ERROR, scope=Scope.DOCUMENT)
def unknown_framework(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.framework is None:
        known = "、".join(all_frameworks())
        yield Hit(
            f"部门选用的指标框架“{ctx.department.framework_id}”不存在，请改为以下之一：{known}。", field="framework"
        )


@rule("R01", "一级/二级指标属于所选指标框架", Severity.ERROR)
def pairs_in_framework(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    framework = ctx.framework
    if framework is None:
        return
    for row, ind in enumerate(place.project.indicators):
        if framework.allows(ind.level1, ind.level2):
            continue
        resolved = framework.resolve(ind.level1, ind.level2)
        if resolved is not None:
            yield Hit(
                f"“{ind.level1}—{ind.level2}”是旧写法或其他指标体系的写法，本框架（{framework.name}）应写作"
                f"“{resolved[0]}—{resolved[1]}”，请修改。",
                field="level2",
                row=row,
                severity=Severity.WARNING,
            )
            continue
        allowed = framework.level2_names(ind.level1)
        if allowed:
            hint = f"“{ind.level1}”下只能选：{'、'.join(allowed)}"
            field = "level2"
        else:
            hint = f"一级指标只能选：{'、'.join(framework.level1_names)}"
            field = "level1"
        yield Hit(
            f"“{ind.level1}—{ind.level2}”不属于所选指标框架（{framework.name}）。{hint}；"
            "或在部门设置中改用与文件一致的框架。",
            field=field,
            row=row,
        )


@rule("R02", "每个一级指标有实际的三级指标；满意度不填“不涉及”", Severity.ERROR)
def levels_filled(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    framework = ctx.framework
    indicators = place.project.indicators
    if not indicators:
        yield Hit("没有任何绩效指标，请按指标框架填写一级、二级、三级指标。", field=Collection.INDICATORS)
        return
    if framework is None:
        return
    exempt = ctx.settings.filler_allowed_level1.get(framework.id, frozenset())
    real = {i.level1 for i in indicators if not _is_filler_row(ctx, i)}
    for row, ind in enumerate(indicators):
        if ctx.in_satisfaction_section(ind) and _is_filler_row(ctx, ind):
            yield Hit(
                f"满意度指标填的是{quote(ind.value or ind.name)}。项目面向群众或服务对象时必须设置满意度指标"
                "（如“服务对象满意度 ≥90%”）；确实没有服务对象的，请先与财政部门确认。",
                field="value",
                row=row,
            )
    # a filler satisfaction 一级 was reported row by row above
    covered = real | ({i.level1 for i in indicators} & ctx.settings.satisfaction_level1)
    for level1 in framework.level1_names:
        if level1 in covered:
            continue
        rows = [r for r, i in enumerate(indicators) if i.level1 == level1]
        if rows:
            yield Hit(
                f"“{level1}”下只有“不涉及/未涉及”之类的填充行，请至少填写一个实际的三级指标。",
                field="name",
                row=rows[0],
            )
        else:
            yield Hit(f"缺少一级指标“{level1}”，请至少填写一个三级指标。", field=Collection.INDICATORS)
    reported = set()
    for row, ind in enumerate(indicators):
        key = (ind.level1, ind.level2)
        if key in reported or ind.level1 not in real or ind.level1 in exempt or ctx.in_satisfaction_section(ind):
            continue
        group = [i for i in indicators if (i.level1, i.level2) == key]
        if all(_is_placeholder_row(ctx, i) for i in group):
            reported.add(key)
            yield Hit(
                f"二级指标“{ind.level2}”下只有填充行{quote(ind.value or ind.name)}。"
                "不适用的二级指标请整行删除，适用的请填写实际的三级指标。",
                field="value",
                row=row,
            )


@rule("R02", "每个一级指标有实际的三级指标；满意度不填“不涉及”", Severity.WARNING)
def half_filler_rows(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    """A row whose name says 不涉及 but whose value is real (or the reverse) is half-edited."""
    for row, ind in enumerate(place.project.indicators):
        if ctx.in_satisfaction_section(ind):
            continue  # a filler satisfaction row is an error of levels_filled
        name_filler, value_filler = ctx.is_filler(ind.name), ctx.is_filler(ind.value)
        if name_filler and not value_filler:
            yield Hit(
                f"三级指标名称是{quote(ind.name)}，指标值却是{quote(ind.value_text())}。"
                "请补写指标名称，或把整行改为不涉及。",
                field="name",
                row=row,
            )
        elif value_filler and not name_filler and ind.name != ind.level2 and ind.value:
            yield Hit(
                f"三级指标{quote(ind.name)}的指标值是{quote(ind.value)}。请填写目标值，或删除这一行。",
                field="value",
                row=row,
            )


def _is_filler_row(ctx: CheckContext, ind: IndicatorData) -> bool:
    """Not a real indicator: name or value is 不涉及 (half-filled rows included)."""
    return ctx.is_filler(ind.value) or ctx.is_filler(ind.name)


def _is_placeholder_row(ctx: CheckContext, ind: IndicatorData) -> bool:
    """A row that only holds a place: 不涉及 as value and as name (or the 二级 name repeated)."""
    return ctx.is_filler(ind.value) and (ctx.is_filler(ind.name) or ind.name == ind.level2)


@rule("R03", "产出指标含数量、质量、时效", Severity.WARNING)
def required_level2(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    framework = ctx.framework
    if framework is None:
        return
    indicators = place.project.indicators
    present = {(i.level1, i.level2) for i in indicators if not _is_filler_row(ctx, i)}
    for level1, wanted in ctx.settings.required_level2.items():
        if level1 not in framework.level1_names:
            continue
        missing = [w for w in wanted if framework.allows(level1, w) and (level1, w) not in present]
        if missing:
            yield Hit(
                f"“{level1}”缺少{'、'.join(missing)}。产出指标一般应同时有数量、质量和时效指标，请补充。",
                field=Collection.INDICATORS,
            )
