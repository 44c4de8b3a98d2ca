"""Word documents made by hand, as clerks make them, import with the content they show."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from perfdesk.importers.docx import read_docx
from perfdesk.services.importing import import_files
from tests.conftest import cli_main, fixture_data
from tests.docx_clerk import JULU, ClerkDocument, TableStyle, julu_document, table_parts, with_unknown_row
from tests.docx_roundtrip import canonical, stored

CHENGDE = fixture_data("2021")["departments"][0]


def read_one(clerk: ClerkDocument, tmp_path: Path) -> tuple[dict[str, Any], list[Any]]:
    """Import the document into a new workspace; the stored department's content and the remarks."""
    word = clerk.save(tmp_path / "clerk.docx")
    target = tmp_path / "clerk.perfdesk"
    result = import_files([word], target)
    [dept] = stored(target)
    return dept, result.remarks


def test_a_clerks_document_reads_like_the_sample(tmp_path: Path) -> None:
    dept, remarks = read_one(julu_document(), tmp_path)
    assert remarks == []
    expected = canonical(JULU)
    assert dept["projects"] == expected["projects"]
    for key in ("name", "fiscal_year", "units", "overall_goal", "sub_goals", "measures", "framework"):
        assert dept[key] == expected[key], key
    assert "special_funds" not in dept
    assert dept["layout"]["number_style"] == "."


PROJECT = JULU["projects"][0]  # seven indicators over three 一级 groups


@pytest.mark.parametrize(
    "style",
    [
        TableStyle(merge_levels=False),
        TableStyle(merge_levels=False, blank_levels=True),
        TableStyle(pad="  "),
        TableStyle(repeat_header_at=3),
        TableStyle(split_at=4),
        TableStyle(split_at=2, split_header=False),
        TableStyle(split_at=5, merge_levels=False, blank_levels=True, split_header=False),
        TableStyle(goal_rows=True),
        TableStyle(code_label="项目编号", name_label="专项资金名称"),
    ],
    ids=[
        "unmerged-repeated",
        "unmerged-blank",
        "extra-spaces",
        "header-repeated",
        "split-table",
        "split-without-header",
        "split-unmerged",
        "goal-rows",
        "old-labels",
    ],
)
def test_table_variants_give_the_same_project(style: TableStyle, tmp_path: Path) -> None:
    dept, remarks = read_one(julu_document(style, [PROJECT]), tmp_path)
    assert remarks == []
    assert dept["projects"] == [canonical(PROJECT)]


def test_a_table_without_spending_plan_rows(tmp_path: Path) -> None:
    dept, remarks = read_one(julu_document(TableStyle(plan_months=None), [PROJECT]), tmp_path)
    assert remarks == []
    expected = canonical(PROJECT)
    del expected["spending_plan"]
    assert dept["projects"] == [expected]
    assert dept["layout"]["spending_plan"] is False


def test_a_spending_plan_without_the_december_column_and_without_percent_signs(tmp_path: Path) -> None:
    dept, _ = read_one(julu_document(TableStyle(plan_months=("3", "6", "10"), percent_sign=False), [PROJECT]), tmp_path)
    assert dept["projects"][0]["spending_plan"] == {"3": "25", "6": "50", "10": "75"}
    assert dept["layout"]["percent_sign"] is False


def test_missing_description_and_basis_columns(tmp_path: Path) -> None:
    style = TableStyle(columns=("level1", "level2", "name", "value"))
    dept, remarks = read_one(julu_document(style, [PROJECT]), tmp_path)
    assert remarks == []
    expected = canonical(PROJECT)
    for indicator in expected["indicators"]:
        del indicator["description"], indicator["basis"]
    assert dept["projects"] == [expected]


def test_a_separate_unit_column(tmp_path: Path) -> None:
    style = TableStyle(columns=("level1", "level2", "name", "description", "value", "unit", "basis"))
    dept, remarks = read_one(julu_document(style, [PROJECT]), tmp_path)
    assert remarks == []
    assert dept["projects"] == [canonical(PROJECT)]


