"""The 检查 panel on a real workspace: background checks, re-checks after edits, filter, activation."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from perfdesk.checks import CheckCancelled, Finding, Severity, check_department, check_project
from perfdesk.checks.findings import Location
from perfdesk.models import Collection, Project
from perfdesk.services.editing import EditSession
from perfdesk.ui.check_panel import CheckPanel, FindingRole, worst_by_project
from perfdesk.ui.check_panel.export_guard import CANCEL, GO_ON, ask_export_despite_errors
from perfdesk.ui.check_panel.model import COL_LOCATION
from tests.conftest import counting

pytestmark = pytest.mark.gui


@pytest.fixture
def edits(workspace_2024: Path):
    session = EditSession.open(workspace_2024)
    yield session
    session.close()


@pytest.fixture
def panel(qtbot, edits: EditSession):
    widget = CheckPanel(edits, debounce_ms=50)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.detach()


def wait_checked(qtbot, panel: CheckPanel) -> None:
    qtbot.waitUntil(lambda: not panel.is_checking(), timeout=10_000)


def rules_of(panel: CheckPanel, severity: Severity | None = None) -> list[str]:
    return [f.rule for f in panel.findings() if severity is None or f.severity is severity]


def test_lists_the_same_findings_as_the_engine_without_blocking(qtbot, panel, edits):
    dept = edits.departments()[0]
    reported: list[object] = []
    panel.results_changed.connect(reported.append)
    panel.set_department(dept)
    assert panel.is_checking()
    assert panel.status.text() == "正在检查…"
    wait_checked(qtbot, panel)
    assert panel.findings() == check_department(dept)
    assert panel.counts.text() == "错误 0 · 警告 11 · 提示 1"
    assert not panel.has_errors()
    assert reported == [{}, worst_by_project(panel.findings())]
    assert panel.model.rowCount() == 12
    assert "「法治工作经费」第4行" in panel.model.index(1, COL_LOCATION).data()


def test_edit_is_rechecked_after_a_pause_and_fixing_it_clears_the_error(qtbot, panel, edits):
    dept = edits.departments()[0]
    project = dept.projects[0]
    panel.set_department(dept)
    wait_checked(qtbot, panel)
    edits.set_field(project, "budget", Decimal("5.00"))  # 财政资金 2.00 no longer adds up
    assert panel.is_checking()
    wait_checked(qtbot, panel)
    errors = [f for f in panel.findings() if f.is_error]
    assert [f.rule for f in errors] == ["R06"]
    assert errors[0].location.project_id == project.id
    assert errors[0].location.field == "fiscal_funds"
    assert panel.has_errors()
    assert panel.counts.text().startswith("错误 1 ·")
    with qtbot.waitSignal(panel.results_changed, timeout=10_000) as blocker:
        edits.set_field(project, "fiscal_funds", Decimal("5.00"))
    assert not panel.has_errors()
    assert blocker.args[0].get(project.id) is not Severity.ERROR


def test_findings_now_does_not_wait_for_the_debounce(qtbot, edits):
    panel = CheckPanel(edits, debounce_ms=60_000)
    qtbot.addWidget(panel)
    dept = edits.departments()[0]
    panel.set_department(dept)  # checks at once; only re-checks wait for the pause
    wait_checked(qtbot, panel)
    edits.set_field(dept.projects[0], "budget", Decimal("5.00"))
    assert not panel.has_errors()
    assert panel.is_checking()
    assert [f.rule for f in panel.findings_now() if f.is_error] == ["R06"]
    assert panel.has_errors()
    assert not panel.is_checking()
    panel.detach()


def test_a_burst_of_edits_costs_one_check_and_stale_results_never_show(qtbot, edits):
    panel = CheckPanel(edits, debounce_ms=200)
    qtbot.addWidget(panel)
    dept = edits.departments()[0]
    panel.set_department(dept)
    wait_checked(qtbot, panel)
    reported: list[object] = []
    panel.results_changed.connect(reported.append)
    project = dept.projects[0]
    for budget in ("3.00", "4.00", "5.00", "6.00"):
        edits.set_field(project, "budget", Decimal(budget))
    wait_checked(qtbot, panel)
    panel.detach()
    assert len(reported) == 1
    [error] = [f for f in panel.findings() if f.is_error]
    assert "预算数 6.00 万元" in error.message


def test_the_worker_reads_in_its_own_thread_and_session(qtbot, panel, edits, monkeypatch):
    """The worker checks a snapshot it read itself (plain data), never the editing session's objects."""
    import perfdesk.services.checking as checking
    from perfdesk.models.snapshot import DepartmentData

    seen: list[tuple[int, bool]] = []
    real = checking.check_parts

    def spy(department, **kwargs):
        seen.append((threading.get_ident(), not isinstance(department, DepartmentData)))
        return real(department, **kwargs)

    monkeypatch.setattr(checking, "check_parts", spy)
    panel.set_department(edits.departments()[0])
    wait_checked(qtbot, panel)
    assert seen
    assert seen[0][0] != threading.get_ident()
    assert seen[0][1] is False


