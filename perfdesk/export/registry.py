"""Which writer handles which file suffix; the command line and the GUI both use this."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from perfdesk.errors import InputError
from perfdesk.models import Department

#: Called with (done, total) while a long export runs.
Progress = Callable[[int, int], None]


class Writer(Protocol):
    def __call__(
        self, departments: Sequence[Department], target: Path, *, progress: Progress | None = None
    ) -> Path: ...


@dataclass(frozen=True)
class ExportFormat:
    """A file format perfdesk writes."""

    suffix: str
    label: str
    one_department: bool  # Word and Excel documents hold one department-year
    load: Callable[[], Writer]  # imported lazily: python-docx and openpyxl cost start-up time


def _json_writer() -> Writer:
    from perfdesk.export.json_export import write_json

    def write(departments: Sequence[Department], target: Path, *, progress: Progress | None = None) -> Path:
        return write_json(departments, target)

    return write


FORMATS: dict[str, ExportFormat] = {
    ".json": ExportFormat(".json", "perfdesk JSON", one_department=False, load=_json_writer),
}


def register(fmt: ExportFormat) -> None:
    FORMATS[fmt.suffix] = fmt


def format_for(target: Path) -> ExportFormat:
    """The export format chosen by the target's suffix.

    Raises:
        InputError: the suffix is not one perfdesk writes.
    """
    _load_builtin_writers()
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        known = "、".join(sorted(FORMATS))
        raise InputError(f"不支持导出为“{suffix or '（无扩展名）'}”，可用的格式：{known}。", str(target))
    return FORMATS[suffix]


def _load_builtin_writers() -> None:
    """Register the writers that live in their own modules (Word, Excel)."""
    import importlib

    for module in ("perfdesk.export.docx", "perfdesk.export.xlsx"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
