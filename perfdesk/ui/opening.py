"""Opening a workspace in the window: for editing when possible, else read-only or not at all, always explained.

* Open for writing elsewhere (another window, another PC, ``perfdesk import``): the clerk may
  open it read-only or cancel; two writers would overwrite each other's work.
* The file or its folder cannot be written: opened read-only, with a notice saying why and
  what to do (rather than opening it "for editing" and failing at every edit).
* Damaged: what is wrong and where, and the backups when there are any (文件 → 恢复备份…).
* Anything else: the reason in Chinese. The window stays; nothing here ever closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from perfdesk.errors import PerfdeskError, WorkspaceDamaged, WorkspaceLocked, WorkspaceReadOnly
from perfdesk.services.backups import list_backups
from perfdesk.services.editing import EditSession
from perfdesk.ui import dialogs

READ_ONLY_NOTE = "以只读方式打开后可以查看、检查和导出，但不能修改。"


def open_session(parent: QWidget, path: Path, show_backups: Callable[[Path], None]) -> EditSession | None:
    """An EditSession on ``path`` (read-only when it must be), or None after telling the clerk why not."""
    try:
        return _loaded(EditSession.open(path))
    except WorkspaceLocked as exc:
        if not dialogs.ask(parent, f"{exc.describe()}\n\n{READ_ONLY_NOTE}", "工作区正在使用中", "以只读方式打开"):
            return None
    except WorkspaceReadOnly as exc:
        QMessageBox.information(parent, "以只读方式打开", f"{exc.describe()}\n\n现在以只读方式打开：{READ_ONLY_NOTE}")
    except WorkspaceDamaged as exc:
        _offer_backups(parent, path, exc, show_backups)
        return None
    except PerfdeskError as exc:
        dialogs.show_error(parent, exc, "无法打开")
        return None
    try:
        return _loaded(EditSession.open(path, read_only=True))
    except WorkspaceDamaged as exc:
        _offer_backups(parent, path, exc, show_backups)
    except PerfdeskError as exc:
        dialogs.show_error(parent, exc, "无法打开")
    return None


def _loaded(edits: EditSession) -> EditSession:
    """The session with everything read, so a file that fails to load fails here, before any widget is built."""
    try:
        edits.departments()
    except BaseException:
        edits.close()
        raise
    return edits


def _offer_backups(parent: QWidget, path: Path, error: PerfdeskError, show_backups: Callable[[Path], None]) -> None:
    backups = list_backups(path)
    if not backups:
        dialogs.show_error(parent, f"{error.describe()}\n\n这个文件还没有备份。", "工作区已损坏")
        return
    newest = backups[0]
    text = f"{error.describe()}\n\n这个文件有 {len(backups)} 份备份，最近一份在 {newest.when}。"
    if dialogs.ask(parent, text, "工作区已损坏", "恢复备份…", "关闭", QMessageBox.Icon.Warning):
        show_backups(path)
