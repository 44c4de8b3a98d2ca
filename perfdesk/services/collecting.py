"""Pausing Python's cyclic garbage collector while a command builds many objects it keeps."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (the state before is restored after).

    A command reading or checking a 1,000-project document keeps nearly everything it makes until
    it is done, so the collector's passes over hundreds of thousands of new objects find nothing:
    a fifth of an import's time, a twentieth of a check's.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
