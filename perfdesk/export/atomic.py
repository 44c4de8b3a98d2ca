"""Atomic file writing: a temporary file in the target's folder, then a rename.

A failure (or a target held open by Word or Excel) leaves neither a
half-written file nor a damaged old one, and becomes a clear OutputError.
A read-only target is refused on every system (a rename would replace it on
Linux), and leftovers of killed exports in the folder are removed first
(``perfdesk.tempfiles``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from perfdesk.errors import OutputError
from perfdesk.models.failures import os_error_message
from perfdesk.tempfiles import clean_stale, temp_path

READ_ONLY_TARGET = "文件正被其他程序（如 Word、Excel 或 WPS）打开或是只读的，无法覆盖。请关闭该文件或取消只读后重试。"


def atomic_write(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write`` with a binary file handle and move the result onto ``target``.

    Raises:
        OutputError: the folder is missing or read-only, the disk is full, or the
            target is locked by another program.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError("保存位置的文件夹不存在。", str(folder))
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:  # a name too long for the file system, a share gone
        raise OutputError(os_error_message(exc), str(target)) from exc
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError("这是一个文件夹，请指定文件名。", str(target))
    if existing is not None and (not existing.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK)):
        raise OutputError(READ_ONLY_TARGET, str(target))  # refused everywhere, though Linux would rename over it
    clean_stale(folder)
    temp = temp_path(target)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except OSError as exc:
        raise OutputError(f"无法在该文件夹中写入：{os_error_message(exc)}", str(folder)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _ordinary_mode(target))  # mkstemp makes 0600; exports are ordinary files
        _replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"写入文件时出错：{os_error_message(exc)}原文件未改动。", str(target)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def _ordinary_mode(target: Path) -> int:
    """The target's current mode, or what a newly created file would get under the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_UMASK


def _read_umask() -> int:
    """The process umask, read once at import (reading it means setting it, which is not thread-safe)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _replace(temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except PermissionError as exc:
        raise OutputError(READ_ONLY_TARGET, str(target)) from exc
    except OSError as exc:
        raise OutputError(f"无法写入文件：{os_error_message(exc)}", str(target)) from exc
