"""Rules R01–R18: one case where each fires and one where it must stay quiet.

The departments are built in code from a clean template; each test changes
one thing and looks for exactly the rule that should notice.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from decimal import Decimal

import pytest

from perfdesk.checks import Severity, check_department, check_project, default_settings, rule_titles
from perfdesk.checks.findings import Finding
from perfdesk.models import Collection, Department, Indicator, Measure, Project, SubGoal

D = Decimal


def ind(level1: str, level2: str, name: str, op: str | None, value: str, unit: str | None) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        description=name,
        op=op,
        value=value,
        unit=unit,
        basis="单位年度工作计划",
    )


def legal_aid() -> Project:
    """A project a careful reviewer would pass."""
    project = Project(
        code="13052924P00584012128B",
        name="法律援助经费",
        budget=D("10.00"),
        fiscal_funds=D("10.00"),
        other_funds=None,
        purpose="用于法律援助案件补贴",
        goals=["全年指派法律援助案件不少于 150 件", "受援群众满意度 90%以上"],
    )
    project.set_spending_plan({"3": D(25), "6": D(50), "10": D(75), "12": D(100)})
    project.indicators = [
        ind("产出指标", "数量指标", "指派案件数", "≥", "150", "件"),
        ind("产出指标", "质量指标", "案件质量合格率", "≥", "95", "%"),
        ind("产出指标", "时效指标", "经费保障及时性", None, "12月31日前", None),
        ind("产出指标", "成本指标", "法律援助工作总成本", "≤", "10", "万元"),
        ind("效益指标", "社会效益指标", "群众法律意识普及率", "≥", "90", "%"),
        ind("效益指标", "可持续影响指标", "案件回访机制", None, "建立受援人回访制度并全年运行", None),
        ind("满意度指标", "服务对象满意度指标", "受援群众满意度", "≥", "90", "%"),
    ]
    return project


def mediation() -> Project:
    """A second clean project, different enough not to look copied."""
    project = Project(
        code="13052924P00584012127P",
        name="人民调解经费",
        budget=D("7.00"),
        fiscal_funds=D("5.00"),
        other_funds=D("2.00"),
        purpose="用于人民调解员培训",
        goals=["培训人民调解员 2 次", "调解成功率 95%以上"],
    )
    project.set_spending_plan({"3": D(0), "6": D(50), "10": D(80), "12": D(100)})
    project.indicators = [
        ind("产出指标", "数量指标", "人民调解员培训次数", "≥", "2", "次"),
        ind("产出指标", "数量指标", "参训调解员人数", "≥", "200", "人"),
        ind("产出指标", "质量指标", "调解成功率", "≥", "95", "%"),
        ind("产出指标", "时效指标", "调解及时率", "≥", "98", "%"),
        ind("产出指标", "成本指标", "人均培训成本", "≤", "300", "元/人"),
        ind("效益指标", "社会效益指标", "矛盾纠纷化解率", "≥", "90", "%"),
        ind("满意度指标", "服务对象满意度指标", "当事人满意度", "≥", "85", "%"),
    ]
    return project


def department(*projects: Project, framework: str = "output-benefit-satisfaction") -> Department:
    dept = Department(name="巨鹿县司法局", fiscal_year=2024, framework=framework, overall_goal="做好法律援助工作。")
    dept.sub_goals = [
        SubGoal(
            title="司法行政管理能力进一步提升",
            goal="进一步完善法律援助工作制度，提高法律援助办案质量。",
            indicators=["法律援助案件办结率 85%以上。"],
        )
    ]
    dept.measures = [Measure(title="加强组织领导。", text="明确责任主体和实施进度要求，确保如期完成。")]
    dept.projects = list(projects) or [legal_aid(), mediation()]
    return dept


def findings(dept: Department, rule: str, **kwargs) -> list[Finding]:
    return [f for f in check_department(dept, **kwargs) if f.rule == rule]


def row(project: Project, name: str) -> Indicator:
    return next(i for i in project.indicators if i.name == name)


# --- the clean department --------------------------------------------------------


def test_clean_department_has_only_the_total() -> None:
    result = check_department(department())
    assert [(f.rule, f.severity) for f in result] == [("R18", Severity.INFO)], [f.message for f in result]
    assert "17.00 万元" in result[0].message


# --- fire / stay quiet, one pair per rule -------------------------------------------

Mutation = Callable[[Project], None]


def _set(row_name: str, /, **values) -> Mutation:
    def change(project: Project) -> None:
        indicator = row(project, row_name)
        for key, value in values.items():
            setattr(indicator, key, value)

    return change


def _project(**values) -> Mutation:
    def change(project: Project) -> None:
        for key, value in values.items():
            setattr(project, key, value)

    return change


def _drop(*level2: str) -> Mutation:
    def change(project: Project) -> None:
        project.indicators = [i for i in project.indicators if i.level2 not in level2]

    return change


FIRES: list[tuple[str, Mutation, str | None, int | None]] = [
    # rule, change to the first project, expected field, expected 1-based row
    ("R01", _set("群众法律意识普及率", level2="数量指标"), "level2", 5),
    ("R01", _set("群众法律意识普及率", level1="过程指标", level2="社会效益指标"), "level1", 5),
    ("R02", _set("受援群众满意度", op=None, value="不涉及", unit=None), "value", 7),
    ("R02", _drop("社会效益指标", "可持续影响指标"), "indicators", None),
    ("R02", _set("案件回访机制", value="未涉及"), "value", 6),
    ("R03", _drop("时效指标"), "indicators", None),
    ("R04", _set("案件质量合格率", unit=None), "value", 2),
    ("R04", _set("案件质量合格率", unit="百分比"), "value", 2),
    ("R04", _set("案件质量合格率", op=None), "value", 2),
    ("R04", _set("法律援助工作总成本", unit="万"), "value", 4),
    ("R05", _set("案件回访机制", value="案件回访机制"), "value", 6),
    ("R05", _set("案件回访机制", value="进一步提高服务质量"), "value", 6),
    ("R06", _project(fiscal_funds=D("8.00"), other_funds=D("1.00")), "fiscal_funds", None),
    ("R07", _set("法律援助工作总成本", value="12"), "value", 4),
    ("R07", _set("法律援助工作总成本", name="单件补贴标准", value="1000", unit="元/件"), "value", 4),
    ("R08", _project(plan_3=None), "plan_3", None),
    ("R08", _project(plan_6=D(20)), "plan_6", None),
    ("R08", _project(plan_12=D(90)), "plan_12", None),
    ("R08", _project(plan_10=D(120), plan_12=D(130)), "plan_10", None),
    ("R09", _project(code="324-0601-JQN-UAKH"), "code", None),
    ("R09", _project(code=""), "code", None),
    ("R10", _project(title="司法救助专项经费"), "title", None),
    ("R11", _set("群众法律意识普及率", name="群众满意度"), "level2", 5),
    ("R11", _set("指派案件数", name="案件指派率", value="100", unit="%"), "level2", 1),
    ("R11", _set("经费保障及时性", value="全面完成"), "value", 3),
    ("R11", _set("经费保障及时性", name="宣传覆盖面", description="覆盖面", op="≥", value="80", unit="%"), "value", 3),
    ("R12", _set("指派案件数", op="≤"), "value", 1),
    ("R12", _set("法律援助工作总成本", op="≥", value="5"), "value", 4),
    ("R13", _project(goals=["全年指派法律援助案件 8550 件"]), "goals", None),
    ("R15", _set("案件质量合格率", description="合格案件数/案件总数*10%"), "description", 2),
    ("R15", _set("案件质量合格率", description="结案率=结案数/受理数*100%"), "description", 2),
    ("R16", _set("受援群众满意度", value="70"), "value", 7),
    ("R16", _set("受援群众满意度", op="≤"), "value", 7),
    ("R17", _project(purpose="依据冀司字【2020】年22号文件"), "purpose", None),
    ("R17", _project(name="冀财政法 2023 年 49 号提前下达资金"), "name", None),
]


@pytest.mark.parametrize(
    ("rule", "change", "field", "row_number"), FIRES, ids=[f"{r[0]}-{i}" for i, r in enumerate(FIRES)]
)
def test_rule_fires(rule: str, change: Mutation, field: str | None, row_number: int | None) -> None:
    project = legal_aid()
    change(project)
    hits = findings(department(project, mediation()), rule)
    assert hits, f"{rule} did not fire"
    first = hits[0]
    assert (first.location.field, first.location.indicator_index) == (field, row_number)
    assert first.location.project_index == 1
    assert first.location.project_code == (project.code or None)
    assert first.message
    assert "。" in first.message


QUIET: list[tuple[str, Mutation]] = [
    ("R01", _set("群众法律意识普及率", level2="社会效益指标")),
    ("R02", _set("案件回访机制", name="案件回访机制")),
    ("R04", _set("案件质量合格率", op="=", value="100")),
    ("R05", _set("案件回访机制", value="2024年6月底前建成回访台账")),
    ("R07", _set("法律援助工作总成本", name="单件补贴标准", value="500", unit="元/件")),  # 500 × 150 = 7.5 万
    ("R07", _set("法律援助工作总成本", value="10.004")),  # within the tolerance
    ("R08", _project(plan_3=D(0), plan_6=D(0), plan_10=D(0))),
    ("R10", _project(title="法律援助经费项目")),
    ("R10", _project(title="法律援助项目")),
    ("R11", _set("经费保障及时性", name="经费拨付及时率", op="≥", value="95", unit="%")),
    ("R11", _set("经费保障及时性", name="办理期限", op="≤", value="10", unit="个工作日")),
    ("R12", _set("指派案件数", op="=")),
    ("R13", _project(goals=["全年指派法律援助案件 150 件，合格率 95%"])),
    ("R15", _set("案件质量合格率", description="合格率=合格案件数/案件总数*100%")),
    ("R15", _set("群众法律意识普及率", description="知晓法律援助的群众占调查人数的比率")),
    ("R16", _set("受援群众满意度", value="80")),
    ("R17", _project(purpose="依据冀司字〔2020〕22号文件，2021年3号楼维修")),
]


@pytest.mark.parametrize(("rule", "change"), QUIET, ids=[f"{r[0]}-{i}" for i, r in enumerate(QUIET)])
def test_rule_stays_quiet(rule: str, change: Mutation) -> None:
    project = legal_aid()
    change(project)
    hits = findings(department(project, mediation()), rule)
    assert not hits, [f.message for f in hits]


# --- rules that need more than one project or a department setting --------------------


def test_r01_unknown_framework_is_a_department_error() -> None:
    hits = findings(department(framework="no-such-framework"), "R01")
    assert len(hits) == 1
    assert hits[0].severity is Severity.ERROR
    assert hits[0].location.project_index is None
    assert hits[0].location.field == "framework"


def test_r01_alias_is_only_a_warning() -> None:
    project = legal_aid()
    row(project, "经费保障及时性").level2 = "进度指标"
    hits = findings(department(project, mediation()), "R01")
    assert [h.severity for h in hits] == [Severity.WARNING]
    assert "时效指标" in hits[0].message


def test_r02_filler_rows_under_effect_are_allowed_in_the_2021_framework() -> None:
    projects = [legal_aid(), mediation()]
    for indicator in (i for p in projects for i in p.indicators):
        if indicator.level1 == "效益指标":
            indicator.level1 = "效果指标"
    projects[0].indicators.append(ind("效果指标", "生态效益指标", "未涉及", None, "未涉及", None))
    dept = department(*projects, framework="output-effect-satisfaction")
    assert not findings(dept, "R02")
    dept_2015 = department(framework="output-benefit-satisfaction")
    dept_2015.projects[0].indicators.append(ind("效益指标", "生态效益指标", "未涉及", None, "未涉及", None))
    assert [f.location.indicator_index for f in findings(dept_2015, "R02")] == [8]


def test_r07_unit_cost_is_a_warning_and_says_it_is_a_heuristic() -> None:
    project = mediation()
    row(project, "人均培训成本").value = "500"  # 500 元/人 × 200 人 = 10 万元 > 7 万元
    hits = findings(department(legal_aid(), project), "R07")
    assert [h.severity for h in hits] == [Severity.WARNING]
    assert "10 万元" in hits[0].message
    assert "可能误报" in hits[0].message


def test_r09_duplicate_codes_are_errors_on_both_projects() -> None:
    second = mediation()
    second.code = legal_aid().code
    hits = findings(department(legal_aid(), second), "R09")
    assert sorted(h.location.project_index or 0 for h in hits) == [1, 2]
    assert all(h.severity is Severity.ERROR for h in hits)


def test_r14_copied_project_is_flagged_on_both_sides() -> None:
    copy = legal_aid()
    copy.code, copy.name = "13052924P00584012129Y", "普法工作经费"
    hits = findings(department(legal_aid(), copy), "R14")
    assert sorted((h.location.project_index, h.location.field) for h in hits) == [
        (1, "goals"),
        (1, "indicators"),
        (2, "goals"),
        (2, "indicators"),
    ]


def test_r14_is_quiet_for_different_projects() -> None:
    assert not findings(department(), "R14")


def test_r17_checks_department_texts() -> None:
    dept = department()
    dept.overall_goal = "贯彻落实冀政字(2022)5号文件精神。"
    hits = findings(dept, "R17")
    assert [(h.location.project_index, h.location.field) for h in hits] == [(None, "overall_goal")]


def test_r18_totals_by_unit() -> None:
    dept = department()
    hits = findings(dept, "R18")
    assert len(hits) == 1
    assert hits[0].severity is Severity.INFO
    assert "2 个项目" in hits[0].message


def test_special_funds_are_checked_and_located_in_their_section() -> None:
    dept = department()
    special = legal_aid()
    special.code = "13052924P00584099999Z"
    special.name = "专项法律援助资金"
    special.goals = ["专项资金用于疑难案件"]
    special.indicators[0].value = "160"
    special.plan_12 = None
    dept.special_funds = [special]
    hits = findings(dept, "R08")
    assert [(h.location.section, h.location.project_index) for h in hits] == [(Collection.SPECIAL_FUNDS, 1)]
    assert hits[0].location.describe().startswith("第1个专项资金「专项法律援助资金」")


# --- engine API -----------------------------------------------------------------------


def test_check_project_equals_the_projects_share_of_the_department() -> None:
    first, second = legal_aid(), mediation()
    second.code = first.code
    row(second, "当事人满意度").value = "60"
    dept = department(first, second)
    whole = [f for f in check_department(dept) if f.location.project_index == 2]
    assert check_project(dept, second) == whole
    assert {f.rule for f in whole} == {"R09", "R16"}


def test_settings_change_the_threshold_without_code() -> None:
    settings = dataclasses.replace(default_settings(), satisfaction_minimum=D(95))
    assert findings(department(), "R16", settings=settings)
    assert not findings(department(), "R16")


def test_every_rule_id_has_a_title() -> None:
    titles = rule_titles()
    assert list(titles) == [f"R{n:02d}" for n in range(1, 23)]
    assert all(titles.values())


def test_rule_selection_and_cancel() -> None:
    dept = department()
    assert {f.rule for f in check_department(dept, rule_ids={"R18"})} == {"R18"}
    from perfdesk.checks import CheckCancelled

    with pytest.raises(CheckCancelled):
        check_department(dept, should_stop=lambda: True)


def test_findings_from_a_workspace_carry_orm_ids(tmp_path) -> None:
    from tests.conftest import make_workspace

    with make_workspace(tmp_path / "ws.perfdesk", "2021") as ws, ws.session() as session:
        dept = ws.departments(session)[0]
        hits = [f for f in check_department(dept) if f.rule == "R16"]
        assert len(hits) == 1
        loc = hits[0].location
        assert loc.project_index is not None
        assert loc.indicator_index is not None
        project = dept.projects[loc.project_index - 1]
        assert loc.project_id == project.id
        assert loc.indicator_id == project.indicators[loc.indicator_index - 1].id
