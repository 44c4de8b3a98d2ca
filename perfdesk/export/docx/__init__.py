"""Word (.docx) export of a 部门预算绩效文本; registered with the export registry on import.

python-docx is imported only when a Word export actually runs (start-up time).
"""

from __future__ import annotations

from perfdesk.export.registry import ExportFormat, OptionsWriter, register


def _load() -> OptionsWriter:
    from perfdesk.export.docx.document import write_docx

    return write_docx


register(ExportFormat(".docx", "Word", one_department=True, load=_load, document="Word 文档", load_with_options=_load))
