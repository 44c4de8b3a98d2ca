"""A .docx or .xlsx whose zip directory points before the file's start is refused, never a crash.

The importers' fuzzer found it: with the central directory's offset too large, zipfile seeks to a
negative position and the OS raises OSError (EINVAL), which neither reader took for damage.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, cli_main

EOCD = b"PK\x05\x06"


def _directory_pointing_before_the_start(data: bytes) -> bytes:
    """``data`` with the end record's central-directory offset 4,096 bytes too large."""
    at = data.rindex(EOCD) + 16
    (offset,) = struct.unpack("<I", data[at : at + 4])
    return data[:at] + struct.pack("<I", offset + 4096) + data[at + 4 :]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_directory_offset_past_its_place_is_a_damaged_file(tmp_path: Path, suffix: str) -> None:
    workspace = tmp_path / "ws.perfdesk"
    assert cli_main("import", FIXTURES["2024"], "--into", workspace).returncode == 0
    good = tmp_path / f"good{suffix}"
    assert cli_main("export", workspace, good).returncode == 0
    bad = tmp_path / f"bad{suffix}"
    bad.write_bytes(_directory_pointing_before_the_start(good.read_bytes()))
    before = workspace.read_bytes()

    result = cli_main("import", bad, "--into", workspace, "--replace")

    assert result.returncode == 2, result.stderr
    assert "损坏" in result.stderr
    assert "Traceback" not in result.stderr
    assert workspace.read_bytes() == before
