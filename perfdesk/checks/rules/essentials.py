"""R20, R21: the parts every document must have are not empty.

"Empty" follows the printed layout (``perfdesk.export.docx.document``): a part
the layout prints with nothing in it is reported; a part it leaves out (a
分项目标 whose ``goal`` is None, a project without special funds) is not.
Whitespace counts as nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfdesk.checks.context import CheckContext, Place, quote, squash
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, Scope, rule
from perfdesk.layout.document_outline import MEASURES_HEADING, OVERALL_HEADING, SUB_GOALS_HEADING, item_label
from perfdesk.models.kinds import LIST_WORDS, Collection
from perfdesk.models.snapshot import MeasureData, SubGoalData

_TITLE = "项目名称和绩效目标已填写"
SUB_GOALS, MEASURES = LIST_WORDS[Collection.SUB_GOALS], LIST_WORDS[Collection.MEASURES]
_DEPARTMENT_TITLE = f"总体绩效目标、{SUB_GOALS.title}、{MEASURES.noun}已填写"


@rule("R20", _TITLE, Severity.ERROR)
def project_name(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    project = place.project
    if squash(project.name):
        return
    label = ctx.department.name_label or "项目名称"
    also = "" if squash(project.title) else "，表题和目录也会空着"
    yield Hit(f"{label}是空的{also}。请按预算系统填写{label}。", field="name")


@rule("R20", _TITLE, Severity.ERROR)
def project_goals(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    if any(squash(goal) for goal in place.project.goals or []):
        return
    yield Hit(
        "没有填写绩效目标，表中“绩效目标”一栏会空着。请写明本项目本年度要达到的具体结果"
        "（如“全年指派法律援助案件不少于 150 件”），一条一行。",
        field="goals",
    )


@rule("R21", _DEPARTMENT_TITLE, Severity.ERROR, scope=Scope.DOCUMENT)
def overall_goal(ctx: CheckContext) -> Iterator[Hit]:
    if not squash(ctx.department.overall_goal):
        yield Hit(
            f"总体绩效目标是空的，“{OVERALL_HEADING}”下只会印出“无”。请概括写明本部门本年度要达到的总体目标。",
            field="overall_goal",
        )


@rule("R21", _DEPARTMENT_TITLE, Severity.ERROR, scope=Scope.DOCUMENT)
def sub_goals(ctx: CheckContext) -> Iterator[Hit]:
    goals = ctx.department.sub_goals
    if not goals:
        yield Hit(
            f"没有任何{SUB_GOALS.title}，“{SUB_GOALS_HEADING}”下只会印出“无”。"
            "请按部门的主要职责分项填写（每项有标题、绩效目标和绩效指标）。",
            field=Collection.SUB_GOALS,
        )
    for n, goal in enumerate(goals, 1):
        problem = _sub_goal_problem(goal, item_label(n))
        if problem:
            yield Hit(problem, field=Collection.SUB_GOALS)


def _sub_goal_problem(sub: SubGoalData, label: str) -> str | None:
    """The one thing to say about a 分项目标 that prints empty, or None.

    The layout prints the title always, ``绩效目标：`` only when ``goal`` is not
    None, and one ``绩效指标：`` paragraph per entry of ``indicators``.
    """
    title = squash(sub.title)
    has_goal = bool(squash(sub.goal))
    paragraphs = list(sub.indicators or [])
    has_indicators = any(squash(p) for p in paragraphs)
    if not (has_goal or has_indicators):
        if not title:
            return (
                f"{SUB_GOALS.title}{label}是空的（没有标题、绩效目标和绩效指标），印出来只有“{label}”。"
                "请填写内容，或删除这一项。"
            )
        return (
            f"{SUB_GOALS.title}{label}{quote(sub.title)}只有标题，没有绩效目标和绩效指标。"
            "请补写“绩效目标：”和“绩效指标：”两段，或删除这一项。"
        )
    if not title:
        return f"{SUB_GOALS.title}{label}没有标题，印出来只有“{label}”。请填写标题，概括这一项要做的工作。"
    if sub.goal is not None and not has_goal:
        return (
            f"{SUB_GOALS.title}{label}{quote(sub.title)}的“绩效目标：”后面是空的，会印出一个空段落。"
            "请补写绩效目标，或删去这一段。"
        )
    blank = [i for i, p in enumerate(paragraphs, 1) if not squash(p)]
    if blank:
        which = "、".join(f"第{i}段" for i in blank)
        return (
            f"{SUB_GOALS.title}{label}{quote(sub.title)}的“绩效指标：”{which}是空的，会印出空段落。"
            "请补写绩效指标，或删去这一段。"
        )
    return None


@rule("R21", _DEPARTMENT_TITLE, Severity.ERROR, scope=Scope.DOCUMENT)
def measures(ctx: CheckContext) -> Iterator[Hit]:
    items = ctx.department.measures
    if not items:
        yield Hit(
            f"没有任何{MEASURES.title}，“{MEASURES_HEADING}”下只会印出“无”。"
            "请填写保障绩效目标实现的措施（如加强组织领导、狠抓任务落实、强化预算执行）。",
            field=Collection.MEASURES,
        )
    for n, measure in enumerate(items, 1):
        problem = _measure_problem(ctx, measure, item_label(n))
        if problem:
            yield Hit(problem, field=Collection.MEASURES)


def _measure_problem(ctx: CheckContext, measure: MeasureData, label: str) -> str | None:
    """A 保障措施 prints as one paragraph, title then text; a title alone says nothing.

    A title as long as a paragraph (``measure_title_as_text_chars``) holds the
    whole measure, as when the clerk typed it all into the title.
    """
    title = squash(measure.title)
    if squash(measure.text) or len(title) >= ctx.settings.measure_title_as_text_chars:
        return None
    if not title:
        return f"{MEASURES.title}{label}是空的，印出来只有“{label}”。请填写内容，或删除这一项。"
    return (
        f"{MEASURES.title}{label}{quote(measure.title)}只有标题，没有具体内容。"
        "请写明要采取的做法（由谁负责、怎样落实），或删除这一项。"
    )
