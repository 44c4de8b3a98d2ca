"""What went wrong with a file, said in Chinese with what to do: never SQLAlchemy's text.

A SQLAlchemy error's text holds the SQL and its parameters (``[SQL: UPDATE …] [parameters:
('巨鹿县…', …)]``): unreadable for a clerk and the clerk's own data. Messages here are built
from the driver's short reason only, and tell apart what a clerk must tell apart: a file that
is *in use* (wait and retry; nothing is wrong with it) from one that is *damaged* (use a backup),
a full disk, a read-only folder, a path too long.
"""

from __future__ import annotations

import errno
import sqlite3

from perfdesk.errors import WorkspaceBusy, WorkspaceDamaged, WorkspaceError, WorkspaceReadOnly

BUSY = "工作区文件正被另一个程序使用（例如正在导入或保存），请稍等片刻再试。文件没有损坏。"
FULL = "磁盘空间已满，无法保存。请删除不需要的文件腾出空间后重试。"
READ_ONLY = "文件或它所在的文件夹是只读的，无法保存修改。请把工作区复制到可写的文件夹（如“文档”）后再打开。"
TOO_LONG = "文件路径太长（文件名超过 255 字节）。请把文件放到路径较短的文件夹，或把文件名改短。"
IO = "读写文件时出错（磁盘、U 盘或网络连接出现故障）。请检查后重试；之前保存的修改不受影响。"


def os_error_message(exc: OSError) -> str:
    """An operating-system error as a sentence with what to do."""
    code = exc.errno
    if code == errno.ENOSPC or getattr(errno, "EDQUOT", None) == code:
        return FULL
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return READ_ONLY
    if code == errno.ENAMETOOLONG:
        return TOO_LONG
    if code == errno.ENOENT:
        return "找不到文件或它所在的文件夹。"
    if code == errno.EIO:
        return IO
    return f"无法读写文件（{exc.strerror or type(exc).__name__}）。"


def _driver_error(exc: BaseException) -> BaseException:
    """The sqlite3 error behind a SQLAlchemy one (``exc.orig``), else ``exc`` itself."""
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def storage_error(exc: BaseException, path: str | None, *, action: str = "") -> WorkspaceError:
    """A storage failure as a WorkspaceError of the right kind (busy, damaged, or plain), naming no data.

    ``action`` (``"修改未保存。"``) is added after the reason.
    """
    driver = _driver_error(exc)
    if isinstance(driver, OSError):
        kind = WorkspaceReadOnly if driver.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else WorkspaceError
        return kind(os_error_message(driver) + action, path)
    reason = str(driver.args[0]) if driver.args else ""
    lowered = reason.lower()
    if "locked" in lowered or "busy" in lowered:
        return WorkspaceBusy(BUSY + action, path)
    if "full" in lowered:
        return WorkspaceError(FULL + action, path)
    if "readonly" in lowered or "read-only" in lowered:
        return WorkspaceReadOnly(READ_ONLY + action, path)
    if "unable to open" in lowered:
        return WorkspaceError("无法打开文件：所在文件夹不可写、文件名太长，或网络路径不可用。" + action, path)
    if "disk i/o" in lowered:
        return WorkspaceError(IO + action, path)
    if any(word in lowered for word in ("malformed", "not a database", "encrypted", "no such table", "no such column")):
        return WorkspaceDamaged(f"工作区文件已损坏（{reason}）。可以从备份恢复：文件 → 恢复备份…", path)
    if isinstance(driver, sqlite3.Error):
        return WorkspaceError(f"数据库出错（{type(driver).__name__}：{reason}）。{action}", path)
    return WorkspaceError(f"无法读写工作区（{type(driver).__name__}）。{action}", path)