def test_value_spellings_are_split_by_the_shared_value_parser(tmp_path: Path) -> None:
    typed = {0: "≥ 90 百分比", 1: "=100%", 2: "≥90%", 3: "12 月 31 日前", 4: "2021年12月31日前"}
    dept, remarks = read_one(julu_document(TableStyle(values=typed), [PROJECT]), tmp_path)
    assert remarks == []
    values = [(i.get("op"), i.get("value"), i.get("unit")) for i in dept["projects"][0]["indicators"][:5]]
    assert values == [
        ("≥", "90", "百分比"),
        ("=", "100", "%"),
        ("≥", "90", "%"),
        (None, "12 月 31 日前", None),
        (None, "2021年12月31日前", None),
    ]


def test_goal_rows_in_one_table_are_kept_as_that_tables_style(tmp_path: Path) -> None:
    clerk = ClerkDocument()
    clerk.cover("承德市司法局", 2021, prepared="承德市司法局", reviewed="承德市财政局")
    clerk.part_one(CHENGDE)
    clerk.part("第二部分", "专项资金绩效目标")
    clerk.part("第三部分", "预算项目绩效目标")
    plain, rows = CHENGDE["projects"][0], CHENGDE["projects"][17]
    clerk.project(1, plain, TableStyle(name_label="专项资金名称", percent_sign=False))
    clerk.project(2, rows, TableStyle(name_label="专项资金名称", percent_sign=False, goal_rows=True))
    clerk.project(3, CHENGDE["projects"][1], TableStyle(name_label="专项资金名称", percent_sign=False))
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    assert dept["draft"] is True
    assert (dept["name"], dept["fiscal_year"], dept["prepared_by"], dept["reviewed_by"]) == (
        "承德市司法局",
        2021,
        "承德市司法局",
        "承德市财政局",
    )
    assert dept["framework"] == "output-effect-satisfaction"
    assert dept["layout"]["goal_style"] == "numbered"
    assert dept["layout"]["name_label"] == "专项资金名称"
    assert [p["goals"] for p in dept["projects"]] == [plain["goals"], rows["goals"], CHENGDE["projects"][1]["goals"]]
    assert dept["sub_goals"] == canonical(CHENGDE["sub_goals"])
    assert dept["measures"] == canonical(CHENGDE["measures"])
    assert read_docx(tmp_path / "clerk.docx").document["departments"][0]["special_funds"] == []  # 第二部分, empty


def test_framework_aliases_keep_the_labels_and_choose_the_framework(tmp_path: Path) -> None:
    project = copy.deepcopy(PROJECT)
    project["indicators"][2]["level2"] = "进度指标"
    project["indicators"][4]["level2"] = "环境效益指标"
    dept, remarks = read_one(julu_document(projects=[project]), tmp_path)
    assert remarks == []
    assert dept["framework"] == "output-benefit-satisfaction"
    level2s = [i["level2"] for i in dept["projects"][0]["indicators"]]
    assert (level2s[2], level2s[4]) == ("进度指标", "环境效益指标")  # as written; the checks resolve the aliases


def test_effect_tables_choose_the_hebei_2021_framework(tmp_path: Path) -> None:
    project = copy.deepcopy(CHENGDE["projects"][0])
    clerk = julu_document(projects=[project])
    dept, _ = read_one(clerk, tmp_path)
    assert dept["framework"] == "output-effect-satisfaction"
    assert dept["projects"][0]["indicators"][4]["level1"] == "效果指标"