def test_an_edit_inside_a_project_rechecks_that_project_without_reading_the_department(
    qtbot, panel, edits, monkeypatch
):
    import perfdesk.services.checking as checking

    dept = edits.departments()[0]
    panel.set_department(dept)
    wait_checked(qtbot, panel)
    whole_reads: list[str] = []
    monkeypatch.setattr(checking, "check_parts", counting(whole_reads, "read", checking.check_parts))
    project = dept.projects[1]
    edits.set_field(project, "budget", project.budget + Decimal("2"))  # R06 in that project
    edits.set_field(project.indicators[0], "value", "很多")
    wait_checked(qtbot, panel)
    assert whole_reads == []
    assert panel.findings() == check_department(dept)
    assert "R06" in [f.rule for f in panel.findings() if f.location.project_id == project.id]
    edits.set_field(dept, "overall_goal", "")  # the department's own text: the whole department again
    wait_checked(qtbot, panel)
    assert whole_reads == ["read"]
    assert panel.findings() == check_department(dept)


def test_filter_by_severity(qtbot, panel, edits):
    panel.set_department(edits.departments()[0])
    wait_checked(qtbot, panel)
    panel.set_filter(Severity.INFO)
    assert panel.filter.currentText() == "提示"
    shown = [panel.proxy.index(r, 0).data(FindingRole) for r in range(panel.proxy.rowCount())]
    assert [f.rule for f in shown] == ["R18"]
    panel.filter.setCurrentIndex(panel.filter.findText("警告"))
    assert panel.proxy.rowCount() == 11
    panel.filter.setCurrentIndex(panel.filter.findText("错误"))
    assert panel.proxy.rowCount() == 0
    panel.set_filter(None)
    assert panel.proxy.rowCount() == 12


def test_double_click_and_enter_emit_the_finding_of_the_row(qtbot, panel, edits):
    panel.set_department(edits.departments()[0])
    wait_checked(qtbot, panel)
    panel.set_filter(Severity.WARNING)
    table = panel.table
    index = panel.proxy.index(2, 0)
    expected = index.data(FindingRole)
    rect = table.visualRect(index)
    activated: list[Finding] = []
    panel.finding_activated.connect(activated.append)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert activated == [expected]
    assert expected.severity is Severity.WARNING
    table.setCurrentIndex(panel.proxy.index(0, 1))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert activated[-1] == panel.proxy.index(0, 0).data(FindingRole)
    assert len(activated) == 2


def test_no_department_empties_the_panel(qtbot, panel, edits):
    panel.set_department(edits.departments()[0])
    wait_checked(qtbot, panel)
    with qtbot.waitSignal(panel.results_changed) as blocker:
        panel.set_department(None)
    assert blocker.args[0] == {}
    assert panel.findings() == []
    assert panel.counts.text() == ""
    edits.set_field(edits.departments()[0].projects[0], "budget", Decimal("9.00"))
    assert not panel.is_checking()


def test_worst_by_project_keeps_the_most_serious():
    def finding(pid: int | None, severity: Severity) -> Finding:
        return Finding("R01", severity, "", Location("部门", 2024, project_index=1 if pid else None, project_id=pid))

    found = [
        finding(1, Severity.INFO),
        finding(1, Severity.ERROR),
        finding(1, Severity.WARNING),
        finding(2, Severity.WARNING),
        finding(None, Severity.ERROR),
    ]
    assert worst_by_project(found) == {1: Severity.ERROR, 2: Severity.WARNING}


@pytest.fixture
def big_edits(tmp_path: Path):
    from bench.generate import synthetic_department
    from perfdesk.importers.json_import import import_into
    from perfdesk.models import open_workspace

    path = tmp_path / "big.perfdesk"
    with open_workspace(path, create=True) as workspace:
        import_into(workspace, [synthetic_department(1000)])
    session = EditSession.open(path)
    yield session
    session.close()


