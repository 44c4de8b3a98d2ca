"""Untrusted .docx files: wrong formats, zip bombs, entity expansion and damaged files are refused cleanly."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from perfdesk.errors import InputError
from perfdesk.export.docx.document import write_docx
from perfdesk.importers.docx import read_docx
from perfdesk.importers.docx.package import MAX_PARTS
from perfdesk.importers.json_import import load_json_file, read_document
from tests.conftest import FIXTURE_2024, cli_main

DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>巨鹿县司法局2024年部门预算绩效文本</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>第一部分 部门整体绩效目标</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>一、总体绩效目标</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:body></w:document>"
)


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def refused(path: Path, tmp_path: Path) -> str:
    """Import through the command line: exit 2, no workspace left behind; the message."""
    target = tmp_path / "ws.perfdesk"
    result = cli_main("import", path, "--into", target)
    assert result.returncode == 2, result
    assert not target.exists()
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_minimal_hand_made_docx_is_read(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "min.docx", {"word/document.xml": DOCUMENT_XML.format(text="总体目标").encode()})
    reading = read_docx(path)
    assert reading.document["departments"][0]["overall_goal"] == "总体目标"


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "旧版 Word 文件（.doc）"),
        ("old.wps", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "WPS 文字文件（.wps）"),
        ("scan.pdf", b"%PDF-1.7\n", "PDF 文件"),
        ("renamed.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "旧版 Word（.doc）或 WPS（.wps）文件"),
        ("renamed-pdf.docx", b"%PDF-1.4\n%\xe2\xe3", "这是PDF 文件"),
        ("text.docx", "这是一段文字".encode(), "这不是 Word 文档"),
        ("empty.docx", b"", "这不是 Word 文档"),
        ("cut.docx", b"PK\x03\x04" + b"\0" * 40, "文件已损坏"),
    ],
)
def test_files_that_are_not_docx_say_what_they_are_and_what_to_do(
    name: str, content: bytes, says: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    message = refused(path, tmp_path)
    assert says in message
    assert "另存为" in message or "损坏" in message


def test_a_workbook_renamed_docx_is_named(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "book.docx", {"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"})
    assert "Excel 工作簿" in refused(path, tmp_path)


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "bomb.docx", {"word/document.xml": b"<" + b" " * (20 * 1024 * 1024) + b"/>"})
    assert path.stat().st_size < 100_000
    assert "压缩炸弹" in refused(path, tmp_path)


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    parts = {f"word/media/p{i}.xml": b"<x/>" for i in range(MAX_PARTS + 1)}
    parts["word/document.xml"] = DOCUMENT_XML.format(text="x").encode()
    assert "部件" in refused(write_zip(tmp_path / "parts.docx", parts), tmp_path)


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document ['
        '<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]>"
    )
    xml = DOCUMENT_XML.format(text="&j;").replace('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', laughs)
    message = refused(write_zip(tmp_path / "laughs.docx", {"word/document.xml": xml.encode()}), tmp_path)
    assert "DTD" in message


def test_an_external_entity_is_refused(tmp_path: Path) -> None:
    xml = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + DOCUMENT_XML.split("?>", 1)[
        1
    ].format(text="&x;")
    assert "DTD" in refused(write_zip(tmp_path / "xxe.docx", {"word/document.xml": xml.encode()}), tmp_path)


def test_broken_xml_is_refused(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "broken.docx", {"word/document.xml": DOCUMENT_XML.format(text="<").encode()})
    assert "不是有效的 XML" in refused(path, tmp_path)


@pytest.fixture
def exported(tmp_path: Path) -> bytes:
    """The 2024 sample as our writer prints it (written from the JSON, no workspace needed)."""
    return write_docx(read_document(load_json_file(FIXTURE_2024)), tmp_path / "julu.docx").read_bytes()


def _mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """document.xml with a few tags, texts or attributes damaged (still mostly well formed)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = bytearray(parts["word/document.xml"])
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(xml))
        choice = rng.random()
        if choice < 0.4:  # swap a run of bytes with another place's
            other = rng.randrange(len(xml))
            length = rng.randint(1, 60)
            xml[at : at + length] = xml[other : other + length]
        elif choice < 0.7:
            del xml[at : at + rng.randint(1, 200)]
        else:
            xml[at:at] = rng.choice([b"<w:tc>", b"</w:tr>", b'<w:gridSpan w:val="40"/>', b"<w:vMerge/>", b"\xff", b"&"])
    parts["word/document.xml"] = bytes(xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    return out.getvalue()


@pytest.mark.parametrize("seed", range(60))
def test_damaged_documents_import_or_are_refused_never_crash(seed: int, exported: bytes, tmp_path: Path) -> None:
    rng = random.Random(seed)
    data = bytearray(_mutate_xml(exported, rng) if seed % 3 else exported)
    if not seed % 3:  # damage the zip itself
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    path = tmp_path / "damaged.docx"
    path.write_bytes(bytes(data))
    try:
        reading = read_docx(path)
    except InputError as exc:
        message = exc.message
    else:
        message = reading.document["departments"][0]["name"]
    assert message


WORDS = [
    "项目编码", "项目编号", "项目名称", "专项资金名称", "预算规模及资金用途", "预算数", "其中：财政资金", "其他资金",
    "资金支出计划（%）", "3月底", "6 月底", "10月底", "12月底", "绩效目标", "目标1", "目标 2", "一级指标", "二级指标",
    "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "产出指标", "数量指标", "效果指标", "环境效益指标",
    "≥ 90 百分比", "=100%", "50.00", "25%", "1,234.5", "１２", "-3", "150%", "", "", "1、甲 2、乙", "第一部分",
    "第二部分 专项资金绩效目标", "一、总体绩效目标", "二、分项绩效目标", "（一）甲。乙", "绩效目标：丙", "绩效指标：丁",
    "三、工作保障措施", "1.法律援助经费绩效目标表", "315001 巨鹿县司法局本级 单位：万元", "单位：万元", "目录",
    "巨鹿县司法局2024年部门预算绩效文本", "（草案）", "巨鹿县司法局编制",
]  # fmt: skip


def _random_blocks(rng: random.Random) -> list:
    from perfdesk.importers.docx.body import Paragraph, Slot, Table

    items: list = [Paragraph("巨鹿县司法局2024年部门预算绩效文本", "")] if rng.random() < 0.8 else []
    for _ in range(rng.randint(0, 40)):
        if rng.random() < 0.5:
            items.append(Paragraph(rng.choice(WORDS), rng.choice(["", "toc 1", "heading 1"])))
            continue
        table = Table()
        for _ in range(rng.randint(0, 12)):
            row, col = [], 0
            for _ in range(rng.randint(0, 8)):
                span = rng.choice([1, 1, 1, 2, 3])
                row.append(Slot(rng.choice(WORDS), col, span, rng.random() < 0.2))
                col += span
            table.rows.append(row)
        items.append(table)
    return items


@pytest.mark.parametrize("seed", range(300))
def test_any_arrangement_of_captions_and_cells_is_read_or_refused(seed: int) -> None:
    from perfdesk.importers.docx.reader import read_blocks
    from perfdesk.importers.json_import import read_document

    try:
        reading = read_blocks(_random_blocks(random.Random(seed)))
    except InputError:
        return
    read_document(reading.document)  # what was read is a valid perfdesk/1 document


def test_tracked_changes_and_text_boxes_are_not_body_text(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph = (
        "<w:p><w:ins><w:r><w:t>总体</w:t></w:r></w:ins><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>"
        "<w:moveFrom><w:r><w:t>移走的</w:t></w:r></w:moveFrom><w:r><w:t>目标</w:t></w:r>"
        '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    xml = DOCUMENT_XML.format(text="PLACEHOLDER").replace("<w:p><w:r><w:t>PLACEHOLDER</w:t></w:r></w:p>", paragraph)
    assert w in xml
    path = write_zip(tmp_path / "changes.docx", {"word/document.xml": xml.encode()})
    assert read_docx(path).document["departments"][0]["overall_goal"] == "总体目标"
