"""Layout options that real documents differ in, stored per department (the JSON ``layout`` object).

* ``name_label``: the header cell ``项目名称`` (2024 一体化 tables) or ``专项资金名称`` (Hebei 2021).
* ``number_style``: ``"."`` prints ``1.法律援助经费绩效目标表`` and ``1.目标``; ``"、"`` prints ``1、``.
* ``goal_style``: ``"numbered"`` prints 绩效目标 as numbered lines in one cell;
  ``"rows"`` prints one ``目标1``/``目标2`` row per goal. A project may override it (``Project.goal_style``).
* ``percent_sign``: 资金支出计划 values printed as ``25%`` rather than ``25``.
* ``spending_plan``: whether the tables have 资金支出计划 rows at all (some provinces' have none).
* ``font_set``: ``"gongwen"`` (方正小标宋简体/仿宋_GB2312/楷体_GB2312) or ``"windows"``
  (宋体/仿宋/楷体/黑体, shipped with every Windows).

The allowed values live in ``perfdesk.domain.layout_choices`` so the JSON schema shares them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from perfdesk.domain.layout_choices import FONT_SETS, GOAL_STYLES, LAYOUT_KEYS, NAME_LABELS, NUMBER_STYLES
from perfdesk.models.entities import Department

__all__ = [
    "FONT_SETS",
    "GOAL_STYLES",
    "HEBEI_2021",
    "LAYOUT_KEYS",
    "NAME_LABELS",
    "NUMBER_STYLES",
    "YITIHUA",
    "apply_layout_preset",
    "layout_dict",
    "layout_values",
    "preset_for",
]

#: Layout of the Hebei 2021 文本 (seed 000), used for documents in its 效果 framework.
HEBEI_2021: dict[str, Any] = {
    "name_label": "专项资金名称",
    "number_style": "、",
    "goal_style": "numbered",
    "percent_sign": False,
    "spending_plan": True,
    "font_set": "gongwen",
}
#: Layout of the 一体化 system's export (seed 001): the default for everything else.
YITIHUA: dict[str, Any] = {
    "name_label": "项目名称",
    "number_style": ".",
    "goal_style": "numbered",
    "percent_sign": True,
    "spending_plan": True,
    "font_set": "gongwen",
}


def preset_for(framework: str | None) -> dict[str, Any]:
    """The layout the documents of a framework use, as a ``layout`` object with every key."""
    return dict(HEBEI_2021 if framework == "output-effect-satisfaction" else YITIHUA)


def apply_layout_preset(dept: Department, given: Mapping[str, Any] | None = None) -> None:
    """Set a new department's layout: the framework's preset, overridden by the ``given`` keys."""
    for key, value in layout_values(dept.framework, given).items():
        setattr(dept, key, value)


def layout_values(framework: str | None, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A new department's layout columns: the framework's preset, overridden by the ``given`` keys."""
    layout = preset_for(framework)
    layout.update({key: value for key, value in (given or {}).items() if value is not None})
    return {key: layout[key] for key in LAYOUT_KEYS}


def layout_dict(dept: Department) -> dict[str, Any]:
    """The department's layout as the JSON ``layout`` object, every key in the format's order."""
    return {key: getattr(dept, key) for key in LAYOUT_KEYS}
