"""What reading a damaged zip package (.docx, .xlsx) raises, for the importers to refuse it cleanly.

A bad directory (BadZipFile), corrupt deflate data (zlib.error), a truncated part (EOFError), an
unknown compression method (NotImplementedError), an encrypted part (RuntimeError), an offset that
points before the file's start (OSError EINVAL from seek) or a malformed field (ValueError).
"""

from __future__ import annotations

import zipfile
import zlib

ZIP_DAMAGE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
    ValueError,
)
