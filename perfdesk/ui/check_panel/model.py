"""The findings as a table (级别 | 规则 | 位置 | 说明) and a proxy that shows one severity."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from perfdesk.checks import Finding, Severity, rule_titles

Index = QModelIndex | QPersistentModelIndex
#: The Finding of a row (for activation and tests).
FindingRole = Qt.ItemDataRole.UserRole + 1

HEADERS = ("级别", "规则", "位置", "说明")
COL_SEVERITY, COL_RULE, COL_LOCATION, COL_MESSAGE = range(len(HEADERS))
#: Colour of the severity word, readable on a white background.
COLORS = {Severity.ERROR: QColor("#c62828"), Severity.WARNING: QColor("#b26a00"), Severity.INFO: QColor("#1565c0")}
ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def worst_by_project(findings: Iterable[Finding]) -> dict[int, Severity]:
    """Project id → its most serious finding's severity, for marks in the tree."""
    worst: dict[int, Severity] = {}
    for finding in findings:
        pid = finding.location.project_id
        if pid is not None and (pid not in worst or finding.severity.rank < worst[pid].rank):
            worst[pid] = finding.severity
    return worst


def severity_icon(severity: Severity) -> QIcon:
    return QApplication.style().standardIcon(ICONS[severity])


class FindingsModel(QAbstractTableModel):
    """Read-only rows of findings, replaced as a whole after each check."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._titles = rule_titles()
        self._icons: dict[Severity, QIcon] = {}

    def set_findings(self, findings: list[Finding]) -> None:
        self.beginResetModel()
        self._findings = list(findings)
        self.endResetModel()

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        finding = self._findings[index.row()]
        column = index.column()
        if role == FindingRole:
            return finding
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(finding, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            title = self._titles.get(finding.rule, "")
            return f"{finding.rule} {title}\n{finding.location.describe()}\n{finding.message}"
        if column == COL_SEVERITY and role == Qt.ItemDataRole.DecorationRole:
            if finding.severity not in self._icons:
                self._icons[finding.severity] = severity_icon(finding.severity)
            return self._icons[finding.severity]
        if column == COL_SEVERITY and role == Qt.ItemDataRole.ForegroundRole:
            return COLORS[finding.severity]
        return None

    @staticmethod
    def _text(finding: Finding, column: int) -> str:
        if column == COL_SEVERITY:
            return finding.severity.label
        if column == COL_RULE:
            return finding.rule
        if column == COL_LOCATION:
            return finding.location.describe(name_width=16)
        return finding.message


class SeverityFilter(QSortFilterProxyModel):
    """Shows every finding, or only those of one severity."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._severity: Severity | None = None

    def set_severity(self, severity: Severity | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9 deprecates invalidateFilter
            self.beginFilterChange()
            self._severity = severity
            self.endFilterChange()
        else:
            self._severity = severity
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._severity is None:
            return True
        finding = self.sourceModel().index(source_row, 0, source_parent).data(FindingRole)
        return finding is not None and finding.severity is self._severity
