"""Layout options that real documents differ in, stored per department.

* ``name_label``: the header cell ``项目名称`` (2024 一体化 tables) or ``专项资金名称`` (Hebei 2021).
* ``number_style``: ``"."`` prints ``1.法律援助经费绩效目标表`` and ``1.目标``; ``"、"`` prints ``1、``.
* ``goal_style``: ``"numbered"`` prints 绩效目标 as numbered lines in one cell;
  ``"rows"`` prints one ``目标1``/``目标2`` row per goal.
* ``percent_sign``: 资金支出计划 values printed as ``25%`` rather than ``25``.
* ``font_set``: ``"gongwen"`` (方正小标宋简体/仿宋_GB2312/楷体_GB2312) or ``"windows"``
  (宋体/仿宋/楷体/黑体, shipped with every Windows).
"""

from __future__ import annotations

from perfdesk.models.entities import Department

NAME_LABELS = ("项目名称", "专项资金名称")
NUMBER_STYLES = (".", "、")
GOAL_STYLES = ("numbered", "rows")
FONT_SETS = ("gongwen", "windows")

#: Layout of the Hebei 2021 文本 (seed 000), used for documents in its 效果 framework.
HEBEI_2021 = {"name_label": "专项资金名称", "number_style": "、", "goal_style": "numbered", "percent_sign": False}
#: Layout of the 一体化 system's export (seed 001): the default for everything else.
YITIHUA = {"name_label": "项目名称", "number_style": ".", "goal_style": "numbered", "percent_sign": True}


def apply_layout_preset(dept: Department) -> None:
    """Give a newly imported department the layout its framework's documents use."""
    preset = HEBEI_2021 if dept.framework == "output-effect-satisfaction" else YITIHUA
    for key, value in preset.items():
        setattr(dept, key, value)
    if dept.font_set is None:
        dept.font_set = "gongwen"
