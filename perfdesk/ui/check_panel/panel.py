"""CheckPanel: the 检查 panel at the bottom of the main window.

It follows the EditSession: every committed edit schedules a background
re-check of the shown department, so the list and the tree marks keep up
with the clerk without a 检查 button press (the button is there anyway).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from perfdesk.checks import Finding, Severity
from perfdesk.models import Department
from perfdesk.services.checking import check_in_own_session, touched_project
from perfdesk.services.editing import Change, EditSession
from perfdesk.ui.check_panel.model import (
    COL_LOCATION,
    COL_MESSAGE,
    COL_RULE,
    COL_SEVERITY,
    FindingRole,
    FindingsModel,
    SeverityFilter,
    worst_by_project,
)
from perfdesk.ui.check_panel.runner import DEBOUNCE_MS, CheckRunner

#: The filter combo's entries: label and the severity shown (None: all).
FILTERS: tuple[tuple[str, Severity | None], ...] = (
    ("全部", None),
    ("错误", Severity.ERROR),
    ("警告", Severity.WARNING),
    ("提示", Severity.INFO),
)


def counts_text(findings: list[Finding]) -> str:
    """``错误 3 · 警告 12 · 提示 4`` (or a word of praise when there is nothing)."""
    if not findings:
        return "未发现问题"
    return " · ".join(f"{s.label} {sum(f.severity is s for f in findings)}" for s in Severity)


#: Rows the severity, rule and location columns are sized by.
RESIZE_ROWS = 50


class CheckPanel(QWidget):
    """Findings of one department, kept current as the clerk edits.

    Signals:
        finding_activated(Finding): double-click or Enter on a row — jump there.
        results_changed(dict[int, Severity]): after each check, the worst severity per project id.
    """

    finding_activated = Signal(object)
    results_changed = Signal(object)

    def __init__(self, edits: EditSession, parent: QWidget | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.setObjectName("checkPanel")
        self.edits = edits
        self.runner = CheckRunner(edits.workspace, self, debounce_ms)
        self.model = FindingsModel(self)
        self.proxy = SeverityFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.runner.started.connect(lambda: self.status.setText("正在检查…"))
        self.runner.results.connect(self._show_results)
        self.runner.error.connect(lambda message: self.status.setText(f"检查未能完成：{message}"))
        self._attached = True
        edits.subscribe(self._on_change)

    def _build(self) -> None:
        self.counts = QLabel("")
        self.counts.setObjectName("checkCounts")
        self.status = QLabel("")
        self.filter = QComboBox()
        self.filter.setToolTip("只显示某一级别的问题")
        for label, severity in FILTERS:
            self.filter.addItem(label, severity)
        self.filter.currentIndexChanged.connect(lambda i: self.proxy.set_severity(self.filter.itemData(i)))
        self.recheck = QPushButton("重新检查")
        self.recheck.setToolTip("立即重新检查当前部门（F7）")
        self.recheck.clicked.connect(self.runner.check_all)
        header = QHBoxLayout()  # no title: the dock's title bar says 检查
        header.addWidget(self.counts)
        header.addWidget(self.filter)
        header.addWidget(self.status, 1)
        header.addWidget(self.recheck)
        self.table = QTableView()
        self.table.setObjectName("checkTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setToolTip("双击或按回车定位到出问题的地方")
        heads = self.table.horizontalHeader()
        # sized to the first rows only: by default Qt measures 1,000 rows of three columns at every
        # layout, which made each selection in a 1,000-project department wait for the panel
        heads.setResizeContentsPrecision(RESIZE_ROWS)
        for column in (COL_SEVERITY, COL_RULE, COL_LOCATION):
            heads.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        heads.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        # activated covers double-click and Enter/Return (per platform convention)
        self.table.activated.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(header)
        layout.addWidget(self.table)

    # --- public API --------------------------------------------------------------------------

    def set_department(self, department: Department | None) -> None:
        """Show (and check now) this department's findings; None empties the panel."""
        department_id = department.id if department is not None else None
        if department_id == self.runner.department_id:
            return
        self.model.set_findings([])
        self.counts.setText("")
        self.status.setText("")
        self.results_changed.emit({})  # the old department's marks go at once
        self.runner.set_department(department_id)

    def findings(self) -> list[Finding]:
        return self.model.findings()

    def findings_now(self) -> list[Finding]:
        """Up-to-date findings: when edits are not re-checked yet, check here and now (before an export)."""
        department_id = self.runner.department_id
        if department_id is not None and self.is_checking():
            self.runner.cancel()
            self._show_results(check_in_own_session(self.edits.workspace, department_id))
        return self.findings()

    def has_errors(self) -> bool:
        return any(f.is_error for f in self.model.findings())

    def is_checking(self) -> bool:
        """True while a check is pending or running (the list may be out of date)."""
        return self.runner.running or self.runner.pending()

    def check_now(self) -> None:
        self.runner.check_all()

    def set_filter(self, severity: Severity | None) -> None:
        self.filter.setCurrentIndex(next(i for i, (_, s) in enumerate(FILTERS) if s is severity))

    def detach(self) -> None:
        """Stop following the EditSession and wait for the worker (before the session closes)."""
        if self._attached:
            self._attached = False
            self.edits.unsubscribe(self._on_change)
        self.runner.department_id = None
        self.runner.shutdown()

    # --- internals ---------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if self.runner.department_id is not None:
            self.status.setText("有修改，稍后重新检查…")
            self.runner.request(touched_project(change))

    def _show_results(self, findings: list[Finding]) -> None:
        self.model.set_findings(findings)
        self.counts.setText(counts_text(findings))
        self.status.setText("")
        self.results_changed.emit(worst_by_project(findings))

    def _activate(self, index: QModelIndex) -> None:
        finding = index.data(FindingRole)
        if finding is not None:
            self.finding_activated.emit(finding)
