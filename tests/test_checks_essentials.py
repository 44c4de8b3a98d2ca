"""R20, R21 and R06's 预算数 part: the parts a document must have are not empty.

"Empty" means what the printed layout shows: a part printed with nothing in
it is reported, a part the layout leaves out is not. Whitespace is nothing.
"""

from __future__ import annotations

import pytest

from perfdesk.checks import Severity
from perfdesk.checks.findings import Finding
from tests.test_checks_rules import department, findings, legal_aid, mediation

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


def test_r20_blank_special_fund_name_uses_the_printed_label() -> None:
    dept = department()
    dept.name_label = "专项资金名称"
    fund = mediation()
    fund.name, fund.code = "", "13052924P00584099999Z"
    dept.special_funds = [fund]
    hits = findings(dept, "R20")
    assert [(h.location.section, *where(h)) for h in hits] == [("special_funds", 1, "name")]
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
