"""Where perfdesk's own files are, without Qt: the shipped ``resources/`` and the folder for logs.

``resources/`` (icons, the application and document icons) is kept beside the ``perfdesk``
package, never inside it, in each of the three ways the program runs:

- from a source checkout or an editable install: ``<checkout>/resources``, beside ``perfdesk/``;
- frozen by PyInstaller (``installer/perfdesk.spec``): ``<bundle>/_internal/resources``
  (``sys._MEIPASS``), beside the frozen ``perfdesk`` package's data;
- installed from the wheel: the wheel carries the folder as data files
  (``pyproject.toml``, ``[tool.setuptools.data-files]``), which pip puts in
  ``<prefix>/share/perfdesk/resources``; the installed distribution's file list says where.

Logs go to one folder per user that the GUI (through ``QStandardPaths.AppLocalDataLocation``)
and the command line (through :func:`log_dir`, which needs no Qt) agree on:
``%LOCALAPPDATA%\\perfdesk\\perfdesk\\logs`` on Windows, ``$XDG_DATA_HOME/perfdesk/perfdesk/logs``
(``~/.local/share/...``) elsewhere. The first ``perfdesk`` is Qt's organization name, the second
the application name (``perfdesk.ui.app.make_application``).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

#: The file that tells a folder is perfdesk's resources folder (and not some other ``resources``).
MARKER = "perfdesk.ico"
#: Where the wheel's data files put the folder, relative to the installation prefix.
INSTALLED_PREFIX = ("share", "perfdesk", "resources")
#: Qt's organization and application names (QStandardPaths puts both in the path).
ORGANIZATION = APPLICATION = "perfdesk"


class ResourceOrigin(Enum):
    """How the running program found its resources."""

    FROZEN = "frozen"
    SOURCE = "source"
    INSTALLED = "installed"


def _is_resources(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _installed_resources() -> Path | None:
    """The data files of the installed ``perfdesk`` distribution (none from a plain checkout)."""
    from importlib import metadata

    try:
        dist = metadata.distribution(APPLICATION)
    except metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        parts = file.parts
        if parts[-1] == MARKER and tuple(parts[-4:-1]) == INSTALLED_PREFIX:
            folder = Path(str(dist.locate_file(file))).parent
            if _is_resources(folder):
                return folder
    return None


def find_resources() -> tuple[Path, ResourceOrigin] | None:
    """The resources folder and how it was found; None when the program was shipped without it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        folder = Path(bundle) / "resources"
        return (folder, ResourceOrigin.FROZEN) if _is_resources(folder) else None
    # os.path.abspath, not Path.resolve(): no symlink or mapped-drive rewriting (a network share stays as named)
    beside = Path(os.path.abspath(__file__)).parent.parent / "resources"
    if _is_resources(beside):
        return beside, ResourceOrigin.SOURCE
    installed = _installed_resources()
    return (installed, ResourceOrigin.INSTALLED) if installed is not None else None


def resources_dir() -> Path | None:
    """The folder holding perfdesk's icons, or None when it cannot be found (the GUI then uses Qt's)."""
    found = find_resources()
    return found[0] if found is not None else None


def resource(relative: str) -> Path | None:
    """One shipped file (``"icons/edit-undo.svg"``, ``"perfdesk.png"``), or None when it is missing."""
    folder = resources_dir()
    if folder is None:
        return None
    path = folder.joinpath(*relative.split("/"))
    return path if path.is_file() else None


def log_dir(*, platform: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """The per-user folder for error logs (not created here); the same as the GUI's ``AppLocalDataLocation/logs``.

    ``platform`` and ``environ`` default to the running system's; tests pass others.
    """
    return data_dir(platform=platform, environ=environ) / "logs"


def backup_dir(*, platform: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """The per-user folder for workspace backups (not created here): on this PC, never roaming with the profile."""
    return data_dir(platform=platform, environ=environ) / "backups"


def data_dir(*, platform: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """perfdesk's per-user local data folder (``AppLocalDataLocation``), holding ``logs`` and ``backups``."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    home = Path(env.get("USERPROFILE" if platform == "win32" else "HOME") or Path.home())
    if platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        data_home = env.get("XDG_DATA_HOME", "")
        # the XDG spec: a relative value is invalid and ignored
        base = Path(data_home) if os.path.isabs(data_home) else home / ".local" / "share"
    return base / ORGANIZATION / APPLICATION
