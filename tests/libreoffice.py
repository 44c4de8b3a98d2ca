"""Converting a document with LibreOffice (soffice), as the render tests do, with a private profile."""

from __future__ import annotations

import subprocess
from pathlib import Path


def convert(source: Path, out_dir: Path, to: str = "pdf") -> Path:
    """``source`` converted into ``out_dir`` (``to``: ``pdf``, or ``xlsx:Calc MS Excel 2007 XML`` to recalculate).

    The profile lives in ``out_dir`` so parallel runs never share one.
    """
    profile = (out_dir / "lo-profile").as_uri()
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    target = out_dir / f"{source.stem}.{to.split(':')[0]}"
    assert result.returncode == 0, result.stderr
    assert target.exists(), result.stderr
    return target
