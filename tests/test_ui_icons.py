"""Icons: every action has one that draws, the theme wins on Linux, the application icon has its sizes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon, QImage, QImageReader
from PySide6.QtSvg import QSvgRenderer

from perfdesk.export.registry import formats
from perfdesk.ui import icons
from perfdesk.ui.actions import SPECS
from perfdesk.ui.app import make_application
from perfdesk.ui.indicator_grid.widget import IndicatorGrid
from perfdesk.ui.main_window import MainWindow
from perfdesk.ui.settings import AppSettings

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
DRAWINGS = ROOT / "resources" / "icons"


def drawn(icon: QIcon, size: int = 24) -> bool:
    image: QImage = icon.pixmap(size, size).toImage()
    return not image.isNull() and any(
        image.pixelColor(x, y).alpha() > 0 for y in range(image.height()) for x in range(image.width())
    )


@pytest.fixture
def window(qtbot, tmp_path: Path, workspace_2024: Path) -> MainWindow:
    make_application()
    win = MainWindow(AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(win)
    win.show()
    assert win.open_path(workspace_2024)
    return win


def test_every_action_of_the_window_and_the_grid_has_an_icon_that_draws(window: MainWindow) -> None:
    named = window.named_actions
    actions = [named[spec.name] for spec in SPECS] + [action for _fmt, action in named.exports]
    (grid,) = window.findChildren(IndicatorGrid)
    actions += [grid.insert_action, grid.delete_action, grid.up_action, grid.down_action]
    assert len(actions) == len(SPECS) + len(formats()) + 4
    assert [a.text() for a in actions if not drawn(a.icon())] == []


def test_every_icon_named_has_its_own_drawing_for_windows() -> None:
    """Windows has no icon theme: a name without a drawing would be an action without an icon there."""
    assert [spec.name for spec in SPECS if spec.icon is None] == []
    named = {spec.icon for spec in SPECS if spec.icon is not None}
    grid_source = (ROOT / "perfdesk" / "ui" / "indicator_grid" / "widget.py").read_text("utf-8")
    named |= set(re.findall(r'icons\.icon\("([\w-]+)"\)', grid_source))
    named |= {icons.export_icon_name(fmt.suffix) for fmt in formats()}
    assert len(named) >= len(SPECS) + 4
    assert sorted(n for n in named if not (DRAWINGS / f"{n}.svg").is_file()) == []


def test_each_format_has_its_own_export_icon_and_a_new_one_gets_the_generic() -> None:
    assert icons.export_icon_name(".docx") == "perfdesk-export-docx"
    assert icons.export_icon_name(".json") == "perfdesk-export-json"
    assert icons.export_icon_name(".xlsx") == "perfdesk-export-xlsx"  # drawn before its writer exists
    assert icons.export_icon_name(".pdf") == icons.GENERIC_EXPORT


def test_every_drawing_is_valid_svg_without_text(qapp) -> None:
    """No <text>: glyphs would depend on the fonts of the machine (none at all in the Wine build)."""
    drawings = [*DRAWINGS.glob("*.svg"), *DRAWINGS.parent.glob("*.svg")]
    assert len(drawings) > 20
    for svg in drawings:
        assert QSvgRenderer(str(svg)).isValid(), svg
        assert "<text" not in svg.read_text("utf-8"), svg


def test_the_svg_and_ico_image_plugins_are_there(qapp) -> None:
    names = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    assert {"svg", "ico", "png"} <= names


def test_on_linux_the_icon_theme_wins(qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theme = tmp_path / "icons" / "probe-theme"
    (theme / "24x24" / "actions").mkdir(parents=True)
    (theme / "index.theme").write_text(
        "[Icon Theme]\nName=probe\nDirectories=24x24/actions\n\n[24x24/actions]\nSize=24\nType=Fixed\n", "utf-8"
    )
    red = QImage(24, 24, QImage.Format.Format_ARGB32)
    red.fill(0xFFFF0000)
    red.save(str(theme / "24x24" / "actions" / "edit-undo.png"))
    red.save(str(theme / "24x24" / "actions" / "perfdesk-check.png"))
    old_paths, old_name = QIcon.themeSearchPaths(), QIcon.themeName()
    QIcon.setThemeSearchPaths([str(tmp_path / "icons")])
    QIcon.setThemeName("probe-theme")
    try:
        monkeypatch.setattr(icons, "USE_THEME", True)
        assert icons.icon("edit-undo").name() == "edit-undo"  # the theme's
        assert icons.icon("edit-redo").name() == ""  # not in the theme: the drawing
        assert drawn(icons.icon("edit-redo"))
        assert icons.icon("perfdesk-check").name() == ""  # perfdesk's own are never taken from a theme
        monkeypatch.setattr(icons, "USE_THEME", False)  # Windows, macOS
        assert icons.icon("edit-undo").name() == ""
        assert drawn(icons.icon("edit-undo"))
    finally:
        QIcon.setThemeSearchPaths(old_paths)
        QIcon.setThemeName(old_name)


def test_application_icon_has_every_drawn_size(qapp) -> None:
    app = make_application()
    sizes = sorted({s.width() for s in icons.app_icon().availableSizes()})
    assert sizes == [16, 20, 24, 32, 40, 48, 64, 128, 256]
    assert not app.windowIcon().isNull()


def test_generated_icon_files_match_their_drawings() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "resources" / "make_icons.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
