"""Backing the open workspace up: when it is opened and every few minutes while it is being edited.

A failed backup (disk full, no data folder) never interrupts the clerk: it is said in the status
line, and the next round tries again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from perfdesk.errors import PerfdeskError
from perfdesk.ui.settings import AppSettings


class BackupKeeper(QObject):
    """Signals: message(str): what a backup round did, for the status line."""

    message = Signal(str)

    def __init__(self, settings: AppSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.path: Path | None = None
        self._dirty = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)

    def start(self, path: Path) -> None:
        """Back ``path`` up now and then every ``settings.backup_minutes`` minutes of editing."""
        self.path = path
        self._dirty = False
        self.backup_now()
        self.timer.start(self.settings.backup_minutes * 60_000)

    def stop(self) -> None:
        """The workspace is closing: back up what changed since the last round, then stop."""
        if self._dirty:
            self.backup_now()
        self.timer.stop()
        self.path = None

    def set_minutes(self, minutes: int) -> None:
        """A new interval, in force at once while a workspace is open."""
        if self.timer.isActive():
            self.timer.start(minutes * 60_000)

    def changed(self) -> None:
        self._dirty = True

    def tick(self) -> None:
        if self._dirty:
            self.backup_now()

    def backup_now(self) -> Path | None:
        if self.path is None:
            return None
        self._dirty = False
        try:
            from perfdesk.services.backups import make_backup  # the database only once a file is open

            made = make_backup(self.path, keep=self.settings.backup_keep)
        except PerfdeskError as exc:
            self.message.emit(f"自动备份失败：{exc.message}")
            return None
        return made
