"""What the window remembers between runs (QSettings): geometry, splitter, recent and last file.

Kept in one small wrapper so tests can point QSettings at a temporary folder
and the rest of the UI never spells a settings key.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from perfdesk import locations
from perfdesk.domain.limits import BACKUP_KEEP_DEFAULT as DEFAULT_KEEP
from perfdesk.domain.limits import BACKUP_KEEP_RANGE as KEEP_RANGE
from perfdesk.domain.limits import BACKUP_MINUTES_DEFAULT as DEFAULT_MINUTES
from perfdesk.domain.limits import BACKUP_MINUTES_RANGE as MINUTES_RANGE
from perfdesk.layout import empty_parts

MAX_RECENT = 8


class AppSettings:
    """Typed access to the few values perfdesk keeps in QSettings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._qs = settings or QSettings()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._qs.setValue("window/splitter", value)

    @property
    def project_header(self) -> tuple[int | None, bool]:
        """The project page's header: the height the clerk dragged it to (None: fitted), and whether it is folded."""
        value = self._qs.value("window/project_header_height")
        height = int(value) if isinstance(value, (int, str)) and str(value).isdigit() else None
        collapsed = str(self._qs.value("window/project_header_collapsed", "false")).lower() == "true"
        return height, collapsed

    @project_header.setter
    def project_header(self, value: tuple[int | None, bool]) -> None:
        height, collapsed = value
        if height is None:
            self._qs.remove("window/project_header_height")
        else:
            self._qs.setValue("window/project_header_height", int(height))
        self._qs.setValue("window/project_header_collapsed", "true" if collapsed else "false")

    @property
    def check_height(self) -> int | None:
        """The height the clerk gave the 检查 panel (None: the default share of the window)."""
        value = self._qs.value("window/check_height")
        return int(value) if isinstance(value, (int, str)) and str(value).isdigit() and int(value) > 0 else None

    @check_height.setter
    def check_height(self, value: int) -> None:
        self._qs.setValue("window/check_height", int(value))

    @property
    def show_checks(self) -> bool:
        """Whether the 检查 panel is shown (on until the clerk hides it)."""
        return str(self._qs.value("window/show_checks", "true")).lower() != "false"

    @show_checks.setter
    def show_checks(self, value: bool) -> None:
        self._qs.setValue("window/show_checks", "true" if value else "false")

    @property
    def empty_parts(self) -> str:
        """What a Word export prints for an empty part: ``"none"`` (heading, then 无) or ``"omit"``."""
        value = str(self._qs.value("export/empty_parts", empty_parts.NONE))
        return value if value in empty_parts.CHOICES else empty_parts.NONE

    @empty_parts.setter
    def empty_parts(self, value: str) -> None:
        self._qs.setValue("export/empty_parts", value if value in empty_parts.CHOICES else empty_parts.NONE)

    @property
    def backup_keep(self) -> int:
        """How many backups to keep per workspace (文件 → 恢复备份… sets it)."""
        return self._int("backups/keep", DEFAULT_KEEP, KEEP_RANGE)

    @backup_keep.setter
    def backup_keep(self, value: int) -> None:
        self._qs.setValue("backups/keep", int(value))

    @property
    def backup_minutes(self) -> int:
        """Minutes of editing between automatic backups."""
        return self._int("backups/minutes", DEFAULT_MINUTES, MINUTES_RANGE)

    @backup_minutes.setter
    def backup_minutes(self, value: int) -> None:
        self._qs.setValue("backups/minutes", int(value))

    def _int(self, key: str, default: int, bounds: tuple[int, int]) -> int:
        value = str(self._qs.value(key, default))
        number = int(value) if value.isdigit() and len(value) < 6 else default
        return max(bounds[0], min(number, bounds[1]))

    @property
    def recent_files(self) -> list[Path]:
        value = self._qs.value("files/recent", [])
        # QSettings gives a list, a single string (one entry in an INI file) or None
        items: list[object] = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        return [Path(str(item)) for item in items if item]

    def add_recent(self, path: Path) -> None:
        """Put ``path`` first in the recent list and remember it as the last file."""
        text = _absolute(path)
        items = [text] + [str(p) for p in self.recent_files if str(p) != text]
        self._qs.setValue("files/recent", items[:MAX_RECENT])
        self._qs.setValue("files/last", text)

    def remove_recent(self, path: Path) -> None:
        text = _absolute(path)
        self._qs.setValue("files/recent", [str(p) for p in self.recent_files if str(p) != text])
        if self._qs.value("files/last") == text:
            self._qs.remove("files/last")

    @property
    def last_file(self) -> Path | None:
        value = self._qs.value("files/last")
        return Path(value) if value else None

    def sync(self) -> None:
        self._qs.sync()


def _absolute(path: Path) -> str:
    """The path as the clerk named it, made absolute: a mapped drive (Z:) or a share stays as it is."""
    return os.path.abspath(path)  # not Path.resolve(), which rewrites a mapped drive as its share and follows links


def app_data_dir() -> Path:
    """Where perfdesk keeps its own files (the sample workspace)."""
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    path = Path(base or Path.home() / ".perfdesk")
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Where the GUI writes its error log: the folder the command line's ``perfdesk.locations.log_dir`` names.

    AppLocalDataLocation, not the roaming AppDataLocation: a log stays on the PC it was written on.
    """
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    path = Path(base) / "logs" if base else locations.log_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def sample_workspace_path() -> Path:
    return app_data_dir() / "示例-巨鹿县司法局2024.perfdesk"
