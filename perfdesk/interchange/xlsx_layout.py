"""What the Excel writer and the Excel reader agree on, beyond the printed table itself.

The printed project table comes from ``perfdesk.layout.project_table``. This module names the
other sheets and the hidden sheet that carries what a printed table does not show (the
department's identity and layout options, each project's title, unit and section, and the
amounts as typed), so a workbook perfdesk wrote reads back into the same content.
"""

from __future__ import annotations

#: The sheet of 第一部分 (总体目标, 分项目标, 保障措施).
PART_ONE_SHEET = "部门整体绩效目标"
#: The overview sheet, one row per project.
SUMMARY_SHEET = "项目汇总"
#: The very hidden sheet with the data no printed cell shows.
META_SHEET = "perfdesk"
#: The first cell of ``META_SHEET``: which version of this layout wrote the workbook.
META_FORMAT = "perfdesk-xlsx/1"
#: Keys in column A of ``META_SHEET``; column B holds the sheet name (projects), column C a JSON object.
META_DEPARTMENT = "department"
META_PROJECT = "project"

#: The header row of ``PART_ONE_SHEET`` (部分 | 标题 | 类别 | 内容) and the texts of its first column.
PART_ONE_HEADER = ("部分", "标题", "类别", "内容")
PART_OVERALL = "总体绩效目标"
PART_SUB_GOAL = "分项绩效目标"
PART_MEASURE = "工作保障措施"
KIND_GOAL = "绩效目标"
KIND_INDICATORS = "绩效指标"

#: Characters Excel refuses in a sheet name, and its length limit.
SHEET_NAME_FORBIDDEN = frozenset("[]:*?/\\")
SHEET_NAME_MAX = 31
