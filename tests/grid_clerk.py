"""A clerk at the indicator grid: real widgets on a real workspace file, driven by keys and the mouse.

Shared by the grid's test modules. Message boxes and popup menus open their own
event loops, so ``answer`` and ``choose`` wait for them with a timer and press
their buttons or keys, as the clerk would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from perfdesk.checks import check_project
from perfdesk.layout.indicator_table import COL_NAME, indicator_cells, indicator_merges
from perfdesk.models import Project, open_workspace
from perfdesk.services.editing import EditSession
from perfdesk.ui.indicator_grid import IndicatorGrid
from tests.qt_helpers import type_text

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


class Clerk:
    """An IndicatorGrid on a real workspace file, and the keys a clerk presses."""

    def __init__(self, qtbot: QtBot, path: Path) -> None:
        self.qtbot = qtbot
        self.path = path
        self.edits = EditSession.open(path)
        self.stack = QUndoStack()
        self.grid = IndicatorGrid(self.edits, self.stack)
        self.view = self.grid.view
        self.model = self.grid.model
        self.closed = False
        #: pytest-qt's ``qtmodeltester``, when the test asks for it (``check_model``).
        self.modeltester: ModelTester | None = None
        qtbot.addWidget(self.grid)
        self.grid.resize(1000, 520)
        with qtbot.waitActive(self.grid):  # shortcuts (Insert, Ctrl+Shift+Insert…) need an active window
            self.grid.show()
            self.grid.activateWindow()

    @property
    def department(self):
        return self.edits.departments()[0]

    def open_project(self, index: int) -> Project:
        project = self.department.projects[index]
        self.grid.set_project(project)
        return project

    def focus(self) -> QWidget:
        """Where a key goes: the focus widget, or the grid while a closed dialog still holds the focus.

        Offscreen, the focus can stay on a message box's button for a while after the box is
        closed (no window manager hands it back); a real key would go to the grid window.
        """
        widget = QApplication.focusWidget()
        if widget is None or not widget.window().isVisible():
            return self.view
        return widget

    def type(self, text: str) -> None:
        """Type into the current cell: the first key opens the editor, the rest go to it."""
        type_text(self.focus(), text[0])
        type_text(self.focus(), text[1:])

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)

    def paste(self, text: str) -> None:
        """Excel's clipboard text, then Ctrl+V in the grid."""
        QApplication.clipboard().setText(text)
        self.key(Qt.Key.Key_V, CTRL)

    # --- the mouse ---------------------------------------------------------------------

    def click(self, row: int, column: int, modifier: Qt.KeyboardModifier = NO, *, low: bool = False) -> None:
        """Click a cell at its centre (``low``: near the bottom of a merged cell, over its last row)."""
        rect = self.view.visualRect(self.model.index(row, column))
        point = QPoint(rect.center().x(), rect.bottom() - 4) if low else rect.center()
        self.qtbot.mouseClick(self.view.viewport(), LEFT, modifier, point)

    def right_click(self, row: int, column: int) -> None:
        """Right-click a cell: the press makes it current, then the context menu event."""
        point = self.view.visualRect(self.model.index(row, column)).center()
        viewport = self.view.viewport()
        self.qtbot.mousePress(viewport, Qt.MouseButton.RightButton, NO, point)
        self.qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, NO, point)
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
        QApplication.sendEvent(viewport, event)

    def click_below_rows(self) -> None:
        """Click the empty area under the last row."""
        last = self.model.rowCount() - 1
        rect = self.view.visualRect(self.model.index(last, COL_NAME))
        self.qtbot.mouseClick(self.view.viewport(), LEFT, NO, QPoint(rect.center().x(), rect.bottom() + 20))

    def click_row_header(self, row: int) -> None:
        """Click a row's number on the left (selects the whole row)."""
        header = self.view.verticalHeader()
        y = header.sectionViewportPosition(row) + header.sectionSize(row) // 2
        self.qtbot.mouseClick(header.viewport(), LEFT, NO, QPoint(header.width() // 2, y))

    def check_model(self) -> None:
        """Run Qt's QAbstractItemModelTester over the grid model now (it keeps watching its signals after)."""
        assert self.modeltester is not None
        self.modeltester.check(self.model)

    def current(self) -> tuple[int, int]:
        index = self.view.currentIndex()
        return index.row(), index.column()

    def selected(self) -> set[tuple[int, int]]:
        return {(i.row(), i.column()) for i in self.view.selectionModel().selectedIndexes()}

    # --- dialogs and popups --------------------------------------------------------------

    @contextmanager
    def answer(self, button: str | None = None) -> Iterator[list[str]]:
        """Expect a message box inside the block and press ``button`` (its text; None: the only/first one).

        Yields the list the box's text is put in, so the test can read what the clerk was told.
        """
        seen: list[str] = []

        def press(box: QWidget) -> bool:
            if not isinstance(box, QMessageBox):
                return False
            seen.append(box.text())
            buttons = [b for b in box.buttons() if button is None or b.text() == button]
            assert buttons, f"no button {button!r} in {[b.text() for b in box.buttons()]}"
            self.qtbot.mouseClick(buttons[0], LEFT)
            return True

        with self._waiting_for(QApplication.activeModalWidget, press):
            yield seen
        assert seen, "no message box was shown"
        if not self.grid.isActiveWindow():  # a desktop gives the focus back; the offscreen platform does not
            with self.qtbot.waitActive(self.grid):
                self.grid.activateWindow()

    @contextmanager
    def choose(self, *entries: str) -> Iterator[list[list[str]]]:
        """Expect popup menus inside the block and pick ``entries`` with the keyboard (arrows, Enter).

        An entry that opens another menu (the context menu's 添加指标组…) is followed by
        the next entry in that menu. Yields the list that gets each menu's entries, as offered.
        """
        offered: list[list[str]] = []

        def pick(menu: QWidget) -> bool:
            if not isinstance(menu, QMenu):
                return False
            text = entries[len(offered)]
            shown = [a.text() for a in menu.actions() if not a.isSeparator()]
            offered.append(shown)
            assert text in shown, f"{text!r} not offered: {shown}"
            while menu.activeAction() is None or menu.activeAction().text() != text:
                self.qtbot.keyClick(menu, Qt.Key.Key_Down)
            # Enter may open the next menu, with its own event loop: press it outside this timer's call
            QTimer.singleShot(0, menu, lambda: self.qtbot.keyClick(menu, Qt.Key.Key_Return))
            return len(offered) == len(entries)

        with self._waiting_for(QApplication.activePopupWidget, pick):
            yield offered
        assert len(offered) == len(entries), f"menus offered: {offered}"

    @contextmanager
    def _waiting_for(self, find: Callable[[], QWidget | None], act: Callable[[QWidget], bool]) -> Iterator[None]:
        """Poll for a dialog or popup while the block runs; ``act`` on each one until it returns True."""
        timer = QTimer()
        errors: list[BaseException] = []
        handled: list[QWidget] = []

        def poll() -> None:
            widget = find()
            if widget is None or not widget.isVisible() or any(widget is w for w in handled):
                return
            handled.append(widget)
            try:
                if act(widget):
                    timer.stop()
            except BaseException as exc:  # noqa: BLE001 -- re-raised in the test, after the dialog is gone
                timer.stop()
                errors.append(exc)
                widget.close()

        timer.timeout.connect(poll)
        timer.start(20)
        try:
            yield
        finally:
            timer.stop()
        if errors:
            raise errors[0]

    # --- what is stored ------------------------------------------------------------------

    def cells(self, project: Project) -> list[tuple[str, ...]]:
        return [indicator_cells(i) for i in project.indicators]

    def r19(self, project: Project) -> list[str]:
        """The R19 (split group) findings of the project, as the 检查 panel would list them."""
        return [f.message for f in check_project(project.department, project) if f.rule == "R19"]

    def assert_spans_match_print(self) -> None:
        indicators = self.model.indicators
        assert self.model.rowCount() == len(indicators)
        starts = {(run.first, run.column): run.count for run in indicator_merges(indicators)}
        for row in range(len(indicators)):
            for column in range(6):
                assert self.view.columnSpan(row, column) == 1
                if (row, column) in starts:
                    assert self.view.rowSpan(row, column) == starts[row, column], (row, column)
                elif column >= COL_NAME:
                    assert self.view.rowSpan(row, column) == 1

    def stored_after_closing(self, project: Project) -> list[tuple[str, ...]]:
        """Close the grid and its session, then read the project's rows back from the file."""
        project_id = project.id
        self.close()
        return reopen_indicators(self.path, project_id)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.grid.close_session()
            self.edits.close()


def reopen_indicators(path: Path, project_id: int) -> list[tuple[str, ...]]:
    """The project's rows as stored in the file, read by a fresh connection."""
    with open_workspace(path) as workspace, workspace.session() as session:
        project = session.get(Project, project_id)
        assert project is not None
        return [indicator_cells(i) for i in project.indicators]


def checked_clerk(qtbot: QtBot, path: Path, modeltester: ModelTester) -> Iterator[Clerk]:
    """A Clerk whose grid model Qt's model tester checks after every operation (a fixture's body)."""
    clerk = Clerk(qtbot, path)
    clerk.modeltester = modeltester
    yield clerk
    clerk.close()
