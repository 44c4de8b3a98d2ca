"""A mutation fuzzer for every importer: damaged and hostile versions of real documents, through the command line.

Each case takes a seed document (the shipped samples, written in the importer's format), damages
it, and runs ``perfdesk import`` into a copy of a workspace that already holds the 2021 sample,
in this process. What must hold, whatever the input:

* the exit status is 0 or 2 (a refused input), never 70 (a bug), and stderr holds no traceback;
* a refused import leaves the workspace byte for byte as it was;
* an accepted import leaves a workspace that ``check`` (exit 0 or 1) and ``export`` (0) handle:
  a value that imports but crashes later is a finding too.

Importers join by suffix: :func:`importer_suffixes` lists the readers registered in
``perfdesk.services.importing.READERS``, and the seeds of a suffix are the samples exported by the
writer registered for it (``perfdesk.export.registry``). A Word or Excel importer is fuzzed as soon
as it is registered, with byte-level damage (a document is a zip of XML); JSON gets structural
damage too (hostile values at random places). ``tests/test_fuzz_importers.py`` runs a bounded
number of cases in CI; ``bench/fuzz_importers.py`` runs as many as asked.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from perfdesk.export.registry import format_for
from perfdesk.services.exporting import export_workspace
from perfdesk.services.importing import READERS, import_files
from tests.conftest import FIXTURES, cli_main

#: Values that once got past an importer or crashed what came after (issue 13), and their kin.
HOSTILE_VALUES: tuple[Any, ...] = (
    "abc",
    "",
    " ",
    "-1",
    "1e7000000",
    "１２．５",
    "12,50",
    "9" * 40,
    "0." + "0" * 30 + "1",
    "\u0000",
    "\ud800",
    "≥" + "1" * 30 + "元",
    "𠀀" * 500,
    -1,
    0,
    1999,
    2101,
    2**63,
    10**30,
    Decimal("1E+999999999"),
    Decimal("1E+7000000"),
    Decimal("-0.0"),
    3.5,
    True,
    None,
    [],
    {},
    [[[[[]]]]],
    {"unknown": 1},
)


#: For a place that holds a number (an amount, a year, an indicator's number): numbers at and past the ranges.
HOSTILE_NUMBERS: tuple[Any, ...] = (
    "1e7000000",
    "9" * 13,
    "9" * 30,
    "0.0000001",
    "999999999999.999999",
    "-0.01",
    Decimal("1E+7000000"),
    Decimal("1E+999999999"),
    Decimal("1E-999999999"),
    10**30,
    2**63,
    -(2**63),
    1999,
    2101,
    0,
)
_NUMBER_TEXT = re.compile(r"[0-9][0-9.,]*")


def importer_suffixes() -> list[str]:
    """The suffixes with an importer: each is fuzzed."""
    return sorted(READERS)


def write_seeds(suffix: str, folder: Path) -> list[Path]:
    """The sample documents in the importer's format: exported from a workspace holding them."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = []
    for name, fixture in sorted(FIXTURES.items()):
        if suffix == ".json":
            seeds.append(Path(shutil.copyfile(fixture, folder / f"seed-{name}.json")))
            continue
        workspace = folder / f"seed-{name}.perfdesk"
        if not workspace.exists():
            import_files([fixture], workspace)
        format_for(folder / f"x{suffix}")  # raises when no writer makes this suffix
        seeds.append(export_workspace(workspace, folder / f"seed-{name}{suffix}").path)
    return seeds


# --- mutations ---------------------------------------------------------------------------------


