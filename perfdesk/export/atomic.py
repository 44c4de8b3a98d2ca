"""Atomic file writing: a temporary file in the target's folder, then a rename.

A failure (or a target held open by Word or Excel) leaves neither a
half-written file nor a damaged old one, and becomes a clear OutputError.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from perfdesk.errors import OutputError


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
    if target.is_dir():
        raise OutputError("这是一个文件夹，请指定文件名。", str(target))
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.stem[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"无法在该文件夹中写入（{exc.strerror or exc}）。", str(folder)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _ordinary_mode(target))  # mkstemp makes 0600; exports are ordinary files
        _replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise OutputError(f"写入文件时出错（{exc.strerror or exc}），原文件未改动。", str(target)) from exc
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
        raise OutputError(
            "文件正被其他程序（如 Word、Excel 或 WPS）打开或是只读的，无法覆盖。请关闭该文件后重试。",
            str(target),
        ) from exc
    except OSError as exc:
        raise OutputError(f"无法写入文件（{exc.strerror or exc}）。", str(target)) from exc
