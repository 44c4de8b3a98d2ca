"""One writer per workspace: a lock file beside the workspace that the GUI and the command line both honour.

SQLite's own locks last one transaction; between two edits anyone could rewrite the file, and
SQLite reuses row ids, so a window still showing the old rows would write into someone else's
project. So whoever opens a workspace for writing (the main window, ``perfdesk import``) first
takes ``<name>.perfdesk.lock``:

* The file is created with ``O_EXCL`` (atomic on local disks and on SMB/NFS shares) and holds
  one line of JSON saying who holds it: program, user, computer, process id, since when. The
  command line reads it to say who is editing; no Qt is needed, so the GUI uses this same lock
  rather than ``QLockFile`` (whose file the command line would have to parse, and whose
  stale-lock rule — a dead pid on the same host, else an age — cannot tell a crashed PC on a
  share from a clerk editing all day).
* The holder also keeps an operating-system byte-range lock on the file (``LockFileEx`` through
  ``msvcrt.locking`` on Windows, POSIX ``fcntl`` locks elsewhere). The system drops it when the
  process ends in any way, a crash or ``kill -9`` included, and a file server drops it when the
  client's session ends. A lock file whose byte-range lock can be taken is therefore stale and is
  taken over; one whose lock cannot be taken is held by a live program, on whatever computer.
  The locked byte lies past the end of the file, so the JSON stays readable on Windows too.
* Within one process the held paths are remembered: POSIX locks belong to the process, so a
  second window of the same program would otherwise "take over" its own lock.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import getpass
import json
import os
import socket
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from perfdesk.errors import WorkspaceError, WorkspaceLocked
from perfdesk.models.failures import storage_error
from perfdesk.tempfiles import process_alive

LOCK_SUFFIX = ".lock"
#: The byte the operating-system lock covers: past any content, so reading the JSON is never blocked.
_LOCK_OFFSET = 1 << 30
_held: dict[str, WorkspaceLock] = {}
_held_guard = threading.Lock()


@dataclass(frozen=True)
class LockInfo:
    """Who holds a workspace: what the lock file says."""

    app: str = "perfdesk"
    user: str = ""
    host: str = ""
    pid: int = 0
    since: str = ""  # ISO 8601, local time

    def describe(self) -> str:
        """``张三（计算机 PC-01，自 11月30日 12:30 起）``, for messages."""
        who = self.user or "另一位用户"
        parts = [f"计算机 {self.host}" if self.host else "", _since_text(self.since)]
        detail = "，".join(p for p in parts if p)
        return f"{who}（{detail}）" if detail else who


def locked_error(workspace: Path, holder: LockInfo) -> WorkspaceLocked:
    """The error for a workspace held elsewhere, naming who holds it."""
    return WorkspaceLocked(
        f"这个工作区正由{holder.describe()}打开编辑，同一时间只能有一处修改它。"
        "请等对方关闭 perfdesk 后再试，或以只读方式查看。",
        str(workspace),
        holder,
    )


def lock_path(workspace: Path) -> Path:
    """``ws.perfdesk`` → ``ws.perfdesk.lock``, beside it."""
    return workspace.with_name(workspace.name + LOCK_SUFFIX)


def _key(workspace: Path) -> str:
    return os.path.normcase(os.path.abspath(workspace))


def _since_text(since: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(since)
    except ValueError:
        return ""
    return f"自 {moment.month}月{moment.day}日 {moment:%H:%M} 起"


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        user = ""
    return LockInfo(
        user=user,
        host=socket.gethostname(),
        pid=os.getpid(),
        since=datetime.datetime.now().isoformat(timespec="seconds"),
    )


#: What a byte-range lock held by another process fails with; anything else means "not supported here".
_HELD_ERRNOS = frozenset({errno.EACCES, errno.EAGAIN, errno.EDEADLK})


def _os_lock(fd: int) -> bool | None:
    """Take the byte-range lock without waiting: True; False when another process holds it; None when the
    file system has no such locks (an NFS mount without its lock service)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _LOCK_OFFSET)
    except OSError as exc:
        return False if exc.errno in _HELD_ERRNOS else None
    return True


def _stale_without_os_locks(path: Path) -> bool:
    """Where byte-range locks are missing: stale only when its holder was a process of this computer that has ended."""
    info = read_lock_info(path)
    return sys.platform != "win32" and info.host == socket.gethostname() and not process_alive(info.pid)


