"""The ``perfdesk check`` command (the rules arrive with the checks issue)."""

from __future__ import annotations

from pathlib import Path

from perfdesk.errors import InputError


def run_check_command(source: Path, output_format: str) -> int:
    raise InputError("检查功能（审核规则 R01–R18）尚未包含在此版本中。", "perfdesk check")
