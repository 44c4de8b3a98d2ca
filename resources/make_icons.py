"""Render the application and document icons from their SVG drawings into .ico and .png.

    .venv/bin/python resources/make_icons.py            # writes the files below, beside this script
    .venv/bin/python resources/make_icons.py --check    # exit 1 when a file is not what the SVGs give
    .venv/bin/python resources/make_icons.py --preview sheet.png   # every icon at 16-48 px, to look at

Writes ``perfdesk.ico`` and ``perfdesk-document.ico`` (16, 20, 24, 32, 40, 48, 64, 128 and 256 px:
the sizes Windows picks from at 100-200 % scaling) and ``perfdesk.png`` (256 px). Sizes up to 24 px
come from the ``-small.svg`` drawing, which has fewer lines on whole pixels. Needs only PySide6
(QtSvg renders, QImage writes PNG); the .ico container is written here: 32-bit BMP images below
256 px and a PNG image at 256 px, the layout Windows' own icons use.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
SMALL_UP_TO = 24
#: output file -> the drawing it comes from
ICONS = {"perfdesk.ico": "perfdesk", "perfdesk-document.ico": "perfdesk-document"}
PNGS = {"perfdesk.png": ("perfdesk", 256)}


def render(svg: Path, size: int) -> QImage:
    """The drawing at ``size`` x ``size`` pixels, straight (not premultiplied) alpha."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a drawing QtSvg can read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def drawing(name: str, size: int) -> Path:
    small = HERE / f"{name}-small.svg"
    return small if size <= SMALL_UP_TO and small.exists() else HERE / f"{name}.svg"


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # the stub says bytes, PySide6 6.11 takes only str here
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise SystemExit("Qt could not write PNG")
    return bytes(data.data())


def bmp_bytes(image: QImage) -> bytes:
    """An icon image as Windows stores it: BITMAPINFOHEADER, BGRA rows bottom-up, then the AND mask."""
    width, height = image.width(), image.height()
    rows = []
    mask_rows = []
    mask_stride = ((width + 31) // 32) * 4
    for y in reversed(range(height)):
        # ARGB32 in memory: B, G, R, A on little-endian, the order of a Windows DIB
        line = bytes(cast(memoryview, image.constScanLine(y)))[: width * 4]
        rows.append(line)
        mask = bytearray(mask_stride)
        for x in range(width):
            if line[x * 4 + 3] == 0:  # fully transparent: set in the AND mask
                mask[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(mask))
    pixels = b"".join(rows) + b"".join(mask_rows)
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(pixels), 0, 0, 0, 0)
    return header + pixels


def ico_bytes(images: list[QImage]) -> bytes:
    """An .ico holding ``images`` (square, 256 px at most), smallest first."""
    if sys.byteorder != "little":
        raise SystemExit("the BMP rows are taken from QImage's memory, which is little-endian only here")
    blobs = [png_bytes(img) if img.width() >= 256 else bmp_bytes(img) for img in images]
    offset = 6 + 16 * len(images)
    directory = struct.pack("<HHH", 0, 1, len(images))
    for img, blob in zip(images, blobs, strict=True):
        side = img.width() % 256  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return directory + b"".join(blobs)


def build() -> dict[str, bytes]:
    """Every generated file's name and content."""
    files = {}
    for out, name in ICONS.items():
        files[out] = ico_bytes([render(drawing(name, size), size) for size in ICO_SIZES])
    for out, (name, size) in PNGS.items():
        files[out] = png_bytes(render(drawing(name, size), size))
    return files


def preview(path: Path) -> None:
    """A sheet of every icon at 16, 24, 32 and 48 px on light and dark grey, to look at."""
    drawings = [*sorted((HERE / "icons").glob("*.svg")), HERE / "perfdesk.svg", HERE / "perfdesk-document.svg"]
    sizes = (16, 24, 32, 48)
    cell = 56
    sheet = QImage(cell * len(sizes) * 2, cell * len(drawings), QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#f3f3f3"))
    painter = QPainter(sheet)
    painter.fillRect(cell * len(sizes), 0, cell * len(sizes), sheet.height(), QColor("#3a3a3a"))
    for row, svg in enumerate(drawings):
        for column, size in enumerate(sizes * 2):
            name = svg.stem
            source = drawing(name, size) if svg.parent == HERE else svg
            image = render(source, size)
            painter.drawImage(column * cell + (cell - size) // 2, row * cell + (cell - size) // 2, image)
    painter.end()
    sheet.save(str(path))
    print("\n".join(f"row {i + 1}: {svg.name}" for i, svg in enumerate(drawings)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--preview", type=Path, metavar="PNG", help="write a sheet of all icons")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 -- QtSvg needs it
    if args.preview:
        preview(args.preview)
        return 0
    stale = []
    for name, content in build().items():
        target = HERE / name
        if args.check:
            if not target.is_file() or target.read_bytes() != content:
                stale.append(name)
        else:
            target.write_bytes(content)
            print(f"{target} ({len(content):,} bytes)")
    if stale:
        print(f"not what the SVG drawings give (run resources/make_icons.py): {', '.join(stale)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
