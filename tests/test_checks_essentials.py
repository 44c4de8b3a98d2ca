"""R20, R21 and R06's 预算数 part: the parts a document must have are not empty.

"Empty" means what the printed layout shows: a part printed with nothing in
it is reported, a part the layout leaves out is not. Whitespace is nothing.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from perfdesk.checks import Severity, check_department, default_settings
from perfdesk.checks.findings import Finding
from perfdesk.models import Collection, Department, Measure, Project, SubGoal
from tests.test_checks_rules import department, findings, legal_aid, mediation

D = Decimal
BLANKS = ["", "  ", "\u3000\n\t"]


def where(finding: Finding) -> tuple[int | None, str | None]:
    return finding.location.project_index, finding.location.field


# --- R20: a project's name and goals ------------------------------------------------------


@pytest.mark.parametrize("name", BLANKS)
def test_r20_blank_project_name_is_an_error(name: str) -> None:
    project = legal_aid()
    project.name = name
    hits = findings(department(project, mediation()), "R20")
    assert [(h.severity, *where(h)) for h in hits] == [(Severity.ERROR, 1, "name")]
    assert hits[0].message.startswith("项目名称是空的，表题和目录也会空着。")
    assert hits[0].location.describe() == "第1个项目（未命名项目） 项目名称"  # as the tree names it


def test_r20_blank_special_fund_name_uses_the_printed_label() -> None:
    dept = department()
    dept.name_label = "专项资金名称"
    fund = mediation()
    fund.name, fund.code = "", "13052924P00584099999Z"
    dept.special_funds = [fund]
    hits = findings(dept, "R20")
    assert [(h.location.section, *where(h)) for h in hits] == [(Collection.SPECIAL_FUNDS, 1, "name")]
    assert hits[0].message.startswith("专项资金名称是空的")


def test_r20_blank_name_under_a_title_is_r20s_alone() -> None:
    project = legal_aid()
    project.name, project.title = " ", "法律援助经费"
    dept = department(project, mediation())
    hits = findings(dept, "R20")
    assert [where(h) for h in hits] == [(1, "name")]
    assert "表题" not in hits[0].message  # the title still prints
    assert not findings(dept, "R10")  # not also "title differs from the name"


@pytest.mark.parametrize("goals", [[], ["", " \u3000"], None])
def test_r20_project_without_goals_is_an_error(goals: list[str] | None) -> None:
    project = legal_aid()
    project.goals = goals  # type: ignore[assignment]  # None: an object not yet stored
    hits = findings(department(project, mediation()), "R20")
    assert [(h.severity, *where(h)) for h in hits] == [(Severity.ERROR, 1, "goals")]
    assert "没有填写绩效目标" in hits[0].message


def test_r20_is_quiet_for_named_projects_with_one_goal() -> None:
    project = legal_aid()
    project.goals = ["", "全年指派法律援助案件不少于 150 件"]
    project.name = " 法律援助经费 "
    assert not findings(department(project, mediation()), "R20")
    assert not findings(department(), "R20")


# --- R21: the department's own texts ----------------------------------------------------------


def r21(dept: Department) -> list[tuple[str | None, str]]:
    hits = findings(dept, "R21")
    assert all(h.severity is Severity.ERROR and h.location.project_index is None for h in hits)
    assert all(h.message.endswith("。") for h in hits)
    return [(h.location.field, h.message) for h in hits]


def test_r21_clean_department_is_quiet() -> None:
    assert not findings(department(), "R21")


@pytest.mark.parametrize("text", BLANKS)
def test_r21_blank_overall_goal(text: str) -> None:
    dept = department()
    dept.overall_goal = text
    [(field, message)] = r21(dept)
    assert field == "overall_goal"
    assert message.startswith("总体绩效目标是空的，“一、总体绩效目标”下只会印出“无”。")


def test_r21_no_sub_goals_and_no_measures_print_empty_headings() -> None:
    dept = department()
    dept.sub_goals, dept.measures = [], []
    assert [(field, message[:12]) for field, message in r21(dept)] == [
        (Collection.SUB_GOALS, "没有任何分项绩效目标，“"),
        (Collection.MEASURES, "没有任何工作保障措施，“"),
    ]


def sub_goal_finding(sub: SubGoal) -> str | None:
    dept = department()
    dept.sub_goals = [dept.sub_goals[0], sub]
    found = r21(dept)
    assert all(field is Collection.SUB_GOALS for field, _ in found)
    assert len(found) <= 1, found  # one finding per 分项目标, the most important
    return found[0][1] if found else None


EMPTY_SUB_GOALS = [
    # title, goal, indicators → the start of the message
    ("", None, [], "分项绩效目标（二）是空的（没有标题、绩效目标和绩效指标），印出来只有“（二）”。"),
    (" ", "", [" "], "分项绩效目标（二）是空的"),
    ("信息化保障", None, [], "分项绩效目标（二）「信息化保障」只有标题，没有绩效目标和绩效指标。"),
    ("新分项目标", "", [], "分项绩效目标（二）「新分项目标」只有标题"),  # as the tree's 新增 creates it
    ("", "维护信息系统正常运行。", [], "分项绩效目标（二）没有标题，印出来只有“（二）”。"),
    ("信息化保障", " ", ["系统维护 10 套以上。"], "分项绩效目标（二）「信息化保障」的“绩效目标：”后面是空的"),
    (
        "信息化保障",
        "维护信息系统。",
        ["系统维护 10 套以上。", "\u3000"],
        "分项绩效目标（二）「信息化保障」的“绩效指标：”第2段是空的",
    ),
]


@pytest.mark.parametrize(("title", "goal", "indicators", "start"), EMPTY_SUB_GOALS)
def test_r21_sub_goal_printed_empty(title: str, goal: str | None, indicators: list[str], start: str) -> None:
    message = sub_goal_finding(SubGoal(title=title, goal=goal, indicators=indicators))
    assert message is not None
    assert message.startswith(start)


@pytest.mark.parametrize(
    ("goal", "indicators"),
    [
        (None, ["系统维护 10 套以上。"]),  # no 绩效目标 paragraph is printed at all
        ("维护信息系统正常运行。", []),  # no 绩效指标 paragraph is printed at all
        ("维护信息系统正常运行。", ["系统维护 10 套以上。"]),
    ],
)
def test_r21_absent_parts_of_a_sub_goal_are_not_empty_ones(goal: str | None, indicators: list[str]) -> None:
    assert sub_goal_finding(SubGoal(title="信息化保障", goal=goal, indicators=indicators)) is None


def measure_finding(measure: Measure, title_as_text_chars: int | None = None) -> str | None:
    dept = department()
    dept.measures = [dept.measures[0], measure]
    chosen = None
    if title_as_text_chars is not None:
        chosen = dataclasses.replace(default_settings(), measure_title_as_text_chars=title_as_text_chars)
    found = [(h.location.field, h.message) for h in findings(dept, "R21", settings=chosen)]
    assert all(field is Collection.MEASURES for field, _ in found)
    return found[0][1] if found else None


@pytest.mark.parametrize("text", [None, "", " \n"])
def test_r21_measure_with_a_title_only(text: str | None) -> None:
    message = measure_finding(Measure(title="强化预算执行。", text=text))
    assert message is not None
    assert message.startswith("工作保障措施（二）「强化预算执行。」只有标题，没有具体内容。")


def test_r21_blank_measure() -> None:
    message = measure_finding(Measure(title=" ", text=None))
    assert message == "工作保障措施（二）是空的，印出来只有“（二）”。请填写内容，或删除这一项。"


def test_r21_measure_typed_whole_into_its_title_is_not_empty() -> None:
    whole = "强化预算执行，及时启动项目和支付资金，加快履行政府采购程序，确保按时间节点完成支出任务。"
    assert measure_finding(Measure(title=whole, text=None)) is None
    assert measure_finding(Measure(title="", text=whole)) is None  # printed as （二）text: not empty
    # the length that makes a title a paragraph is a setting
    assert measure_finding(Measure(title=whole, text=None), title_as_text_chars=200) is not None


# --- R06: 预算数 0 or missing --------------------------------------------------------------


def r06(project: Project) -> list[tuple[Severity, int | None, str | None, str]]:
    return [(h.severity, *where(h), h.message) for h in findings(department(project, mediation()), "R06")]


@pytest.mark.parametrize(("budget", "fiscal"), [(D(0), None), (D("0.00"), D("0.00")), (None, None)])
def test_r06_zero_or_missing_budget_is_a_warning(budget: Decimal | None, fiscal: Decimal | None) -> None:
    project = legal_aid()
    project.budget, project.fiscal_funds = budget, fiscal  # type: ignore[assignment]  # None: not yet stored
    [(severity, index, field, message)] = r06(project)
    assert (severity, index, field) == (Severity.WARNING, 1, "budget")
    assert message.startswith(f"预算数为 {'空' if budget is None else '0'}，请确认")
    assert not [f for f in check_department(department(project)) if f.is_error and f.rule in ("R06", "R18")]


def test_r06_zero_budget_with_funds_is_one_error_at_the_budget() -> None:
    project = legal_aid()
    project.budget = D(0)  # 财政资金 10.00 stays
    [(severity, index, field, message)] = r06(project)
    assert (severity, index, field) == (Severity.ERROR, 1, "budget")
    assert "请把预算数填为 10.00 万元" in message
    # the cost row still contradicts a budget of 0: that is R07's own finding, at the row
    assert [h.location.indicator_index for h in findings(department(project, mediation()), "R07")] == [4]


def test_r06_filled_budget_is_quiet() -> None:
    project = legal_aid()
    project.budget, project.fiscal_funds = D("0.01"), None
    assert not r06(project)
    assert not r06(legal_aid())
