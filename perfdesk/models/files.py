"""A workspace file as SQLite sees it: its marks, its URI, whether it needs recovery, a plain read-only connection.

Free of SQLAlchemy, so that ``perfdesk check`` can read a current, clean workspace with ``sqlite3`` alone
(``perfdesk.models.snapshot``); ``perfdesk.models.workspace`` opens files the full way and re-exports these.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

#: Marks a SQLite file as a perfdesk workspace ("PFDK").
APPLICATION_ID = 0x5046444B
#: The schema this perfdesk writes; each Alembic revision raises it by one.
SCHEMA_VERSION = 5
#: The Alembic revision that matches SCHEMA_VERSION.
HEAD_REVISION = "0005"

#: The first bytes of every SQLite database file.
SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a statement waits for another program's SQLite lock before saying "in use" (seconds):
#: other programs only read between the holder's edits, for milliseconds, so a long wait means
#: something is wrong, and the GUI must not freeze meanwhile.
BUSY_TIMEOUT = 2.0


def sqlite_uri(path: Path | str, *, read_only: bool = True, windows: bool | None = None) -> str:
    r"""The SQLite URI of ``path``, for a path on a network share too (``\\server\share\…``).

    ``Path.resolve().as_uri()`` writes a share as ``file://server/share/…``, and SQLite refuses any
    URI authority but ``localhost``: a workspace on a share (or on a mapped drive, which
    ``resolve()`` turns into the share's name) could not be opened. Written here as
    ``file:////server/share/…`` the authority is empty, and SQLite hands ``//server/share/…`` to
    Windows as it is; a drive path is ``file:///C:/…``. ``os.path.abspath`` rather than
    ``resolve()`` leaves a mapped drive letter alone and follows no link. Space, ``#``, ``?``,
    ``%`` and Chinese are percent-encoded. ``windows`` defaults to the running system (tests pass it).
    """
    windows = os.name == "nt" if windows is None else windows
    text = os.path.abspath(path) if windows == (os.name == "nt") else str(path)
    if windows:
        if text.startswith("\\\\?\\"):  # an extended-length path: \\?\UNC\server\… or \\?\C:\…
            text = "\\\\" + text[8:] if text[4:8].upper() == "UNC\\" else text[4:]
        text = text.replace("\\", "/")
        if not text.startswith("//"):  # C:/… ; a share keeps its two leading slashes
            text = "/" + text
    query = "?mode=ro" if read_only else ""
    return f"file://{urllib.parse.quote(text, safe='/:')}{query}"


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a SQLite database (a workspace, whatever its name ends in); False when unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def needs_recovery(path: Path) -> bool:
    """Whether a read-only connection would have to write: a hot journal (a crash mid-commit) or WAL mode.

    SQLite rolls a hot journal back on the next open, which a ``mode=ro`` connection cannot do
    ("attempt to write a readonly database"); a WAL-mode file needs its ``-shm`` file written.
    """
    journal = path.with_name(path.name + "-journal")
    wal = path.with_name(path.name + "-wal")
    try:
        if (journal.exists() and journal.stat().st_size > 0) or wal.exists():
            return True
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2  # the file format's write version: 2 is WAL


class NotPlain(Exception):
    """The file is not a current, clean workspace that can be read as it is: open it the full way."""


@contextmanager
def plain_reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only ``sqlite3`` connection to a current perfdesk workspace that needs nothing done first.

    Anything else (another program's file, an older or newer schema, a hot journal, WAL mode, a lock,
    a damaged page) raises ``NotPlain`` at once, without waiting: ``open_workspace`` then deals with
    it and says what is wrong in Chinese.
    """
    if needs_recovery(path):
        raise NotPlain(str(path))
    try:
        with closing(sqlite3.connect(sqlite_uri(path), uri=True, timeout=0)) as conn:
            marks = (
                conn.execute("PRAGMA application_id").fetchone()[0],
                conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("PRAGMA quick_check").fetchone()[0],
            )
            if marks != (APPLICATION_ID, SCHEMA_VERSION, "ok"):
                raise NotPlain(str(path))
            yield conn
    except sqlite3.Error as exc:
        raise NotPlain(str(path)) from exc
