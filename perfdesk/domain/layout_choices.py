"""The values each printed-layout option may take, shared by the storage, JSON format and editors.

The options themselves (what they change on the page, the framework presets) are described in
``perfdesk.layout.options``; this module only says which values exist, so the JSON schema (which
sits below the layout layer) and the layout agree.
"""

from __future__ import annotations

NAME_LABELS = ("项目名称", "专项资金名称")
NUMBER_STYLES = (".", "、")
GOAL_STYLES = ("numbered", "rows")
FONT_SETS = ("gongwen", "windows")

#: The department ``layout`` object's keys, in the order JSON export writes them.
LAYOUT_KEYS = ("name_label", "number_style", "goal_style", "percent_sign", "spending_plan", "font_set")

#: The allowed values of each text option (the boolean ones are ``percent_sign`` and ``spending_plan``).
TEXT_CHOICES: dict[str, tuple[str, ...]] = {
    "name_label": NAME_LABELS,
    "number_style": NUMBER_STYLES,
    "goal_style": GOAL_STYLES,
    "font_set": FONT_SETS,
}
