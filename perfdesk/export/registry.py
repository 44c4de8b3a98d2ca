"""Which writer handles which file suffix; the command line and the GUI both use this.

The GUI builds its 导出 menu from ``formats()``: a format appears there as soon
as its writer registers here, and not before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from perfdesk.errors import InputError
from perfdesk.layout import empty_parts as empty

if TYPE_CHECKING:  # the command line reads the registry for its --help without loading the ORM
    from perfdesk.models import Department

#: Called with (done, total) while a long export runs.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExportOptions:
    """Choices made per export, not stored with the department.

    Attributes:
        empty_parts: ``"none"`` prints 无 under the heading of an empty part or
            section (every document keeps the same parts); ``"omit"`` leaves the
            heading out and numbers the rest on.
    """

    empty_parts: str = empty.NONE

    def __post_init__(self) -> None:
        if self.empty_parts not in empty.CHOICES:
            raise InputError(f"未知的空白部分处理方式“{self.empty_parts}”，可用：{'、'.join(empty.CHOICES)}。")


class Writer(Protocol):
    def __call__(
        self, departments: Sequence[Department], target: Path, *, progress: Progress | None = None
    ) -> Path: ...


class OptionsWriter(Protocol):
    """A writer that honours ``ExportOptions`` (Word)."""

    def __call__(
        self,
        departments: Sequence[Department],
        target: Path,
        *,
        progress: Progress | None = None,
        options: ExportOptions | None = None,
    ) -> Path: ...


@dataclass(frozen=True)
class ExportFormat:
    """A file format perfdesk writes.

    Attributes:
        suffix: the file suffix that selects it (``.docx``).
        label: its short name in menus and messages (``Word``: 导出 Word…).
        one_department: the file holds one department-year (Word, Excel), not the whole workspace.
        load: returns the writer; imported lazily, as python-docx and openpyxl cost start-up time.
        document: what one file is called (``Word 文档``), for the file dialog and tooltips;
            ``{label} 文件`` when not given.
        load_with_options: returns the writer that takes ``ExportOptions``, for a format that has any.
    """

    suffix: str
    label: str
    one_department: bool
    load: Callable[[], Writer]
    document: str | None = None
    load_with_options: Callable[[], OptionsWriter] | None = None

    def writer(self, options: ExportOptions | None = None) -> Writer:
        """The writer, given ``options`` when the format honours them (the others ignore them)."""
        if options is None or self.load_with_options is None:
            return self.load()
        write = self.load_with_options()

        def with_options(departments: Sequence[Department], target: Path, *, progress: Progress | None = None) -> Path:
            return write(departments, target, progress=progress, options=options)

        return with_options

    @property
    def file_kind(self) -> str:
        return self.document or f"{self.label} 文件"

    @property
    def file_filter(self) -> str:
        """The save dialog's filter: ``Word 文档 (*.docx)``."""
        return f"{self.file_kind} (*{self.suffix})"


def _json_writer() -> Writer:
    from perfdesk.export.json_export import write_json

    def write(departments: Sequence[Department], target: Path, *, progress: Progress | None = None) -> Path:
        return write_json(departments, target)

    return write


FORMATS: dict[str, ExportFormat] = {
    ".json": ExportFormat(".json", "JSON", one_department=False, load=_json_writer, document="perfdesk JSON 文件"),
}


def register(fmt: ExportFormat) -> None:
    FORMATS[fmt.suffix] = fmt


def formats() -> list[ExportFormat]:
    """Every format a writer is installed for, in menu order: one-department documents first (Word, Excel)."""
    _load_builtin_writers()
    return sorted(FORMATS.values(), key=lambda fmt: not fmt.one_department)


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
