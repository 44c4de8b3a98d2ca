"""The 指标库 dialog: list, search, add, edit and delete the workspace's library entries; import and export.

Every change is stored at once through ``IndicatorLibrary`` (not an undo step of the
document: the library is the clerk's reference, not part of the printed text).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from perfdesk.domain.frameworks import all_frameworks
from perfdesk.domain.values import parse_value
from perfdesk.domain.vocabulary import usual_bases
from perfdesk.errors import PerfdeskError
from perfdesk.services.library import IndicatorLibrary, LibraryItem, importable_suffixes
from perfdesk.ui import dialogs

COLUMNS = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "使用次数", "年度", "来源")
ORIGINS = {"learned": "本工作区", "starter": "起步指标库", "imported": "导入", "manual": "手工添加"}


def _cells(item: LibraryItem) -> tuple[str, ...]:
    years = "、".join(str(year) for year in item.years)
    origin = ORIGINS.get(item.origin, item.origin) + ("（已修改）" if item.edited and item.origin != "manual" else "")
    return (
        item.level1,
        item.level2,
        item.name,
        item.description or "",
        item.value_text(),
        item.basis or "",
        str(item.uses) if item.uses else "",
        years,
        origin,
    )


class LibraryDialog(QDialog):
    """Lists the library; the buttons act on the selected rows."""

    def __init__(self, library: IndicatorLibrary, directory: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryDialog")
        self.setWindowTitle("指标库")
        self.library = library
        self.directory = directory
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("搜索：名称的任一部分或拼音首字母（如 zjzc）、一级/二级指标、描述、依据")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("libraryTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.count = QLabel()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in (
            ("add", "新建…", self.add_entry),
            ("edit", "修改…", self.edit_entry),
            ("delete", "删除", self.delete_entries),
            ("import", "导入…", self.import_entries),
            ("export", "导出 JSON…", self.export_entries),
        ):
            button = QPushButton(text)
            button.setObjectName(f"library_{name}")
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        row.addWidget(self.count)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.search.textChanged.connect(self.show_entries)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_entry())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(1100, 620)
        self.shown: list[LibraryItem] = []
        self.show_entries()

    def show_entries(self) -> None:
        """List the entries matching the search text."""
        self.shown = self.library.search(self.search.text())
        self.table.setRowCount(len(self.shown))
        for row, item in enumerate(self.shown):
            for column, text in enumerate(_cells(item)):
                cell = QTableWidgetItem(text)
                if column == 3 and item.description:
                    cell.setToolTip(item.description)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        for column in (2, 3):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 260))
        total = len(self.library.items())
        self.count.setText(f"共 {total} 条" + (f"，找到 {len(self.shown)} 条" if self.search.text().strip() else ""))
        self._update_buttons()

    def selected(self) -> list[LibraryItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.shown[row] for row in rows if row < len(self.shown)]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.buttons["edit"].setEnabled(len(chosen) == 1)
        self.buttons["delete"].setEnabled(bool(chosen))

    # --- editing ------------------------------------------------------------------------

    def add_entry(self) -> None:
        self._edit(None)

    def edit_entry(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self._edit(chosen[0])

    def _edit(self, item: LibraryItem | None) -> None:
        form = EntryDialog(item, self)
        while form.exec() == QDialog.DialogCode.Accepted:
            try:
                self.library.save(form.item())
            except PerfdeskError as exc:
                dialogs.show_error(self, exc, "无法保存")
                continue
            self.show_entries()
            return

    def delete_entries(self) -> None:
        chosen = self.selected()
        if not chosen:
            return
        label = chosen[0].name if len(chosen) == 1 else f"{len(chosen)} 条指标"
        text = f"从指标库中删除“{label}”吗？\n删除后不再提示；本工作区文档中的指标不受影响。"
        if not dialogs.ask(self, text, "删除", "删除", icon=QMessageBox.Icon.Warning):
            return
        try:
            self.library.delete(item.entry_id for item in chosen if item.entry_id is not None)
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "无法删除")
        self.show_entries()

    # --- sharing ------------------------------------------------------------------------

    def import_entries(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in importable_suffixes())
        chosen, _ = QFileDialog.getOpenFileNames(
            self, "导入指标", self.directory, f"工作区、指标库或文档 ({patterns});;所有文件 (*)"
        )
        if not chosen:
            return
        try:
            result = self.library.import_from([Path(path) for path in chosen])
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "导入失败（指标库未改动）")
            return
        self.show_entries()
        QMessageBox.information(self, "导入指标", result.describe())

    def export_entries(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "导出指标库", str(Path(self.directory) / "指标库.json"), "perfdesk 指标库 (*.json)"
        )
        if not chosen:
            return
        target = Path(chosen) if chosen.lower().endswith(".json") else Path(chosen + ".json")
        try:
            count = self.library.export_json(target)
        except PerfdeskError as exc:
            dialogs.show_error(self, exc, "导出失败")
            return
        QMessageBox.information(self, "导出指标库", f"已把 {count} 条指标导出到 {target}，可发给同事导入。")


class EntryDialog(QDialog):
    """One entry's fields; 指标值 is typed as printed (``≥95%``) and split by the value grammar."""

    def __init__(self, item: LibraryItem | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryEntryDialog")
        self.setWindowTitle("修改指标" if item is not None else "新建指标")
        self._item = item
        levels = [level for framework in all_frameworks().values() for level in framework.levels]
        level1 = list(dict.fromkeys(name for name, _ in levels))
        level2 = list(dict.fromkeys(name for _, names in levels for name in names))
        self.level1 = self._combo(level1, item.level1 if item else "产出指标")
        self.level2 = self._combo(level2, item.level2 if item else "数量指标")
        self.name = QLineEdit(item.name if item else "")
        self.description = QLineEdit(item.description or "" if item else "")
        self.value = QLineEdit(item.value_text() if item else "")
        self.value.setPlaceholderText("如 ≥95%、=100%、12月31日前")
        self.basis = self._combo(usual_bases(), item.basis or "" if item else "")
        form = QFormLayout()
        for label, widget, name in (
            ("一级指标", self.level1, "level1"),
            ("二级指标", self.level2, "level2"),
            ("三级指标", self.name, "name"),
            ("绩效指标描述", self.description, "description"),
            ("指标值", self.value, "value"),
            ("指标值确定依据", self.basis, "basis"),
        ):
            widget.setObjectName(f"entry_{name}")
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    @staticmethod
    def _combo(choices: list[str], text: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(choices)
        combo.setEditText(text)
        return combo

    def item(self) -> LibraryItem:
        """The entry as typed (the stored one's id and usage kept)."""
        parsed = parse_value(self.value.text().strip())
        base = self._item or LibraryItem("", "", "")
        return base.with_changes(
            level1=self.level1.currentText().strip(),
            level2=self.level2.currentText().strip(),
            name=self.name.text().strip(),
            description=self.description.text().strip() or None,
            op=parsed.op,
            value=parsed.value or None,
            unit=parsed.unit,
            basis=self.basis.currentText().strip() or None,
        )
