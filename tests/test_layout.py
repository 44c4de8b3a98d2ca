"""The shared merge layout of the indicator table."""

import random
from collections import Counter

from perfdesk.domain.frameworks import get_framework
from perfdesk.layout.indicator_table import Run, merge_runs, moves_to, place_in_groups


def test_level2_runs_stay_inside_level1_runs() -> None:
    rows = [("产出", "数量"), ("产出", "数量"), ("产出", "质量"), ("效益", "质量"), ("效益", "社会"), ("产出", "数量")]
    runs = merge_runs(rows)
    assert [r for r in runs if r.column == 0] == [Run(0, 0, 3), Run(0, 3, 2), Run(0, 5, 1)]
    # 质量 in rows 2 and 3 does not merge across the 一级 boundary.
    assert [r for r in runs if r.column == 1] == [Run(1, 0, 2), Run(1, 2, 1), Run(1, 3, 1), Run(1, 4, 1), Run(1, 5, 1)]


def test_empty_table_has_no_runs() -> None:
    assert merge_runs([]) == []


# --- keeping groups together when rows are written ------------------------------------------

FRAMEWORK = get_framework("output-benefit-satisfaction")
Q, Z, S, C = (("产出指标", n) for n in ("数量指标", "质量指标", "时效指标", "成本指标"))
SOCIAL, LASTING, ECON = (("效益指标", n) for n in ("社会效益指标", "可持续影响指标", "经济效益指标"))
SATISFIED = ("满意度指标", "服务对象满意度指标")


def split_groups(rows: list[tuple[str, str]]) -> list[str]:
    """Labels that head more than one run (what R19 reports)."""
    runs = merge_runs(rows)
    level1 = [rows[r.first][0] for r in runs if r.column == 0]
    level2 = [rows[r.first] for r in runs if r.column == 1]
    twice1 = {x for x in level1 if level1.count(x) > 1}
    twice2 = {x for x in level2 if level2.count(x) > 1}
    return [*map(str, twice1), *map(str, twice2)]


def placed(rows: list[tuple[str, str]], moving: set[int]) -> tuple[list[tuple[str, str]], set[int]]:
    order, displaced = place_in_groups(rows, moving, FRAMEWORK)
    assert sorted(order) == list(range(len(rows)))
    return [rows[i] for i in order], displaced


def test_a_row_that_fits_where_it_was_written_stays() -> None:
    rows = [Q, Z, Z, S, SOCIAL]
    assert placed(rows, {2}) == (rows, set())
    assert placed([*rows, SOCIAL], {5}) == ([*rows, SOCIAL], set())  # appended to the last group
    assert placed([*rows, SATISFIED], {5}) == ([*rows, SATISFIED], set())  # a new 一级 after the last one


def test_a_row_of_another_group_goes_to_the_end_of_that_group() -> None:
    rows = [Q, SOCIAL, Z, S, SOCIAL, SATISFIED]  # row 1 was pasted over a 产出 row: 产出/效益/产出
    result, displaced = placed(rows, {1})
    assert result == [Q, Z, S, SOCIAL, SOCIAL, SATISFIED]
    assert displaced == {1}


def test_a_new_second_level_goes_to_framework_order_inside_its_first_level() -> None:
    rows = [Q, S, SOCIAL, LASTING, SATISFIED, ECON]  # 经济效益 pasted below the table
    assert placed(rows, {5})[0] == [Q, S, ECON, SOCIAL, LASTING, SATISFIED]
    rows = [Q, Q, Z, SATISFIED, C]  # 成本 written below 满意度: back to the end of 产出
    assert placed(rows, {4})[0] == [Q, Q, Z, C, SATISFIED]


def test_a_new_first_level_goes_to_framework_order_and_never_cuts_a_group() -> None:
    rows = [Q, Q, SOCIAL, Q, SATISFIED]  # a 效益 row pasted into the middle of 数量
    assert placed(rows, {2})[0] == [Q, Q, Q, SOCIAL, SATISFIED]
    rows = [Q, Z, SATISFIED, SOCIAL, SATISFIED]  # …or of 满意度
    assert placed(rows, {3}) == ([Q, Z, SOCIAL, SATISFIED, SATISFIED], {3})
    rows = [Q, Z, SATISFIED, SOCIAL]  # between two groups it cuts nothing: it stays where the clerk put it
    assert placed(rows, {3}) == (rows, set())


def test_consecutive_rows_travel_together_and_the_rest_keeps_its_order() -> None:
    rows = [Q, SOCIAL, LASTING, Z, S, C, SATISFIED]  # two 效益 rows pasted inside 产出
    result, displaced = placed(rows, {1, 2})
    assert result == [Q, Z, S, C, SOCIAL, LASTING, SATISFIED]
    assert displaced == {1, 2}


