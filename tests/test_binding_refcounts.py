"""The Qt binding must not lose references to True, False or None.

PySide6-Essentials 6.12.0 on Python 3.11 drops one reference to ``True`` on every
Python-side ``Signal.emit()`` and one to ``None`` on every static
``QApplication.processEvents()``; when a count reaches zero CPython aborts the whole
program (``Fatal Python error: bool_dealloc``) and the clerk loses what was being
typed. These tests fail on such a binding. They run the signals in the ways the app
uses them, so run them before pinning a new PySide6 (README, "Upgrading PySide6").

Before measuring, each singleton gets extra references that nothing ever releases, so
a leaking binding fails the assertion with the size of the leak instead of aborting
pytest (now, or at exit when a ballast list would be freed).
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

pytestmark = pytest.mark.gui

EMITS = 3000
BALLAST = 200_000  # more than every emit in this file could lose
SINGLETONS = {"True": True, "False": False, "None": None}


def immortal(obj: object) -> bool:
    """From Python 3.12 on (PEP 683) these objects are immortal: their count never moves."""
    return sys.version_info >= (3, 12) and sys.getrefcount(obj) >= 2**30


def refcounts() -> dict[str, int]:
    return {name: sys.getrefcount(obj) for name, obj in SINGLETONS.items()}


@pytest.fixture(scope="module")
def ballast() -> None:
    """Extra references, never released, so a leak shows as a failed assertion, not as an abort."""
    for obj in SINGLETONS.values():
        if not immortal(obj):
            for _ in range(BALLAST):
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


def lost_per_call(action: Callable[[], None], calls: int = EMITS) -> dict[str, float]:
    """References to each singleton lost per call of ``action`` (0 on a sound binding)."""
    action()  # warm up: first calls may create caches that legitimately hold references
    before = refcounts()
    for _ in range(calls):
        action()
    after = refcounts()
    return {name: (before[name] - after[name]) / calls for name in SINGLETONS}


def assert_sound(losses: dict[str, float]) -> None:
    for name, obj in SINGLETONS.items():
        if immortal(obj):
            assert sys.getrefcount(obj) >= 2**30, f"{name} is no longer immortal"
        # a leak is a loss of one reference per call; caches may move a count by a few in total
        assert abs(losses[name]) < 0.01, (
            f"{losses[name]:.2f} references to {name} lost per call: this binding aborts the app"
        )


class Emitter(QObject):
    """Signals of the shapes the app emits."""

    plain = Signal()
    number = Signal(int)
    text = Signal(str)
    anything = Signal(object)
    flag = Signal(bool)


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    @Slot()
    def on_plain(self) -> None:
        self.calls += 1

    def on_value(self, _value: object) -> None:
        self.calls += 1


def emit_all(emitter: Emitter) -> None:
    emitter.plain.emit()
    emitter.number.emit(7)
    emitter.text.emit("已保存")
    emitter.anything.emit({"rule": "R01"})
    emitter.flag.emit(True)
    emitter.flag.emit(False)
    emitter.anything.emit(None)


@pytest.mark.usefixtures("ballast", "qapp")
@pytest.mark.parametrize("wiring", ["unconnected", "bound method", "decorated slot", "lambda"])
def test_direct_emits_keep_singleton_references(wiring: str) -> None:
    emitter, receiver = Emitter(), Receiver()
    signals = [emitter.plain, emitter.number, emitter.text, emitter.anything, emitter.flag]
    for signal in signals:
        if wiring == "bound method":
            signal.connect(receiver.on_value if signal is not emitter.plain else receiver.on_plain)
        elif wiring == "decorated slot" and signal is emitter.plain:
            signal.connect(receiver.on_plain)
        elif wiring == "lambda":
            signal.connect(lambda *args: receiver.on_value(args))
    assert_sound(lost_per_call(lambda: emit_all(emitter), calls=EMITS // 7 + 1))
    if wiring in ("bound method", "lambda"):
        assert receiver.calls >= 7 * (EMITS // 7 + 1)


class Worker(QObject):
    """Emits from its own thread, as the background check runner does."""

    number = Signal(int)
    anything = Signal(object)
    finished = Signal()

    @Slot()
    def run(self) -> None:
        for i in range(EMITS):
            self.number.emit(i)
            self.anything.emit(None if i % 2 else True)
        self.finished.emit()

    @Slot()
    def stop(self) -> None:
        QThread.currentThread().quit()


@pytest.mark.usefixtures("ballast", "qapp")
def test_queued_emits_across_a_thread_keep_singleton_references() -> None:
    receiver = Receiver()
    thread = QThread()
    worker = Worker()
    worker.moveToThread(thread)
    worker.number.connect(receiver.on_value, Qt.ConnectionType.QueuedConnection)  # runs in this thread
    # a lambda has no receiver object: its queued calls run in the emitting (worker) thread
    worker.anything.connect(lambda value: receiver.on_value(value), Qt.ConnectionType.QueuedConnection)
    thread.started.connect(worker.run)
    worker.finished.connect(worker.stop, Qt.ConnectionType.QueuedConnection)  # after the lambda's calls
    # No polling loop (qtbot.waitUntil): each of its rounds keeps a few references to None, so the
    # count would depend on the machine's speed. Block until the worker is done, then deliver here.
    gc.collect()  # garbage left by earlier tests, freed mid-measurement, would release references too
    before = refcounts()
    thread.start()
    assert thread.wait(20_000)
    QCoreApplication.sendPostedEvents()
    assert receiver.calls == 2 * EMITS
    after = refcounts()
    assert_sound({name: (before[name] - after[name]) / (2 * EMITS) for name in SINGLETONS})


@pytest.mark.usefixtures("ballast", "qapp")
def test_static_process_events_keeps_singleton_references() -> None:
    assert_sound(lost_per_call(QApplication.processEvents))
    assert_sound(lost_per_call(QCoreApplication.processEvents))
    app = QApplication.instance()
    assert app is not None
    assert_sound(lost_per_call(app.processEvents))


@pytest.mark.usefixtures("ballast", "qapp")
def test_wrapped_calls_returning_none_and_connect_cycles_keep_singleton_references() -> None:
    """6.12.0 on 3.11 also lost a None per setter call and a True per connect/disconnect pair."""
    widget, box = QWidget(), QCheckBox()
    receiver = Receiver()

    def setters() -> None:
        widget.setEnabled(True)
        widget.setObjectName("grid")
        box.setChecked(False)
        QCoreApplication.sendPostedEvents()

    def connect_cycle() -> None:
        box.toggled.connect(receiver.on_value)
        box.toggled.disconnect(receiver.on_value)

    assert_sound(lost_per_call(setters))
    assert_sound(lost_per_call(connect_cycle))
