"""Where the table's printed captions may break: between words, never inside one.

Word and Excel break Chinese text at any character, so a caption in a narrow
column comes out as ``指标值确定依/据`` or ``其中：财政资/金``. The captions are
fixed text, so their words are listed here; a writer that has to wrap one
breaks it explicitly at these points (``caption_lines``), and the column
widths reserve the narrowest such shape (``caption_floor``).
"""

from __future__ import annotations

from functools import lru_cache

from perfdesk.layout.column_widths import Measure, text_em

#: The captions' words, ``|`` marking where a line may break.
_SEGMENTED = (
    "一级|指标",
    "二级|指标",
    "三级|指标",
    "绩效|指标|描述",
    "指标值|确定|依据",
    "项目|编码",
    "项目|名称",
    "专项|资金|名称",
    "预算|规模|及|资金|用途",
    "其中：|财政|资金",
    "其他|资金",
    "资金|支出|计划|（%）",
    "绩效|目标",
)
SEGMENTS: dict[str, tuple[str, ...]] = {text.replace("|", ""): tuple(text.split("|")) for text in _SEGMENTED}


def segments(caption: str) -> tuple[str, ...]:
    """The words of ``caption``; one unknown to the list is one word."""
    return SEGMENTS.get(caption, (caption,))


def caption_lines(caption: str, width: float, measure: Measure = text_em) -> list[str]:
    """``caption`` packed into lines no wider than ``width`` where its words allow (fewest lines)."""
    lines: list[str] = []
    for word in segments(caption):
        if lines and measure(lines[-1] + word) <= width + 1e-9:
            lines[-1] += word
        else:
            lines.append(word)
    return lines


@lru_cache(maxsize=1 << 12)
def caption_floor(caption: str, measure: Measure = text_em) -> float:
    """The narrowest width that holds ``caption`` on at most two lines broken between words (cached: every
    table has the same captions; ``measure`` must depend on the text alone)."""
    words = segments(caption)
    return min(max(measure("".join(words[:cut])), measure("".join(words[cut:]))) for cut in range(1, len(words) + 1))


def caption_halves(caption: str, measure: Measure = text_em) -> list[str]:
    """``caption`` on two lines broken between words where the wider line is narrowest, the longer first line
    on a tie (``指标值/确定依据``, ``绩效指标/描述``: the shape ``caption_floor`` measures, as ``caption_lines``
    fills it); a caption of one word stays one line."""
    words = segments(caption)
    if len(words) < 2:
        return [caption]
    cut = min(
        range(1, len(words)),
        key=lambda cut: (max(measure("".join(words[:cut])), measure("".join(words[cut:]))), -cut),
    )
    return ["".join(words[:cut]), "".join(words[cut:])]