@pytest.mark.slow
def test_a_thousand_projects_check_leaves_the_event_loop_running_and_an_edit_mid_check_wins(
    qtbot, big_edits, monkeypatch
):
    """Halfway through a 1,000-project check the GUI thread still runs its timers and applies an edit;
    the check under way then stops, and only the check of the edited data reports.

    The first check pauses halfway until a GUI timer has ticked and the edit is made, so nothing here
    depends on how fast the machine is: a check running on the GUI thread would block that tick.
    """
    import perfdesk.services.checking as runner  # the background check calls check_parts here

    panel = CheckPanel(big_edits, debounce_ms=50)
    qtbot.addWidget(panel)
    dept = big_edits.departments()[0]
    project = dept.projects[500]
    assert "R06" not in [f.rule for f in check_project(dept, project)]
    halfway, ticked, edited = threading.Event(), threading.Event(), threading.Event()
    waited: list[bool] = []  # whether the paused check saw the tick and the edit (asserted below)
    outcomes: list[str] = []
    real = runner.check_parts

    def first_check_pauses_halfway(department, *, should_stop, **options):
        polls = 0

        def poll() -> bool:  # called between projects
            nonlocal polls
            polls += 1
            if not outcomes and polls == len(department.projects) // 2:
                halfway.set()
                waited.extend([ticked.wait(60), edited.wait(60)])
            return should_stop()

        try:
            findings = real(department, should_stop=poll, **options)  # options: the previous year (R22)
        except CheckCancelled:
            outcomes.append("cancelled")
            raise
        outcomes.append("finished")
        return findings

    monkeypatch.setattr(runner, "check_parts", first_check_pauses_halfway)
    reported: list[object] = []
    panel.results_changed.connect(reported.append)
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticked.set() if halfway.is_set() else None)
    timer.start()
    panel.set_department(dept)
    qtbot.waitUntil(ticked.is_set, timeout=60_000)  # the GUI thread ticked while the check was halfway
    assert panel.is_checking()
    big_edits.set_field(project, "budget", project.budget + Decimal("1"))  # applied while the check runs
    assert outcomes == []
    edited.set()
    wait_checked(qtbot, panel)
    timer.stop()
    panel.detach()
    assert waited == [True, True]
    assert outcomes == ["cancelled", "finished"]  # the stale check stopped at its next project
    assert reported == [{}, worst_by_project(panel.findings())]  # and never reported
    assert "R06" in [f.rule for f in panel.findings() if f.location.project_id == project.id]


@pytest.mark.parametrize(("answer", "expected"), [(GO_ON, True), (CANCEL, False)])
def test_export_question_names_the_error_count_and_only_go_on_exports(qtbot, monkeypatch, answer, expected):
    asked: list[tuple[str, list[str], str]] = []

    def answer_with(box: QMessageBox) -> int:
        buttons = [b.text() for b in box.buttons()]
        asked.append((box.text(), buttons, box.defaultButton().text()))
        next(b for b in box.buttons() if b.text() == answer).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_with)
    assert ask_export_despite_errors(None, 3) is expected
    assert asked == [("仍有 3 个错误，财政局可能退回。仍要导出吗？", [GO_ON, CANCEL], CANCEL)]


@pytest.fixture
def workspace_view(qtbot, edits: EditSession):
    from PySide6.QtGui import QUndoStack

    from perfdesk.ui.workspace_view import WorkspaceView

    view = WorkspaceView(edits, QUndoStack())
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    yield view
    view.close_session()


def engine_finding(edits: EditSession, rule: str, field: str) -> Finding:
    return next(f for f in check_department(edits.departments()[0]) if f.rule == rule and f.location.field == field)


def test_jump_to_an_indicator_finding_selects_its_project_and_cell(qtbot, workspace_view, edits):
    from perfdesk.layout.indicator_table import COL_VALUE
    from perfdesk.ui.check_panel.navigate import go_to_finding
    from perfdesk.ui.tree import NodeKind

    finding = engine_finding(edits, "R04", "value")  # 第2个项目「法治工作经费」第4行 指标值
    project = edits.get(Project, finding.location.project_id)
    edits.move(project, Collection.INDICATORS, 3, 0)  # rows moved since the check: the id still finds the row
    assert go_to_finding(workspace_view, finding)
    node = workspace_view.tree.current_node()
    assert node.kind == NodeKind.PROJECT
    assert node.handle == (Project, project.id)
    grid = workspace_view.editors.project.grid
    assert workspace_view.editors.currentWidget() is workspace_view.editors.project
    current = grid.view.currentIndex()
    assert (current.row(), current.column()) == (0, COL_VALUE)
    qtbot.waitUntil(grid.view.hasFocus)


def test_jump_to_a_department_finding_selects_its_node(qtbot, workspace_view, edits):
    from perfdesk.ui.check_panel.navigate import go_to_finding
    from perfdesk.ui.tree import NodeKind

    finding = engine_finding(edits, "R18", "projects")
    assert go_to_finding(workspace_view, finding)
    assert workspace_view.tree.current_node().kind == NodeKind.BUDGET


def test_jump_to_a_deleted_project_reports_false_and_keeps_the_selection(qtbot, workspace_view, edits):
    from perfdesk.ui.check_panel.navigate import go_to_finding

    finding = engine_finding(edits, "R17", "name")
    before = workspace_view.tree.current_node()
    dept = edits.departments()[0]
    assert finding.location.project_index is not None
    edits.remove(dept, Collection.PROJECTS, finding.location.project_index - 1)
    assert not go_to_finding(workspace_view, finding)
    assert workspace_view.tree.current_node() is before
