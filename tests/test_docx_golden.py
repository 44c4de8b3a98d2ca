"""The Word writer's output is byte-for-byte the golden files' (tests/golden_docx.py regenerates them).

Every zip member is compared as bytes, in the package's order; a difference names the member and
shows the first differing bytes with some context, so a change is readable without unzipping.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.golden_docx import CASES, Case

CONTEXT = 80


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def first_difference(name: str, expected: bytes, actual: bytes) -> str:
    """Where two members first differ, with ``CONTEXT`` bytes either side, decoded for reading."""
    at = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b), None)
    if at is None:
        at = min(len(expected), len(actual))
    start = max(0, at - CONTEXT)

    def show(data: bytes) -> str:
        return data[start : at + CONTEXT].decode("utf-8", "replace")

    return (
        f"{name}: first difference at byte {at} (golden {len(expected)} bytes, now {len(actual)})\n"
        f"  golden: …{show(expected)}…\n"
        f"  now:    …{show(actual)}…"
    )


def test_first_difference_is_readable() -> None:
    message = first_difference("word/document.xml", b"<w:t>abc</w:t>", b"<w:t>abd</w:t>")
    assert "byte 7" in message
    assert "abc" in message
    assert "abd" in message
    assert "byte 3" in first_difference("x", b"abc", b"abcd")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_word_export_matches_golden_file(case: Case, tmp_path: Path) -> None:
    golden = members(case.path)
    now = members(case.write(tmp_path / f"{case.name}.docx"))
    assert list(now) == list(golden), "the package's members or their order changed"
    for name, expected in golden.items():
        if now[name] != expected:
            pytest.fail(first_difference(name, expected, now[name]), pytrace=False)