def test_what_cannot_be_read_is_listed_and_the_rest_imported(tmp_path: Path) -> None:
    clerk = with_unknown_row(julu_document(projects=JULU["projects"][:2]))
    extra = clerk.doc.add_table(rows=2, cols=2)
    extra.cell(0, 0).text = "附表"
    word = clerk.save(tmp_path / "remarks.docx")
    result = cli_main("import", word, "--into", tmp_path / "ws.perfdesk")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert any("第1个表格（法律援助经费）第2行" in line and "项目属性" in line for line in lines), lines
    assert any("第3个表格" in line and "不是项目绩效目标表" in line for line in lines), lines
    [dept] = stored(tmp_path / "ws.perfdesk")
    assert [p["name"] for p in dept["projects"]] == ["法律援助经费", "法治工作经费"]
    assert len(dept["projects"][0]["indicators"]) == len(JULU["projects"][0]["indicators"])


def test_an_indicator_row_without_levels_is_named_in_a_remark(tmp_path: Path) -> None:
    project = copy.deepcopy(PROJECT)
    project["indicators"][0]["level1"] = ""
    project["indicators"][0]["level2"] = ""
    reading = read_docx(julu_document(TableStyle(merge_levels=False), [project]).save(tmp_path / "x.docx"))
    assert [r.describe() for r in reading.remarks] == ["第1个表格（法律援助经费）第8行：这一行没有一级指标，已跳过。"]
    assert len(reading.document["departments"][0]["projects"][0]["indicators"]) == len(PROJECT["indicators"]) - 1


def test_a_document_with_nothing_readable_exits_2_and_leaves_no_workspace(tmp_path: Path) -> None:
    clerk = ClerkDocument()
    clerk.para("会议纪要")
    clerk.para("今天开会。")
    word = clerk.save(tmp_path / "minutes.docx")
    result = cli_main("import", word, "--into", tmp_path / "ws.perfdesk")
    assert result.returncode == 2
    assert "部门预算绩效文本" in result.stderr
    assert not (tmp_path / "ws.perfdesk").exists()


def test_the_department_and_year_can_come_from_the_file_name(tmp_path: Path) -> None:
    clerk = julu_document(projects=[PROJECT])
    for paragraph in clerk.doc.paragraphs[:3]:
        paragraph.text = ""
    word = clerk.save(tmp_path / "巨鹿县司法局2024年部门预算绩效文本.docx")
    reading = read_docx(word)
    dept = reading.document["departments"][0]
    assert (dept["name"], dept["fiscal_year"]) == ("巨鹿县司法局", 2024)


def test_a_document_typed_like_the_2021_seed(tmp_path: Path) -> None:
    """The quirks of the real 承德 document: a 目录 listing parts without page numbers, a title wrapped
    onto a second paragraph, ASCII colons and brackets, goals typed on one line, spaces inside captions."""
    clerk = ClerkDocument()
    for text in ("承德市司法局", "承德市司法局 2021 年部门预算绩效文本 (草案)", "承德市司法局编制", "承德市财政局审核"):
        clerk.para(text)
    clerk.para("目 录")
    for text in ("第一部分 部门整体绩效目标", "总体绩效目标.....\t3", "第二部分 专项资金绩效目标"):
        clerk.para(text)
    clerk.para("第三部分 预算项目绩效目标")
    clerk.para("1、12348 法律服务热线、法院、看守所法律援助工作站律师值班补贴经费绩效目标表.....\t7")
    clerk.para("17、机关公务运转项目绩效目标表\t23")
    clerk.para("第一部分", bold=True)
    clerk.para("部门整体绩效目标", bold=True)
    clerk.para("一、总体绩效目标", bold=True)
    clerk.para(CHENGDE["overall_goal"])
    clerk.para("。")
    clerk.para("二、分项绩效目标")
    for n, sub in enumerate(CHENGDE["sub_goals"], 1):
        clerk.para(f"（{'一二三四'[n - 1]}）{sub['title']}")
        clerk.para(f"绩效目标:{sub['goal']}")
        clerk.para(f"绩效指标:{sub['indicators'][0]}")
    clerk.para("三、工作保障措施")
    for n, measure in enumerate(CHENGDE["measures"], 1):
        label = f"({'一二三四五'[n - 1]})" if n % 2 == 0 else f"（{'一二三四五'[n - 1]}）"
        clerk.para(f"{label}{measure['title']}{measure['text']}")
    clerk.para("第二部分", bold=True)
    clerk.para("专项资金绩效目标", bold=True)
    clerk.para("无")
    clerk.para("第三部分", bold=True)
    clerk.para("预算项目绩效目标", bold=True)
    first = CHENGDE["projects"][0]
    style = TableStyle(
        name_label="专项资金名称",
        percent_sign=False,
        plan_label="资金支出计划(%)",
        goal_label="绩效 目标",
        goals_on_one_line=True,
        values={1: "≥ 90 百分比"},
    )
    rows, merges = table_parts(first, style)
    clerk.para("1、12348 法律服务热线、法院、看守所法律援助工作站律师值班补贴经")
    clerk.para("费绩效目标表")
    clerk.para("单位：万元")
    clerk.table(rows, merges)
    clerk.project(2, CHENGDE["projects"][17], TableStyle(name_label="专项资金名称", goal_rows=True, percent_sign=False))
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    expected = canonical(CHENGDE)
    for key in ("name", "fiscal_year", "draft", "prepared_by", "reviewed_by", "framework", "overall_goal"):
        assert dept[key] == expected[key], key
    assert dept["sub_goals"] == expected["sub_goals"]
    assert dept["measures"] == expected["measures"]
    assert read_docx(tmp_path / "clerk.docx").document["departments"][0]["special_funds"] == []  # 第二部分, empty
    assert dept["projects"] == [expected["projects"][0], expected["projects"][17]]
    assert dept["layout"]["name_label"] == "专项资金名称"
    assert dept["layout"]["percent_sign"] is False


