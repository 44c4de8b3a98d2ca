"""Compare two department-years: what a clerk changed from last year's document to this year's.

Projects are matched by 项目编码 first, then by name (a project whose code
changed but whose name did not is the same project); matched by code with
another name is a rename. Indicator rows are matched by the library's identity
(二级 + 三级 name, ``perfdesk.library.keys``), so 效果指标 → 效益指标 is not a
change. Amounts compare as numbers (10 and 10.00 are equal); texts exactly,
except that blanks at either end are ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

from perfdesk.compare.model import Comparison, Difference, Kind, Target
from perfdesk.domain.amounts import display_amount
from perfdesk.library.keys import indicator_key, squash
from perfdesk.models import Collection, Department, Indicator, Measure, Project, SubGoal
from perfdesk.models.lists import PROJECTS, SPECIAL_FUNDS, shown_name

T = TypeVar("T")

WHOLE = "部门整体"

#: Project fields compared, with their Chinese names; amounts first.
AMOUNTS: tuple[tuple[str, str], ...] = (
    ("budget", "预算数"),
    ("fiscal_funds", "财政资金"),
    ("other_funds", "其他资金"),
    ("plan_3", "资金支出计划 3月底"),
    ("plan_6", "资金支出计划 6月底"),
    ("plan_10", "资金支出计划 10月底"),
    ("plan_12", "资金支出计划 12月底"),
)
TEXTS: tuple[tuple[str, str], ...] = (("code", "项目编码"), ("unit", "预算单位"), ("purpose", "资金用途"))
INDICATOR_TEXTS: tuple[tuple[str, str], ...] = (("description", "绩效指标描述"), ("basis", "指标值确定依据"))


def compare(old: Department, new: Department) -> Comparison:
    """Every difference from ``old`` to ``new``, 部门整体 first, then the projects in the new order."""
    differences = [*_part_one(old, new)]
    for old_list, new_list, section in (
        (old.special_funds, new.special_funds, SPECIAL_FUNDS),
        (old.projects, new.projects, PROJECTS),
    ):
        differences.extend(_projects(list(old_list), list(new_list), section.name, section.noun))
    return Comparison(old.label(), new.label(), tuple(differences))


# --- 第一部分 -----------------------------------------------------------------------------


def _part_one(old: Department, new: Department) -> Iterator[Difference]:
    target = Target(field="overall_goal")
    if _text(old.overall_goal) != _text(new.overall_goal):
        yield Difference(
            Kind.CHANGED, WHOLE, "总体绩效目标", "overall_goal", old.overall_goal, new.overall_goal, target
        )
    yield from _titled(old.sub_goals, new.sub_goals, "分项绩效目标", Collection.SUB_GOALS, _sub_goal_text)
    yield from _titled(old.measures, new.measures, "工作保障措施", Collection.MEASURES, _measure_text)


def _sub_goal_text(goal: SubGoal) -> str:
    return "\n".join(filter(None, [goal.goal, *goal.indicators]))


def _measure_text(measure: Measure) -> str:
    return measure.text or ""


def _titled(
    old: Sequence[SubGoal | Measure],
    new: Sequence[SubGoal | Measure],
    what: str,
    collection: Collection,
    text: Callable[..., str],
) -> Iterator[Difference]:
    """Sub-goals and measures, matched by title."""
    target = Target(field=collection.value)
    old_by_title = {squash(item.title): item for item in old}
    new_titles = {squash(item.title) for item in new}
    for item in new:
        before = old_by_title.get(squash(item.title))
        if before is None:
            yield Difference(Kind.ADDED, WHOLE, f"{what}「{item.title}」", None, None, text(item), target)
        elif _text(text(before)) != _text(text(item)):
            yield Difference(Kind.CHANGED, WHOLE, f"{what}「{item.title}」", None, text(before), text(item), target)
    for item in old:
        if squash(item.title) not in new_titles:
            removed = Target("old", field=collection.value)
            yield Difference(Kind.REMOVED, WHOLE, f"{what}「{item.title}」", None, text(item), None, removed)


# --- projects -----------------------------------------------------------------------------


def match_projects(old: Sequence[Project], new: Sequence[Project]) -> list[tuple[Project | None, Project | None]]:
    """Pairs (old, new): by 项目编码, then by name; unmatched ones pair with None. New order, removed last."""
    pairs: dict[int, Project] = {}
    unmatched = list(old)
    for rule in (_code, _name):
        for index, project in enumerate(new):
            if index in pairs or not rule(project):
                continue
            twin = next((o for o in unmatched if rule(o) == rule(project)), None)
            if twin is not None:
                pairs[index] = twin
                unmatched.remove(twin)
    result: list[tuple[Project | None, Project | None]] = [(pairs.get(i), p) for i, p in enumerate(new)]
    return result + [(project, None) for project in unmatched]


def _code(project: Project) -> str:
    return squash(project.code)


def _name(project: Project) -> str:
    return squash(project.name)


def _projects(old: list[Project], new: list[Project], section: str, noun: str) -> Iterator[Difference]:
    for before, after in match_projects(old, new):
        if after is None:
            assert before is not None
            group = _label(noun, old.index(before) + 1, before)
            target = Target("old", section, old.index(before) + 1)
            yield Difference(Kind.REMOVED, group, noun, None, _summary(before), None, target)
            continue
        number = new.index(after) + 1
        group = _label(noun, number, after)
        target = Target("new", section, number)
        if before is None:
            yield Difference(Kind.ADDED, group, noun, None, None, _summary(after), target)
            continue
        if _text(before.name) != _text(after.name):
            yield Difference(Kind.RENAMED, group, "项目名称", "name", before.name, after.name, _at(target, "name"))
        yield from _project_fields(before, after, group, target)
        yield from _indicators(before.indicators, after.indicators, group, target)


def _label(noun: str, number: int, project: Project) -> str:
    kind = "项目" if noun == PROJECTS.noun else noun
    return f"第{number}个{kind}「{shown_name(project.name)}」"


def _summary(project: Project) -> str:
    code = f"{project.code} " if project.code else ""
    return f"{code}{shown_name(project.name)}（预算数 {display_amount(project.budget)} 万元）"


def _at(target: Target, field: str, row: int | None = None) -> Target:
    return Target(target.side, target.section, target.project_index, row, field)


def _project_fields(before: Project, after: Project, group: str, target: Target) -> Iterator[Difference]:
    for field, label in AMOUNTS:
        old_amount, new_amount = getattr(before, field), getattr(after, field)
        if not _same_amount(old_amount, new_amount):
            yield Difference(
                Kind.CHANGED, group, label, field, _amount(old_amount), _amount(new_amount), _at(target, field)
            )
    for field, label in TEXTS:
        old_text, new_text = getattr(before, field), getattr(after, field)
        if _text(old_text) != _text(new_text):
            yield Difference(Kind.CHANGED, group, label, field, old_text, new_text, _at(target, field))
    if [_text(g) for g in before.goals] != [_text(g) for g in after.goals]:
        old_goals, new_goals = "\n".join(before.goals), "\n".join(after.goals)
        yield Difference(Kind.CHANGED, group, "绩效目标", "goals", old_goals, new_goals, _at(target, "goals"))


def _same_amount(old: Decimal | None, new: Decimal | None) -> bool:
    return old == new if old is not None and new is not None else old is new


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else display_amount(value)


def _indicators(old: Sequence[Indicator], new: Sequence[Indicator], group: str, target: Target) -> Iterator[Difference]:
    old_by_key: dict[str, Indicator] = {}
    for row in old:
        old_by_key.setdefault(_key(row), row)
    new_keys = {_key(row) for row in new}
    for number, row in enumerate(new, 1):
        name = f"「{row.name}」"
        before = old_by_key.pop(_key(row), None)
        where = _at(target, "name", number)
        if before is None:
            yield Difference(Kind.ADDED, group, f"指标{name}", None, None, _row_text(row), where)
            continue
        if before.value_text().strip() != row.value_text().strip():
            yield Difference(
                Kind.CHANGED,
                group,
                f"指标{name}指标值",
                "value",
                before.value_text(),
                row.value_text(),
                _at(where, "value", number),
            )
        for field, label in INDICATOR_TEXTS:
            old_text, new_text = getattr(before, field), getattr(row, field)
            if _text(old_text) != _text(new_text):
                yield Difference(
                    Kind.CHANGED, group, f"指标{name}{label}", field, old_text, new_text, _at(where, field, number)
                )
    for number, row in enumerate(old, 1):
        if _key(row) not in new_keys and old_by_key.get(_key(row)) is row:
            removed = Target("old", target.section, None, number, "name")
            yield Difference(Kind.REMOVED, group, f"指标「{row.name}」", None, _row_text(row), None, removed)


def _key(row: Indicator) -> str:
    return indicator_key(row.level2, row.name)


def _row_text(row: Indicator) -> str:
    return " · ".join(filter(None, [row.level1, row.level2, row.name, row.value_text(), row.basis]))


def _text(text: str | None) -> str:
    return (text or "").strip()
