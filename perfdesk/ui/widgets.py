"""Shared widget behaviour: what every input field in perfdesk does, decided in one place.

:func:`install` puts one application-wide event filter in place (``make_application`` calls
it; it is idempotent). For every widget of the application except the editors inside item
views (the tree's rename editor, the indicator grid's cell editors, which their views own):

* **Mouse wheel.** A spin box or combo box takes the wheel only when it has the keyboard focus:
  its focus policy becomes ``StrongFocus`` (a wheel never gives it the focus), and a wheel over
  it while unfocused scrolls the scroll area around it instead of changing the value.
* **Tab.** Tab and Shift+Tab move the focus out of every text field; a multi-line field
  (QPlainTextEdit, QTextEdit) never takes a typed tab. Ctrl+Tab and Ctrl+Shift+Tab move the
  focus too, the usual way out of a field that takes Tab.
* **Long text.** A line edit whose text does not fit shows all of it in its tooltip.
* **Undo.** In a window registered with :func:`route_undo`, Ctrl+Z / Ctrl+Y in a text field
  undo or redo the field's own typing while it holds typing not yet committed (its own undo
  history has something: an amount or a 绩效目标 line being typed, refused text still shown);
  otherwise they go to the window's QUndoStack, like everywhere else. Fields that commit every
  keystroke (:func:`mark_live`) never hold uncommitted typing: their Ctrl+Z is always the
  stack's, which undoes the typing as one step.

Pasted text in the forms (:func:`one_line`, :func:`without_tabs`): no perfdesk text field is
tabular, and a tab in the official text prints as a stray tab stop, so a tab becomes one space
(the words stay apart; no character disappears unseen). A multi-line field keeps its line
breaks; a one-line field turns each into a space, except line breaks at the very end, which
Excel and Word add when a cell or a paragraph is copied, and which are dropped. Tabs are kept
only where they mean something: the indicator grid, where they separate pasted Excel cells.
"""

from __future__ import annotations

import html
import re
import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QFont, QHelpEvent, QKeyEvent, QKeySequence, QResizeEvent, QUndoStack, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolTip,
    QWidget,
)

#: Dynamic property of a field that commits every keystroke to the undo stack (see :func:`mark_live`).
LIVE_PROPERTY = "perfdeskLiveCommit"

_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_TRAILING_BREAKS = re.compile("(?:\r\n|[\r\n\x0b\x0c\x85\u2028\u2029])+$")
_KEYS = {Qt.Key.Key_Z, Qt.Key.Key_Y, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Backspace}
_KEYS |= {Qt.Key.Key_Undo, Qt.Key.Key_Redo}
_WHEELED = (QAbstractSpinBox, QComboBox)
_TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


# --- pasted text ------------------------------------------------------------------------------


def one_line(text: str) -> str:
    """``text`` for a one-line field: tabs and inner line breaks become spaces, final line breaks go."""
    return _LINE_BREAKS.sub(" ", _TRAILING_BREAKS.sub("", text)).replace("\t", " ")


def without_tabs(text: str) -> str:
    """``text`` for a multi-line field: each tab becomes a space, line breaks stay."""
    return text.replace("\t", " ")


def forget_typing(edit: QLineEdit) -> None:
    """End a line edit's own undo history (its typing was just committed); the cursor stays."""
    position = edit.cursorPosition()
    edit.setText(edit.text())
    edit.setCursorPosition(position)


def mark_live(widget: QWidget) -> None:
    """``widget`` commits every keystroke: Ctrl+Z / Ctrl+Y there always go to the undo stack."""
    widget.setProperty(LIVE_PROPERTY, True)


# --- long text --------------------------------------------------------------------------------


class ElidedLabel(QLabel):
    """One line of plain text, cut with “…” to the width it is given; the tooltip has all of it.

    Its minimum width is small, so a 600-character title never makes a form wider than the window.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, bold: bool = False, scale: float = 1.0):
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = QFont(self.font())
        font.setBold(bold)
        if scale != 1.0:
            font.setPointSizeF(font.pointSizeF() * scale)
        self.setFont(font)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")

    def minimumSizeHint(self) -> Any:
        hint = super().minimumSizeHint()
        hint.setWidth(min(hint.width(), self.fontMetrics().horizontalAdvance("…") * 8))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


# --- the application-wide filter ------------------------------------------------------------------


def _in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _own_text(widget: QWidget) -> Any:
    """The object holding ``widget``'s own undo history (a line edit, or a text document)."""
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.document()
    return widget


