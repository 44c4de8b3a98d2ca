"""JSON → .docx → import → JSON gives back the same content, for both samples and every layout option."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfdesk.models import open_workspace
from tests.conftest import make_workspace
from tests.docx_roundtrip import stored, through_word


@pytest.mark.parametrize("which", ["2021", "2024"])
def test_samples_come_back_the_same(which: str, tmp_path: Path) -> None:
    source = tmp_path / "source.perfdesk"
    make_workspace(source, which).close()
    back, remarks = through_word(source, tmp_path)
    assert remarks == []
    assert stored(back) == stored(source)


LAYOUTS = [
    {"name_label": "专项资金名称", "number_style": ".", "goal_style": "numbered", "percent_sign": True},
    {"name_label": "项目名称", "number_style": "、", "goal_style": "rows", "percent_sign": False},
    {"name_label": "项目名称", "number_style": ".", "goal_style": "rows", "percent_sign": True},
    {"spending_plan": False, "goal_style": "rows"},
    {"spending_plan": False, "percent_sign": False, "name_label": "专项资金名称"},
    {"font_set": "windows"},
    {"font_set": "gongwen"},
]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: "-".join(map(str, layout.values())))
@pytest.mark.parametrize("which", ["2021", "2024"])
def test_every_layout_option_is_detected(which: str, layout: dict, tmp_path: Path) -> None:
    source = tmp_path / "source.perfdesk"
    with make_workspace(source, which) as workspace, workspace.transaction() as session:
        for dept in workspace.departments(session):
            for key, value in layout.items():
                setattr(dept, key, value)
    back, remarks = through_word(source, tmp_path)
    assert remarks == []
    [original] = stored(source)
    [imported] = stored(back)
    if layout.get("spending_plan") is False:  # not printed, so not on paper to read back
        for data in (original, imported):
            del data["layout"]["percent_sign"]
            for project in data["projects"]:
                project.pop("spending_plan", None)
    assert imported["layout"] == original["layout"]
    assert imported == original


def test_an_empty_special_funds_part_and_a_part_one_without_items(tmp_path: Path) -> None:
    source = tmp_path / "source.perfdesk"
    with make_workspace(source, "2024") as workspace, workspace.transaction() as session:
        [dept] = workspace.departments(session)
        dept.has_special_funds = True
        dept.sub_goals = []
        dept.measures[0].text = "第一行\n第二行"
        dept.draft, dept.prepared_by, dept.reviewed_by = True, "巨鹿县司法局", "巨鹿县财政局"
    back, remarks = through_word(source, tmp_path)
    assert remarks == []
    assert stored(back) == stored(source)
    with open_workspace(back, read_only=True) as workspace, workspace.session() as session:
        [dept] = workspace.departments(session)
        assert dept.has_special_funds
        assert dept.measures[0].text == "第一行\n第二行"


def test_special_fund_tables_come_back_in_their_part(tmp_path: Path) -> None:
    source = tmp_path / "source.perfdesk"
    with make_workspace(source, "2024") as workspace, workspace.transaction() as session:
        [dept] = workspace.departments(session)
        moved = [dept.projects.pop(0), dept.projects.pop(0)]
        dept.special_funds.extend(moved)
    back, remarks = through_word(source, tmp_path)
    assert remarks == []
    [original] = stored(source)
    [imported] = stored(back)
    assert [p["name"] for p in imported["special_funds"]] == ["法律援助经费", "法治工作经费"]
    assert imported == original
