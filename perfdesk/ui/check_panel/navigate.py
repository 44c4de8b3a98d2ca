"""From a finding to its place: select the node in the tree, then focus the form field or the grid cell.

Findings are mapped back by database id (``project_id`` / ``indicator_id``),
so a jump still lands right when rows moved since the check ran; the printed
index is only the fallback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from perfdesk.checks import Finding, Location
from perfdesk.layout.indicator_table import COL_NAME, FIELD_COLUMNS
from perfdesk.models import Collection, Department, Project
from perfdesk.ui.tree import NodeKind
from perfdesk.ui.tree.model import LIST_GROUPS
from perfdesk.ui.workspace_view import WorkspaceView

#: Indicator ORM attribute → grid column (the unit is printed inside 指标值).
INDICATOR_COLUMNS = FIELD_COLUMNS
#: Department-level fields shown on a node of their own: the overall goal, and each list on its group.
DEPARTMENT_NODES: dict[str, NodeKind] = {"overall_goal": NodeKind.OVERALL}
DEPARTMENT_NODES.update(LIST_GROUPS.items())


def go_to_finding(view: WorkspaceView, finding: Finding) -> bool:
    """Show the place of ``finding``; False when it no longer exists (deleted since the check)."""
    return go_to_location(view, finding.location)


def go_to_location(view: WorkspaceView, loc: Location) -> bool:
    """Show a place (a finding's, a change's of the 比较 view); False when it no longer exists.

    A department-level place is looked for in the department shown.
    """
    if loc.project_id is None:
        return _go_to_department_part(view, loc.field)
    index = view.model.find(NodeKind.PROJECT, (Project, loc.project_id))
    if not index.isValid():
        return False
    view.tree.select_index(index)
    page = view.editors.project
    if loc.indicator_index is not None:
        row = _indicator_row(view, loc.project_id, loc.indicator_id, loc.indicator_index - 1)
        page.grid.select_cell(row, INDICATOR_COLUMNS.get(loc.field or "", COL_NAME))
    elif loc.field == Collection.INDICATORS:
        page.grid.select_cell(0, COL_NAME)
    else:
        widget = page.form.field_widget(loc.field or "")
        if widget is not None:
            page.form.set_collapsed(False)  # a folded header (收起表头) opens to show the field
            focus_widget(widget)
    return True


def _go_to_department_part(view: WorkspaceView, field: str | None) -> bool:
    dept = view.department()
    if dept is None:
        return False
    index = view.model.find(DEPARTMENT_NODES.get(field or "", NodeKind.DEPARTMENT), (Department, dept.id))
    if index.isValid():
        view.tree.select_index(index)
    return index.isValid()


def _indicator_row(view: WorkspaceView, project_id: int, indicator_id: int | None, fallback: int) -> int:
    project = view.edits.get(Project, project_id)
    ids = [ind.id for ind in project.indicators]
    return ids.index(indicator_id) if indicator_id in ids else fallback


def focus_widget(widget: QWidget) -> None:
    """Focus a field (or the first focusable part of a composite field) and scroll it into view."""
    target = widget
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        parts = [w for w in widget.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        target = parts[0] if parts else widget
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(target)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
