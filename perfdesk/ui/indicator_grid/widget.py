"""``IndicatorGrid``: the grid with its small toolbar, context menu and parse status line.

Self-contained (an EditSession, a QUndoStack and a project are all it needs),
so the main window embeds it and tests drive it without the window.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QToolButton, QVBoxLayout, QWidget

from perfdesk.layout.indicator_table import COL_NAME, COL_VALUE
from perfdesk.models import Project
from perfdesk.services.editing import EditSession
from perfdesk.ui import icons
from perfdesk.ui.indicator_grid import operations
from perfdesk.ui.indicator_grid.model import IndicatorTableModel, ProblemRole, describe_value
from perfdesk.ui.indicator_grid.view import IndicatorGridView


class IndicatorGrid(QWidget):
    """The indicator table editor of one project.

    Args:
        edits: the open workspace; every change goes through it (via undo commands).
        undo_stack: the window's undo stack, so Ctrl+Z works the same everywhere.
    """

    def __init__(self, edits: EditSession, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.undo_stack = undo_stack
        self.model = IndicatorTableModel(edits, undo_stack, self)
        self.view = IndicatorGridView(self)
        self.view.setModel(self.model)
        self.status = QLabel(self)
        self.status.setObjectName("indicatorStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("indicatorToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self._holding_message = False
        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self._connect_signals()
        self.set_project(None)

    # --- public API ---------------------------------------------------------------------

    def set_project(self, project: Project | None) -> None:
        """Show (and edit) this project's indicator rows; None shows an empty, disabled grid."""
        self.model.set_project(project)
        if project is not None and project.indicators:
            self.view.go_to(0, COL_NAME)
        self._update_actions()

    def select_cell(self, indicator_index: int, column: int) -> None:
        """Put the cursor on one cell (e.g. from a check finding) and focus the grid."""
        self.view.go_to(indicator_index, column)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_session(self) -> None:
        """Stop following the EditSession (call before closing it or dropping the widget)."""
        self.model.detach()

    # --- actions ------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(text: str, slot: object, *shortcuts: str) -> QAction:
            act = QAction(text, self)
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            act.setToolTip(f"{text.rstrip('…')}（{self._keys(act)}）")
            self.addAction(act)
            return act

        self.insert_action = action("插入行", self.insert_row, "Ctrl+Return", "Insert")
        self.delete_action = action("删除行", self.delete_rows, "Ctrl+Delete", "Ctrl+-")
        self.up_action = action("上移", lambda: self.move_row(-1), "Ctrl+Shift+Up")
        self.down_action = action("下移", lambda: self.move_row(1), "Ctrl+Shift+Down")
        #: 添加指标组…: the framework's groups the project lacks, as a menu at the cursor.
        self.group_action = action("添加指标组…", self.choose_group, "Ctrl+Shift+Insert", "Ctrl+G")
        self.group_menu = QMenu("添加指标组", self)
        self.group_menu.aboutToShow.connect(self._fill_group_menu)
        for act in (self.insert_action, self.delete_action, self.up_action, self.down_action):
            self.toolbar.addAction(act)
        # shown in the context menu (the toolbar shows text only)
        self.insert_action.setIcon(icons.icon("edit-table-insert-row-below"))
        self.delete_action.setIcon(icons.icon("edit-table-delete-row"))
        self.up_action.setIcon(icons.icon("go-up"))
        self.down_action.setIcon(icons.icon("go-down"))
        self.group_button = QToolButton(self)
        self.group_button.setDefaultAction(self.group_action)
        self.group_button.setMenu(self.group_menu)
        self.group_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.group_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.group_button)

    @staticmethod
    def _keys(action: QAction) -> str:
        """An action's shortcuts as the clerk reads them: ``Ctrl+Shift+Insert 或 Ctrl+G``."""
        return " 或 ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())

    def _connect_signals(self) -> None:
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.appendRequested.connect(self._append_row)
        self.view.message.connect(self.show_message)
        self.model.message.connect(self.show_message)
        self.view.selectionModel().currentChanged.connect(self._update_status)
        self.model.dataChanged.connect(self._update_status)
        self.model.structureChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._follow_project)

    def _follow_project(self) -> None:
        """Disabled while there is no project (none chosen yet, or it was just deleted)."""
        self.setEnabled(self.model.project is not None)

    def _fill_group_menu(self, menu: QMenu | None = None) -> None:
        """The framework's groups this project lacks, one entry each in framework order (arrows and Enter pick one).

        An entry reads "一级 › 二级"; a 一级 the table lacks altogether is marked （新一级指标）.
        """
        menu = menu or self.group_menu
        menu.clear()
        missing = operations.missing_groups(self.model.framework, self.model.indicators)
        present_level1 = {i.level1 for i in self.model.indicators}
        if not missing:
            menu.addAction("框架中的指标组都已添加").setEnabled(False)
        for level1, level2 in missing:
            text = f"{level1} › {level2}" + ("" if level1 in present_level1 else "（新一级指标）")
            menu.addAction(text).triggered.connect(lambda _=False, pair=(level1, level2): self.add_group(*pair))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.insert_action)
        menu.addAction(self.delete_action)
        menu.addAction(self.up_action)
        menu.addAction(self.down_action)
        menu.addSeparator()
        menu.addAction(self.group_action)  # then the missing groups pop up at the clicked cell
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def choose_group(self) -> None:
        """添加指标组… from the keyboard: the missing groups as a menu at the cursor (arrows, Enter)."""
        if self.model.project is None:
            return
        menu = QMenu(self)
        self._fill_group_menu(menu)
        index = self.view.currentIndex()
        point = self.view.visualRect(index).bottomLeft() if index.isValid() else QPoint(0, 0)
        if menu.actions():
            menu.setActiveAction(menu.actions()[0])
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    # --- row operations -----------------------------------------------------------------

    def insert_row(self) -> None:
        """A new row in the current row's group, just below it."""
        if self.model.project is None:
            return
        row = operations.insert_row(
            self.edits, self.undo_stack, self.model.project, self.model.framework, self.view.current_row()
        )
        self.view.go_to(row, COL_NAME)
        self.view.setFocus()

    def _append_row(self) -> None:
        """Tab in the last cell adds a row in the last group, as Tab does in a Word table.

        The cursor goes to the new row's 三级指标, as after 插入行: its 一级/二级 cells
        are merged with the group's, and typing there would rename the whole group.
        """
        if self.model.project is not None:
            row = operations.insert_row(
                self.edits, self.undo_stack, self.model.project, self.model.framework, self.model.rowCount() - 1
            )
            self.view.go_to(row, COL_NAME)
            indicator = self.model.indicator(row)
            group = indicator.level2 if indicator is not None else ""
            self.show_message(f"已在“{group}”组末尾添加一行。要新建指标组，请按 {self._keys(self.group_action)}。")

    def add_group(self, level1: str, level2: str) -> None:
        if self.model.project is None:
            return
        row = operations.add_group(
            self.edits, self.undo_stack, self.model.project, self.model.framework, level1, level2
        )
        self.view.go_to(row, COL_NAME)
        self.view.setFocus()

    def delete_rows(self) -> None:
        if self.model.project is None:
            return
        rows = self.view.selected_rows()
        column = max(self.view.currentIndex().column(), 0)
        count = operations.delete_rows(self.edits, self.undo_stack, self.model.project, rows)
        if count:
            self.view.go_to(min(rows[0], self.model.rowCount() - 1), column)
            self.show_message(f"已删除 {count} 行（Ctrl+Z 可撤销）")

    def move_row(self, delta: int) -> None:
        row = self.view.current_row()
        if self.model.project is None or row is None:
            return
        column = self.view.currentIndex().column()
        moved = operations.move_row(self.edits, self.undo_stack, self.model.project, row, delta)
        if moved is None:
            self.show_message(
                "只能在同一指标组内移动。要把指标放到别的组，请在那个组里插入新行"
                f"（{self._keys(self.insert_action)}），或用“添加指标组…”（{self._keys(self.group_action)}）。"
            )
        else:
            self.view.go_to(moved, column)

    def _update_actions(self) -> None:
        has_row = self.view.current_row() is not None
        for act in (self.delete_action, self.up_action, self.down_action):
            act.setEnabled(has_row)
        self._update_status()

    def show_message(self, text: str) -> None:
        """Say what an operation did under the grid; the cursor moves it makes do not wipe it out."""
        self.status.setText(text)
        self._holding_message = True
        QTimer.singleShot(0, self, self._release_message)

    def _release_message(self) -> None:
        self._holding_message = False

    def _update_status(self, *_args: object) -> None:
        """Under the grid: how the current row's 指标值 reads, or the current cell's problem."""
        if self._holding_message:
            return
        index = self.view.currentIndex()
        indicator = self.model.indicator(index.row()) if index.isValid() else None
        if indicator is None:
            self.status.setText("")
            return
        problem = index.data(ProblemRole) if index.column() != COL_VALUE else None
        self.status.setText(problem or f"指标值：{describe_value(indicator)[0]}")
