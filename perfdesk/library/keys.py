"""When two indicator rows are the same indicator: one identity for the library, the checks and ``diff``.

A row is known by its 二级 group and its 三级 name. Whitespace is ignored and the
二级 is read through the framework aliases, so 承德 2021's 效果指标 rows and a
2024 file's 效益指标 rows of the same indicator meet.
"""

from __future__ import annotations

import re

from perfdesk.domain.frameworks import canonical_level2

_SPACES = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Text without any whitespace (typed spaces, line breaks from a pasted cell)."""
    return _SPACES.sub("", text or "")


def indicator_key(level2: str, name: str) -> str:
    """The identity of a 三级 indicator: ``二级|三级`` with aliases resolved and blanks dropped."""
    return f"{canonical_level2(squash(level2))}|{squash(name)}"
