"""The importers under a mutation fuzzer (bench/fuzzing.py), a bounded number of cases per importer.

Every importer registered by suffix takes part; hypothesis chooses the seed document, the
damage and --replace, and shrinks a failing case to a small one. The longer run is
``bench/fuzz_importers.py``.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzzing import importer_suffixes, mutate, run_case, write_seeds
from tests.conftest import make_workspace

#: Cases per importer in CI (each is an import, and for an accepted one a check and an export).
CASES = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Path]]]:
    folder = tmp_path_factory.mktemp("fuzz")
    base = folder / "base.perfdesk"
    make_workspace(base, "2021").close()
    return base, {suffix: write_seeds(suffix, folder / suffix.lstrip(".")) for suffix in importer_suffixes()}


def test_every_importer_takes_part() -> None:
    assert ".json" in importer_suffixes()


@pytest.mark.parametrize("suffix", importer_suffixes())
@settings(max_examples=CASES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False), replace=st.booleans())
def test_damaged_documents_are_imported_or_refused_never_crash(corpus, tmp_path, suffix, rng: random.Random, replace):
    base, seeds = corpus
    seed = rng.choice(seeds[suffix])
    _name, data = mutate(suffix, seed.read_bytes(), rng)
    case = tmp_path / f"case{suffix}"
    case.write_bytes(data)
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    assert run_case(case, base, scratch, replace=replace) in ("imported", "refused")


@pytest.mark.parametrize("suffix", importer_suffixes())
def test_the_seeds_themselves_import(corpus, tmp_path, suffix) -> None:
    base, seeds = corpus
    for seed in seeds[suffix]:
        assert run_case(seed, base, tmp_path, replace=True) == "imported"
