"""Check the Windows programs' file properties, as Explorer's 属性 → 详细信息 shows them (build-wine.sh).

    python describe_exe.py BUNDLE_DIR VERSION PRODUCT

Exit 1 when perfdesk.exe is not a windowed (GUI) program, perfdesk-cli.exe not a console one, either
lacks its icon, or the version information does not name PRODUCT and VERSION. Needs pefile
(PyInstaller's own dependency on Windows).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pefile

GUI, CONSOLE = 2, 3  # IMAGE_SUBSYSTEM_WINDOWS_GUI, IMAGE_SUBSYSTEM_WINDOWS_CUI
RT_GROUP_ICON = 14


def strings(pe: pefile.PE) -> dict[str, str]:
    found: dict[str, str] = {}
    for info in getattr(pe, "FileInfo", [[]])[0]:
        if info.Key == b"StringFileInfo":
            for table in info.StringTable:
                found |= {k.decode(): v.decode("utf-8") for k, v in table.entries.items()}
    return found


def main() -> int:
    bundle, version, product = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    problems = []
    for name, subsystem in (("perfdesk.exe", GUI), ("perfdesk-cli.exe", CONSOLE)):
        pe = pefile.PE(str(bundle / name))
        props = strings(pe)
        kinds = {entry.id for entry in pe.DIRECTORY_ENTRY_RESOURCE.entries}
        print(
            f"{name}: {'windowed' if pe.OPTIONAL_HEADER.Subsystem == GUI else 'console'}, "
            + ", ".join(f"{k}={v}" for k, v in props.items())
        )
        if pe.OPTIONAL_HEADER.Subsystem != subsystem:
            problems.append(f"{name}: subsystem {pe.OPTIONAL_HEADER.Subsystem}, expected {subsystem}")
        if RT_GROUP_ICON not in kinds:
            problems.append(f"{name}: no icon")
        if props.get("ProductName") != product or props.get("ProductVersion") != version:
            problems.append(f"{name}: version information {props}")
    for problem in problems:
        print("PROBLEM:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
