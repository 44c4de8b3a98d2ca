"""Errors a user can cause or meet, each carrying a message in Chinese.

Everything the command line or the GUI shows to a clerk comes from
``PerfdeskError.message``; any other exception is a bug in perfdesk.
"""

from __future__ import annotations


class PerfdeskError(Exception):
    """Base class: a problem explained to the user in Chinese.

    Args:
        message: what is wrong and, where possible, what to do about it.
        where: the place of the problem (a JSON path, a file, a cell), shown
            before the message.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line for a terminal or a message box."""
        return f"{self.where}：{self.message}" if self.where else self.message


class InputError(PerfdeskError):
    """The input file or the command line is wrong (exit status 2)."""


class DepartmentExists(InputError):
    """The workspace already holds a department-year of that name (an import without replacing, a new department).

    Callers tell it apart by type, never by its text: the GUI offers to replace, the CLI names ``--replace``.

    Attributes:
        label: the department-year as lists name it (``巨鹿县司法局 2024年``).
    """

    def __init__(self, label: str, where: str | None = None) -> None:
        self.label = label
        super().__init__(f"工作区中已有“{label}”。", where)


class WorkspaceError(PerfdeskError):
    """A workspace file cannot be opened or written."""


class WorkspaceBusy(WorkspaceError):
    """Another program is writing the file right now; it is not damaged. Retry later."""


class WorkspaceDamaged(WorkspaceError):
    """The file is not a readable workspace any more (corrupt, missing tables, unreadable values)."""


class WorkspaceReadOnly(WorkspaceError):
    """The file or its folder cannot be written: it can be opened for reading only."""


class WorkspaceLocked(WorkspaceError):
    """The workspace is open for writing elsewhere (another window, another computer).

    Attributes:
        holder: who holds it (``perfdesk.models.lock.LockInfo``).
    """

    def __init__(self, message: str, where: str | None = None, holder: object = None) -> None:
        self.holder = holder
        super().__init__(message, where)


class NewerSchemaError(WorkspaceError):
    """The workspace was written by a newer perfdesk; it is left untouched."""


class OutputError(PerfdeskError):
    """An export target cannot be written (locked, read-only, no space)."""
