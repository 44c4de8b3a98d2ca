"""The .docx package: python-docx prepares the template's parts once, the body is streamed into the zip.

Every part but ``word/document.xml`` is small and written as python-docx
would (same members, same order, same bytes). The main part is the
template's ``w:document`` split around its body: the head up to ``w:body``,
then whatever ``write_body`` streams, then the template's ``w:sectPr`` and
the closing tags, so the body never exists as one object or one string.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO, BinaryIO

from docx.document import Document
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from perfdesk.errors import OutputError

BODY_OPEN = b"<w:body>"
SECTION_OPEN = b"<w:sectPr"


def document_frame(document: Document) -> tuple[bytes, bytes]:
    """The serialised main part before and after the body's content (from its closing ``w:sectPr`` on)."""
    whole = serialize_part_xml(document.element)
    cut = whole.find(SECTION_OPEN)
    head, tail = whole[:cut], whole[cut:]
    if cut < 0 or not head.endswith(BODY_OPEN):
        raise LookupError("the Word template's body is not just its w:sectPr")
    return head, tail


def write_package(document: Document, handle: BinaryIO, write_body: Callable[[IO[bytes]], None]) -> None:
    """Write ``document``'s package to ``handle``; ``write_body`` streams the main part's body content."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    head, tail = document_frame(document)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        archive.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            if part is document.part:
                _write_main_part(archive, part.partname.membername, head, tail, write_body)
            else:
                archive.writestr(part.partname.membername, part.blob)
            if len(part.rels):
                archive.writestr(part.partname.rels_uri.membername, part.rels.xml)


TOO_LARGE = "文档正文超过 2 GB，Word 无法打开这么大的文件。请分部门或分单位导出。"


def _write_main_part(
    archive: zipfile.ZipFile, name: str, head: bytes, tail: bytes, write_body: Callable[[IO[bytes]], None]
) -> None:
    """Stream the main part; without zip64 (python-docx's bytes) it may not pass 2 GiB, which zipfile
    reports as a bare RuntimeError when the member is closed — said here in Chinese instead."""
    try:
        with archive.open(name, "w") as stream:
            stream.write(head)
            write_body(stream)
            stream.write(tail)
    except (RuntimeError, zipfile.LargeZipFile) as exc:
        if "zip64" not in str(exc).lower():
            raise
        raise OutputError(TOO_LARGE) from exc