class _Guard(QObject):
    """The one event filter; see the module's docstring for what it does."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._stacks: weakref.WeakKeyDictionary[QWidget, QUndoStack] = weakref.WeakKeyDictionary()

    def route_undo(self, window: QWidget, stack: QUndoStack) -> None:
        self._stacks[window] = stack

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            self._polish(watched)
        elif kind == QEvent.Type.Wheel:
            return self._wheel(watched, event)  # type: ignore[arg-type]
        elif kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return self._key(watched, event)  # type: ignore[arg-type]
        elif kind == QEvent.Type.ToolTip:
            return self._tooltip(watched, event)  # type: ignore[arg-type]
        return False

    # --- polish: focus policy and Tab -------------------------------------------------------------

    @staticmethod
    def _polish(widget: QObject) -> None:
        if isinstance(widget, _WHEELED):
            if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus and not _in_item_view(widget):
                widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and not _in_item_view(widget):
            widget.setTabChangesFocus(True)

    # --- wheel ---------------------------------------------------------------------------------------

    @staticmethod
    def _wheel(widget: QObject, event: QWheelEvent) -> bool:
        if not isinstance(widget, _WHEELED) or widget.hasFocus() or _in_item_view(widget):
            return False
        area = _scroll_area_around(widget)
        if area is None:
            event.ignore()  # not for this widget; a real wheel goes on to its parents
            return True
        viewport = area.viewport()
        position = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        scroll = QWheelEvent(
            position,
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
        )
        QApplication.sendEvent(viewport, scroll)
        event.accept()
        return True

    # --- keys: Ctrl+Tab, Ctrl+Z, Ctrl+Y ------------------------------------------------------------

    def _key(self, widget: QObject, event: QKeyEvent) -> bool:
        if event.key() not in _KEYS or not isinstance(widget, _TEXT_FIELDS):
            return False
        if widget is not QApplication.focusWidget() or _in_item_view(widget):
            return False
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return self._ctrl_tab(widget, event)
        stack = self._stacks.get(widget.window())
        redo = event.matches(QKeySequence.StandardKey.Redo) or (
            event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        )
        if stack is None or not (redo or event.matches(QKeySequence.StandardKey.Undo)):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()  # the key comes to the field, and is handled below, not by the window's action
            return True
        own = _own_text(widget)
        if own is not None and not widget.property(LIVE_PROPERTY):
            if redo and own.isRedoAvailable():
                own.redo()
                return True
            if not redo and own.isUndoAvailable():
                own.undo()
                return True
        if redo:
            stack.redo()
            return True
        if isinstance(own, QLineEdit):  # typing undone in the field is left behind, as in one history
            forget_typing(own)
        elif own is not None:
            own.clearUndoRedoStacks()
        stack.undo()
        return True

    @staticmethod
    def _ctrl_tab(widget: QWidget, event: QKeyEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        backwards = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
        modifiers = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers))
        return True

    # --- tooltips --------------------------------------------------------------------------------------

    @staticmethod
    def _tooltip(widget: QObject, event: QHelpEvent) -> bool:
        if not isinstance(widget, QLineEdit) or widget.toolTip() or _in_item_view(widget):
            return False
        text = widget.text()
        if not text or widget.fontMetrics().horizontalAdvance(text) <= widget.contentsRect().width() - 8:
            return False
        QToolTip.showText(event.globalPos(), f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>", widget)
        return True


_guards: list[_Guard] = []  # the one filter of this process's QApplication


def install(app: QApplication | None = None) -> None:
    """Put the application-wide filter in place (once per QApplication)."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if app is None or (_guards and shiboken6.isValid(_guards[0]) and _guards[0].parent() is app):
        return
    _guards[:] = [_Guard(app)]
    app.installEventFilter(_guards[0])


def route_undo(window: QWidget, stack: QUndoStack) -> None:
    """Ctrl+Z / Ctrl+Y in ``window``'s text fields: the field's own typing first, else ``stack``."""
    install()
    _guards[0].route_undo(window, stack)
