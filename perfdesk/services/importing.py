"""Import files (perfdesk JSON, Excel workbooks perfdesk wrote) into a workspace."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from perfdesk.errors import InputError
from perfdesk.importers.json_import import ImportResult, import_into, load_json_file, read_document
from perfdesk.models import Department, open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.lock import WorkspaceLock
from perfdesk.models.workspace import make_folder
from perfdesk.tempfiles import clean_stale, temp_path


def _in_file(read: Callable[[Path], list[Department]]) -> Callable[[Path], list[Department]]:
    """``read``, its errors placed in the file: ``文件.xlsx：项目3!E12``."""

    def read_file(path: Path) -> list[Department]:
        try:
            return read(path)
        except InputError as exc:
            if not exc.where:
                raise InputError(exc.message, str(path)) from exc
            if not exc.where.startswith(str(path)):
                raise InputError(exc.message, f"{path}：{exc.where}") from exc
            raise

    return read_file


def _read_json(path: Path) -> list[Department]:
    return read_document(load_json_file(path))


def _read_xlsx(path: Path) -> list[Department]:
    from perfdesk.importers.xlsx import read_workbook  # openpyxl only when a workbook is imported

    return read_workbook(path)


#: Readers by file suffix; each returns transient departments or raises InputError.
READERS: dict[str, Callable[[Path], list[Department]]] = {".json": _in_file(_read_json), ".xlsx": _in_file(_read_xlsx)}
#: The file dialog's filters, one per reader.
FILE_FILTERS: dict[str, str] = {".json": "perfdesk JSON (*.json)", ".xlsx": "Excel 工作簿 (*.xlsx)"}


def read_file(path: Path) -> list[Department]:
    """Read one source file into departments, choosing the reader by suffix."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = "、".join(sorted(READERS))
        raise InputError(f"无法导入“{path.suffix or '无扩展名'}”文件，可导入：{known}。", str(path))
    return reader(path)


def import_files(sources: Sequence[Path], workspace_path: Path, *, replace: bool = False) -> ImportResult:
    """Read every source first, then write them all in one transaction.

    The workspace is created when missing; nothing is written when any source
    is bad or a department-year exists and ``replace`` is false.

    Raises:
        InputError: a source cannot be read; ``DepartmentExists`` when a department-year is
            already in the workspace and ``replace`` is false.
    """
    departments = [dept for source in sources for dept in read_file(source)]
    labels = [d.label() for d in departments]
    duplicates = {label for label in labels if labels.count(label) > 1}
    if duplicates:
        raise InputError(f"多个文件中都有“{'、'.join(sorted(duplicates))}”，只能导入一份。")
    if _is_new(workspace_path):
        return _import_into_new(workspace_path, departments)
    with open_workspace(workspace_path) as workspace:
        return import_into(workspace, departments, replace=replace)


def _is_new(path: Path) -> bool:
    try:
        return path.stat().st_size == 0  # an empty file (新建 in Explorer) becomes a workspace too
    except FileNotFoundError:
        return True
    except OSError:
        return False  # let open_workspace say what is wrong


def _import_into_new(path: Path, departments: list[Department]) -> ImportResult:
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
