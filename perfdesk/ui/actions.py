"""The main window's actions in one registry: text, shortcut, icon, tip — and nothing else.

Widgets and controllers connect to ``actions["undo"]`` etc.; menus and the
toolbar are built from the same objects, so a shortcut is defined once. The
导出 actions come from the export registry: one per installed writer
(``actions["export_docx"]``), none for a format whose writer does not exist yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from perfdesk.export.registry import ExportFormat, formats
from perfdesk.ui import icons

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: QKeySequence.StandardKey | str | None = None
    #: An icon name (perfdesk.ui.icons): a freedesktop name or ``perfdesk-…``; every action has one.
    icon: str | None = None
    tip: str = ""
    #: Edit actions that widgets (line edits, the grid) also handle natively only fire
    #: from the tree; elsewhere the widget's own key handling wins.
    local: bool = False


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "新建(&N)…", Key.New, "document-new", "新建工作区文件"),
    ActionSpec("open", "打开(&O)…", Key.Open, "document-open", "打开工作区文件"),
    ActionSpec("save_as", "另存为(&A)…", "Ctrl+Shift+S", "document-save-as", "把工作区另存一份并改用新文件"),
    ActionSpec("import", "导入(&I)…", None, "document-import", "导入 JSON 文件"),
    ActionSpec("quit", "退出(&X)", "Ctrl+Q", "application-exit", "退出程序（修改已自动保存）"),
    ActionSpec("undo", "撤销(&U)", "Ctrl+Z", "edit-undo", "撤销上一步修改"),
    ActionSpec("redo", "重做(&R)", "Ctrl+Y", "edit-redo", "重做"),
    ActionSpec("copy", "复制(&C)", "Ctrl+C", "edit-copy", "复制", local=True),
    ActionSpec("paste", "粘贴(&P)", "Ctrl+V", "edit-paste", "粘贴", local=True),
    ActionSpec("delete", "删除(&D)", "Delete", "edit-delete", "删除所选内容", local=True),
    ActionSpec("check", "检查(&K)", "F7", "perfdesk-check", "显示或隐藏检查面板"),
    # keyboard travel between the regions (perfdesk/ui/focus.py); Ctrl+digits and F6 are free elsewhere
    ActionSpec("focus_next", "下一区域(&N)", "F6", "go-next", "焦点移到下一个区域：目录、编辑区、绩效指标表、检查面板"),
    ActionSpec("focus_previous", "上一区域(&P)", "Shift+F6", "go-previous", "焦点移到上一个区域"),
    ActionSpec("focus_tree", "转到目录(&1)", "Ctrl+1", "perfdesk-focus-tree", "焦点移到左侧目录"),
    ActionSpec("focus_editor", "转到编辑区(&2)", "Ctrl+2", "perfdesk-focus-editor", "焦点移到右侧的编辑区（表头）"),
    ActionSpec("focus_grid", "转到绩效指标表(&3)", "Ctrl+3", "perfdesk-focus-grid", "焦点移到绩效指标表"),
    ActionSpec("focus_checks", "转到检查面板(&4)", "Ctrl+4", "perfdesk-focus-checks", "焦点移到检查面板"),
    ActionSpec("new_department", "新建部门…", None, "perfdesk-new-department", "在工作区中新建一个部门年度"),
    ActionSpec(
        "library", "指标库(&L)…", None, "perfdesk-library", "查看、搜索、修改指标库；从其他工作区或文件导入，导出给同事"
    ),
    ActionSpec(
        "compare", "比较(&M)…", None, "perfdesk-compare", "比较两个年度（或与其他文件）：项目、金额、目标、指标的变化"
    ),
    ActionSpec("help", "使用说明(&H)…", "F1", "help-about", "打开使用说明：目录、绩效指标表的按键、撤销、检查、导出"),
    ActionSpec("about", "关于(&A)", None, "help-about", "关于本程序"),
)


def export_spec(fmt: ExportFormat) -> ActionSpec:
    """The 导出 action of one registered format (``导出 Word(&W)…``)."""
    scope = "当前部门" if fmt.one_department else "工作区"
    return ActionSpec(
        f"export_{fmt.suffix.lstrip('.')}",
        f"导出 {fmt.label}(&{fmt.label[0]})…",
        icon=icons.export_icon_name(fmt.suffix),
        tip=f"把{scope}导出为 {fmt.file_kind}",
    )


class Actions(QObject):
    """Creates every QAction once; look them up by name: ``actions["undo"]``."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._window = parent
        for spec in SPECS:
            self._add(spec)
        #: The 导出 actions with their formats, in menu order.
        self.exports: list[tuple[ExportFormat, QAction]] = [(fmt, self._add(export_spec(fmt))) for fmt in formats()]

    def _add(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.text, self._window)
        action.setObjectName(f"action_{spec.name}")
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.icon is not None:
            action.setIcon(icons.icon(spec.icon))
        action.setStatusTip(spec.tip)
        action.setToolTip(
            f"{spec.tip}（{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)}）"
            if spec.shortcut
            else spec.tip
        )
        if spec.local:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._actions[spec.name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __contains__(self, name: object) -> bool:
        return name in self._actions
