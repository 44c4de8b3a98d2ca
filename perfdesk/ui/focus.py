"""Keyboard travel between the window's regions: F6 / Shift+F6 in turn, Ctrl+1…4 straight to one.

The regions are the tree (目录), the editor form (编辑区), the indicator grid (指标表, on a project)
and the 检查 panel. Coming back to a region puts the focus where it was last (the field being
typed into, the grid's current cell); the first time, on its first field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QMenu, QWidget

if TYPE_CHECKING:
    from perfdesk.ui.main_window import MainWindow

#: The regions in F6 order, with the words the status bar uses.
REGIONS: dict[str, str] = {"tree": "目录", "editor": "编辑区", "grid": "绩效指标表", "checks": "检查面板"}


def _alive(widget: QWidget) -> bool:
    """False for a widget whose C++ object is gone (a closed workspace's)."""
    try:
        widget.objectName()
    except RuntimeError:
        return False
    return True


def first_focusable(container: QWidget) -> QWidget | None:
    """The first field inside ``container`` that Tab would reach (focus chain order), else its first button.

    An item view (the tree, the grid) is its own target.
    """
    if isinstance(container, QAbstractItemView):
        return container
    reachable: list[QWidget] = []
    widget: QWidget | None = container
    for _ in range(5000):  # the chain is a cycle through the whole window; stop once round
        widget = widget.nextInFocusChain() if widget is not None else None
        if widget is None or widget is container:
            break
        if (
            container.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
        ):
            if not isinstance(widget, QAbstractButton):
                return widget
            reachable.append(widget)
    if reachable:
        return reachable[0]
    return container if container.focusPolicy() != Qt.FocusPolicy.NoFocus else None


class FocusRegions(QObject):
    """Moves the keyboard focus between the regions of ``window`` and remembers where it was in each."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._last: dict[str, QWidget] = {}
        self._previous: QWidget | None = None  # the last focus in the window (a menu takes it meanwhile)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._remember)

    def regions(self, *, folded_header: bool = False) -> dict[str, QWidget]:
        """The regions shown now, in F6 order; a folded project header counts only with ``folded_header``."""
        window, view = self._window, self._window.view
        if view is None:
            return {}
        regions: dict[str, QWidget] = {"tree": view.tree}
        editors = view.editors
        page = editors.currentWidget()
        if page is editors.project:
            if folded_header or not editors.project.form.is_collapsed():
                regions["editor"] = editors.project.header
            regions["grid"] = editors.project.grid.view
        elif page is not None:
            regions["editor"] = page
        if window.checks is not None and window.check_dock.isVisible():
            regions["checks"] = window.checks.table
        return regions

    def region_of(self, widget: QWidget | None) -> str | None:
        if widget is None:
            return None
        for name, container in self.regions(folded_header=True).items():
            if widget is container or container.isAncestorOf(widget):
                return name
        return None

    def current(self) -> str | None:
        """The region holding the focus (while a menu is open: the one that had it before)."""
        widget = QApplication.focusWidget()
        if widget is None or isinstance(widget, QMenu):
            widget = self._previous if self._previous is not None and _alive(self._previous) else None
        return self.region_of(widget)

    def go(self, name: str) -> bool:
        """Focus region ``name``; False (and a word in the status bar) when it is not shown."""
        window = self._window
        if window.view is None:
            return False
        project = window.view.editors.project
        if name == "editor" and window.view.editors.currentWidget() is project:
            project.form.set_collapsed(False)  # Ctrl+2 opens a folded header
        if name == "checks" and not window.check_dock.isVisible():
            window.named_actions["check"].setChecked(True)  # F7's switch: shows the panel
        container = self.regions().get(name)
        if container is None:
            window.statusBar().showMessage(f"现在没有显示{REGIONS[name]}（绩效指标表只在预算项目中显示）。", 4000)
            return False
        target = self._last.get(name)
        if target is None or not _alive(target) or not self._usable(container, target):
            target = first_focusable(container)
        if target is None:
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)  # not Tab: a line edit keeps its cursor
        return True

    def cycle(self, step: int) -> None:
        """F6 (``step`` 1) / Shift+F6 (-1): the next / previous region shown."""
        names = list(self.regions())
        if not names:
            return
        current = self.current()
        index = names.index(current) if current in names else (-1 if step > 0 else 0)
        self.go(names[(index + step) % len(names)])

    @staticmethod
    def _usable(container: QWidget, widget: QWidget) -> bool:
        return (widget is container or container.isAncestorOf(widget)) and widget.isVisible() and widget.isEnabled()

    def _remember(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or isinstance(new, QMenu) or new.window() is not self._window:
            return
        self._previous = new
        region = self.region_of(new)
        if region is not None:
            self._last[region] = new
