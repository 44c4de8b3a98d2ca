"""Comparing two department-years: ``perfdesk diff OLD NEW`` and the GUI's 比较… view.

OLD and NEW are workspaces or documents (any type the importers read, chosen by
suffix), or one workspace given once (or twice) and two of its years. Which
department-year of each is compared: ``--department`` narrows both; ``--year``
picks NEW's year (else its latest); OLD gives the same department's latest year
before that (else its only or latest one), or ``--old-year``'s.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from perfdesk.compare.diff import compare
from perfdesk.compare.model import Comparison
from perfdesk.compare.report import to_json, to_text
from perfdesk.errors import InputError
from perfdesk.models import Department, open_workspace
from perfdesk.models.workspace import is_sqlite_file
from perfdesk.services.importing import read_file

EXIT_SAME, EXIT_DIFFERENT = 0, 1


@dataclass(frozen=True)
class Selection:
    """Which department-years to compare: ``department`` narrows both, ``year`` is the new one's,
    ``old_year`` the old one's (else the latest before the new one)."""

    department: str | None = None
    year: int | None = None
    old_year: int | None = None


@contextmanager
def opened(path: Path) -> Iterator[list[Department]]:
    """The department-years of a workspace (kept open while in use) or of a document.

    Raises:
        InputError / WorkspaceError: missing, unknown or unreadable.
    """
    if not path.exists():
        raise InputError("找不到这个文件。", str(path))
    if path.is_dir():
        raise InputError("这是一个文件夹，不是工作区或文档文件。", str(path))
    if is_sqlite_file(path):
        with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
            yield workspace.departments(session)
    else:
        yield read_file(path)


def choose(
    old: list[Department], new: list[Department], selection: Selection, *, same_source: bool, itself: bool = False
) -> tuple[Department, Department]:
    """The (old, new) department-years to compare.

    ``same_source``: OLD and NEW are one file, so OLD gives an earlier year; ``itself``: the file was
    named twice, so with no earlier year the department-year is compared with itself (equal).

    Raises:
        InputError: nothing matches, or the choice is ambiguous (the message lists what is there).
    """
    name = selection.department
    candidates = [d for d in new if name is None or d.name == name]
    if selection.year is not None:
        candidates = [d for d in candidates if d.fiscal_year == selection.year]
    newest = _one(candidates, new, "新", selection)
    earlier = [d for d in old if d is not newest and d.name == (name or newest.name)]
    before = [d for d in earlier if d.fiscal_year < newest.fiscal_year]
    if same_source or before:
        earlier = before
    elif not earlier:
        earlier = [d for d in old if name is None or d.name == name]
    if selection.old_year is not None:
        chosen = [d for d in old if d.fiscal_year == selection.old_year and d.name == (name or newest.name)]
        return _one(chosen, old, "旧", Selection(name or newest.name, selection.old_year)), newest
    if not earlier and itself:
        return newest, newest
    if not earlier:
        if same_source:
            raise InputError(f"工作区中没有“{newest.name}”早于 {newest.fiscal_year} 年的年度，无法比较。{_have(old)}")
        raise InputError(f"旧文件中没有可比较的部门。{_have(old)}")
    return _one(earlier, old, "旧", Selection(name)), newest


def _one(candidates: list[Department], everything: list[Department], side: str, selection: Selection) -> Department:
    if not candidates:
        wanted = " ".join(filter(None, [selection.department, f"{selection.year}年" if selection.year else None]))
        raise InputError(f"{side}文件中没有“{wanted or '任何部门'}”。{_have(everything)}")
    names = sorted({d.name for d in candidates})
    if len(names) > 1:
        raise InputError(f"{side}文件中有多个部门（{'、'.join(names)}），请用 --department 指定要比较哪一个。")
    return max(candidates, key=lambda d: d.fiscal_year)


def _have(departments: list[Department]) -> str:
    return f"其中有：{'、'.join(d.label() for d in departments)}。" if departments else "其中没有任何部门。"


def compare_files(old: Path, new: Path | None, selection: Selection) -> Comparison:
    """Compare as ``perfdesk diff`` does (``new`` None: two years of ``old``)."""
    same = new is None or _same_file(old, new)
    with ExitStack() as stack:
        old_departments = stack.enter_context(opened(old))
        new_departments = old_departments if same or new is None else stack.enter_context(opened(new))
        before, after = choose(old_departments, new_departments, selection, same_source=same, itself=new is not None)
        return compare(before, after)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def run_diff_command(old: Path, new: Path | None, selection: Selection, output_format: str) -> int:
    """Print the comparison; exit status 0 when equal, 1 when different (bad input raises)."""
    comparison = compare_files(old, new, selection)
    sys.stdout.write(to_json(comparison) if output_format == "json" else to_text(comparison))
    return EXIT_SAME if comparison.equal else EXIT_DIFFERENT


def compare_departments(old: Department, new: Department) -> Comparison:
    """The 比较 view's comparison of two department-years already open."""
    return compare(old, new)


def compare_with_file(path: Path, new: Department) -> Comparison:
    """Compare ``new`` with a department-year of another workspace or document (its same department's
    latest earlier year, else its only or latest one).

    Raises:
        InputError / WorkspaceError: the file cannot be read or holds nothing to compare.
    """
    with opened(path) as departments:
        before, _ = choose(departments, [new], Selection(), same_source=False)
        return compare(before, new)
