"""R20: the parts every document must have are not empty.

"Empty" follows the printed layout (``perfdesk.export.docx.document``): a part
the layout prints with nothing in it is reported; a part it leaves out (a
分项目标 whose ``goal`` is None, a project without special funds) is not.
Whitespace counts as nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from perfdesk.checks.context import CheckContext, Place, squash
from perfdesk.checks.findings import Severity
from perfdesk.checks.registry import Hit, rule

_TITLE = "项目名称和绩效目标已填写"


@rule("R20", _TITLE, Severity.ERROR)
def project_name(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    project = place.project
    if squash(project.name):
        return
    label = ctx.department.name_label or "项目名称"
    also = "" if squash(project.title) else "，表题和目录也会空着"
    yield Hit(f"{label}是空的{also}。请按预算系统填写{label}。", field="name")


@rule("R20", _TITLE, Severity.ERROR)
def project_goals(ctx: CheckContext, place: Place) -> Iterator[Hit]:
    if any(squash(goal) for goal in place.project.goals or []):
        return
    yield Hit(
        "没有填写绩效目标，表中“绩效目标”一栏会空着。请写明本项目本年度要达到的具体结果"
        "（如“全年指派法律援助案件不少于 150 件”），一条一行。",
        field="goals",
    )
