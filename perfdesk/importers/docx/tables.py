"""Project tables (绩效目标表) row by row into perfdesk/1 project objects, with remarks.

Rows are recognised by their caption (项目编码, 预算规模及资金用途, 资金支出计划,
绩效目标, 一级指标 …) compared without spaces, never by position, so tables
with rows missing (no 资金支出计划), columns missing (no 描述, no 依据, no
12月底), extra rows, captions merged or repeated on every row, or tables that
Word split at a page break (a second table going on where the first stopped,
with or without the column header repeated) all read alike. A row that cannot
be read becomes a remark naming the table and the row; the rest is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from perfdesk.domain.values import parse_value
from perfdesk.importers.docx.body import Slot
from perfdesk.importers.docx.cells import amount, compact_code, percent, squeeze, tidy
from perfdesk.importers.docx.prose import UNIT_LINE, table_title, unit_line
from perfdesk.importers.remarks import Remark

CODE_LABELS = ("项目编码", "项目编号", "项目代码", "专项资金编码", "专项资金编号")
NAME_LABELS = ("项目名称", "专项资金名称")
BUDGET_LABEL_PREFIXES = ("预算规模", "资金规模", "项目资金")
#: Money captions by key, in order of preference (88号 tables print 中期资金总额 beside 年度资金总额).
MONEY_CAPTIONS: dict[str, tuple[str, ...]] = {
    "budget": ("预算数", "年度资金总额", "年度预算数", "资金总额", "预算金额"),
    "fiscal_funds": ("财政资金", "财政拨款", "当年财政拨款"),
    "other_funds": ("其他资金",),
}
PURPOSE_LABELS = ("资金用途", "用途")
PLAN_LABEL = "资金支出计划"
GOAL_LABELS = ("绩效目标", "年度绩效目标", "项目绩效目标", "年度目标", "总体目标")
CONTINUED = ("续表", "（续表）", "(续表)", "续上表")
MONTH = re.compile(r"(\d{1,2})月(?:底|末)?")
GOAL_ROW = re.compile(r"目标([0-9]+|[一二三四五六七八九十]+)")

#: Indicator column captions (without spaces) → the indicator key they fill.
INDICATOR_HEADERS: dict[str, str] = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标解释": "description",
    "指标内容": "description",
    "指标值": "value",
    "目标值": "value",
    "指标值及单位": "value",
    "绩效指标值": "value",
    "计量单位": "unit",
    "度量单位": "unit",
    "指标值确定依据": "basis",
    "确定依据": "basis",
    "绩效标准": "basis",
    "指标值设定依据": "basis",
}
_NUMBERED = re.compile(r"(?:^|(?<=[\s。；;，,]))([0-9]{1,2})\s*[、.．](?![0-9])")


@dataclass
class ColumnMap:
    """Where each indicator key sits: by cell index (same cell count as the header) or by grid column."""

    by_index: dict[str, int]
    by_col: dict[str, int]
    cells: int

    def text(self, row: list[Slot], key: str) -> tuple[str, bool] | None:
        """The cell for ``key`` in ``row``: (text, continues the cell above), or None when absent."""
        if key not in self.by_index:
            return None
        if len(row) == self.cells:
            slot = row[self.by_index[key]]
        else:
            col = self.by_col[key]
            found = [s for s in row if s.col <= col < s.col + s.span]
            if not found:
                return None
            slot = found[0]
        return slot.text, slot.continued


@dataclass
class ProjectDraft:
    """One project being read, with what the layout detection needs to know about how it was printed."""

    data: dict[str, Any]
    section: str  # "projects" or "special_funds"
    name_label: str | None = None
    goal_style: str | None = None  # "numbered" or "rows"
    goal_numbering: str | None = None  # "." or "、"
    has_plan: bool = False
    percent_signs: list[bool] = field(default_factory=list)
    heading_numbering: str | None = None
    unit_line: tuple[str | None, str] | None = None  # (code, name) printed above the table


@dataclass
class TableReader:
    """Feeds table rows in document order; ``projects`` collects what was read."""

    remarks: list[Remark]
    projects: list[ProjectDraft] = field(default_factory=list)
    heading: tuple[str, str] | None = None  # (title, number style) of the heading just seen
    unit: tuple[str | None, str] | None = None  # (code, name) of the unit line just seen
    section: str = "projects"
    _current: ProjectDraft | None = None
    _state: str = ""
    _columns: ColumnMap | None = None
    _months: dict[str, tuple[int, int]] = field(default_factory=dict)  # month → (index, grid column)
    _month_cells: int = 0
    _last_levels: tuple[str, str] = ("", "")
    _table_no: int = 0
    _table_used: bool = False
    _skip_block: bool = False
    _fresh: bool = False  # no row of the current table read yet

    # --- tables ---------------------------------------------------------------------------------
    def start_table(self, number: int) -> None:
        self._table_no = number
        self._table_used = False
        self._fresh = True

    def end_table(self, row_count: int) -> None:
        if not self._table_used and row_count:
            why = "不是项目绩效目标表（没有“项目编码”或“项目名称”行），已跳过。"
            self.remarks.append(Remark(f"第{self._table_no}个表格", why))

    def where(self, row_no: int) -> str:
        name = self._current.data.get("name") if self._current else None
        return f"第{self._table_no}个表格{f'（{name}）' if name else ''}第{row_no}行"

    def row(self, row: list[Slot], row_no: int) -> None:
        texts = [squeeze(s.text) for s in row]
        if not any(texts) or (texts[0].startswith(CONTINUED) and not any(texts[1:])):
            return  # an empty row, or a 续表 caption row over a table's continuation
        if self._caption_row(row, texts):
            return
        first = texts[0] if not row[0].continued else ""
        fresh, self._fresh = self._fresh, False
        if any(t in CODE_LABELS for t in texts) or texts[0] in NAME_LABELS:
            self._code_row(row, texts, row_no)
            return
        if fresh and not self._continues(row, texts):
            self._finish()  # another kind of table: the project before it has ended
        if self._current is None:
            return  # not (yet) in a project table: end_table reports the table once
        self._table_used = True
        handler = self._handler(first, texts)
        if handler is None:
            if self._skip_block:
                return
            self.remarks.append(Remark(self.where(row_no), f"无法识别这一行（“{(first or texts[0])[:20]}”），已跳过。"))
            return
        handler(row, texts, row_no)

    def _caption_row(self, row: list[Slot], texts: list[str]) -> bool:
        """A first row holding the table's title or its ``单位：万元`` line (typed into the table)."""
        filled = [s.text for s, t in zip(row, texts, strict=True) if t]
        if len(filled) > 2 or any(t in CODE_LABELS for t in texts):
            return False
        text = " ".join(filled)
        title = table_title(text) if len(filled) == 1 else None
        if title is not None:
            self._finish()
            self.heading, self.unit = title, None
            return True
        if UNIT_LINE.fullmatch(text.strip()):
            self._finish()
            self.unit = unit_line(text)
            return True
        return False

    def _continues(self, row: list[Slot], texts: list[str]) -> bool:
        """Whether a new table's first row goes on with the project before it (Word split the table)."""
        if self._current is None:
            return False
        if "一级指标" in texts or texts[0].startswith((*BUDGET_LABEL_PREFIXES, PLAN_LABEL, *GOAL_LABELS)):
            return True
        return self._state == "indicators" and self._columns is not None and len(row) >= len(self._columns.by_index)

    def _handler(self, first: str, texts: list[str]) -> Callable[[list[Slot], list[str], int], None] | None:
        if "一级指标" in texts and any(t in ("二级指标", "三级指标", "指标名称") for t in texts):
            return self._column_header
        if self._skip_block:
            return None
        has_money = self._state != "indicators" and any(_money_caption(t) for t in texts)
        if has_money:  # 预算数 … on one row, or 年度资金总额 / 其中：财政拨款 / 其他资金 on rows of their own
            return self._money_row
        if first.startswith(BUDGET_LABEL_PREFIXES):
            return self._purpose_row
        if first in PURPOSE_LABELS:
            return self._purpose_row
        if first.startswith(PLAN_LABEL):
            return self._plan_header if any(MONTH.fullmatch(t) for t in texts) else self._plan_values
        if first in GOAL_LABELS:
            return self._goal_row
        if first == "":  # the caption merged down from above, or left blank: the block above goes on
            return {
                "money": self._purpose_row,
                "plan": self._plan_values,
                "goals": self._goal_row,
                "indicators": self._indicator_row,
            }.get(self._state)
        if self._state == "indicators":
            return self._indicator_row
        return None

    # --- rows -----------------------------------------------------------------------------------
    def _code_row(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        self._table_used = True
        code_at = next((i for i, t in enumerate(texts) if t in CODE_LABELS), None)
        code = compact_code(row[code_at + 1].text) if code_at is not None and code_at + 1 < len(row) else ""
        name_at = next((i for i, t in enumerate(texts) if t in NAME_LABELS), None)
        name = tidy(row[name_at + 1].text) if name_at is not None and name_at + 1 < len(row) else ""
        current = self._current
        if current is not None and self._state == "code":  # 项目编码 and 项目名称 on rows of their own
            if name_at is None and not current.data["code"]:
                current.data["code"] = code
                return
            if code_at is None and name_at is not None and current.name_label is None:
                current.data["name"], current.name_label = name.replace("\n", ""), texts[name_at]
                self._title_against_name(current.data)
                return
        if (
            current is not None
            and self._state in ("indicators", "goals")
            and (code, name)
            == (
                current.data["code"],
                current.data["name"],
            )
        ):
            self._skip_block = True  # the header block repeated on a continuation page
            return
        self._finish()
        data: dict[str, Any] = {"code": code, "name": name.replace("\n", "")}
        if self.heading is not None:
            data["title"] = self.heading[0]
            self._title_against_name(data)
        if self.unit is not None:
            unit_code, unit_name = self.unit
            data["unit"] = unit_code or unit_name
        draft = ProjectDraft(data, self.section, name_label=texts[name_at] if name_at is not None else None)
        draft.heading_numbering = self.heading[1] if self.heading else None
        draft.unit_line = self.unit
        self.heading = None
        self._current, self._state, self._columns = draft, "code", None
        self._skip_block = False

    @staticmethod
    def _title_against_name(data: dict[str, Any]) -> None:
        """The heading's name is kept as ``title`` only where it differs from the 项目名称 cell."""
        if "title" in data and data["name"] and squeeze(data["title"]) == squeeze(data["name"]):
            del data["title"]

    def _money_row(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        data = self._current.data
        for key, captions in MONEY_CAPTIONS.items():
            found = (i for caption in captions for i, t in enumerate(texts) if _money_caption(t) == caption)
            at = next(found, None)
            if at is None or at + 1 >= len(row):
                continue
            value, problem = amount(row[at + 1].text)
            if problem:
                self.remarks.append(Remark(self.where(row_no), f"{texts[at]}：{problem}，已留空。"))
            data[key] = value
        self._state = "money"
        purpose = [s.text for s, t in zip(row, texts, strict=True) if t and not _is_money_cell(t)][1:]
        if "资金用途" in "".join(texts[1:]) and purpose:
            data["purpose"] = tidy(purpose[-1])

    def _purpose_row(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        cells = [s for s, t in zip(row, texts, strict=True) if t][0 if row[0].continued or not texts[0] else 1 :]
        cells = [
            s for s in cells if squeeze(s.text) not in PURPOSE_LABELS and not squeeze(s.text).startswith("预算规模")
        ]
        if cells:
            self._current.data["purpose"] = tidy("\n".join(s.text for s in cells))
        self._state = "purpose"

    def _plan_header(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        self._months = {}
        for i, (slot, text) in enumerate(zip(row, texts, strict=True)):
            match = MONTH.fullmatch(text)
            if match and match.group(1) in ("3", "6", "10", "12"):
                self._months[match.group(1)] = (i, slot.col)
        self._month_cells = len(row)
        self._current.has_plan = True
        self._state = "plan"

    def _plan_values(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        if not self._months:
            self.remarks.append(Remark(self.where(row_no), "资金支出计划没有“3月底”等月份表头，已跳过。"))
            return
        plan: dict[str, str | None] = {}
        for month in ("3", "6", "10", "12"):
            if month not in self._months:
                plan[month] = None
                continue
            index, col = self._months[month]
            slots = [row[index]] if len(row) == self._month_cells else [s for s in row if s.col <= col < s.col + s.span]
            value, signed, problem = percent(slots[0].text) if slots else (None, False, None)
            if problem:
                self.remarks.append(Remark(self.where(row_no), f"资金支出计划 {month}月底：{problem}，已留空。"))
            if value is not None:
                self._current.percent_signs.append(signed)
            plan[month] = value
        self._current.data["spending_plan"] = plan
        self._state = "plan-done"

    def _goal_row(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        current = self._current
        goals: list[str] = current.data.setdefault("goals", [])
        labelled = next((i for i, t in enumerate(texts) if GOAL_ROW.fullmatch(t)), None)
        if labelled is not None:
            current.goal_style = "rows"
            text = tidy("\n".join(s.text for s in row[labelled + 1 :] if squeeze(s.text)))
            if text:
                goals.append(text)
        else:
            start = 0 if row[0].continued or not texts[0] or texts[0] not in GOAL_LABELS else 1
            text = tidy("\n".join(s.text for s in row[start:] if squeeze(s.text)))
            lines, numbering = split_numbered(text, len(goals) + 1) if goals else (None, None)
            if not lines:
                lines, numbering = split_numbered(text)
            if numbering:
                current.goal_numbering = numbering
            if lines:
                current.goal_style = current.goal_style or "numbered"
            goals.extend(lines)
        self._state = "goals"

    def _column_header(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        by_index: dict[str, int] = {}
        by_col: dict[str, int] = {}
        for i, (slot, text) in enumerate(zip(row, texts, strict=True)):
            key = INDICATOR_HEADERS.get(text.replace("（", "(").split("(")[0])
            if key and key not in by_index:
                by_index[key], by_col[key] = i, slot.col
        self._columns = ColumnMap(by_index, by_col, len(row))
        if self._state != "indicators":
            self._last_levels = ("", "")
        self._state = "indicators"
        self._skip_block = False

    def _indicator_row(self, row: list[Slot], texts: list[str], row_no: int) -> None:
        assert self._current is not None
        if self._columns is None:
            self.remarks.append(Remark(self.where(row_no), "指标行前没有“一级指标/二级指标…”表头，已跳过。"))
            return
        cells: dict[str, str] = {}
        for key in ("level1", "level2", "name", "description", "value", "unit", "basis"):
            found = self._columns.text(row, key)
            if found is not None:
                text, continued = found
                cells[key] = "" if continued else tidy(text)
        for key in ("level1", "level2"):  # a label's lines are its printed shape (服务对象/满意度指标), one name
            if key in cells:
                cells[key] = cells[key].replace("\n", "")
        level1 = cells.get("level1") or self._last_levels[0]
        level2 = cells.get("level2") or (self._last_levels[1] if level1 == self._last_levels[0] else "")
        if not level1 or not level2:
            missing = "一级指标" if not level1 else "二级指标"
            self.remarks.append(Remark(self.where(row_no), f"这一行没有{missing}，已跳过。"))
            return
        self._last_levels = (level1, level2)
        if not cells.get("name") and not cells.get("value"):
            self.remarks.append(Remark(self.where(row_no), "这一行既没有三级指标也没有指标值，已跳过。"))
            return
        value_text = cells.get("value", "")
        if cells.get("unit") and value_text:
            value_text += cells["unit"]
        parsed = parse_value(value_text)
        if parsed.problem:
            self.remarks.append(
                Remark(self.where(row_no), f"指标值“{value_text}”：{parsed.problem}；已按文字原样导入。")
            )
        indicator: dict[str, Any] = {"level1": level1, "level2": level2, "name": cells.get("name", "")}
        if "description" in cells:
            indicator["description"] = cells["description"]
        indicator.update({"op": parsed.op, "value": parsed.value, "unit": parsed.unit})
        if "basis" in cells:
            indicator["basis"] = cells["basis"]
        self._current.data.setdefault("indicators", []).append(indicator)

    # --- end ------------------------------------------------------------------------------------
    def _finish(self) -> None:
        if self._current is not None:
            data = self._current.data
            if not data["name"]:
                data["name"] = data.pop("title", None) or data["code"] or f"第{self._table_no}个表格的项目"
                self.remarks.append(Remark(f"项目“{data['name']}”", "表中没有项目名称，已用表格标题或项目编码代替。"))
            if data.get("budget") is None:
                self.remarks.append(
                    Remark(f"项目“{data['name']}”", "没有读到预算数，已按 0 导入，请在项目中填写预算数。")
                )
                data["budget"] = "0"
            self.projects.append(self._current)
        self._current, self._state, self._columns, self._months = None, "", None, {}

    def finish(self) -> list[ProjectDraft]:
        self._finish()
        return self.projects


def _money_caption(text: str) -> str | None:
    """The caption a money cell holds (``其中：`` and a unit in brackets aside), or None."""
    bare = re.sub(r"^其中[:：]?|[（(]万元[）)]$", "", text)
    return next((c for captions in MONEY_CAPTIONS.values() for c in captions if bare == c), None)


def _is_money_cell(text: str) -> bool:
    return text.startswith(("预算数", "其中", "财政资金", "其他资金")) or bool(re.fullmatch(r"[0-9.,，万元]+", text))


def split_numbered(text: str, start: int = 1) -> tuple[list[str], str | None]:
    """``1、甲\\n2、乙`` (or ``1.甲 2.乙`` on one line) → ([甲, 乙], "、"); text without 1, 2, … → [text].

    Only a run numbered 1, 2, 3 … in order counts, so ``1.5万元`` or a year inside a goal never splits it.
    """
    if not text:
        return [], None
    matches = list(_NUMBERED.finditer(text))
    chosen: list[re.Match[str]] = []
    for match in matches:
        if int(match.group(1)) == len(chosen) + start:
            chosen.append(match)
    if not chosen or chosen[0].start() != len(text) - len(text.lstrip()):
        return ([text], None) if start == 1 else ([], None)
    numbering = "、" if "、" in chosen[0].group(0) else "."
    lines = []
    for i, match in enumerate(chosen):
        end = chosen[i + 1].start() if i + 1 < len(chosen) else len(text)
        lines.append(text[match.end() : end].strip())
    return [line for line in lines if line], numbering