def _os_unlock(fd: int) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.lockf(fd, fcntl.LOCK_UN, 1, _LOCK_OFFSET)


def read_lock_info(path: Path) -> LockInfo:
    """What a lock file says (an unreadable or foreign one: an anonymous holder)."""
    try:
        data = json.loads(path.read_bytes()[:4096].decode("utf-8"))
        return LockInfo(**{k: v for k, v in data.items() if k in LockInfo.__dataclass_fields__})
    except (OSError, ValueError, TypeError, AttributeError):
        return LockInfo()


class WorkspaceLock:
    """The write lock of one workspace, held from ``acquire`` until ``release``."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = Path(workspace)
        self.path = lock_path(self.workspace)
        self.info = _me()
        self._fd: int | None = None

    def acquire(self) -> WorkspaceLock:
        """Take the lock, taking over a stale one.

        Raises:
            WorkspaceLocked: a live program (here or on another computer) holds it.
            WorkspaceError: the lock file cannot be made (a read-only folder, a name too long).
        """
        key = _key(self.workspace)
        with _held_guard:
            other = _held.get(key)
            if other is not None:
                raise locked_error(self.workspace, other.info)
            self._fd = self._open_and_lock()
            _held[key] = self
        return self

    def _open_and_lock(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            fd = self._open_existing()
        except OSError as exc:
            raise _lock_error(exc, self.path) from exc
        else:
            if _os_lock(fd) is False:  # pragma: no cover - a file we just created is locked by nobody
                os.close(fd)
                raise locked_error(self.workspace, read_lock_info(self.path))
        try:
            record = (json.dumps(asdict(self.info), ensure_ascii=False) + "\n").encode("utf-8")
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, record)
            os.fsync(fd)
        except OSError as exc:
            _os_unlock(fd)
            os.close(fd)
            raise _lock_error(exc, self.path) from exc
        return fd

    def _open_existing(self) -> int:
        """The lock file is there: held by a live program, or left behind by one that ended (stale)."""
        try:
            fd = os.open(self.path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:  # released meanwhile
            return self._open_and_lock_new()
        except OSError as exc:
            raise _lock_error(exc, self.path) from exc
        taken = _os_lock(fd)
        if taken is False or (taken is None and not _stale_without_os_locks(self.path)):
            os.close(fd)
            raise locked_error(self.workspace, read_lock_info(self.path))
        return fd  # stale: its holder is gone, and we hold it now

    def _open_and_lock_new(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:  # lost a race with another opener
            raise locked_error(self.workspace, read_lock_info(self.path)) from exc
        if _os_lock(fd) is False:  # pragma: no cover - a file we just created is locked by nobody
            os.close(fd)
            raise locked_error(self.workspace, read_lock_info(self.path))
        return fd

    def release(self) -> None:
        """Give the lock up and remove the lock file (idempotent)."""
        with _held_guard:
            if self._fd is None:
                return
            fd, self._fd = self._fd, None
            if _held.get(_key(self.workspace)) is self:
                del _held[_key(self.workspace)]
            if os.name != "nt":  # POSIX: remove it while still holding it, so no newcomer's file is removed
                with contextlib.suppress(OSError):
                    self.path.unlink()
            _os_unlock(fd)
            os.close(fd)
            if os.name == "nt":  # Windows cannot remove a file that is still open
                with contextlib.suppress(OSError):
                    self.path.unlink()

    def __enter__(self) -> WorkspaceLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def holder(workspace: Path) -> LockInfo | None:
    """Who holds the workspace's write lock now, or None when nobody does (a stale file counts as nobody)."""
    workspace = Path(workspace)
    with _held_guard:
        mine = _held.get(_key(workspace))
    if mine is not None:
        return mine.info
    path = lock_path(workspace)
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return None if not path.exists() else read_lock_info(path)  # cannot even open it: assume held
    try:
        taken = _os_lock(fd)
        if taken:
            _os_unlock(fd)
        if taken or (taken is None and _stale_without_os_locks(path)):
            return None
        return read_lock_info(path)
    finally:
        os.close(fd)


def _lock_error(exc: OSError, path: Path) -> WorkspaceError:
    """The lock file cannot be made: a read-only folder (WorkspaceReadOnly), a full disk, a name too long."""
    return storage_error(exc, str(path))
