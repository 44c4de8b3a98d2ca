"""One GUI process, timed from the inside: open a workspace, select a project, edit a grid cell, undo, rename.

Run by ``python -m bench`` as a fresh process per measure (offscreen), it prints one JSON object:

* ``shown``: process start (the ``start`` argument, wall clock) → main window shown (painted), started
  with a workspace as ``perfdesk WS.perfdesk`` starts;
* ``filled``: process start → that workspace's tree shown in it;
* ``open``: opening the file again (its modules loaded) → the tree shown;
* ``select_first``: the first project selected, once the window has settled (checks done and shown, the project
  editor prepared while idle) → its editor and grid shown; ``select``: then the next project (what
  every later click costs);
* ``edit`` / ``undo`` / ``rename``: one committed grid cell edit, its undo, renaming the project in
  the tree — each until the window has processed every event the change caused;
* ``peak_mb``: the process's peak resident memory.

``--bare`` shows an empty QMainWindow instead (the baseline for ``shown``).
``--profile FILE`` writes a cProfile of the timed steps (for finding what to make faster).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.peak import peak_mb

START = time.time()
#: Idle time after the checks finish, in which their findings are laid out and painted.
QUIET_S = 0.2


def _settled(action: Callable[[], object]) -> float:
    """Seconds for ``action`` and every event it posted (repaints included)."""
    from PySide6.QtWidgets import QApplication

    begin = time.perf_counter()
    action()
    QApplication.processEvents()
    return time.perf_counter() - begin


def _bare(start: float) -> dict[str, float]:
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([])
    window = QMainWindow()
    # the main window's first-start size (1280×820 within the screen's free area), without importing perfdesk
    window.resize(QSize(1280, 820).boundedTo(window.screen().availableGeometry().size()))
    window.show()
    app.processEvents()
    return {"shown": time.time() - start}


def _first_paint_filter() -> Any:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QMainWindow

    class FirstPaint(QObject):
        """Notes when the main window is first painted (what the clerk sees first)."""

        at = float("inf")

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if self.at == float("inf") and event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
                self.at = time.time()
            return False

    return FirstPaint()


def _isolated_settings(folder: Path) -> None:
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _app(path: Path, start: float, steps: bool, profile: Path | None) -> dict[str, float]:
    """Start as ``perfdesk WS.perfdesk`` does (``start_window``): the window first, then the file."""
    from perfdesk.ui.app import make_application

    app = make_application()
    _isolated_settings(path.parent / "qsettings")
    from perfdesk.ui.app import start_window

    painted = _first_paint_filter()
    app.installEventFilter(painted)
    window: Any = start_window(path)
    begin = time.perf_counter()
    while window.view is None and time.perf_counter() - begin < 120:
        app.processEvents()
    app.processEvents()
    result = {"shown": painted.at - start, "filled": time.time() - start}
    app.removeEventFilter(painted)
    result["open"] = _last_open(window)
    if not steps:
        window.close()
        return result
    _wait_for_checks(window)
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    result.update(_steps(window))
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    window.close()
    return result


def _last_open(window: Any) -> float:
    """Open the same file again, timed alone: file opened → tree shown (imports already done)."""
    from PySide6.QtWidgets import QApplication

    path = window.edits.path
    window.close_workspace()  # not timed: what an open costs, not a close
    QApplication.processEvents()
    return _settled(lambda: window.open_path(path))


def _wait_for_checks(window: Any) -> None:
    """Until the window has settled after opening, as before a clerk's first click: the checks
    done, their findings shown, and the project editor prepared (``WorkspaceView.prepared``, 50 ms
    after the tree)."""
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + 60

    def busy() -> bool:
        checking = window.checks is not None and window.checks.is_checking()
        return checking or not getattr(window.view, "prepared", True)

    while busy() and time.perf_counter() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    # the results are in the panel and the tree's marks, but laid out and painted only by the events
    # they posted: without this quiet time the first selection also paid for showing 1,000 findings
    quiet = time.perf_counter() + QUIET_S
    while time.perf_counter() < quiet:
        QApplication.processEvents()
        time.sleep(0.01)


def _steps(window: Any) -> dict[str, float]:
    from perfdesk.layout.indicator_table import COL_DESCRIPTION
    from perfdesk.ui.tree import NodeKind

    view = window.view
    model = view.model
    projects = [n for n in model.node(model.index(0, 0)).walk() if n.kind == NodeKind.PROJECT]
    node, other = projects[len(projects) // 2], projects[len(projects) // 2 + 1]
    result = {"select_first": _settled(lambda: view.tree.select_index(model.index_of(other)))}
    result["select"] = _settled(lambda: view.tree.select_index(model.index_of(node)))
    grid = view.editors.project.grid.model
    cell = grid.index(0, COL_DESCRIPTION)
    result["edit"] = _settled(lambda: grid.setData(cell, grid.data(cell) + "（改）"))
    result["undo"] = _settled(window.undo_stack.undo)
    result["rename"] = _settled(lambda: model.setData(model.index_of(node), node.edit_value + "（新）"))
    _wait_for_checks(window)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace", type=Path, nargs="?")
    parser.add_argument("--start", type=float, default=START)
    parser.add_argument("--bare", action="store_true")
    parser.add_argument("--steps", action="store_true", help="also select, edit, undo and rename")
    parser.add_argument("--profile", type=Path)
    options = parser.parse_args()
    if options.bare:
        result = _bare(options.start)
    else:
        result = _app(options.workspace, options.start, options.steps, options.profile)
    result["peak_mb"] = peak_mb()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
