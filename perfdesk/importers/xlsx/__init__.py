"""Read Excel workbooks that perfdesk wrote, also after a clerk edited them in Excel or WPS."""

from perfdesk.importers.xlsx.workbook import read_workbook

__all__ = ["read_workbook"]
