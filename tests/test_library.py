"""The 指标库: learning from both samples, the starter set, completion by group and pinyin, storage, sharing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfdesk.errors import InputError
from perfdesk.importers.json_import import read_document
from perfdesk.library.entry import LibraryItem
from perfdesk.library.json_format import FORMAT, read_library, starter_items
from perfdesk.library.keys import indicator_key
from perfdesk.library.learning import learn
from perfdesk.library.matching import match_rank, suggest
from perfdesk.library.pinyin import initials_position
from perfdesk.models import Collection, Indicator, open_workspace
from perfdesk.services.editing import EditSession
from perfdesk.services.library import IndicatorLibrary, library_of, read_library_source
from tests.conftest import FIXTURE_2021, FIXTURE_2024, fixture_data, make_workspace


def _names(items: list[LibraryItem]) -> list[str]:
    return [item.name for item in items]


def test_learning_the_2024_sample_counts_uses_and_keeps_the_latest_wording() -> None:
    items = {item.key: item for item in learn(read_document(fixture_data("2024")))}
    rows = [ind for dept in read_document(fixture_data("2024")) for p in dept.projects for ind in p.indicators]
    assert sum(item.uses for item in items.values()) == len([r for r in rows if r.name.strip()])
    first = rows[0]
    item = items[indicator_key(first.level2, first.name)]
    assert item.years == (2024,)
    assert item.history == ((2024, first.value_text()),)
    assert item.value_before(2025) == (2024, first.value_text())
    assert item.value_before(2024) is None
    assert item.origin == "learned"
    assert item.level1 == first.level1


def test_both_samples_meet_under_the_standard_group_names() -> None:
    """承德 2021 writes 效果指标; its 社会效益指标 rows are keyed like a 效益指标 file's."""
    departments = read_document(fixture_data("2021")) + read_document(fixture_data("2024"))
    items = learn(departments)
    years = {year for item in items for year in item.years}
    assert years == {2021, 2024}
    effect_rows = [item for item in items if item.level1 == "效果指标"]
    assert effect_rows, "the 2021 sample has 效果指标 rows"
    social = effect_rows[0]
    assert suggest(items, "效益指标", social.level2, social.name[:2])[0].level2 == social.level2


def test_the_starter_library_covers_the_common_indicators_of_every_group() -> None:
    items = starter_items()
    names = _names(list(items))
    for name in ("服务对象满意度", "资金支出准确率", "完成及时率", "政策知晓率", "受益人数"):
        assert name in names
    for item in items:
        assert item.description, item.name
        assert item.value, item.name
        assert item.basis, item.name
    groups = {(item.level1, item.level2) for item in items}
    assert ("成本指标", "经济成本指标") in groups  # 财预〔2021〕101号's tree too
    assert len({item.key for item in items}) == len(items)


def test_pinyin_initials_match_consecutive_characters_and_heteronyms() -> None:
    assert initials_position("资金支出准确率", "zjzc") == 0
    assert initials_position("资金支出准确率", "zczql") == 2
    assert initials_position("长效机制建立健全", "cxjz") == 0  # 长 read cháng
    assert initials_position("资金支出准确率", "zjzx") is None
    assert initials_position("资金支出准确率", "") is None


def test_completion_matches_any_part_or_initials_within_the_rows_group() -> None:
    items = list(starter_items())
    assert _names(suggest(items, "产出指标", "质量指标", "zjzc")) == ["资金支出准确率"]
    assert _names(suggest(items, "产出指标", "质量指标", "支出")) == ["资金支出准确率"]
    assert suggest(items, "产出指标", "数量指标", "zjzc") == []  # another group offers nothing
    assert "资金支出准确率" not in _names(suggest(items, "产出指标", "时效指标", ""))
    satisfaction = suggest(items, "满意度指标", "服务对象满意度指标", "")
    assert satisfaction
    assert {item.level2 for item in satisfaction} == {"服务对象满意度指标"}
    by_level1 = suggest(items, "满意度指标", "", "")
    assert {item.level1 for item in by_level1} == {"满意度指标"}


def test_better_matches_and_more_used_items_come_first() -> None:
    assert match_rank("资金支出准确率", "资金") == 0
    assert match_rank("资金支出准确率", "准确") == 1
    assert match_rank("资金支出准确率", "zj") == 2
    assert match_rank("资金支出准确率", "zq") == 3
    rare = LibraryItem("产出指标", "数量指标", "培训次数", uses=1)
    common = LibraryItem("产出指标", "数量指标", "培训人次", uses=9)
    assert _names(suggest([rare, common], "产出指标", "数量指标", "培训")) == ["培训人次", "培训次数"]


def test_the_library_lives_in_the_workspace_and_keeps_edits_and_deletions(tmp_path: Path) -> None:
    path = tmp_path / "ws.perfdesk"
    make_workspace(path, "2024").close()
    with open_workspace(path) as workspace:
        library = IndicatorLibrary(workspace)
        learned = [item for item in library.items() if item.origin == "learned"]
        assert learned
        keys = {item.key for item in learned} | {item.key for item in starter_items()}
        assert {item.key for item in library.items()} == keys
        target = learned[0]
        library.save(target.with_changes(description="本单位自己的说明"))
        accuracy = library.find("质量指标", "资金支出准确率")
        assert accuracy is not None
        assert accuracy.entry_id is not None
        library.delete([accuracy.entry_id])
    with open_workspace(path) as workspace:  # reopened: both changes were stored
        library = IndicatorLibrary(workspace)
        library.refresh()  # learning again keeps the edit and the deletion
        kept = library.find(target.level2, target.name)
        assert kept is not None
        assert kept.description == "本单位自己的说明"
        assert kept.edited
        assert library.find("质量指标", "资金支出准确率") is None


