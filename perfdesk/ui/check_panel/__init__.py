"""The 检查 panel: findings of the current department, re-checked in the background as the clerk edits."""

from perfdesk.ui.check_panel.model import FindingRole, FindingsModel, SeverityFilter, worst_by_project
from perfdesk.ui.check_panel.panel import CheckPanel
from perfdesk.ui.check_panel.runner import CheckRunner

__all__ = ["CheckPanel", "CheckRunner", "FindingRole", "FindingsModel", "SeverityFilter", "worst_by_project"]
