"""The checks (审核) engine: rules R01–R22 (R01–R18 from domain.md §3.2), without Qt.

Use ``check_department`` for a whole department-year, ``check_project`` to
re-check one project after an edit, and ``perfdesk.checks.report`` to print.
"""

from perfdesk.checks.engine import (
    CheckCancelled,
    DepartmentFindings,
    check_department,
    check_departments,
    check_parts,
    check_project,
    has_errors,
    previous_year,
    recheck,
    sort_findings,
)
from perfdesk.checks.findings import Finding, Location, Severity
from perfdesk.checks.registry import all_rules, rule_titles
from perfdesk.checks.settings import CheckSettings, default_settings, load_settings

__all__ = [
    "CheckCancelled",
    "CheckSettings",
    "DepartmentFindings",
    "Finding",
    "Location",
    "Severity",
    "all_rules",
    "check_department",
    "check_departments",
    "check_parts",
    "check_project",
    "default_settings",
    "has_errors",
    "load_settings",
    "previous_year",
    "recheck",
    "rule_titles",
    "sort_findings",
]
