"""The main window: composition only — menus, toolbar, status bar, welcome page or workspace view.

File handling (新建/打开/另存为/导入) lives here because it swaps the
workspace view (the file work itself is done by perfdesk.services); editing
lives in the tree, the editors and the grid.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from perfdesk import APP_TITLE, WORKSPACE_SUFFIX, __version__
from perfdesk.domain.amounts import display_wanyuan
from perfdesk.errors import DepartmentExists, PerfdeskError
from perfdesk.export.registry import ExportFormat, ExportOptions
from perfdesk.layout import empty_parts
from perfdesk.ui import dialogs, widgets
from perfdesk.ui.actions import Actions
from perfdesk.ui.backup_keeper import BackupKeeper
from perfdesk.ui.export_dialog import ExportRunner
from perfdesk.ui.focus import FocusRegions
from perfdesk.ui.help import HelpDialog
from perfdesk.ui.settings import AppSettings, sample_workspace_path
from perfdesk.ui.welcome import WelcomePage

# The window is shown before the database, the checks and the editors are imported (start-up
# time): what needs them imports them where a workspace is opened, imported or exported.
if TYPE_CHECKING:
    from perfdesk.checks import Finding
    from perfdesk.compare.model import Target
    from perfdesk.models import Department
    from perfdesk.services.editing import Change, EditSession
    from perfdesk.services.importing import ImportResult
    from perfdesk.ui.check_panel import CheckPanel
    from perfdesk.ui.compare_view import CompareDialog
    from perfdesk.ui.import_report import ImportReport
    from perfdesk.ui.workspace_view import WorkspaceView

WORKSPACE_FILTER = f"perfdesk 工作区 (*{WORKSPACE_SUFFIX})"
#: The 检查 panel's first height: a share of the window, so the indicator grid keeps the most room.
CHECK_SHARE, CHECK_MIN, CHECK_MAX = 0.2, 110, 300
#: The 视图 menu: keyboard travel between the regions, each action → the region it goes to.
FOCUS_ACTIONS = {"focus_tree": "tree", "focus_editor": "editor", "focus_grid": "grid", "focus_checks": "checks"}
#: Edit-menu words → the method names the focused widget may offer, in order of preference.
EDIT_METHODS = {
    "copy": ("copy_selection", "copy"),
    "paste": ("paste",),
    "delete": ("clear_selection", "delete_selected", "del_"),
}


def _short(text: str, limit: int = 30) -> str:
    """An undo step's name, cut to fit a menu (a 600-character project name stays in the file)."""
    if len(text) <= limit:
        return text
    closing = "”" if text.endswith("”") else ""
    return text[: limit - 1 - len(closing)] + "…" + closing


def import_file_filter() -> str:
    """The 导入 dialog's filter: every readable file first, then one filter per format (JSON, Excel, Word)."""
    from perfdesk.services.importing import FILE_FILTERS

    patterns = " ".join(f"*{suffix}" for suffix in FILE_FILTERS)
    return ";;".join([f"可导入的文件 ({patterns})", *FILE_FILTERS.values()])


PREFERRED_SIZE = QSize(1280, 820)  # the window at first start, on a screen large enough for it


def first_size(available: QSize) -> QSize:
    """The first-start size: the preferred one, within the screen's free area (a 1024×768 office PC
    would otherwise get a window wider than its screen, its right edge out of reach)."""
    return PREFERRED_SIZE.boundedTo(available)


def _collect_closed_soon() -> None:
    """A closed workspace's view was destroyed; its Python side goes once the destructor is done:
    collect the closed workspace then (``collect_closed``), on the next turn of the event loop."""
    from perfdesk.services.collecting import collect_closed

    QTimer.singleShot(0, collect_closed)