def test_a_table_that_was_already_split_is_left_as_it_is() -> None:
    rows = [Q, SOCIAL, Z, SATISFIED]  # imported like this: 产出/效益/产出
    assert placed(rows, set()) == (rows, set())
    assert placed([*rows, SATISFIED], {4}) == ([*rows, SATISFIED], set())
    assert split_groups(rows) == ["产出指标"]


def test_written_rows_never_add_a_split() -> None:
    rng = random.Random(19)
    labels = [Q, Z, S, C, SOCIAL, LASTING, ECON, SATISFIED, ("自定义", "其他")]
    for _ in range(3000):
        base = sorted(rng.choices(labels, k=rng.randint(0, 8)), key=lambda k: labels.index(k))
        rows = list(base)
        moving: set[int] = set()
        for _ in range(rng.randint(1, 4)):
            position = rng.randint(0, len(rows))
            rows.insert(position, rng.choice(labels))
            moving = {m + (m >= position) for m in moving} | {position}
        result, _ = placed(rows, moving)
        assert split_groups(result) == [], (rows, moving, result)
        kept = [i for i in place_in_groups(rows, moving, FRAMEWORK)[0] if i not in moving]
        assert kept == sorted(kept)


def run_counts(rows: list[tuple[str, str]]) -> tuple[Counter, int]:
    """Runs per 一级 label, and the 二级 runs beyond one per label inside each 一级 run (R19's two counts)."""
    runs = merge_runs(rows)
    level1 = Counter(rows[r.first][0] for r in runs if r.column == 0)
    extra = 0
    for outer in (r for r in runs if r.column == 0):
        inner = [rows[r.first][1] for r in runs if r.column == 1 and outer.first <= r.first <= outer.last]
        extra += len(inner) - len(set(inner))
    return level1, extra


def test_written_rows_never_split_a_group_further_in_a_table_already_split() -> None:
    rng = random.Random(20)
    labels = [Q, Z, C, SOCIAL, ECON, SATISFIED]
    for _ in range(3000):
        base = rng.choices(labels, k=rng.randint(0, 8))  # any order: R19's business, not ours
        rows = list(base)
        moving: set[int] = set()
        for _ in range(rng.randint(1, 3)):
            position = rng.randint(0, len(rows))
            rows.insert(position, rng.choice(labels))
            moving = {m + (m >= position) for m in moving} | {position}
        result, _ = placed(rows, moving)
        (level1_before, level2_before), (level1_after, level2_after) = run_counts(base), run_counts(result)
        assert all(level1_after[k] <= max(level1_before[k], 1) for k in level1_after), (rows, moving, result)
        assert level2_after <= level2_before, (rows, moving, result)


def test_moves_turn_the_list_into_the_order_with_one_move_per_row_out_of_place() -> None:
    rng = random.Random(7)
    for n in range(9):
        for _ in range(200):
            order = list(range(n))
            rng.shuffle(order)
            items = list(range(n))
            moves = moves_to(order)
            for old, new in moves:
                items.insert(new, items.pop(old))
            assert items == order
            assert len(moves) <= max(0, n - 1)
    assert moves_to([0, 1, 2]) == []
    assert moves_to([1, 2, 0]) == [(0, 2)]


def test_a_block_copied_from_a_printed_table_maps_to_the_six_grid_columns() -> None:
    from perfdesk.layout.project_table import from_printed_block, indicator_cells_of_grid_row

    printed = [
        ["产出指标", "数量指标", "宣传次数", "宣传次数", "", "≥1次", "计划"],
        ["", "质量指标", "覆盖率", "", "覆盖率（取消合并后写在右格）", "≥80%", "计划"],
    ]
    # the second row's description sits in the merge's second column: the fifth column is not blank
    assert from_printed_block(printed) == printed  # so this is no printed copy, left to the grid to refuse
    printed[1][3:5] = ["覆盖率", ""]
    assert from_printed_block(printed) == [
        ["产出指标", "数量指标", "宣传次数", "宣传次数", "≥1次", "计划"],
        ["", "质量指标", "覆盖率", "覆盖率", "≥80%", "计划"],
    ]
    assert from_printed_block([["a", "b", "c"]]) == [["a", "b", "c"]]  # the grid's own columns
    assert indicator_cells_of_grid_row(["1", "2", "3", "", "4", "5", "6"]) == ["1", "2", "3", "4", "5", "6"]


def test_goal_lines_split_back_into_goals() -> None:
    from perfdesk.layout.project_table import LayoutOptions, goal_lines, split_goal_lines

    for style in (".", "、"):
        options = LayoutOptions(number_style=style)
        goals = ["开展宣传", "2.5万元用于培训", "提高意识"]
        assert split_goal_lines("\n".join(goal_lines(goals, options)), options) == goals
        assert split_goal_lines("1.只有一个目标", options) == ["1.只有一个目标"]  # one line: kept as typed
    assert split_goal_lines(" \n", LayoutOptions()) == []
