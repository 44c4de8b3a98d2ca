"""R13, R14, R15: goals, indicators and descriptions that contradict or copy each other.

All three are heuristics: they point at something a reviewer would question,
and say so in the message.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from itertools import combinations

from perfdesk.checks.context import CheckContext, Place, quote, squash
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, Scope, rule
from perfdesk.domain.values import format_value, numeric
from perfdesk.models.kinds import Collection
from perfdesk.models.snapshot import IndicatorData

#: A number in prose and the few characters after it (where its unit is).
_GOAL_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([^\d\s，。；,;]{0,5})")
#: A rate word: two characters and 率 (稳定率, 接收率 …).
_RATE = re.compile(r"([\u4e00-\u9fff]{2})率")


@rule("R13", "绩效目标中的数字与指标一致", Severity.WARNING, heuristic=True)
def goal_numbers(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    by_unit: dict[str, list[IndicatorData]] = defaultdict(list)
    for ind in place.project.indicators:
        unit = ctx.canonical_unit(ind.unit)
        if unit and ctx.number(ind) is not None and unit not in ctx.settings.duration_units:
            by_unit[unit].append(ind)
    if not by_unit:
        return
    units = sorted(by_unit, key=len, reverse=True)
    seen: set[tuple[Decimal, str]] = set()
    for goal in place.project.goals or []:
        for match in _GOAL_NUMBER.finditer(goal):
            number = numeric(match.group(1))
            after = match.group(2).replace("百分比", "%").replace("％", "%")
            unit = next((u for u in units if 0 <= after.find(u) <= 2), None)
            if number is None or unit is None or (number, unit) in seen:
                continue
            written = match.group(1) + after[: after.find(unit) + len(unit)]
            seen.add((number, unit))
            candidates = by_unit[unit]
            if any(ctx.number(i) == number for i in candidates):
                continue
            listed = "；".join(f"{i.name} {format_value(i.op, i.value, i.unit)}" for i in candidates[:3])
            yield Hit(
                f"绩效目标中写的是{quote(written)}，而同单位的指标是：{listed}。"
                "请核对目标与指标是否一致；如果两者说的是不同的量，可忽略。",
                field="goals",
            )


@rule("R14", "各项目的指标或目标不雷同", Severity.WARNING, scope=Scope.DOCUMENT, heuristic=True)
def copied_indicators(ctx: CheckContext) -> Iterator[Hit]:
    s = ctx.settings
    signatures: dict[frozenset, list[Place]] = defaultdict(list)
    for place in ctx.places():
        rows = frozenset(
            (i.level1, i.level2, squash(i.name), i.op, squash(i.value), ctx.canonical_unit(i.unit))
            for i in place.project.indicators
            if not (ctx.is_filler(i.value) or ctx.is_filler(i.name))
        )
        if len(rows) >= s.copy_min_rows:
            signatures[rows].append(place)
    groups = list(signatures)
    similar: dict[frozenset, list[frozenset]] = defaultdict(list)
    for a, b in _sharing_pairs(groups):
        if Decimal(len(a & b)) / max(len(a), len(b)) >= s.copy_similarity:
            similar[a].append(b)
            similar[b].append(a)
    for sig, places in signatures.items():
        peers_by_sig = [(sig, p) for p in places] + [(o, p) for o in similar[sig] for p in signatures[o]]
        for place in places:
            peers = sorted(((o, p) for o, p in peers_by_sig if p is not place), key=lambda x: x[1].order())
            if not peers:
                continue
            other_sig, first = peers[0]
            how = (
                "完全相同"
                if other_sig == sig
                else f"大部分相同（{len(sig & other_sig)}/{max(len(sig), len(other_sig))} 行一致）"
            )
            more = f"等 {len(peers)} 个项目" if len(peers) > 1 else ""
            yield Hit(
                f"绩效指标与{first.label()}{more}{how}，像是复制后未按本项目修改。请按本项目的实际产出和效益调整指标。",
                field=Collection.INDICATORS,
                place=place,
            )


def _sharing_pairs(groups: list[frozenset]) -> Iterator[tuple[frozenset, frozenset]]:
    """Pairs of distinct signatures that share at least one row (an inverted index avoids n² work)."""
    by_row: dict[tuple, list[int]] = defaultdict(list)
    for index, rows in enumerate(groups):
        for row in rows:
            by_row[row].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in by_row.values():
        pairs.update(combinations(members, 2))
    for a, b in sorted(pairs):
        yield groups[a], groups[b]


@rule("R14", "各项目的指标或目标不雷同", Severity.WARNING, scope=Scope.DOCUMENT, heuristic=True)
def copied_goals(ctx: CheckContext) -> Iterator[Hit]:
    by_goals: dict[tuple[str, ...], list[Place]] = defaultdict(list)
    for place in ctx.places():
        goals = tuple(g for g in map(squash, place.project.goals or []) if g)
        if goals:
            by_goals[goals].append(place)
    for places in by_goals.values():
        for place in places:
            others = [p for p in places if p is not place]
            if others:
                more = f"等 {len(others)} 个项目" if len(others) > 1 else ""
                yield Hit(
                    f"绩效目标与{others[0].label()}{more}完全相同。"
                    "每个项目的目标应写明本项目要达到的具体结果，请修改。",
                    field="goals",
                    place=place,
                )


@rule("R15", "三级指标名称与描述、公式一致", Severity.WARNING, heuristic=True)
def name_matches_description(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    for row, ind in enumerate(place.project.indicators):
        description = ind.description or ""
        typo = next((m for p in ctx.settings.formula_typo_patterns if (m := p.search(description))), None)
        if typo:
            yield Hit(
                f"绩效指标描述中的公式写的是{quote(typo.group(0))}，比率公式通常应乘以 100%。请核对。",
                field="description",
                row=row,
            )
            continue
        stem = _name_stem(ctx, ind.name)
        if stem is None or stem in description:
            continue
        described = _description_rates(ctx, description)
        if described and stem not in (word[-3:-1] for word in described):
            yield Hit(
                f"三级指标{quote(ind.name)}与描述中的“{described[0]}”说的不是同一个比率。请统一指标名称和描述。",
                field="description",
                row=row,
            )


def _name_stem(ctx: CheckContext, name: str) -> str | None:
    """The two characters before 率 (or 比率) in a rate name: 接收率 → 接收."""
    if not ctx.is_rate_name(name):
        return None
    core = name[:-1].removesuffix("比")
    return core[-2:] if len(core) >= 2 else None


def _description_rates(ctx: CheckContext, text: str) -> list[str]:
    """Rate words a description names itself (再犯罪率), leaving out ``…的比率`` phrasing and 效率 etc."""
    words = []
    for match in _RATE.finditer(text):
        stem = match.group(1)
        word = text[match.start() : match.end()]
        if stem.endswith("比") or stem[-1] in "的之占" or word[-2:] in ctx.settings.non_rate_words:
            continue
        before = text[match.start() - 1 : match.start()] if match.start() else ""
        words.append((before if "\u4e00" <= before <= "\u9fff" and before not in "的之占对与" else "") + word)
    return words