class MainWindow(QMainWindow):
    """The perfdesk window. ``open_path`` shows a workspace; with none open, the welcome page."""

    def __init__(self, settings: AppSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or AppSettings()
        self.undo_stack = QUndoStack(self)
        self.named_actions = Actions(self)
        self.edits: EditSession | None = None
        self.view: WorkspaceView | None = None
        self.checks: CheckPanel | None = None
        self.exporter = ExportRunner(self)
        self.empty_parts_action = self._empty_parts_option()
        self.backups = BackupKeeper(self.settings, self)
        self.focus_regions = FocusRegions(self)
        self.help_dialog: HelpDialog | None = None
        self.import_report: ImportReport | None = None
        self.compare_dialog: CompareDialog | None = None
        self.welcome = WelcomePage()
        self.central = QStackedWidget()
        self.central.addWidget(self.welcome)
        self.setCentralWidget(self.central)
        self.saved_label = QLabel()
        self.totals_label = QLabel()
        self.statusBar().addWidget(self.saved_label)
        self.statusBar().addPermanentWidget(self.totals_label)
        self._last_focus: QWidget | None = None
        self._build_check_dock()
        self._build_menus()
        self._build_toolbar()
        self._connect_signals()
        self.resize(first_size(self.screen().availableGeometry().size()))
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        self._show_welcome()

    # --- construction --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        a = self.named_actions
        file_menu = self.menuBar().addMenu("文件(&F)")
        file_menu.addActions([a["new"], a["open"]])
        self.recent_menu = file_menu.addMenu("最近打开的文件(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addActions([a["save_as"], a["restore_backup"]])
        file_menu.addSeparator()
        file_menu.addAction(a["import"])
        export_menu = file_menu.addMenu("导出(&E)")
        export_menu.addActions([action for _fmt, action in a.exports])
        export_menu.addSeparator()
        export_menu.addAction(self.empty_parts_action)
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        edit_menu.addActions([a["undo"], a["redo"]])
        edit_menu.addSeparator()
        edit_menu.addActions([a["copy"], a["paste"], a["delete"]])
        edit_menu.addSeparator()
        edit_menu.addActions([a["new_department"], a["rollover"]])
        view_menu = self.menuBar().addMenu("视图(&V)")
        view_menu.addActions([a["focus_next"], a["focus_previous"]])
        view_menu.addSeparator()
        view_menu.addActions([a[name] for name in FOCUS_ACTIONS])
        check_menu = self.menuBar().addMenu("检查(&K)")
        check_menu.addAction(a["check"])
        tools_menu = self.menuBar().addMenu("工具(&T)")
        tools_menu.addActions([a["library"], a["compare"]])
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(a["help"])
        help_menu.addSeparator()
        help_menu.addAction(a["about"])

    def _build_toolbar(self) -> None:
        bar = QToolBar("工具栏")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        a = self.named_actions
        bar.addActions([a["new"], a["open"], a["import"]])
        bar.addSeparator()
        bar.addActions([action for _fmt, action in a.exports])
        bar.addSeparator()
        bar.addActions([a["undo"], a["redo"]])
        bar.addSeparator()
        bar.addAction(a["check"])
        self.addToolBar(bar)

    def _build_check_dock(self) -> None:
        """The 检查 panel docks at the bottom; its content is made per open workspace."""
        self.check_dock = QDockWidget("检查", self)
        self.check_dock.setObjectName("checkDock")
        self.check_dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        # not closable: F7 / the 检查 action is the one switch, so it always tells the truth
        self.check_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.check_dock)
        self.check_dock.hide()  # shown with a workspace
        check = self.named_actions["check"]
        check.setCheckable(True)
        check.setChecked(self.settings.show_checks)
        check.toggled.connect(self._toggle_checks)

    def _connect_signals(self) -> None:
        a = self.named_actions
        a["new"].triggered.connect(self.new_workspace)
        a["open"].triggered.connect(self.open_dialog)
        a["save_as"].triggered.connect(self.save_as)
        a["restore_backup"].triggered.connect(self.restore_backup)
        self.backups.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        a["import"].triggered.connect(self.import_dialog)
        for fmt, action in a.exports:
            action.triggered.connect(self._exporter_of(fmt))
        a["quit"].triggered.connect(self.close)
        a["undo"].triggered.connect(self.undo_stack.undo)
        a["redo"].triggered.connect(self.undo_stack.redo)
        a["copy"].triggered.connect(lambda: self._edit_focused("copy"))
        a["paste"].triggered.connect(lambda: self._edit_focused("paste"))
        a["delete"].triggered.connect(lambda: self._edit_focused("delete"))
        a["new_department"].triggered.connect(lambda: self.view and self.view.structure.new_department())
        a["rollover"].triggered.connect(self.roll_over)
        a["about"].triggered.connect(self.about)
        a["help"].triggered.connect(self.show_help)
        a["library"].triggered.connect(self.show_library)
        a["compare"].triggered.connect(self.show_compare)
        a["focus_next"].triggered.connect(lambda: self.focus_regions.cycle(1))
        a["focus_previous"].triggered.connect(lambda: self.focus_regions.cycle(-1))
        for name, region in FOCUS_ACTIONS.items():
            a[name].triggered.connect(partial(self.focus_regions.go, region))
        self.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        self.undo_stack.undoTextChanged.connect(self._name_undo_actions)
        self.undo_stack.redoTextChanged.connect(self._name_undo_actions)
        self._name_undo_actions()
        widgets.route_undo(self, self.undo_stack)  # Ctrl+Z in a field: its own uncommitted typing, else the stack
        self.welcome.newRequested.connect(self.new_workspace)
        self.welcome.openRequested.connect(self.open_dialog)
        self.welcome.sampleRequested.connect(self.open_sample)
        self.welcome.recentRequested.connect(self.open_path)
        app = QApplication.instance()
        assert isinstance(app, QApplication)  # widgets exist, so the application is a QApplication
        app.focusChanged.connect(self._focus_changed)

    # --- showing a workspace -------------------------------------------------------------------

    def _update_file_actions(self) -> None:
        has_file = self.edits is not None
        moves = ("focus_next", "focus_previous", *FOCUS_ACTIONS)
        writable = has_file and self.edits is not None and not self.edits.read_only
        for name in ("save_as", "restore_backup", "check", "library", "compare", "copy", *moves):
            self.named_actions[name].setEnabled(has_file)
        for name in ("import", "new_department", "rollover", "paste", "delete"):  # they change the file
            self.named_actions[name].setEnabled(writable)
        for _fmt, action in self.named_actions.exports:
            action.setEnabled(has_file)
        self.named_actions["undo"].setEnabled(writable and self.undo_stack.canUndo())
        self.named_actions["redo"].setEnabled(writable and self.undo_stack.canRedo())

    def _show_welcome(self) -> None:
        self.welcome.set_recent([p for p in self.settings.recent_files if p.exists()])
        self.central.setCurrentWidget(self.welcome)
        self.setWindowTitle(APP_TITLE)
        self.saved_label.setText("")
        self.totals_label.setText("")
        self._update_file_actions()

    def open_path(self, path: Path) -> bool:
        """Open a workspace file and show it; explains and returns False when it cannot."""
        from perfdesk.services.collecting import collector_paused, keep_long_lived
        from perfdesk.services.exporting import same_file

        path = Path(path)
        if self.edits is not None and same_file(self.edits.path, path):
            self.close_workspace()  # opened again: read it afresh (this window holds its lock)
        with collector_paused():  # what opening builds stays until the file is closed: nothing to collect
            opened = self._open_and_show(path)
            if opened:
                keep_long_lived()  # before the collector resumes, or its first pass walks all of it
        return opened

    def _open_and_show(self, path: Path) -> bool:
        """Open ``path`` (after asking or explaining, see ``open_session``) and show it in place of what was shown."""
        from perfdesk.ui.opening import open_session
        from perfdesk.ui.workspace_view import WorkspaceView

        edits = open_session(self, path, self._show_backups_of)
        if edits is None:
            if not path.exists():
                self.settings.remove_recent(path)
                self.welcome.set_recent([p for p in self.settings.recent_files if p.exists()])
            if self.edits is None:
                self._show_welcome()
            return False
        self.close_workspace()
        self.edits = edits
        self.view = WorkspaceView(edits, self.undo_stack)
        # 复制/粘贴/删除 keys act on the tree's items only when the tree has the focus (``local``)
        self.view.tree.addActions([self.named_actions[name] for name in EDIT_METHODS])
        if self.settings.splitter is not None:
            self.view.restoreState(self.settings.splitter)
        else:
            self.view.fit_tree(self.width())
        self.view.editors.project.restore_header_state(*self.settings.project_header)
        self.view.editors.project.headerChanged.connect(self._remember_project_header)
        self.central.addWidget(self.view)
        self.central.setCurrentWidget(self.view)
        self.view.departmentChanged.connect(lambda _dept: self._update_title())
        self._attach_checks(edits, self.view)
        edits.subscribe(self._on_change)
        edits.subscribe_errors(self._on_edit_failed)
        self.settings.add_recent(path)
        self._update_title()
        self._update_totals()
        if edits.read_only:
            self._show_read_only(self.view)
        else:
            self.saved_label.setText("所有修改随时自动保存")
            self.backups.start(path)
        self._update_file_actions()
        return True

    def _show_read_only(self, view: WorkspaceView) -> None:
        """Viewing only: the editors refuse input (again for each node shown) and the status line says so."""
        from perfdesk.ui.read_only import lock_editing

        self.saved_label.setText("只读：不能修改（可以查看、检查和导出）")
        lock_editing(view)
        view.tree.nodeSelected.connect(lambda _node: lock_editing(view))

    def _remember_project_header(self) -> None:
        if self.view is not None:
            self.settings.project_header = self.view.editors.project.header_state()

    def _on_edit_failed(self, error: Exception) -> None:
        """An undo/redo step could not be saved: say so after the stack has settled."""
        if isinstance(error, PerfdeskError):
            QTimer.singleShot(0, lambda: dialogs.show_error(self, error, "修改未保存"))
        else:
            sys.excepthook(type(error), error, error.__traceback__)

    def close_workspace(self) -> None:
        """Close the open workspace (everything is already saved); shows nothing by itself."""
        from perfdesk.services.collecting import release_long_lived

        if self.edits is None or self.view is None:
            return
        if self.compare_dialog is not None:  # it shows this session's departments
            self.compare_dialog.close()
        self.settings.splitter = self.view.saveState()
        self._remember_check_height()
        self.undo_stack.clear()  # its commands point into this session
        self._detach_checks()
        self.view.close_session()
        self.backups.stop()
        self.edits.unsubscribe(self._on_change)
        self.central.removeWidget(self.view)
        self.view.destroyed.connect(_collect_closed_soon)  # a function: the window may be going too
        self.view.deleteLater()
        self.edits.close()
        self.edits = None
        self.view = None
        release_long_lived()

    def _on_change(self, change: Change) -> None:
        """Say it is saved; the title and the totals only when the edit can have changed them."""
        from perfdesk.models import Indicator, Measure, SubGoal  # loaded with the workspace, not at start-up

        self.backups.changed()
        self.saved_label.setText(f"已保存 {time.strftime('%H:%M:%S')}")
        if isinstance(change.entity, (Indicator, SubGoal, Measure)):
            return  # the most frequent edits (the grid, the goals) show in neither
        self._update_title()
        self._update_totals()

    def _update_title(self) -> None:
        if self.edits is None or self.view is None:
            self.setWindowTitle(APP_TITLE)
            return
        dept = self.view.department()
        name = f"{self.edits.path.name}（只读）" if self.edits.read_only else self.edits.path.name
        parts = [dept.effective_title if dept else None, name]
        self.setWindowTitle(" — ".join(p for p in parts if p))
        self.setWindowFilePath(str(self.edits.path))

    def _update_totals(self) -> None:
        dept = self.view.department() if self.view else None
        if dept is None:
            self.totals_label.setText("")
            return
        total = sum((p.budget or Decimal(0) for p in dept.projects), Decimal(0))
        count = len(dept.projects)
        self.totals_label.setText(f"{dept.label()} · {count} 个项目 · 预算合计 {display_wanyuan(total)}")

    # --- the 检查 panel ----------------------------------------------------------------------------

    def _attach_checks(self, edits: EditSession, view: WorkspaceView) -> None:
        from perfdesk.ui.check_panel import CheckPanel

        self.checks = CheckPanel(edits)
        self.check_dock.setWidget(self.checks)
        view.departmentChanged.connect(self.checks.set_department)
        self.checks.results_changed.connect(view.model.set_marks)
        self.checks.finding_activated.connect(self._go_to_finding)
        self.checks.set_department(view.department())
        self.check_dock.setVisible(self.named_actions["check"].isChecked())
        self._size_check_dock()

    def _go_to_finding(self, finding: Finding) -> None:
        from perfdesk.ui.check_panel.navigate import go_to_finding

        if self.view is not None and not go_to_finding(self.view, finding):
            self.statusBar().showMessage("找不到这个问题所在的位置，它可能已被删除。", 5000)

    def _detach_checks(self) -> None:
        if self.checks is not None:
            self.checks.detach()  # waits for a running check before the session closes
            self.check_dock.hide()
            self.check_dock.setWidget(None)  # type: ignore[arg-type]  # Qt takes nullptr to detach; the stub omits it
            self.checks.deleteLater()
            self.checks = None

    def _size_check_dock(self) -> None:
        """The panel docked at the bottom gets the height the clerk gave it, else a fifth of the window."""
        if self._check_dock_at_bottom():
            height = self.settings.check_height or int(self.height() * CHECK_SHARE)
            self.resizeDocks([self.check_dock], [max(CHECK_MIN, min(height, CHECK_MAX))], Qt.Orientation.Vertical)

    def _remember_check_height(self) -> None:
        if self._check_dock_at_bottom():
            self.settings.check_height = self.check_dock.height()

    def _check_dock_at_bottom(self) -> bool:
        dock = self.check_dock
        return (
            dock.isVisible()
            and not dock.isFloating()
            and self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
        )

    def _toggle_checks(self, show: bool) -> None:
        self.settings.show_checks = show
        if not show:
            self._remember_check_height()
        self.check_dock.setVisible(show and self.checks is not None)
        self._size_check_dock()
        if show and self.checks is not None:
            self.checks.check_now()
            self.checks.table.setFocus()

    def _export_despite_errors(self) -> bool:
        """Errors never block an export, but the clerk is told how many remain (the bureau may send it back)."""
        from perfdesk.ui.check_panel.export_guard import ask_export_despite_errors

        if self.checks is None:
            return True
        count = sum(f.is_error for f in self.checks.findings_now())
        return count == 0 or ask_export_despite_errors(self, count)

    # --- file commands ---------------------------------------------------------------------------

    def _dialog_dir(self) -> str:
        if self.edits is not None:
            return str(self.edits.path.parent)
        recent = self.settings.recent_files
        return str(recent[0].parent) if recent else str(Path.home())

    def open_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "打开工作区", self._dialog_dir(), f"{WORKSPACE_FILTER};;所有文件 (*)"
        )
        if chosen:
            self.open_path(Path(chosen))

    def open_sample(self) -> None:
        from perfdesk.samples import create_sample_workspace

        try:
            path = create_sample_workspace(sample_workspace_path())
        except PerfdeskError as exc:
            dialogs.show_error(self, exc)
            return
        self.open_path(path)

    def _ask_target(self, title: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, self._dialog_dir(), WORKSPACE_FILTER)
        if not chosen:
            return None
        target = Path(chosen)
        return target if target.suffix == WORKSPACE_SUFFIX else target.with_name(target.name + WORKSPACE_SUFFIX)

    def new_workspace(self) -> None:
        """Create an empty workspace file, open it and ask for its first department."""
        from perfdesk.services.copying import new_workspace_file

        target = self._ask_target("新建工作区")
        if target is None:
            return
        if self.edits is not None and target.resolve() == self.edits.path.resolve():
            dialogs.show_error(self, "这个文件正在使用中，请换一个文件名。")
            return
        try:
            new_workspace_file(target)  # the file dialog already asked before replacing it
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "无法新建")
            return
        if self.open_path(target) and self.view is not None:
            self.view.structure.new_department()

    def save_as(self) -> None:
        """Write a copy of the workspace and continue in the copy."""
        from perfdesk.services.copying import copy_workspace

        if self.edits is None:
            return
        target = self._ask_target("另存为")
        if target is None:
            return
        try:
            copy_workspace(self.edits.path, target)  # the file dialog already asked before replacing it
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "无法另存为")
            return
        self.open_path(target)

    def restore_backup(self) -> None:
        """文件 → 恢复备份…: the open workspace's backups."""
        if self.edits is not None:
            self._show_backups_of(self.edits.path)

    def _show_backups_of(self, path: Path) -> None:
        from perfdesk.ui.backup_dialog import show_backups

        restored = show_backups(self, path, self.settings, self.backups.set_minutes)
        if restored is not None:
            self.open_path(restored)

    def import_dialog(self) -> None:
        if self.edits is None:
            return
        chosen, _ = QFileDialog.getOpenFileNames(self, "导入", self._dialog_dir(), import_file_filter())
        if not chosen:
            return
        path = self.edits.path
        sources = [Path(c) for c in chosen]
        self.close_workspace()  # the importer writes the file itself; reopen afterwards
        result = self._import(sources, path)
        self.open_path(path)
        if result is None:
            return
        self._show_department([*result.added, *result.replaced][:1])
        if result.remarks:  # modeless: the clerk keeps it open while completing the tables
            from perfdesk.ui.import_report import ImportReport

            self.import_report = ImportReport(self, [*result.added, *result.replaced], result.remarks)
            self.import_report.show()
            return
        done = [f"已导入：{x}" for x in result.added] + [f"已替换：{x}" for x in result.replaced]
        QMessageBox.information(self, "导入", "\n".join(done) or "没有导入任何内容。")

    def _show_department(self, labels: list[str]) -> None:
        """Select the department-year with the first of these labels (``巨鹿县司法局 2024年``)."""
        from perfdesk.ui.commands import handle

        if self.edits is None or self.view is None or not labels:
            return
        for dept in self.edits.departments():
            if dept.label() == labels[0]:
                self.view.tree.select_handle(handle(dept))
                return

    def roll_over(self) -> None:
        """复制为下一年度 of the department-year selected in the tree."""
        if self.view is None:
            return
        department = self.view.department()
        if department is None:
            dialogs.show_error(self, "请先在左侧目录中选择要复制的部门年度。", "复制为下一年度")
            return
        self.view.structure.roll_over(department)

    def _exporter_of(self, fmt: ExportFormat) -> Callable[[], None]:
        def export() -> None:
            self.export(fmt)

        return export

    def _import(self, sources: list[Path], path: Path) -> ImportResult | None:
        """Import, offering to replace department-years already there; None when nothing was imported."""
        from perfdesk.services.importing import import_files

        try:
            try:
                return import_files(sources, path)
            except DepartmentExists as exc:
                if not dialogs.confirm(self, f"{exc.describe()}\n\n要用导入的内容替换吗？", "导入", "替换"):
                    return None
            return import_files(sources, path, replace=True)
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "导入失败")
            return None

    def _empty_parts_option(self) -> QAction:
        """导出 → 空白部分印“无”: checked, an empty 总体目标/分项目标/保障措施 prints its heading and 无;
        unchecked, the part is left out and the rest renumbered (the CLI's ``--empty-parts``)."""
        action = QAction("空白部分印“无”（不勾选则不印该部分）", self)
        action.setCheckable(True)
        action.setChecked(self.settings.empty_parts == empty_parts.NONE)
        action.setToolTip("导出 Word 时，没有内容的部分印出标题和“无”，或整个部分不印（其余部分依次编号）")
        action.toggled.connect(
            lambda checked: setattr(self.settings, "empty_parts", empty_parts.NONE if checked else empty_parts.OMIT)
        )
        return action

    def export(self, fmt: ExportFormat) -> None:
        """Export the workspace (JSON), or the selected department-year (Word, Excel)."""
        if self.edits is None or self.view is None:
            return
        dept: Department | None = self.view.department()
        if not fmt.one_department:
            self.exporter.start(fmt, self.edits.path, None, None, self.edits.path.stem)
            return
        if dept is None:
            dialogs.show_error(self, "请先在左侧选择要导出的部门。")
            return
        if not self._export_despite_errors():
            return
        options = ExportOptions(empty_parts=self.settings.empty_parts)
        self.exporter.start(fmt, self.edits.path, dept.name, dept.fiscal_year, dept.effective_title, options)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.settings.recent_files
        for path in paths:
            self.recent_menu.addAction(str(path), partial(self.open_path, path))
        if not paths:
            self.recent_menu.addAction("（无）").setEnabled(False)

    def show_library(self) -> None:
        """工具 → 指标库…: the open workspace's library."""
        from perfdesk.services.library import library_of
        from perfdesk.ui.library_dialog import LibraryDialog

        if self.edits is None:
            return
        try:
            dialog = LibraryDialog(library_of(self.edits), self._dialog_dir(), self)
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "无法打开指标库")
            return
        dialog.exec()

    def show_compare(self) -> None:
        """工具 → 比较…: a window of its own, so a change can be opened in this one while it stays open."""
        from perfdesk.ui.compare_view import CompareDialog

        if self.edits is None or self.view is None:
            return
        if self.compare_dialog is not None:
            self.compare_dialog.close()
        dialog = CompareDialog(self.edits.departments(), self.view.department(), self._dialog_dir(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.targetActivated.connect(self._open_change)
        dialog.destroyed.connect(self._forget_compare)
        self.compare_dialog = dialog
        dialog.show()

    def _forget_compare(self) -> None:
        self.compare_dialog = None

    def _open_change(self, department: Department, target: Target) -> None:
        from perfdesk.ui.compare_view import open_change

        if self.view is None or not self.edits or not self.edits.contains(department):
            return
        if not open_change(self.view, department, target):
            self.statusBar().showMessage("找不到这一项，它可能已被删除。", 5000)

    def show_help(self) -> None:
        """The 使用说明 beside the window (one dialog, brought to the front when open already)."""
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()
        self.help_dialog.activateWindow()

    def about(self) -> None:
        QMessageBox.about(
            self,
            f"关于 {APP_TITLE}",
            f"<h3>{APP_TITLE}</h3><p>版本 {__version__}</p>"
            "<p>编制、检查和导出部门预算绩效文本。离线运行，所有修改随时自动保存在工作区文件中。</p>",
        )

    # --- the edit menu ---------------------------------------------------------------------------

    def _name_undo_actions(self) -> None:
        """撤销/重做 say what they will undo (``撤销 修改“资金用途”``); the toolbar keeps the short word."""
        for name, word, mnemonic, text in (
            ("undo", "撤销", "U", self.undo_stack.undoText()),
            ("redo", "重做", "R", self.undo_stack.redoText()),
        ):
            action = self.named_actions[name]
            what = f"{word} {_short(text)}" if text else word
            action.setText(f"{what.replace('&', '&&')}(&{mnemonic})")
            action.setIconText(word)
            action.setToolTip(f"{what}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）")

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and not isinstance(new, QMenu) and new.window() is self:
            self._last_focus = new

    def _edit_focused(self, what: str) -> None:
        """复制/粘贴/删除 act on the widget that had the focus (the tree, a field, the grid)."""
        widget = QApplication.focusWidget()
        if widget is None or isinstance(widget, QMenu):
            widget = self._last_focus
        while widget is not None:
            for name in EDIT_METHODS[what]:
                method = getattr(widget, name, None)
                if callable(method):
                    method()
                    return
            widget = widget.parentWidget()

    # --- closing -----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.close_workspace()
        self.settings.sync()
        super().closeEvent(event)
