"""The indicator grid editor (issue 4): ``IndicatorGrid`` and its parts.

``IndicatorGrid`` is loaded lazily so the Qt-free ``tsv`` module can be
imported (and tested) without pulling in the widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from perfdesk.ui.indicator_grid.widget import IndicatorGrid

__all__ = ["IndicatorGrid"]


def __getattr__(name: str) -> Any:
    if name == "IndicatorGrid":
        from perfdesk.ui.indicator_grid.widget import IndicatorGrid

        return IndicatorGrid
    raise AttributeError(name)
