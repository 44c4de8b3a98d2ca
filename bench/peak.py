"""Run a module as ``python -m`` would and print its peak memory as the last line: ``{"peak_mb": …}``.

The kernel's ``ru_maxrss`` of a child started from the (large) benchmark process includes the
parent's size at the fork, so a small command would report the benchmark's own memory. The
``VmHWM`` of ``/proc/self/status`` belongs to the program's own address space, made at ``exec``.

Run: ``python -m bench.peak perfdesk check WS.perfdesk``.
"""

from __future__ import annotations

import atexit
import json
import runpy
import sys
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory in MB (VmHWM); 0 where /proc is missing."""
    status = Path("/proc/self/status")
    if not status.exists():
        return 0.0
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _report() -> None:
    sys.stdout.flush()
    sys.stdout.write("\n" + json.dumps({"peak_mb": peak_mb()}) + "\n")
    sys.stdout.flush()


def main() -> None:
    module, sys.argv = sys.argv[1], [sys.argv[1], *sys.argv[2:]]
    atexit.register(_report)
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
