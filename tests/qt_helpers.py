"""Typing Chinese into widgets from tests.

``qtbot.keyClicks`` aborts the whole pytest process on a non-ASCII character
(an assertion in qasciikey.cpp), so text is sent as key events that carry it,
or as the commit string a Pinyin input method delivers.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` one character at a time, as key presses carrying the character."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def ime_commit(widget: QWidget, text: str) -> None:
    """Deliver ``text`` the way an input method commits a composed phrase."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)
