"""Shipped word lists: measurement units and the usual 指标值确定依据."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def _load() -> dict:
    text = resources.files("perfdesk.data").joinpath("vocabulary.json").read_text("utf-8")
    return json.loads(text)


@cache
def known_units() -> frozenset[str]:
    """Units an indicator value may carry (``件``, ``%``, ``元/件`` …)."""
    return frozenset(_load()["units"])


def usual_bases() -> list[str]:
    """Bases offered for 指标值确定依据 (free text stays allowed)."""
    return list(_load()["bases"])
