"""Fuzz every importer for longer than CI does, and report what happened.

Run: .venv/bin/python bench/fuzz_importers.py [--cases N] [--seed S]
Prints the counts by importer, mutation and outcome; on a finding, saves the input under
bench/out/fuzz-findings/ and exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable as a script from anywhere

from bench.fuzzing import Finding, Tally, importer_suffixes, mutate, run_case, write_seeds
from bench.generate import OUT
from tests.conftest import make_workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2000, help="cases per importer")
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    tally = Tally()
    findings = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="perfdesk-fuzz-") as temp:
        folder = Path(temp)
        base = folder / "base.perfdesk"
        make_workspace(base, "2021").close()
        for suffix in importer_suffixes():
            seeds = write_seeds(suffix, folder / suffix.lstrip("."))
            for number in range(options.cases):
                name, data = mutate(suffix, rng.choice(seeds).read_bytes(), rng)
                case = folder / f"case{suffix}"
                case.write_bytes(data)
                try:
                    outcome = run_case(case, base, folder, replace=rng.random() < 0.5)
                except Finding as finding:
                    findings += 1
                    outcome = "FINDING"
                    saved = OUT / "fuzz-findings" / f"{suffix.lstrip('.')}-{options.seed}-{number}{suffix}"
                    saved.parent.mkdir(parents=True, exist_ok=True)
                    saved.write_bytes(data)
                    print(f"finding ({name}) saved to {saved}:\n{finding}", file=sys.stderr)
                tally.add(suffix, name, outcome)
    total = sum(tally.outcomes.values())
    print(f"{total} cases in {time.perf_counter() - start:.0f} s, seed {options.seed}, {findings} findings")
    print(tally.report())
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
