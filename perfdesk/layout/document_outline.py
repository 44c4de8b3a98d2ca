"""The parts and headings of a 部门预算绩效文本, in print order.

Qt-free and format-free: the Word writer turns it into headings and the 目录,
the Excel writer into sheet names. The numbering rules live here once:
第二部分 is the special-funds part only when the department has one, else the
project part takes its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from perfdesk.layout import empty_parts as empty
from perfdesk.layout.title_lines import title_lines

if TYPE_CHECKING:  # the ORM only for type hints: the checks import this without SQLAlchemy
    from perfdesk.models import Department, Project

PART_ONE_TITLE = "部门整体绩效目标"
SPECIAL_TITLE = "专项资金绩效目标"
PROJECTS_TITLE = "预算项目绩效目标"
OVERALL_HEADING = "一、总体绩效目标"
SUB_GOALS_HEADING = "二、分项绩效目标"
MEASURES_HEADING = "三、工作保障措施"
#: The sections of 第一部分 by what they print, in order.
OVERALL, SUB_GOALS, MEASURES = "overall", "sub_goals", "measures"
SECTION_TITLES = {OVERALL: "总体绩效目标", SUB_GOALS: "分项绩效目标", MEASURES: "工作保障措施"}
GOAL_LABEL = "绩效目标："
INDICATORS_LABEL = "绩效指标："
DRAFT_SUFFIX = "（草案）"

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三 (enough for item numbers below 100)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return f"{'' if tens == 1 else _DIGITS[tens]}十{_DIGITS[ones] if ones else ''}"


def item_label(n: int) -> str:
    """The （一） label of the n-th 分项绩效目标 or 保障措施 (1-based)."""
    return f"（{chinese_number(n)}）"


@dataclass(frozen=True)
class Section:
    """One 一、… section of 第一部分; ``empty`` when the department has nothing for it."""

    kind: str
    heading: str
    empty: bool


def sections(dept: Department, empty_parts: str = empty.NONE) -> list[Section]:
    """第一部分's sections in print order, numbered as printed (an omitted empty one takes no number)."""
    blank = {
        OVERALL: not (dept.overall_goal or "").strip(),
        SUB_GOALS: not dept.sub_goals,
        MEASURES: not dept.measures,
    }
    kinds = [kind for kind in SECTION_TITLES if not (blank[kind] and empty_parts == empty.OMIT)]
    return [
        Section(kind, f"{chinese_number(n)}、{SECTION_TITLES[kind]}", blank[kind]) for n, kind in enumerate(kinds, 1)
    ]


@dataclass(frozen=True)
class Part:
    """One 第N部分 of the document; ``projects`` are its tables (empty for part one)."""

    number: int
    title: str
    projects: tuple[Project, ...] = ()

    @property
    def label(self) -> str:
        return f"第{chinese_number(self.number)}部分"

    @property
    def heading(self) -> str:
        """One-line heading as printed and listed in the 目录 (``第一部分　部门整体绩效目标``)."""
        return f"{self.label}\u3000{self.title}"


def cover_title_lines(dept: Department, width: float | None = None) -> list[str]:
    """The cover title as printed: （草案） on a line of its own, as it does not fit beside a long name.

    Args:
        width: the line's width in em of the title's font; a longer title is broken
            between words into balanced lines (``perfdesk.layout.title_lines``).
    """
    title = dept.effective_title
    lines = [title] if width is None else title_lines(title, width, names=(dept.name,))
    return [*lines, DRAFT_SUFFIX] if dept.is_draft else lines


def cover_lines(dept: Department) -> list[str]:
    """The ``…编制`` / ``…审核`` lines under the cover title (only those given)."""
    lines = []
    if dept.prepared_by:
        lines.append(f"{dept.prepared_by}编制")
    if dept.reviewed_by:
        lines.append(f"{dept.reviewed_by}审核")
    return lines


def has_special_part(dept: Department) -> bool:
    """An empty special-funds list still prints its heading; an absent one prints nothing."""
    return bool(dept.has_special_funds or dept.special_funds)


def parts(dept: Department, empty_parts: str = empty.NONE) -> list[Part]:
    """The document's parts in order, numbered as the seeds number them.

    With ``empty.OMIT`` a part with nothing in it (第一部分 without any of its
    texts, a project part without projects) is left out and the rest numbered on.
    """
    omit = empty_parts == empty.OMIT
    kept: list[tuple[str, tuple[Project, ...]]] = []
    if not (omit and all(section.empty for section in sections(dept))):
        kept.append((PART_ONE_TITLE, ()))
    if has_special_part(dept) and not (omit and not dept.special_funds):
        kept.append((SPECIAL_TITLE, tuple(dept.special_funds)))
    if not (omit and not dept.projects):
        kept.append((PROJECTS_TITLE, tuple(dept.projects)))
    return [Part(n, title, projects) for n, (title, projects) in enumerate(kept, 1)]
