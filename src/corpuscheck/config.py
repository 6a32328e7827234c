"""Settings of one build, with the defaults a corpus maintainer expects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Config:
    """What a build does beyond its defaults.

    ``jobs``: worker processes for the per-document stages (1 runs in-process).
    ``disabled``: names of checks not to run.
    ``expectations``: folder of Great Expectations suites (None: the
    ``expectations/`` folder next to the corpus folder, if there is one).
    ``language_min_chars``: shorter texts are not language-checked.
    ``language_min_probability``: below it a detection is called uncertain.
    ``baseline``: output folder of an earlier build; the report lists the
    findings that are new and those that were fixed since (see
    :mod:`corpuscheck.report.baseline`).
    """

    jobs: int = 1
    disabled: frozenset[str] = field(default_factory=frozenset)
    expectations: Path | None = None
    language_min_chars: int = 40
    language_min_probability: float = 0.80
    baseline: Path | None = None
