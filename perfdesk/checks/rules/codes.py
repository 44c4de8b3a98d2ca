"""R09, R10, R17: project codes, names and document numbers (文号)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from perfdesk.checks.context import CheckContext, Place, quote, squash
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, Scope, rule
from perfdesk.models.kinds import Collection

_PUNCTUATION = re.compile(r"[\s、，,。.（）()“”\"'《》<>·-]")


@rule("R09", "项目编码唯一且符合格式", Severity.ERROR, scope=Scope.DOCUMENT)
def duplicate_codes(ctx: CheckContext) -> Iterator[Hit]:
    by_code: dict[str, list[Place]] = defaultdict(list)
    for place in ctx.places():
        code = squash(place.project.code)
        if code:
            by_code[code].append(place)
    for code, places in by_code.items():
        if len(places) < 2:
            continue
        for place in places:
            others = "、".join(p.label() for p in places if p is not place)
            yield Hit(
                f"项目编码 {code} 与{others}重复。每个项目的编码必须唯一，请按预算系统中的编码改正。",
                field="code",
                place=place,
            )


@rule("R09", "项目编码唯一且符合格式", Severity.WARNING)
def code_format(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    code = place.project.code or ""
    example = ctx.settings.project_code_example
    if not code.strip():
        yield Hit(f"项目编码为空。请填写预算系统中的项目编码（如 {example}）。", field="code")
    elif not ctx.settings.project_code_pattern.fullmatch(code):
        yield Hit(
            f"项目编码 {code} 不符合预算一体化系统的格式（21 位：6 位行政区划代码 + 2 位年度"
            f" + 13 位数字或大写字母，如 {example}）。请核对是否抄错、漏位或多了空格、横线。",
            field="code",
        )


@rule("R10", "目录、表题与项目名称一致", Severity.WARNING, heuristic=True)
def title_matches_name(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    """The title may add 经费/项目 to the name (the 2021 seed does); other differences are flagged."""
    project = place.project
    if not project.title or not squash(project.name) or squash(project.title) == squash(project.name):
        return  # an empty name is R20's
    if _core(ctx, project.title) != _core(ctx, project.name):
        yield Hit(
            f"目录和表题用的是{quote(project.title)}，表中项目名称却是{quote(project.name)}，"
            "两者不只是“项目/经费”等后缀不同。请统一为预算系统中的项目名称。",
            field="title",
        )


def _core(ctx: CheckContext, name: str) -> str:
    """The name without punctuation and trailing 项目 / 经费 / 费 … (repeatedly)."""
    core = _PUNCTUATION.sub("", name)
    stripped = True
    while stripped:
        stripped = False
        for suffix in ctx.settings.title_suffixes:
            if core.endswith(suffix) and len(core) > len(suffix) + 1:
                core = core[: -len(suffix)]
                stripped = True
                break
    return core


@rule("R17", "文号格式 〔YYYY〕N号", Severity.WARNING)
def project_document_numbers(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    project = place.project
    texts = [
        ("name", project.name),
        ("title", project.title),
        ("purpose", project.purpose),
        ("goals", "\n".join(project.goals or [])),
    ]
    for field, text in texts:
        yield from _document_numbers(ctx, field, text)


@rule("R17", "文号格式 〔YYYY〕N号", Severity.WARNING, scope=Scope.DOCUMENT)
def department_document_numbers(ctx: CheckContext) -> Iterator[Hit]:
    dept = ctx.department
    yield from _document_numbers(ctx, "overall_goal", dept.overall_goal)
    sub_goals = "\n".join(f"{g.title}\n{g.goal or ''}\n" + "\n".join(g.indicators or []) for g in dept.sub_goals)
    yield from _document_numbers(ctx, Collection.SUB_GOALS, sub_goals)
    yield from _document_numbers(
        ctx, Collection.MEASURES, "\n".join(f"{m.title}\n{m.text or ''}" for m in dept.measures)
    )


def _document_numbers(ctx: CheckContext, field: str, text: str | None) -> Iterator[Hit]:
    if not text:
        return
    for match in ctx.settings.document_number_pattern.finditer(text):
        bracketed = bool(match["open"] or match["close"])
        if not bracketed and not match["nian"]:
            continue  # a bare "2020 22号" is too ambiguous to call a 文号
        proper = f"〔{match['year']}〕{match['num']}号"
        written = match.group(0).strip()
        if written == proper:
            continue
        shown = _with_prefix(text, match.start()) + match.group(0)
        yield Hit(
            f"文号{quote(shown)}格式不规范，应写作“…{proper}”（年份用六角括号〔〕，不加“年”字，不留空格）。",
            field=field,
        )


def _with_prefix(text: str, start: int) -> str:
    """Up to six characters of the issuing organ's abbreviation before the year (冀财政法…)."""
    return re.split(r"[，。；、\s]", text[max(0, start - 6) : start])[-1]
