"""perfdesk's temporary files beside a target (exports, 另存为, a first import): named, made, and cleaned.

Every file perfdesk writes is written to ``.<name>.<pid>-<random>.tmp`` in the target's folder
and renamed onto the target when complete, so a crash never leaves half a file under the real
name. A process killed in between leaves its temporary file behind; the next write into that
folder removes such leftovers: files of this exact pattern whose process is gone (POSIX), or
that can be deleted at all (Windows refuses to delete a file another program is still writing),
or that are older than a day. Nothing else in the folder is touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from pathlib import Path

#: ``.<stem>.<pid>-<8 hex>.tmp``
_PATTERN = re.compile(r"^\..*\.(\d+)-[0-9a-f]{8}\.tmp$")
#: A temporary file older than this is a leftover whoever made it (seconds).
STALE_AGE = 24 * 3600


def temp_path(target: Path) -> Path:
    """A new temporary name beside ``target`` (the file is not created)."""
    return target.with_name(f".{target.stem[:40]}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def is_temp_name(name: str) -> bool:
    """Whether ``name`` is one of perfdesk's temporary files."""
    return _PATTERN.fullmatch(name) is not None


def process_alive(pid: int) -> bool:
    """Whether a process of this computer with this id is running (POSIX only)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # POSIX only: signal 0 tests without sending (on Windows it would end the process)
    except ProcessLookupError:
        return False
    except OSError:  # exists, belongs to someone else
        return True
    return True


def clean_stale(folder: Path) -> list[Path]:
    """Remove perfdesk's leftover temporary files in ``folder``; returns those removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _PATTERN.fullmatch(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AGE
            pid = int(match.group(1))
            if old or (pid != os.getpid() and (os.name == "nt" or not process_alive(pid))):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed
