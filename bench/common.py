"""Shared helpers for the benchmarks: synthetic departments and timing."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.models import Department, Project

SAMPLES = Path(__file__).resolve().parent.parent / "perfdesk" / "data" / "samples"
FIXTURE_2021 = SAMPLES / "chengde-2021.json"
FIXTURE_2024 = SAMPLES / "julu-2024.json"
OUT = Path(__file__).resolve().parent / "out"


def fixture_department(path: Path = FIXTURE_2021) -> Department:
    """The first department of a fixture, as transient ORM objects."""
    return read_document(load_json_file(path))[0]


def synthetic_department(n_projects: int, source: Path = FIXTURE_2021) -> Department:
    """A department with ``n_projects`` projects copied round-robin from a fixture, with fresh codes."""
    template = fixture_department(source)
    originals = list(template.projects)
    dept = fixture_department(source)
    dept.name = f"{dept.name}（{n_projects}个项目）"
    projects: list[Project] = []
    for i in range(n_projects):
        base = originals[i % len(originals)]
        copy = Project(
            code=f"13080021P{i:012d}",
            name=f"{base.name}{i + 1}",
            title=None,
            unit=base.unit,
            budget=base.budget,
            fiscal_funds=base.fiscal_funds,
            other_funds=base.other_funds,
            purpose=base.purpose,
            goals=list(base.goals),
        )
        copy.set_spending_plan(base.spending_plan)
        copy.indicators = [indicator.copy() for indicator in base.indicators]
        projects.append(copy)
    dept.projects = projects
    return dept


def timed(label: str, action: Callable[[], object], repeat: int = 3) -> float:
    """Run ``action`` ``repeat`` times and print the median wall time."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<48} {median * 1000:9.1f} ms  (median of {repeat})")
    return median