def test_title_and_unit_line_typed_into_the_table(tmp_path: Path) -> None:
    clerk = ClerkDocument()
    clerk.cover("巨鹿县司法局", 2024, draft=False)
    clerk.part("第二部分", "预算项目绩效目标")
    for n, project in enumerate(JULU["projects"][:2], 1):
        rows, merges = table_parts(project, TableStyle())
        captions = [[(f"{n}.{project['name']}绩效目标表", 7)], [("315001 巨鹿县司法局本级", 4), ("单位：万元", 3)]]
        clerk.table(captions + rows, [(col, first + 2, last + 2) for col, first, last in merges])
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    assert dept["projects"] == canonical(JULU["projects"][:2])
    assert dept["units"] == JULU["units"]


@pytest.mark.parametrize("order", ["code-first", "name-first", "no-code"])
def test_code_and_name_on_rows_of_their_own(order: str, tmp_path: Path) -> None:
    rows, merges = table_parts(PROJECT, TableStyle())
    code_row = [("项目编码", 1), (PROJECT["code"], 6)]
    name_row = [("项目名称", 1), (PROJECT["name"], 6)]
    head = {"code-first": [code_row, name_row], "name-first": [name_row, code_row], "no-code": [name_row]}[order]
    shift = len(head) - 1
    clerk = ClerkDocument()
    clerk.cover("巨鹿县司法局", 2024, draft=False)
    clerk.part("第二部分", "预算项目绩效目标")
    clerk.para(f"1.{PROJECT['name']}绩效目标表")
    clerk.para("315001 巨鹿县司法局本级 单位：万元")
    clerk.table(head + rows[1:], [(col, first + shift, last + shift) for col, first, last in merges])
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    expected = canonical(PROJECT)
    if order == "no-code":
        del expected["code"]
    assert dept["projects"] == [expected]


