"""Benchmark the checks: a whole department, one project re-checked, and the report, at 1,000 projects.

Run: .venv/bin/python bench/bench_checks.py
"""

from __future__ import annotations

import sys
from collections import Counter
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as a script from anywhere

from bench.common import FIXTURE_2021, FIXTURE_2024, fixture_department, synthetic_department, timed
from perfdesk.checks import check_department, check_project
from perfdesk.checks.report import to_json, to_text


def main() -> None:
    for label, dept in [
        ("2024 fixture (8 projects)", fixture_department(FIXTURE_2024)),
        ("2021 fixture (24 projects)", fixture_department(FIXTURE_2021)),
        ("synthetic 1,000 projects (from 2021)", synthetic_department(1000)),
        ("synthetic 1,000 projects (from 2024)", synthetic_department(1000, FIXTURE_2024)),
    ]:
        rows = sum(len(p.indicators) for p in dept.projects)
        print(f"{label}: {len(dept.projects)} projects, {rows} indicator rows")
        findings = check_department(dept)
        timed("  check_department", partial(check_department, dept))
        middle = dept.projects[len(dept.projects) // 2]
        timed("  check_project (one project, incremental)", partial(check_project, dept, middle))
        timed("  text report", partial(to_text, findings, [(dept.name, dept.fiscal_year)]))
        timed("  json report", partial(to_json, findings))
        counts = Counter(f.severity.label for f in findings)
        print(f"  findings: {len(findings)} ({', '.join(f'{k} {v}' for k, v in counts.items())})")


if __name__ == "__main__":
    main()
