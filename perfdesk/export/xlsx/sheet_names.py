"""Sheet names for the project sheets: from the project's number and name, legal and unique in Excel.

Excel refuses ``[]:*?/\\``, names over 31 characters, a leading or trailing apostrophe, the
name ``History``, and two names that differ only in case.
"""

from __future__ import annotations

from collections.abc import Iterable

from perfdesk.interchange.xlsx_layout import SHEET_NAME_FORBIDDEN, SHEET_NAME_MAX

RESERVED = frozenset({"history"})


def clean(text: str) -> str:
    """``text`` without the characters Excel refuses, line breaks and surrounding apostrophes or spaces."""
    kept = "".join(" " if ch in "\r\n\t" else ch for ch in text if ch not in SHEET_NAME_FORBIDDEN)
    return kept.strip().strip("'").strip()


class SheetNames:
    """Hands out unique names, the names already taken (fixed sheets) counted in."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = {name.casefold() for name in taken} | RESERVED

    def name(self, prefix: str, title: str) -> str:
        """``prefix`` + ``title`` cut to fit; ``(2)``, ``(3)``… before the cut when it is taken."""
        base = clean(f"{prefix}{title}") or clean(prefix) or "项目"
        candidate = base[:SHEET_NAME_MAX].rstrip("'").rstrip()
        n = 2
        while candidate.casefold() in self._taken:
            suffix = f"({n})"
            candidate = base[: SHEET_NAME_MAX - len(suffix)].rstrip("'").rstrip() + suffix
            n += 1
        self._taken.add(candidate.casefold())
        return candidate


def project_prefix(number: int, special: bool, number_style: str) -> str:
    """``3.`` for the third project, ``专3.`` for the third special fund (number style of the department)."""
    return f"{'专' if special else ''}{number}{number_style}"
