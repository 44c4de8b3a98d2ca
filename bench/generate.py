"""Generated departments for the benchmarks: N projects × M indicators, built from the two samples.

Every project is a sample project (round-robin over both samples, so the text lengths are those of
real documents: names of 10–30 characters, purposes and goals of 100–400) with a fresh code and a
numbered name; its indicator table is the sample's rows, continued with the rows of the next
sample projects until it has M. The result is a perfdesk/1 JSON document, the same input a clerk
imports, so every measure starts from a file.

Run: ``.venv/bin/python -m bench.generate 1000 out.json [--indicators 9]``.
"""

from __future__ import annotations

import argparse
import copy
import json
from pathlib import Path
from typing import Any

from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.models import Department

SAMPLES = Path(__file__).resolve().parent.parent / "perfdesk" / "data" / "samples"
FIXTURE_2021 = SAMPLES / "chengde-2021.json"
FIXTURE_2024 = SAMPLES / "julu-2024.json"
#: Where the benchmark scripts write files to look at (screenshots, review documents).
OUT = Path(__file__).resolve().parent / "out"

#: Indicator rows per project when not given: the 2021 sample's count.
DEFAULT_INDICATORS = 9


def _sample_projects() -> list[dict[str, Any]]:
    """The projects of both samples, 2021's first (the 2024 sample's unit references are dropped)."""
    projects: list[dict[str, Any]] = []
    for source in (FIXTURE_2021, FIXTURE_2024):
        for department in json.loads(source.read_text(encoding="utf-8"))["departments"]:
            for project in department.get("projects", []):
                project = copy.deepcopy(project)
                project.pop("unit", None)
                projects.append(project)
    return projects


def _indicator_rows(pool: list[dict[str, Any]], start: int, count: int) -> list[dict[str, Any]]:
    """``count`` indicator rows: the rows of ``pool[start]``, then of the following projects."""
    rows: list[dict[str, Any]] = []
    i = start
    while len(rows) < count:
        rows.extend(copy.deepcopy(pool[i % len(pool)].get("indicators", [])))
        i += 1
    return rows[:count]


def generate_document(n_projects: int, indicators: int = DEFAULT_INDICATORS) -> dict[str, Any]:
    """A perfdesk/1 document with one department of ``n_projects`` projects of ``indicators`` rows each."""
    sample = json.loads(FIXTURE_2021.read_text(encoding="utf-8"))
    department = sample["departments"][0]
    department["name"] = f"{department['name']}（{n_projects}个项目）"
    pool = _sample_projects()
    projects = []
    for i in range(n_projects):
        project = copy.deepcopy(pool[i % len(pool)])
        project["code"] = f"130800{i:08d}"
        project["name"] = f"{project['name']}{i + 1}"
        project["indicators"] = _indicator_rows(pool, i, indicators)
        projects.append(project)
    department["projects"] = projects
    return sample


def fixture_department(path: Path = FIXTURE_2021) -> Department:
    """The first department of a sample, as transient ORM objects."""
    return read_document(load_json_file(path))[0]


def synthetic_department(n_projects: int, indicators: int = DEFAULT_INDICATORS) -> Department:
    """The generated department as transient ORM objects (as the JSON reader builds them)."""
    return read_document(generate_document(n_projects, indicators))[0]


def write_document(target: Path, n_projects: int, indicators: int = DEFAULT_INDICATORS) -> Path:
    """Write the generated document as UTF-8 JSON (what ``perfdesk import`` reads)."""
    text = json.dumps(generate_document(n_projects, indicators), ensure_ascii=False, indent=2)
    target.write_text(text + "\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--indicators", type=int, default=DEFAULT_INDICATORS)
    options = parser.parse_args()
    write_document(options.target, options.projects, options.indicators)


if __name__ == "__main__":
    main()
