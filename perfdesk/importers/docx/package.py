"""Open a .docx as an untrusted zip and parse its XML parts safely.

A .docx is a zip of XML parts. Before anything is parsed the file is checked:
it must be a zip (a legacy .doc or .wps, a PDF or RTF gets a message saying to
save it as .docx), small enough, with few parts, no part that expands more
than a zip of text plausibly does (zip bombs), and XML without a DTD (entity
expansion, "billion laughs"). lxml parses with entities and network off.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from perfdesk.errors import InputError
from perfdesk.importers.archives import ZIP_DAMAGE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PARTS = 1000
MAX_PART_BYTES = 64 * 1024 * 1024  # document.xml of a 500-table document is about 10 MB
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed; Word's XML compresses 10–30×
RATIO_FLOOR_BYTES = 1024 * 1024  # smaller parts may compress as well as they like

_NOT_BODY_TEXT = ("txbxContent", "del", "moveFrom")
DOCUMENT_PART = "word/document.xml"
STYLES_PART = "word/styles.xml"

SAVE_AS_DOCX = "请在 Word 或 WPS 中打开它，用“另存为”保存为 Word 文档（*.docx）后再导入。"

#: File signatures of the formats clerks mistake for .docx, with how to name them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word（.doc）或 WPS（.wps）文件"),
    (b"%PDF", "PDF 文件"),
    (b"{\\rtf", "RTF 文件"),
    (b"<?xml", "XML 文件（Word 2003 XML？）"),
    (b"<html", "网页文件"),
)


@dataclass(frozen=True)
class Package:
    """The parsed parts a reader needs: the body and the paragraph style names by id."""

    document: etree._Element
    style_names: dict[str, str]
    styles: etree._Element | None = None


def _kind_of(head: bytes) -> str | None:
    lowered = head.lstrip().lower()
    for signature, name in _SIGNATURES:
        if head.startswith(signature) or lowered.startswith(signature.lower()):
            return name
    return None


def open_package(path: Path) -> Package:
    """Check and parse a .docx.

    Raises:
        InputError: not a .docx (with what it is and what to do), too large, a zip bomb,
            XML with a DTD, or broken XML.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise InputError("找不到这个文件。", str(path)) from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）。", str(path)) from exc
    if size > MAX_FILE_BYTES:
        raise InputError(f"文件太大（{size // (1024 * 1024)} MB），不像是绩效文本，未导入。", str(path))
    if not head.startswith(b"PK"):
        kind = _kind_of(head)
        what = f"这是{kind}，不是 .docx 文件。" if kind else "这不是 Word 文档（.docx），或者文件已损坏。"
        raise InputError(what + SAVE_AS_DOCX, str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, str(path))
            document = _parse(_read_part(archive, DOCUMENT_PART, str(path)), DOCUMENT_PART, str(path))
            styles = (
                _parse(_read_part(archive, STYLES_PART, str(path)), STYLES_PART, str(path))
                if STYLES_PART in archive.namelist()
                else None
            )
    except ZIP_DAMAGE as exc:
        raise InputError("文件已损坏，无法作为 Word 文档（.docx）打开。" + SAVE_AS_DOCX, str(path)) from exc
    if document.tag != f"{{{W}}}document":
        raise InputError("word/document.xml 不是 Word 文档正文，无法导入。", str(path))
    # Text that is not the body's: text boxes and shapes (Word stores each twice, for old and new
    # readers), deleted and moved-away text of tracked changes.
    etree.strip_elements(document, *(f"{{{W}}}{tag}" for tag in _NOT_BODY_TEXT), with_tail=False)
    return Package(document, _style_names(styles), styles)


def _check_archive(archive: zipfile.ZipFile, where: str) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise InputError(f"文件中有 {len(infos)} 个部件，超过了 {MAX_PARTS} 个，不像是 Word 文档，未导入。", where)
    names = {info.filename for info in infos}
    if DOCUMENT_PART not in names:
        what = "Excel 工作簿" if "xl/workbook.xml" in names else "Word 文档（.docx）"
        raise InputError(f"这不是 Word 文档（.docx）：找不到正文部分（像是{what}）。", where)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError("文件解压后过大（可能是“压缩炸弹”），未导入。", where)
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(f"文件中的“{info.filename}”压缩比异常（可能是“压缩炸弹”），未导入。", where)


def _read_part(archive: zipfile.ZipFile, name: str, where: str) -> bytes:
    """The part's bytes, read no further than the limit (the sizes in the zip directory can lie)."""
    with archive.open(name) as handle:
        data = handle.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise InputError("文件解压后过大（可能是“压缩炸弹”），未导入。", where)
    return data


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False, recover=False
)


def _parse(data: bytes, name: str, where: str) -> etree._Element:
    """Parse one XML part; a DTD (which Office never writes) is refused before parsing."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(f"文件中的“{name}”含有 DTD/实体定义（Word 从不写入，可能是恶意文件），未导入。", where)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"文件中的“{name}”不是有效的 XML（{exc.msg}），文件可能已损坏。", where) from exc


def _style_names(styles: etree._Element | None) -> dict[str, str]:
    if styles is None:
        return {}
    names: dict[str, str] = {}
    for style in styles.iter(f"{{{W}}}style"):
        style_id = style.get(f"{{{W}}}styleId")
        name = style.find(f"{{{W}}}name")
        if style_id and name is not None:
            names[style_id] = (name.get(f"{{{W}}}val") or "").lower()
    return names
