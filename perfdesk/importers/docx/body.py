"""The document body as a flat sequence of paragraphs and tables, with the text as Word shows it.

Tables become grids of slots: a merged cell (``w:gridSpan``, ``w:vMerge``) is one
``Slot`` that knows its first grid column and whether it continues the cell
above, so a reader can treat a table merged by hand, left unmerged with the
text repeated, or split by Word at a page break alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from perfdesk.importers.docx.package import Package, W

_P, _TBL, _TR, _TC, _SDT = (f"{{{W}}}{tag}" for tag in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _BR, _CR = (f"{{{W}}}{tag}" for tag in ("t", "tab", "br", "cr"))
_VAL = f"{{{W}}}val"
#: Wrappers whose children are body content (content controls, tracked insertions, smart tags).
_TRANSPARENT = {f"{{{W}}}{tag}" for tag in ("sdtContent", "ins", "smartTag", "customXml", "hyperlink", "fldSimple")}


@dataclass(frozen=True)
class Paragraph:
    text: str  # line breaks (w:br) as "\n", tabs as "\t"
    style: str  # the style's name, lower case ("toc 1", "heading 1"), or ""
    lead: str = ""  # the opening runs when they are formatted unlike the rest (a run-in heading)


@dataclass(frozen=True)
class Slot:
    """One cell of a row: text (paragraphs joined by ``\\n``), its grid columns, and vertical merging."""

    text: str
    col: int
    span: int = 1
    continued: bool = False  # w:vMerge without "restart": the cell above goes on here


@dataclass
class Table:
    rows: list[list[Slot]] = field(default_factory=list)


Block = Paragraph | Table


def blocks(package: Package) -> list[Block]:
    """The body's paragraphs and tables in order (content controls and insertions opened)."""
    body = package.document.find(f"{{{W}}}body")
    if body is None:
        return []
    return list(_walk(body, package.style_names))


def _walk(parent: etree._Element, styles: dict[str, str]) -> Iterator[Block]:
    for child in parent:
        if child.tag == _P:
            yield Paragraph(paragraph_text(child), _style_of(child, styles), _lead(child))
        elif child.tag == _TBL:
            yield _table(child)
        elif child.tag == _SDT or child.tag in _TRANSPARENT:
            yield from _walk(child, styles)


def paragraph_text(p: etree._Element) -> str:
    """Text of a paragraph: runs in order; deleted text (w:del) and field codes left out."""
    out: list[str] = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            out.append(node.text or "")
        elif node.tag == _TAB:
            parent = node.getparent()
            if parent is not None and parent.tag == f"{{{W}}}r":  # not a tab stop in w:pPr
                out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def _run_format(run: etree._Element) -> tuple[str, ...]:
    props = run.find(f"{{{W}}}rPr")
    if props is None:
        return ()
    fonts = props.find(f"{{{W}}}rFonts")
    bold = props.find(f"{{{W}}}b")
    style = props.find(f"{{{W}}}rStyle")
    return (
        fonts.get(f"{{{W}}}eastAsia") or "" if fonts is not None else "",
        "b" if bold is not None and bold.get(_VAL) not in ("0", "false") else "",
        style.get(_VAL) or "" if style is not None else "",
    )


def _lead(p: etree._Element) -> str:
    """The text of the leading runs that share a format which a later run does not (``（一）加强组织领导。``)."""
    runs = [(paragraph_text(r), _run_format(r)) for r in p.iter(f"{{{W}}}r")]
    runs = [(text, fmt) for text, fmt in runs if text]
    if not runs or all(fmt == runs[0][1] for _, fmt in runs):
        return ""
    lead = []
    for text, fmt in runs:
        if fmt != runs[0][1]:
            break
        lead.append(text)
    return "".join(lead)


def _style_of(p: etree._Element, styles: dict[str, str]) -> str:
    style = p.find(f"{{{W}}}pPr/{{{W}}}pStyle")
    if style is None:
        return ""
    style_id = style.get(_VAL) or ""
    return styles.get(style_id, style_id.lower())


def fonts(package: Package) -> frozenset[str]:
    """The East Asian fonts the text names (runs and styles): which font set it was typeset in."""
    found: set[str] = set()
    for root in (package.document, package.styles):
        if root is not None:
            names = root.xpath("//w:rFonts/@w:eastAsia", namespaces={"w": W})
            if isinstance(names, list):  # an attribute path always gives a list
                found.update(str(name) for name in names)
    return frozenset(found)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` children (rows of a table, cells of a row), also those inside content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT or child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _int_val(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return max(1, min(int(element.get(_VAL) or default), 64))
    except ValueError:
        return default


def _table(tbl: etree._Element) -> Table:
    table = Table()
    for tr in _children(tbl, _TR):
        before = tr.find(f"{{{W}}}trPr/{{{W}}}gridBefore")
        col = _int_val(before, 0) if before is not None else 0
        row: list[Slot] = []
        for tc in _children(tr, _TC):
            props = tc.find(f"{{{W}}}tcPr")
            span = _int_val(props.find(f"{{{W}}}gridSpan") if props is not None else None, 1)
            merge = props.find(f"{{{W}}}vMerge") if props is not None else None
            continued = merge is not None and (merge.get(_VAL) or "continue") != "restart"
            text = "\n".join(paragraph_text(p) for p in _children(tc, _P))  # a table nested in a cell is left out
            row.append(Slot(text, col, span, continued))
            col += span
        table.rows.append(row)
    return table