def _flip_bytes(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _splice(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start : start + rng.randint(1, 200)]
    at = rng.randrange(len(data))
    return data[:at] + chunk * rng.randint(1, 3) + data[at:]


def _junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    junk = rng.choice([b"\x00" * 8, b"\xff\xfe", "”“：，".encode(), b"1e999999999", b"9" * 5000, b"[" * 200])
    return data[:at] + junk + data[at:]


BYTE_MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": _flip_bytes,
    "truncate": _truncate,
    "splice": _splice,
    "junk": _junk,
}


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a parsed JSON document."""
    places = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            places += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            places += _places(value, (*path, index))
    return places


def _holds_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, (int, Decimal)) or (isinstance(value, str) and _NUMBER_TEXT.fullmatch(value) is not None)


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        document = document[key]
    return document


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return document


def _json_mutation(data: bytes, rng: random.Random) -> bytes:
    document = json.loads(data.decode("utf-8"), parse_float=Decimal)
    for _ in range(rng.randint(1, 3)):
        places = _places(document)
        numbers = [p for p in places if _holds_number(_get(document, p))]
        if numbers and rng.random() < 0.4:  # a number where a number was: past the ranges
            document = _set(document, rng.choice(numbers), rng.choice(HOSTILE_NUMBERS))
            continue
        leaves = [p for p in places if not isinstance(_get(document, p), (dict, list))]
        # mostly a value in place of a value (a name, an operator, a unit); else any place
        path = rng.choice(leaves if leaves and rng.random() < 0.8 else places)
        action = 0 if rng.random() < 0.6 else rng.randrange(4)
        if action == 0:  # a hostile value in place of whatever was there
            document = _set(document, path, rng.choice(HOSTILE_VALUES))
        elif action == 1 and path:  # remove it
            parent = document
            for key in path[:-1]:
                parent = parent[key]
            del parent[path[-1]]
        elif action == 2:  # an unknown key, or a key of another object
            target = document
            for key in path:
                target = target[key]
            if isinstance(target, dict):
                target[rng.choice(["budget", "fiscal_year", "indicators", "未知", "op"])] = rng.choice(HOSTILE_VALUES)
        else:  # a copy of a sibling: duplicate departments, projects, indicators
            target = document
            for key in path:
                target = target[key]
            if isinstance(target, list) and target:
                target.append(json.loads(json.dumps(rng.choice(target), default=str), parse_float=Decimal))
    text = json.dumps(document, ensure_ascii=rng.random() < 0.5, default=_number_marker)
    return _RAW_NUMBER.sub(lambda match: match.group(1), text).encode("utf-8", "surrogatepass")


#: A Decimal is written as its own digits (``1E+999999999``), not as a float or a string.
_RAW_NUMBER = re.compile(r'"@number:([^"]*)"')


def _number_marker(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"@number:{value}"
    raise TypeError(type(value).__name__)


def mutate(suffix: str, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One damaged version of ``data`` and the name of what was done."""
    names = list(BYTE_MUTATIONS)
    if suffix == ".json":
        names += ["json"] * 4  # structure-aware damage finds more than flipped bytes
    name = rng.choice(names)
    mutated = _json_mutation(data, rng) if name == "json" else BYTE_MUTATIONS[name](data, rng)
    return name, mutated


# --- one case ------------------------------------------------------------------------------------


class Finding(AssertionError):
    """The fuzzer found a case that breaks a promise; the message says which."""


@dataclass
class Tally:
    """Counts by outcome and mutation, for the report."""

    outcomes: Counter[str] = field(default_factory=Counter)

    def add(self, suffix: str, mutation: str, outcome: str) -> None:
        self.outcomes[f"{suffix} {mutation} {outcome}"] += 1

    def report(self) -> str:
        return "\n".join(f"  {key}: {count}" for key, count in sorted(self.outcomes.items()))


def run_case(source: Path, base: Path, scratch: Path, *, replace: bool) -> str:
    """Import ``source`` into a copy of ``base``; 'imported' or 'refused', else raises Finding."""
    workspace = scratch / "ws.perfdesk"
    shutil.copyfile(base, workspace)
    before = workspace.read_bytes()
    args: list[str | Path] = ["import", source, "--into", workspace, *(["--replace"] if replace else [])]
    imported = cli_main(*args)
    _expect(imported.returncode in (0, 2), "import", imported)
    if imported.returncode == 2:
        if workspace.read_bytes() != before:
            raise Finding(f"a refused import changed the workspace: {imported.stderr}")
        return "refused"
    checked = cli_main("check", workspace)
    _expect(checked.returncode in (0, 1), "check after import", checked)
    exported = cli_main("export", workspace, scratch / "out.json")
    _expect(exported.returncode == 0, "export after import", exported)
    return "imported"


def _expect(ok: bool, what: str, result: Any) -> None:
    if not ok or "Traceback" in result.stderr or "内部错误" in result.stderr:
        raise Finding(f"{what}: exit {result.returncode}\n{result.stderr[-2000:]}")
