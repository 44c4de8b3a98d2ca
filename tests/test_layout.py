"""The shared merge layout of the indicator table."""

from perfdesk.layout.indicator_table import Run, merge_runs


def test_level2_runs_stay_inside_level1_runs() -> None:
    rows = [("产出", "数量"), ("产出", "数量"), ("产出", "质量"), ("效益", "质量"), ("效益", "社会"), ("产出", "数量")]
    runs = merge_runs(rows)
    assert [r for r in runs if r.column == 0] == [Run(0, 0, 3), Run(0, 3, 2), Run(0, 5, 1)]
    # 质量 in rows 2 and 3 does not merge across the 一级 boundary.
    assert [r for r in runs if r.column == 1] == [Run(1, 0, 2), Run(1, 2, 1), Run(1, 3, 1), Run(1, 4, 1), Run(1, 5, 1)]


def test_empty_table_has_no_runs() -> None:
    assert merge_runs([]) == []