def test_a_table_cut_into_parts_under_continued_captions(tmp_path: Path) -> None:
    """Our writer cuts a long table into tables headed ``续表　单位：万元``; a clerk may do the same."""
    clerk = ClerkDocument()
    clerk.cover("巨鹿县司法局", 2024, draft=False)
    clerk.part("第二部分", "预算项目绩效目标")
    rows, _ = table_parts(PROJECT, TableStyle(merge_levels=False))
    cut = next(i for i, row in enumerate(rows) if row[0][0] == "一级指标") + 3
    clerk.para(f"1.{PROJECT['name']}绩效目标表")
    clerk.para("315001 巨鹿县司法局本级\t单位：万元")
    clerk.table(rows[:cut], [])
    clerk.para("续表\t单位：万元")
    clerk.table([rows[cut - 3], *rows[cut:]], [])
    clerk.para(f"2.{JULU['projects'][1]['name']}绩效目标表")  # a table without a unit line has no unit
    clerk.table(*table_parts(JULU["projects"][1], TableStyle(merge_levels=False)))
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    second = canonical(JULU["projects"][1])
    del second["unit"]
    assert dept["projects"] == [canonical(PROJECT), second]
    assert dept["units"] == JULU["units"]  # 续表 is no unit


def test_a_file_of_project_tables_without_part_headings(tmp_path: Path) -> None:
    clerk = ClerkDocument()
    clerk.para("巨鹿县司法局2024年部门预算绩效文本")
    for n, project in enumerate(JULU["projects"][:2], 1):
        clerk.project(n, project, TableStyle(number_style="."), "315001 巨鹿县司法局本级")
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    assert dept["projects"] == canonical(JULU["projects"][:2])
    assert "draft" not in dept


def test_numbered_lines_inside_an_item_are_not_new_items(tmp_path: Path) -> None:
    clerk = ClerkDocument()
    clerk.cover("巨鹿县司法局", 2024, draft=False)
    clerk.para("第一部分 部门整体绩效目标")
    clerk.para("一、总体绩效目标")
    clerk.para("总体目标。")
    clerk.para("二、分项绩效目标")
    clerk.para("（一）依法行政")
    clerk.para("绩效目标：提升依法行政水平。")
    clerk.para("绩效指标：")
    clerk.para("1、案卷评查不少于2次；")
    clerk.para("2、培训100人次以上。")
    clerk.para("（二）普法宣传")
    clerk.para("绩效目标：普法。")
    clerk.para("三、工作保障措施")
    clerk.para("1、加强组织领导。建立机制。")
    clerk.para("（1）明确责任主体；")
    clerk.para("3、强化预算执行。")  # a 3 after 1: text of the first measure, not a new one
    clerk.para("2、狠抓任务落实。")
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    assert dept["sub_goals"] == [
        {
            "title": "依法行政",
            "goal": "提升依法行政水平。",
            "indicators": ["1、案卷评查不少于2次；\n2、培训100人次以上。"],
        },
        {"title": "普法宣传", "goal": "普法。"},
    ]
    assert dept["measures"] == [
        {"title": "加强组织领导。", "text": "建立机制。\n（1）明确责任主体；\n3、强化预算执行。"},
        {"title": "狠抓任务落实。"},
    ]


def test_amounts_on_rows_of_their_own(tmp_path: Path) -> None:
    """年度资金总额 / 其中：财政拨款 / 其他资金 one per row under a merged 项目资金（万元）, 资金用途 apart."""
    project = copy.deepcopy(PROJECT)
    project["indicators"][0].update(name="财政资金", description="财政资金")  # a caption as an indicator's name
    rows, merges = table_parts(project, TableStyle())
    money = [
        [("项目资金（万元）", 1), ("年度资金总额", 1), (project["budget"], 5)],
        [("", 1), ("其中：财政拨款", 1), (project["fiscal_funds"], 5)],
        [("", 1), ("其他资金", 1), ("", 5)],
        [("资金用途", 1), (project["purpose"], 6)],
    ]
    moved = [(col, first + 2, last + 2) for col, first, last in merges if first >= 3]
    clerk = ClerkDocument()
    clerk.cover("巨鹿县司法局", 2024, draft=False)
    clerk.para(f"1.{project['name']}绩效目标表")
    clerk.para("315001 巨鹿县司法局本级 单位：万元")
    clerk.table([rows[0], *money, *rows[3:]], [(0, 1, 3), *moved])
    dept, remarks = read_one(clerk, tmp_path)
    assert remarks == []
    assert dept["projects"] == [canonical(project)]
