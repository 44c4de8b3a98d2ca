"""Icons for actions and windows, from the icon theme on Linux and perfdesk's own drawings elsewhere.

Every action has one of perfdesk's drawings (``resources/icons/NAME.svg``, found through
:mod:`perfdesk.locations`), named after the freedesktop icon it stands for (``edit-undo``) or
``perfdesk-…`` where no such icon exists (``perfdesk-export-docx``). On Linux the desktop's icon
theme is asked first (``QIcon.fromTheme(name, drawing)``), so the window looks like the other
programs there. Windows has no icon theme of that kind (Qt 6.7+ would answer with glyphs of the
Segoe icon font: monochrome, and only for some names), so there, as on macOS, the drawings are used
as they are and all icons look alike.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QIcon

from perfdesk.locations import resource

#: Whether to ask the platform's icon theme first.
USE_THEME = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
#: For a 导出 format that has no drawing of its own.
GENERIC_EXPORT = "document-export"


def has_drawing(name: str) -> bool:
    return resource(f"icons/{name}.svg") is not None


def icon(name: str) -> QIcon:
    """The icon for ``name``; the theme's on Linux, else perfdesk's drawing (null when neither exists)."""
    path = resource(f"icons/{name}.svg")
    drawing = QIcon(str(path)) if path is not None else QIcon()
    if USE_THEME and not name.startswith("perfdesk-"):
        return QIcon.fromTheme(name, drawing)
    return drawing


def export_icon_name(suffix: str) -> str:
    """The 导出 icon of a format by its file suffix (``.docx``), or the generic one."""
    name = f"perfdesk-export-{suffix.lstrip('.')}"
    return name if has_drawing(name) else GENERIC_EXPORT


def app_icon() -> QIcon:
    """The window and application icon: every size of ``perfdesk.ico`` (drawn for 16-256 px).

    Reading .ico needs Qt's ico image plugin; without it the SVG drawing is used at every size.
    """
    ico = resource("perfdesk.ico")
    result = QIcon(str(ico)) if ico is not None else QIcon()
    if result.isNull() or not result.availableSizes():
        svg = resource("perfdesk.svg")
        result = QIcon(str(svg)) if svg is not None else QIcon()
    return result
