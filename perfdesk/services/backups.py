"""Rotating backups of each workspace in the user's local data folder, and restoring one as a copy.

A clerk's year of work is one file, often on a share; a damaged disk, a bad sync or a wrong
import can take it. The GUI backs a workspace up when it opens it and every few minutes of
editing; the last ``keep`` backups are kept per workspace, in
``<data folder>/backups/<name>-<hash of its full path>/YYYYMMDD-HHMMSS.perfdesk``
(``perfdesk.locations.backup_dir``), on this PC, so a lost share still leaves them.
A backup is a consistent copy made with SQLite's backup API (the workspace may be open for
editing meanwhile). Restoring writes a *new* file: never over the workspace without asking.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from perfdesk import locations
from perfdesk.domain.limits import (
    BACKUP_KEEP_DEFAULT,
    BACKUP_KEEP_RANGE,
    BACKUP_MINUTES_DEFAULT,
    BACKUP_MINUTES_RANGE,
)
from perfdesk.errors import PerfdeskError, WorkspaceError
from perfdesk.models import open_workspace
from perfdesk.models.failures import storage_error
from perfdesk.models.workspace import WORKSPACE_SUFFIX, sqlite_uri
from perfdesk.services.copying import copy_workspace
from perfdesk.tempfiles import temp_path

DEFAULT_KEEP = BACKUP_KEEP_DEFAULT
DEFAULT_MINUTES = BACKUP_MINUTES_DEFAULT
KEEP_RANGE = BACKUP_KEEP_RANGE
MINUTES_RANGE = BACKUP_MINUTES_RANGE
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(\d{8}-\d{6})(?:-\d+)?\.perfdesk$")


@dataclass(frozen=True)
class BackupInfo:
    """One backup: when it was made and what it holds (``departments`` empty and ``problem`` set when unreadable)."""

    path: Path
    made: datetime.datetime
    departments: tuple[str, ...] = ()
    projects: int = 0
    problem: str | None = None

    @property
    def when(self) -> str:
        return self.made.strftime("%Y-%m-%d %H:%M:%S")

    @property
    def contents(self) -> str:
        """``巨鹿县司法局 2024年`` (joined), or why the backup cannot be read."""
        if self.problem is not None:
            return f"无法读取：{self.problem}"
        return "、".join(self.departments) or "（空工作区）"


def folder_for(workspace: Path, root: Path | None = None) -> Path:
    """The backup folder of one workspace: its name (readable) and a hash of its full path (unique)."""
    full = os.path.normcase(os.path.abspath(workspace))
    digest = hashlib.sha256(full.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", Path(workspace).stem)[:40] or "workspace"
    return (root or locations.backup_dir()) / f"{stem}-{digest}"


def make_backup(workspace: Path, *, keep: int = DEFAULT_KEEP, root: Path | None = None) -> Path | None:
    """Back ``workspace`` up unless the newest backup is already newer than its last change; prune to ``keep``.

    Returns the new backup, or None when nothing changed since the last one.

    Raises:
        WorkspaceError: the backup cannot be written (disk full, no data folder) or the workspace read.
    """
    folder = folder_for(workspace, root)
    existing = _backup_files(folder)
    try:
        changed = Path(workspace).stat().st_mtime
    except OSError as exc:
        raise storage_error(exc, str(workspace)) from exc
    if existing and existing[0].stat().st_mtime >= changed:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, str(folder)) from exc
    target = _new_name(folder)
    temp = temp_path(target)
    try:
        with (
            closing(sqlite3.connect(sqlite_uri(workspace), uri=True, timeout=2.0)) as reader,
            closing(sqlite3.connect(temp)) as writer,
        ):
            reader.backup(writer)
        os.replace(temp, target)
    except (OSError, sqlite3.Error) as exc:
        raise storage_error(exc, str(target), action="备份未完成。") from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    prune(folder, keep)
    return target


def _new_name(folder: Path) -> Path:
    stamp = datetime.datetime.now().strftime(_STAMP)
    target = folder / f"{stamp}{WORKSPACE_SUFFIX}"
    count = 1
    while target.exists():
        target = folder / f"{stamp}-{count}{WORKSPACE_SUFFIX}"
        count += 1
    return target


def _backup_files(folder: Path) -> list[Path]:
    """The backups in ``folder``, newest first."""
    try:
        files = [p for p in folder.iterdir() if _NAME.fullmatch(p.name)]
    except OSError:
        return []
    return sorted(files, key=lambda p: (p.name[:15], p.stat().st_mtime), reverse=True)


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest backups; returns those removed."""
    keep = max(KEEP_RANGE[0], min(keep, KEEP_RANGE[1]))
    removed = []
    for old in _backup_files(folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed


def list_backups(workspace: Path, root: Path | None = None) -> list[BackupInfo]:
    """The backups of ``workspace``, newest first, each with what it holds."""
    return [_describe(path) for path in _backup_files(folder_for(workspace, root))]


def _describe(path: Path) -> BackupInfo:
    made = datetime.datetime.strptime(path.name[:15], _STAMP)
    try:
        with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
            departments = workspace.departments(session)
            labels = tuple(d.label() for d in departments)
            projects = sum(len(d.projects) + len(d.special_funds) for d in departments)
    except PerfdeskError as exc:
        return BackupInfo(path, made, problem=exc.message.splitlines()[0])
    return BackupInfo(path, made, labels, projects)


def restore_backup(backup: Path, target: Path) -> Path:
    """Write the backup to ``target`` as a new workspace (a file open elsewhere is refused).

    Raises:
        WorkspaceError: ``target`` is open for editing, or cannot be written.
    """
    if not _NAME.fullmatch(Path(backup).name):
        raise WorkspaceError("这不是 perfdesk 的备份文件。", str(backup))
    return copy_workspace(backup, target)