def test_a_new_entry_needs_a_name_and_must_not_twin_another(tmp_path: Path) -> None:
    with open_workspace(tmp_path / "ws.perfdesk", create=True) as workspace:
        library = IndicatorLibrary(workspace)
        with pytest.raises(InputError, match="三级指标名称"):
            library.save(LibraryItem("产出指标", "数量指标", "  "))
        with pytest.raises(InputError, match="已有"):
            library.save(LibraryItem("产出指标", "数量指标", "受益 人数"))
        stored = library.save(LibraryItem("产出指标", "数量指标", "调解案件数", op="≥", value="300", unit="件"))
        assert stored.entry_id is not None
        assert stored.origin == "manual"
        assert library.find("数量指标", "调解案件数") == stored


def test_export_and_import_share_the_library_between_workspaces(tmp_path: Path) -> None:
    source = tmp_path / "a.perfdesk"
    make_workspace(source, "2021").close()
    shared = tmp_path / "shared.json"
    with open_workspace(source) as workspace:
        library = IndicatorLibrary(workspace)
        library.save(
            LibraryItem("产出指标", "数量指标", "普法讲座场次", op="≥", value="12", unit="场", basis="计划标准")
        )
        count = library.export_json(shared)
    data = json.loads(shared.read_text("utf-8"))
    assert data["format"] == FORMAT
    assert len(data["entries"]) == count
    with open_workspace(tmp_path / "b.perfdesk", create=True) as workspace:
        library = IndicatorLibrary(workspace)
        before = len(library.items())
        result = library.import_from([shared])
        assert result.added == count - len(starter_items())  # b has the starter entries already
        assert result.updated == len(starter_items())
        assert len(library.items()) == before + result.added
        item = library.find("数量指标", "普法讲座场次")
        assert item is not None
        assert item.value_text() == "≥12场"
        assert item.origin == "imported"
        learned_there = next(e for e in data["entries"] if e.get("years") == [2021])
        kept = library.find(learned_there["level2"], learned_there["name"])
        assert kept is not None
        assert kept.history == ((2021, learned_there["history"]["2021"]),)  # last year's value travels along


def test_import_from_a_workspace_and_a_document_learns_their_rows(tmp_path: Path) -> None:
    other = tmp_path / "other.perfdesk"
    make_workspace(other, "2024").close()
    from_workspace = read_library_source(other)
    from_document = read_library_source(FIXTURE_2024)
    assert {i.key for i in from_document} <= {i.key for i in from_workspace}
    with open_workspace(tmp_path / "mine.perfdesk", create=True) as workspace:
        library = IndicatorLibrary(workspace)
        result = library.import_from([other, FIXTURE_2021])
        assert result.added > 0
        years = {year for item in library.items() for year in item.years}
        assert {2021, 2024} <= years


def test_a_bad_library_file_is_refused_whole_with_the_entry_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    good = {"level1": "产出指标", "level2": "数量指标", "name": "甲"}
    bad.write_text(json.dumps({"format": FORMAT, "entries": [good, {"level1": "产出指标", "level2": "数量指标"}]}))
    with open_workspace(tmp_path / "ws.perfdesk", create=True) as workspace:
        library = IndicatorLibrary(workspace)
        before = library.items()
        with pytest.raises(InputError) as caught:
            library.import_from([bad])
        assert "第2条" in caught.value.describe()
        assert "name" in caught.value.describe()
        assert library.items() == before
    with pytest.raises(InputError, match="无法从"):
        read_library_source(tmp_path / "x.txt")
    with pytest.raises(InputError, match="运算符"):
        read_library({"format": FORMAT, "entries": [{**good, "op": "≈"}]})


def test_an_open_sessions_library_learns_a_row_typed_a_moment_ago(tmp_path: Path) -> None:
    path = tmp_path / "ws.perfdesk"
    make_workspace(path, "2024").close()
    edits = EditSession.open(path)
    try:
        library = library_of(edits)
        assert library_of(edits) is library
        assert library.find("数量指标", "人民调解案件数") is None
        project = edits.departments()[0].projects[0]
        row = Indicator(level1="产出指标", level2="数量指标", name="人民调解案件数", op="≥", value="300", unit="件")
        edits.insert(project, Collection.INDICATORS, 0, row)
        (found,) = library.suggest("产出指标", "数量指标", "rmtjaj")
        assert (found.name, found.value_text(), found.uses, found.years) == ("人民调解案件数", "≥300件", 1, (2024,))
        edits.set_field(row, "value", "400")  # a learned entry follows the latest wording
        assert library.suggest("产出指标", "数量指标", "调解案件")[0].value_text() == "≥400件"
    finally:
        edits.close()
    with open_workspace(path) as workspace:  # and it was stored
        stored = IndicatorLibrary(workspace).find("数量指标", "人民调解案件数")
        assert stored is not None
        assert stored.value == "400"
