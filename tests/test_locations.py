"""Finding the shipped resources (source, installed wheel, frozen) and the log folder, without Qt.

The frozen case is simulated here (``sys.frozen`` and ``sys._MEIPASS``) and run for real by the
smoke test of the PyInstaller bundle (installer/smoke-test.sh), which fails when the frozen
program finds no icons.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from perfdesk import locations
from perfdesk.locations import ResourceOrigin, find_resources, log_dir, resource

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256]


def test_from_source_the_folder_beside_the_package_is_found() -> None:
    assert find_resources() == (RESOURCES, ResourceOrigin.SOURCE)
    assert resource("icons/edit-undo.svg") == RESOURCES / "icons" / "edit-undo.svg"
    assert resource("perfdesk.png") == RESOURCES / "perfdesk.png"
    assert resource("icons/no-such-icon.svg") is None


def test_frozen_the_bundle_folder_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "_internal"
    shutil.copytree(RESOURCES, bundle / "resources")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert find_resources() == (bundle / "resources", ResourceOrigin.FROZEN)
    assert resource("icons/go-up.svg") == bundle / "resources" / "icons" / "go-up.svg"


def test_frozen_without_resources_finds_none_rather_than_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert find_resources() is None
    assert resource("perfdesk.ico") is None


@pytest.mark.slow
def test_installed_from_the_wheel_the_data_files_are_found(tmp_path: Path) -> None:
    """Build the wheel, install it into a new virtual environment, ask from there (no checkout in sight)."""
    pytest.importorskip("setuptools")
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    shutil.copytree(ROOT / "perfdesk", source / "perfdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(RESOURCES, source / "resources")
    # no PYTHONPATH: a checkout on it would count as perfdesk installed already
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    dist = tmp_path / "dist"
    build = [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(dist), str(source)]
    subprocess.run(build, check=True, capture_output=True, timeout=300, env=env)
    wheel = next(dist.glob("perfdesk-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120, env=env)
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    install = [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)]
    subprocess.run(install, check=True, capture_output=True, timeout=300, env=env)
    probe = "from perfdesk import locations; f = locations.find_resources(); print(f[1].value, f[0])"
    probed = subprocess.run(  # -I: no user site either, only what the venv has
        [str(python), "-I", "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env
    )
    assert probed.returncode == 0, probed.stderr
    out = probed.stdout.split(maxsplit=1)
    assert out[0] == "installed"
    folder = Path(out[1].strip())
    assert folder.parts[-3:] == ("share", "perfdesk", "resources")
    assert folder.is_relative_to(venv)
    assert (folder / "icons" / "edit-undo.svg").is_file()
    assert (folder / "perfdesk.ico").read_bytes() == (RESOURCES / "perfdesk.ico").read_bytes()


# --- the generated icon files ------------------------------------------------------------------


def _ico_entries(path: Path) -> list[tuple[int, bytes]]:
    data = path.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        width, height, _colors, _res, planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert width == height
        assert (planes, bits) == (1, 32)
        entries.append((width or 256, data[offset : offset + size]))
    return entries


@pytest.mark.parametrize("name", ["perfdesk.ico", "perfdesk-document.ico"])
def test_ico_holds_every_size_windows_asks_for(name: str) -> None:
    entries = _ico_entries(RESOURCES / name)
    assert [size for size, _ in entries] == ICO_SIZES
    for size, blob in entries:
        if size == 256:
            assert blob.startswith(b"\x89PNG\r\n\x1a\n")
            assert struct.unpack(">II", blob[16:24]) == (256, 256)
        else:
            header_size, width, height, _planes, bits = struct.unpack_from("<IiiHH", blob)
            assert (header_size, width, height, bits) == (40, size, 2 * size, 32)
            mask_stride = ((size + 31) // 32) * 4
            assert len(blob) == 40 + size * size * 4 + mask_stride * size
            alphas = blob[40 + 3 : 40 + size * size * 4 : 4]
            assert max(alphas) == 255  # something is drawn
            assert min(alphas) == 0  # and the corners are transparent


def test_application_png_is_256_px() -> None:
    data = (RESOURCES / "perfdesk.png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", data[16:24]) == (256, 256)


# --- the log folder -----------------------------------------------------------------------------


def test_log_folder_on_windows_is_under_local_app_data() -> None:
    env = {"LOCALAPPDATA": r"C:\Users\张 三\AppData\Local", "USERPROFILE": r"C:\Users\张 三"}
    expected = PureWindowsPath(r"C:\Users\张 三\AppData\Local\perfdesk\perfdesk\logs")
    assert PureWindowsPath(str(log_dir(platform="win32", environ=env))) == expected
    # LOCALAPPDATA missing (a broken profile): derived from the user's folder
    fallback = log_dir(platform="win32", environ={"USERPROFILE": r"\\server\home\张三"})
    assert PureWindowsPath(str(fallback)) == PureWindowsPath(r"\\server\home\张三\AppData\Local\perfdesk\perfdesk\logs")


def test_log_folder_on_linux_follows_xdg(tmp_path: Path) -> None:
    env = {"HOME": "/home/clerk", "XDG_DATA_HOME": str(tmp_path / "data")}
    assert log_dir(platform="linux", environ=env) == tmp_path / "data" / "perfdesk" / "perfdesk" / "logs"
    for unset in ({"HOME": "/home/clerk"}, {"HOME": "/home/clerk", "XDG_DATA_HOME": "relative/ignored"}):
        assert log_dir(platform="linux", environ=unset) == Path("/home/clerk/.local/share/perfdesk/perfdesk/logs")


def test_locations_imports_nothing_of_perfdesk() -> None:
    """It sits in the bottom layer: the import-linter contract says so, the source says it again."""
    text = Path(locations.__file__).read_text("utf-8")
    assert "from perfdesk" not in text
    assert "import perfdesk" not in text
