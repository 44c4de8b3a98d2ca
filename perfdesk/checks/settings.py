"""Thresholds and word lists of the checks, read from ``perfdesk/data/check_settings.json``.

A province's variant (another satisfaction minimum, more filler words, another
code pattern) is a change to that file, or a file passed to ``load_settings``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from perfdesk.errors import InputError


@dataclass(frozen=True)
class CheckSettings:
    """Everything a rule may want to tune, already compiled (regexes, Decimals, sets)."""

    satisfaction_minimum: Decimal
    amount_tolerance: Decimal
    filler_words: frozenset[str]
    vague_words: tuple[str, ...]
    unit_replacements: dict[str, str]
    money_units_in_wan: dict[str, Decimal]
    person_units: frozenset[str]
    per_unit_words: tuple[str, ...]
    duration_units: frozenset[str]
    date_patterns: tuple[re.Pattern[str], ...]
    timeliness_words: tuple[str, ...]
    non_rate_words: tuple[str, ...]
    satisfaction_level1: frozenset[str]
    satisfaction_level2: frozenset[str]
    quantity_level2: frozenset[str]
    timeliness_level2: frozenset[str]
    cost_levels: frozenset[str]
    required_level2: dict[str, tuple[str, ...]]
    filler_allowed_level1: dict[str, frozenset[str]]
    project_code_pattern: re.Pattern[str]
    project_code_example: str
    document_number_pattern: re.Pattern[str]
    formula_typo_patterns: tuple[re.Pattern[str], ...]
    title_suffixes: tuple[str, ...]
    copy_similarity: Decimal
    copy_min_rows: int
    measure_title_as_text_chars: int
    history_factor: Decimal

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> CheckSettings:
        return cls(
            satisfaction_minimum=Decimal(str(raw["satisfaction_minimum"])),
            amount_tolerance=Decimal(str(raw["amount_tolerance"])),
            filler_words=frozenset(raw["filler_words"]),
            vague_words=tuple(raw["vague_words"]),
            unit_replacements=dict(raw["unit_replacements"]),
            money_units_in_wan={unit: Decimal(str(f)) for unit, f in raw["money_units_in_wan"].items()},
            person_units=frozenset(raw["person_units"]),
            per_unit_words=tuple(raw["per_unit_words"]),
            duration_units=frozenset(raw["duration_units"]),
            date_patterns=tuple(re.compile(p) for p in raw["date_patterns"]),
            timeliness_words=tuple(raw["timeliness_words"]),
            non_rate_words=tuple(raw["non_rate_words"]),
            satisfaction_level1=frozenset(raw["satisfaction_level1"]),
            satisfaction_level2=frozenset(raw["satisfaction_level2"]),
            quantity_level2=frozenset(raw["quantity_level2"]),
            timeliness_level2=frozenset(raw["timeliness_level2"]),
            cost_levels=frozenset(raw["cost_levels"]),
            required_level2={k: tuple(v) for k, v in raw["required_level2"].items()},
            filler_allowed_level1={k: frozenset(v) for k, v in raw["filler_allowed_level1"].items()},
            project_code_pattern=re.compile(raw["project_code_pattern"]),
            project_code_example=raw["project_code_example"],
            document_number_pattern=re.compile(raw["document_number_pattern"]),
            formula_typo_patterns=tuple(re.compile(p) for p in raw["formula_typo_patterns"]),
            title_suffixes=tuple(sorted(raw["title_suffixes"], key=len, reverse=True)),
            copy_similarity=Decimal(str(raw["copy_similarity"])),
            copy_min_rows=int(raw["copy_min_rows"]),
            measure_title_as_text_chars=int(raw["measure_title_as_text_chars"]),
            history_factor=Decimal(str(raw["history_factor"])),
        )


@cache
def default_settings() -> CheckSettings:
    """The shipped settings (cached: rules call this on every check)."""
    text = resources.files("perfdesk.data").joinpath("check_settings.json").read_text("utf-8")
    return CheckSettings.from_dict(json.loads(text))


def load_settings(path: str | Path | None = None) -> CheckSettings:
    """Settings from a file (a province's variant), or the shipped ones.

    Raises:
        InputError: the file is missing, not JSON, or lacks a key.
    """
    if path is None:
        return default_settings()
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
        return CheckSettings.from_dict(raw)
    except (OSError, ValueError, KeyError, TypeError, re.error) as exc:
        raise InputError(f"检查设置文件无法读取（{exc}）。", str(path)) from exc
