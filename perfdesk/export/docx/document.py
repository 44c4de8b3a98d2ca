"""``write_docx``: one department-year as a 部门预算绩效文本 in Word, in the order of the seeds.

Cover, 目录, 第一部分 (prose), optional 第二部分 专项资金 tables and the 预算项目
tables. The body is streamed (``body``) to a temporary file while the page
estimate runs, so the 目录 can carry the page numbers of later entries; then
the package is written with the cover, the 目录 and that body (``package``).
The file is written atomically, so a failure leaves any older file untouched.
"""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from perfdesk.errors import InputError, OutputError
from perfdesk.export.atomic import atomic_write
from perfdesk.export.docx import fragments as wml
from perfdesk.export.docx.body import BodyWriter, section_body
from perfdesk.export.docx.geometry import SIZE_2, TEXT_WIDTH_PT
from perfdesk.export.docx.package import write_package
from perfdesk.export.docx.pagination import Flow, toc_pages
from perfdesk.export.docx.properties import set_properties
from perfdesk.export.docx.styles import BODY_LINE_PT, Font, ParagraphFormat, Typography
from perfdesk.export.docx.styles import font_set as named_font_set  # write_docx's keyword hides the name
from perfdesk.export.docx.template import new_document
from perfdesk.export.docx.toc import TITLE_HEIGHT_PT, toc_xml
from perfdesk.export.registry import ExportOptions, Progress
from perfdesk.layout import document_outline as outline
from perfdesk.layout import empty_parts as empty
from perfdesk.layout.project_table import LayoutOptions, project_table, table_heading
from perfdesk.models import Department

FIRST_BODY_PAGE = 2  # the cover is page 1
CHUNK = 1 << 20  # bytes copied at a time from the streamed body into the package
#: After the last table: keeps a table from ending the document (Word adds a paragraph there anyway).
CLOSING = wml.paragraph(ParagraphFormat(line_pt=2, on_grid=False))


def cover_xml(dept: Department, typo: Typography) -> str:
    """Title (with （草案） on its own line) in the upper third, the 编制/审核 lines lower down."""

    def centred(text: str, font: Font, line_pt: float, lines_before: int) -> str:
        fmt = ParagraphFormat(align="center", line_pt=line_pt, before_pt=BODY_LINE_PT * lines_before, on_grid=False)
        return wml.paragraph(fmt, [wml.run(text, font)])

    title = [
        centred(text, typo.title, SIZE_2 * 1.8, 5 if i == 0 else 0)
        for i, text in enumerate(outline.cover_title_lines(dept, TEXT_WIDTH_PT / SIZE_2))
    ]
    lines = [
        centred(text, typo.body, BODY_LINE_PT, 7 if i == 0 else 0) for i, text in enumerate(outline.cover_lines(dept))
    ]
    return "".join([*title, *lines])


@contextmanager
def settled_heap() -> Iterator[None]:
    """Leave the objects that exist now (the loaded department: ~10^5 at 1,000 projects) out of garbage collection
    while the export runs: the export makes millions of short-lived objects, and each collection they trigger
    would walk the whole department again (a tenth of the export's time). Where something else froze objects
    already, nothing is done: unfreezing would undo its freeze too."""
    ours = gc.get_freeze_count() == 0
    if ours:
        gc.freeze()
    try:
        yield
    finally:
        if ours:
            gc.unfreeze()


def write_body(
    dept: Department, typo: Typography, options: ExportOptions, sink: BinaryIO, progress: Progress | None
) -> BodyWriter:
    """Stream everything after the 目录 to ``sink``; the returned writer holds the 目录 entries."""
    layout = LayoutOptions.of(dept)
    parts = outline.parts(dept, options.empty_parts)
    sections = outline.sections(dept, options.empty_parts)
    # The 目录 length must be known before the body's page numbers: count its entries first.
    headings: list[tuple[int, str]] = []
    for part in parts:
        headings.append((0, part.heading))
        if part.title == outline.PART_ONE_TITLE:
            headings += [(1, section.heading) for section in sections]
        headings += [(1, table_heading(n, p, layout.for_project(p))) for n, p in enumerate(part.projects, 1)]
    writer = BodyWriter(sink, typo, Flow(FIRST_BODY_PAGE + toc_pages([*headings, (0, "")], TITLE_HEIGHT_PT)))
    total = sum(len(part.projects) for part in parts)
    done = 0
    for part in parts:
        writer.part(part)
        if part.title == outline.PART_ONE_TITLE:
            for section in sections:
                writer.section(section.heading)
                if section.empty:
                    writer.text(empty.NOTHING)
                else:
                    section_body(dept, writer, section.kind)
        elif not part.projects:
            writer.text(empty.NOTHING)
        for n, project in enumerate(part.projects, 1):
            writer.table(project_table(dept, project, n, layout))
            done += 1
            if progress is not None:
                progress(done, total)
    writer.flush()
    return writer


def write_docx(
    departments: Sequence[Department],
    target: Path,
    *,
    progress: Progress | None = None,
    font_set: str | None = None,
    options: ExportOptions | None = None,
    when: dt.datetime | None = None,
) -> Path:
    """Write one department-year to ``target`` (.docx), atomically.

    Args:
        font_set: ``"gongwen"`` or ``"windows"``; overrides the department's ``font_set``.
        options: the clerk's choices for this export (what an empty part prints).
        when: the creation time the file states (default now); fixed by the golden-file tests.

    Raises:
        InputError: not exactly one department was given.
        OutputError: the target cannot be written (folder missing, a folder, locked).
    """
    if len(departments) != 1:
        raise InputError(f"Word 文件只能包含一个部门的一个年度，收到 {len(departments)} 个。")
    dept = departments[0]
    typo = Typography(named_font_set(font_set or dept.font_set))
    document = new_document(typo)
    set_properties(
        document,
        title="".join(outline.cover_title_lines(dept)),
        author=dept.prepared_by or dept.name,
        when=when or dt.datetime.now(dt.UTC).replace(microsecond=0),
    )

    def save(handle: BinaryIO) -> None:
        try:
            with settled_heap(), tempfile.TemporaryFile() as body:
                writer = write_body(dept, typo, options or ExportOptions(), body, progress)
                front = cover_xml(dept, typo) + toc_xml(writer.entries, typo.part, typo.toc)

                def stream(out: IO[bytes]) -> None:
                    out.write(front.encode())
                    body.seek(0)
                    shutil.copyfileobj(body, out, CHUNK)
                    out.write(CLOSING.encode())

                write_package(document, handle, stream)
        except OSError as exc:  # disk full, network drive gone: the temporary file is removed
            raise OutputError(f"无法写入文件（{exc.strerror or exc}）。", str(target)) from exc

    return atomic_write(Path(target), save)
