"""Checks on an outside .xlsx before any XML of it is parsed.

A workbook is a zip of XML parts, and both can be made hostile: a zip bomb (a few kB that
inflate to gigabytes), XML entity expansion ("billion laughs"), or simply the wrong file (an
old .xls, a .docx renamed). This looks at the zip's directory and the start of each XML part
and refuses what is not a reasonable workbook with a message a clerk understands. openpyxl
then parses with defusedxml (installed with perfdesk), which refuses entity declarations too.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from perfdesk.errors import InputError
from perfdesk.importers.archives import ZIP_DAMAGE

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .doc and encrypted .xlsx
XML_HEAD_BYTES = 4096


@dataclass(frozen=True)
class Limits:
    """How big a workbook perfdesk reads (a 1,000-project export is ~3 MB, ~60 MB unpacked)."""

    file_bytes: int = 100 * 2**20
    unpacked_bytes: int = 600 * 2**20
    parts: int = 20_000
    sheets: int = 5_000
    rows: int = 10_000
    text_chars: int = 32_767  # Excel's own limit for one cell


DEFAULT_LIMITS = Limits()


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def check_package(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse anything but a plausible .xlsx within ``limits``.

    Raises:
        InputError: missing, unreadable, too big, not a zip, another Office file, a zip bomb,
            or XML with a document type declaration.
    """
    where = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as exc:
        raise InputError("找不到这个文件。", where) from exc
    except IsADirectoryError as exc:
        raise InputError("这是一个文件夹，不是 Excel 工作簿。", where) from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）。", where) from exc
    if head == OLE2_MAGIC:
        raise InputError(
            "这是旧版 Excel（.xls）文件或加密的工作簿，perfdesk 只能读取 .xlsx。"
            "请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）并取消密码后再导入。",
            where,
        )
    if size > limits.file_bytes:
        raise InputError(f"文件太大（{_mb(size)}，上限 {_mb(limits.file_bytes)}），不像是绩效文本工作簿。", where)
    if not zipfile.is_zipfile(path):
        raise InputError("不是 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式，可能是改了扩展名的其他文件。", where)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, limits, where)
    except ZIP_DAMAGE as exc:
        raise InputError(f"Excel 工作簿已损坏，无法打开（{type(exc).__name__}）。", where) from exc


def _check_archive(archive: zipfile.ZipFile, limits: Limits, where: str) -> None:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "word/document.xml" in names:
        raise InputError("这是 Word 文档（.docx），不是 Excel 工作簿。请导入 perfdesk 导出的 .xlsx 文件。", where)
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise InputError("不是 Excel 工作簿（.xlsx）：压缩包中没有工作簿内容。", where)
    if len(infos) > limits.parts:
        raise InputError(f"工作簿中的部件太多（{len(infos)} 个，上限 {limits.parts}），拒绝读取。", where)
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.unpacked_bytes:
        raise InputError(
            f"工作簿解压后过大（{_mb(unpacked)}，上限 {_mb(limits.unpacked_bytes)}），可能是恶意的压缩炸弹，拒绝读取。",
            where,
        )
    sheets = sum(1 for name in names if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    if sheets > limits.sheets:
        raise InputError(f"工作簿中的工作表太多（{sheets} 个，上限 {limits.sheets}）。", where)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            with archive.open(info) as part:
                head = part.read(XML_HEAD_BYTES)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise InputError(
                    f"工作簿的 {info.filename} 中含有 XML 文档类型或实体声明，Excel 不会写这种内容，"
                    "出于安全原因拒绝读取。",
                    where,
                )
