"""Import files (perfdesk JSON, Excel workbooks perfdesk wrote, Word .docx) into a workspace, all or nothing.

Every reader ends in the same perfdesk/1 document and the same storing code
(``perfdesk.importers.json_import``); the Word reader adds remarks for what it
could not read, which are handed back with the result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from perfdesk.errors import InputError
from perfdesk.importers.json_import import ImportResult, document_rows, import_into, load_json_file, read_document
from perfdesk.importers.remarks import Remark
from perfdesk.importers.rows import Rows
from perfdesk.models import Department, open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.lock import WorkspaceLock
from perfdesk.models.workspace import make_folder
from perfdesk.services.collecting import collector_paused
from perfdesk.tempfiles import clean_stale, temp_path


@dataclass
class Reading:
    """What one source file gave: departments (transient) and remarks on what was left out."""

    departments: list[Department]
    remarks: list[Remark] = field(default_factory=list)


def _in_file(exc: InputError, path: Path) -> InputError:
    """The error placed in its file: ``文件.xlsx：项目3!E12``."""
    if not exc.where:
        return InputError(exc.message, str(path))
    if not exc.where.startswith(str(path)):
        return InputError(exc.message, f"{path}：{exc.where}")
    return exc


def _read_json(path: Path) -> Reading:
    try:
        return Reading(read_document(load_json_file(path)))
    except InputError as exc:
        raise _in_file(exc, path) from exc


def _read_xlsx(path: Path) -> Reading:
    from perfdesk.importers.xlsx import read_workbook  # openpyxl only when a workbook is imported

    try:
        return Reading(read_workbook(path))
    except InputError as exc:
        raise _in_file(exc, path) from exc


def _read_docx(path: Path) -> Reading:
    from perfdesk.importers.docx import read_docx  # the Word reader only when a document is imported

    reading = read_docx(path)
    try:
        departments = read_document(reading.document)
    except InputError as exc:  # the reader built something the format refuses: say where in Word terms
        raise InputError(f"读取的内容不完整（{exc.describe()}），未导入。", str(path)) from exc
    return Reading(departments, reading.remarks)


#: Readers by file suffix; each returns transient departments (and remarks) or raises InputError.
READERS: dict[str, Callable[[Path], Reading]] = {".json": _read_json, ".xlsx": _read_xlsx, ".docx": _read_docx}
#: The file dialog's filters, one per reader.
FILE_FILTERS: dict[str, str] = {
    ".json": "perfdesk JSON (*.json)",
    ".xlsx": "Excel 工作簿 (*.xlsx)",
    ".docx": "Word 文档 (*.docx)",
}

#: Files clerks have that cannot be read as they are, and what they are.
CONVERT_FIRST: dict[str, str] = {
    ".doc": "旧版 Word 文件（.doc）",
    ".wps": "WPS 文字文件（.wps）",
    ".pdf": "PDF 文件",
    ".rtf": "RTF 文件",
    ".docm": "含宏的 Word 文件（.docm）",
    ".dotx": "Word 模板（.dotx）",
}


def read_source(path: Path) -> Reading:
    """Read one source file, choosing the reader by suffix.

    Raises:
        InputError: an unknown or legacy format (saying what to do), or a bad file.
    """
    suffix = path.suffix.lower()
    if suffix in CONVERT_FIRST:
        from perfdesk.importers.docx.package import SAVE_AS_DOCX

        raise InputError(f"不能直接导入{CONVERT_FIRST[suffix]}。{SAVE_AS_DOCX}", str(path))
    reader = READERS.get(suffix)
    if reader is None:
        known = "、".join(sorted(READERS))
        raise InputError(f"无法导入“{path.suffix or '无扩展名'}”文件，可导入：{known}。", str(path))
    return reader(path)


def read_file(path: Path) -> list[Department]:
    """The departments of one source file, for callers that only read it (比较, the 指标库); remarks dropped."""
    return read_source(path).departments


def import_files(sources: Sequence[Path], workspace_path: Path, *, replace: bool = False) -> ImportResult:
    """Read every source first, then write them all in one transaction.

    The workspace is created when missing; nothing is written when any source
    is bad or a department-year exists and ``replace`` is false. The result
    carries the readers' remarks, each naming its file.

    Raises:
        InputError: a source cannot be read; ``DepartmentExists`` when a department-year is
            already in the workspace and ``replace`` is false.
    """
    with collector_paused():
        return _import_files(sources, workspace_path, replace=replace)


def _import_files(sources: Sequence[Path], workspace_path: Path, *, replace: bool) -> ImportResult:
    departments: list[Department | Rows] = []
    remarks: list[Remark] = []
    for source in sources:
        if source.suffix.lower() == ".json":  # straight to rows: no ORM objects to build and read back
            departments += _json_rows(source)
            continue
        reading = read_source(source)
        departments += reading.departments
        remarks += [Remark(f"{source.name}：{r.where}" if r.where else source.name, r.message) for r in reading.remarks]
    labels = [d.label() for d in departments]
    duplicates = {label for label in labels if labels.count(label) > 1}
    if duplicates:
        raise InputError(f"多个文件中都有“{'、'.join(sorted(duplicates))}”，只能导入一份。")
    if _is_new(workspace_path):
        result = _import_into_new(workspace_path, departments)
    else:
        with open_workspace(workspace_path) as workspace:
            result = import_into(workspace, departments, replace=replace)
    result.remarks = remarks
    return result


def _json_rows(path: Path) -> list[Rows]:
    try:
        return document_rows(load_json_file(path))
    except InputError as exc:
        raise _in_file(exc, path) from exc


def _is_new(path: Path) -> bool:
    try:
        return path.stat().st_size == 0  # an empty file (新建 in Explorer) becomes a workspace too
    except FileNotFoundError:
        return True
    except OSError:
        return False  # let open_workspace say what is wrong


def _import_into_new(path: Path, departments: Sequence[Department | Rows]) -> ImportResult:
    """Build a new workspace beside ``path`` and move it into place only once the import has committed.

    Killed half-way, the import leaves a temporary file (removed by the next write into the
    folder), never an empty or partial workspace under the real name.
    """
    make_folder(path.parent)
    with WorkspaceLock(path):  # nobody else creates or opens it meanwhile
        clean_stale(path.parent)
        temp = temp_path(path)
        try:
            with open_workspace(temp, create=True, lock=False) as workspace:
                result = import_into(workspace, departments)
            os.replace(temp, path)
        except OSError as exc:
            raise storage_error(exc, str(path)) from exc
        finally:
            temp.unlink(missing_ok=True)
    return result
