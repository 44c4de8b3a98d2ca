"""Pinyin initials of indicator names, so ``zjzc`` finds 资金支出准确率.

pypinyin (pure Python, maintained, with phrase and heteronym tables) gives each
character every initial it can be read with: a clerk typing ``cx`` or ``zx`` for
长效 finds it either way, and 率 answers to ``l`` (效率) and ``s``. A hand-made
table of a few hundred characters would miss the names clerks invent.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1 << 14)
def initials(name: str) -> tuple[frozenset[str], ...]:
    """For each character of ``name``, the initials it may be read with (itself, lower-cased, if not Han)."""
    return tuple(_char_initials(char) for char in name)


@lru_cache(maxsize=1 << 14)
def _char_initials(char: str) -> frozenset[str]:
    # imported on the first search: pypinyin's tables take ~50 MB and a moment to load (issue 17: start-up, memory)
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.FIRST_LETTER, heteronym=True, errors="default")
    letters = frozenset(option[:1].lower() for options in readings for option in options if option)
    return letters or frozenset({char.lower()})


def initials_position(name: str, query: str) -> int | None:
    """Where in ``name`` the letters of ``query`` start as consecutive initials, or None."""
    letters = query.lower()
    if not letters:
        return None
    per_char = initials(name)
    for start in range(len(per_char) - len(letters) + 1):
        if all(letter in per_char[start + i] for i, letter in enumerate(letters)):
            return start
    return None
