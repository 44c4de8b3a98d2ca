"""Excel (.xlsx) export of a 部门预算绩效文本; registered with the export registry on import.

openpyxl is imported only when an Excel export actually runs (start-up time).
"""

from __future__ import annotations

from perfdesk.export.registry import CheckedWriter, ExportFormat, register


def _load() -> CheckedWriter:
    from perfdesk.export.xlsx.workbook import write_xlsx

    return write_xlsx


register(ExportFormat(".xlsx", "Excel", one_department=True, load=_load, document="Excel 工作簿", checked=True))
