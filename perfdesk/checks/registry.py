"""Rule registration: each rule is a small function registered under its stable id.

A *project* rule looks at one project (so a GUI can re-check just the project
that was edited); a *document* rule looks at the whole department (duplicate
codes, copy-paste between projects, department texts, totals). Rules yield
``Hit`` objects; the engine turns them into ``Finding`` with the rule's id,
severity and a full ``Location``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from perfdesk.checks.findings import Severity

if TYPE_CHECKING:
    from perfdesk.checks.context import Place


class Scope(Enum):
    """What a rule looks at: one project (re-checked alone after an edit) or the whole department."""

    PROJECT = "project"
    DOCUMENT = "document"


#: Appended to the message of every heuristic finding.
HEURISTIC_NOTE = "（提示性检查，可能误报）"


@dataclass(frozen=True)
class Hit:
    """One thing a rule found, before the engine adds the rule id and the location.

    Attributes:
        message: what is wrong and what to do, in plain Chinese.
        field: ORM attribute name of the project / indicator / department field.
        row: 0-based indicator row, or None for a project- or department-level hit.
        place: the project (document rules only; project rules get it from the engine).
        severity, heuristic: override the rule's defaults for this hit.
    """

    message: str
    field: str | None = None
    row: int | None = None
    place: Place | None = None
    severity: Severity | None = None
    heuristic: bool | None = None


@dataclass(frozen=True)
class Rule:
    """A registered rule: id (R01…), title, default severity, scope and whether it is a heuristic."""

    id: str
    title: str
    severity: Severity
    scope: Scope
    heuristic: bool
    check: Callable[..., Iterable[Hit]]


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, title: str, severity: Severity, *, scope: Scope = Scope.PROJECT, heuristic: bool = False
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register the decorated function as (part of) rule ``rule_id``.

    One id may have several functions (e.g. a project part and a document part);
    they share the title and defaults of the first registration.
    """

    def register(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        key = f"{rule_id}:{func.__name__}"
        if key in RULES:
            raise ValueError(f"rule {key} registered twice")
        RULES[key] = Rule(rule_id, title, severity, scope, heuristic, func)
        return func

    return register


def all_rules() -> list[Rule]:
    """Every registered rule function, ordered by id (importing the rule modules first)."""
    import perfdesk.checks.rules  # noqa: F401  (registers the rules)

    return sorted(RULES.values(), key=lambda r: r.id)


def rule_titles() -> dict[str, str]:
    """Rule id → title, for a GUI filter list or a legend."""
    return {r.id: r.title for r in all_rules()}
