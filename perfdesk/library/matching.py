"""Which library items to offer for what the clerk typed in a row of a given 一级/二级 group.

A name matches by any part of it (``支出`` finds 资金支出准确率) or by the pinyin
initials of consecutive characters (``zjzc``). Items of the row's 二级 come
first; a row without a 二级 takes its 一级's items. Better matches (at the start,
in the name rather than by pinyin) and more-used items come first.
"""

from __future__ import annotations

from collections.abc import Iterable

from perfdesk.domain.frameworks import canonical_level1, canonical_level2
from perfdesk.library.entry import LibraryItem
from perfdesk.library.keys import squash
from perfdesk.library.pinyin import initials_position


def in_group(item: LibraryItem, level1: str | None, level2: str | None) -> bool:
    """Whether ``item`` belongs under the row's 二级 (or, when it has none, its 一级)."""
    if level2 and level2.strip():
        return canonical_level2(squash(item.level2)) == canonical_level2(squash(level2))
    if level1 and level1.strip():
        return canonical_level1(squash(item.level1)) == canonical_level1(squash(level1))
    return True


def match_rank(name: str, text: str) -> int | None:
    """How well ``name`` matches the typed ``text``: 0 best … 3, or None for no match."""
    typed = squash(text)
    if not typed:
        return 3
    name = squash(name)
    position = name.find(typed)
    if position >= 0:
        return 0 if position == 0 else 1
    if typed.isascii() and typed.isalnum():
        start = initials_position(name, typed)
        if start is not None:
            return 2 if start == 0 else 3
    return None


def suggest(
    items: Iterable[LibraryItem], level1: str | None, level2: str | None, text: str, limit: int = 30
) -> list[LibraryItem]:
    """The items to offer, best first, at most ``limit``."""
    ranked: list[tuple[int, int, str, LibraryItem]] = []
    for item in items:
        if not in_group(item, level1, level2):
            continue
        rank = match_rank(item.name, text)
        if rank is not None:
            ranked.append((rank, -item.uses, item.name, item))
    ranked.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ranked[:limit]]


def search(items: Iterable[LibraryItem], text: str) -> list[LibraryItem]:
    """Items whose name, group or description contains ``text``, or whose name matches its pinyin initials."""
    typed = squash(text)
    if not typed:
        return list(items)
    found = []
    for item in items:
        haystack = squash(f"{item.level1}{item.level2}{item.description or ''}{item.basis or ''}")
        if typed in haystack or match_rank(item.name, typed) is not None:
            found.append(item)
    return found
