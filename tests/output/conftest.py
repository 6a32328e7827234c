"""Fixtures of the output tests: one check of the repository's seeds, shared."""

from __future__ import annotations

import pytest

from corpuscheck.output import Locator
from corpuscheck.pipeline import BuildResult, check
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="session")
def seeds_result() -> BuildResult:
    """``check(seeds/)``: every view of these tests reads this one list of findings."""
    return check(SEEDS)


@pytest.fixture(scope="session")
def seeds_locator(seeds_result: BuildResult) -> Locator:
    return Locator(seeds_result.corpus, ROOT)
