"""Text as documents can hold it: one rule for every writer (Word now, Excel later).

Text is stored exactly as typed, but XML (docx, xlsx) cannot carry control
characters, and clerks paste them in from Word (``\\x0b`` is Word's manual
line break) and Excel. Line-break look-alikes become ``\\n``; other control
characters are dropped.
"""

from __future__ import annotations

import re

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_NOT_IN_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """``text`` with line breaks as ``\\n`` and no character that XML refuses."""
    return _NOT_IN_XML.sub("", _LINE_BREAKS.sub("\n", text))
