"""Read a 部门预算绩效文本 written in Word (ours, the bureau system's, or a clerk's) into perfdesk/1.

Qt-free. ``read_docx`` returns the intermediate perfdesk/1 document plus remarks;
``perfdesk.services.importing`` stores it through the JSON importer, all or nothing.
"""

from perfdesk.importers.docx.reader import DocxReading, read_docx

__all__ = ["DocxReading", "read_docx"]
