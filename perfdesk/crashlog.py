"""What an error log keeps: the error and the place, never the clerk's data.

A plain traceback carries the exception's text, and SQLAlchemy's holds the SQL statement with its
parameters: project names, codes and amounts went into log files that clerks are asked to send
to support. Here each exception in the chain keeps its type and, only where the text is known to
hold no data, its message (the SQLite driver's short reason, an operating-system error's reason,
Python's own messages about code); every frame keeps file, line, function and the source line.
"""

from __future__ import annotations

import traceback
from types import TracebackType

#: Exceptions whose message speaks about the program, not about the data it was handling.
_CODE_ERRORS = (AttributeError, NameError, ImportError, NotImplementedError, RecursionError, MemoryError)
OMITTED = "（内容已省略，以免日志包含工作区数据）"


def _message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)  # a SQLAlchemy error: its driver's reason, without the SQL and parameters
    if isinstance(orig, BaseException) and orig.args:
        return f"{type(orig).__module__}.{type(orig).__name__}: {orig.args[0]}"
    if isinstance(exc, OSError):
        return f"errno {exc.errno} ({exc.strerror})" if exc.errno is not None else OMITTED
    if isinstance(exc, _CODE_ERRORS):
        return str(exc)
    return OMITTED if exc.args else ""


def _one(exc: BaseException) -> list[str]:
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(traceback.extract_tb(exc.__traceback__))
    name = f"{type(exc).__module__}.{type(exc).__qualname__}"
    message = _message(exc)
    lines.append(f"{name}: {message}\n" if message else f"{name}\n")
    return lines


def format_exception(
    kind: type[BaseException] | None = None, exc: BaseException | None = None, tb: TracebackType | None = None
) -> str:
    """The traceback of ``exc`` (and its causes) without any exception text that could hold data."""
    if exc is None:
        return "（没有异常信息）\n"
    if tb is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    parts: list[str] = []
    for index, item in enumerate(reversed(chain)):
        if index:
            parts.append("\n上面的错误引起了下面的错误：\n\n")
        parts += _one(item)
    return "".join(parts)
