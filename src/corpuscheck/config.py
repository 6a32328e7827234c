"""Settings of one build, with the defaults a corpus maintainer expects."""

from __future__ import annotations

import hashlib
import json
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
    ``engine``: where the per-document stage runs, ``local`` (this process
    or ``jobs`` worker processes) or ``ray`` (Ray Data; ``ray_address``
    names a cluster to join, else Ray starts here).
    ``cache``: folder of cached per-document results (None: no cache; see
    :mod:`corpuscheck.cache`).
    ``text_column``, ``id_column``: the columns of a JSONL or Parquet input
    holding each document's text and id.
    ``max_document_bytes``: a larger document is not read (one
    ``structure.too_large`` finding), so a huge or sparse file costs nothing.
    """

    jobs: int = 1
    disabled: frozenset[str] = field(default_factory=frozenset)
    expectations: Path | None = None
    language_min_chars: int = 40
    language_min_probability: float = 0.80
    baseline: Path | None = None
    engine: str = "local"
    ray_address: str | None = None
    cache: Path | None = None
    text_column: str = "text"
    id_column: str = "id"
    max_document_bytes: int = 64 * 1024 * 1024

    def fingerprint(self) -> str:
        """A digest of the settings that change a document's findings (for the cache key)."""
        settings = {
            "disabled": sorted(self.disabled),
            "language_min_chars": self.language_min_chars,
            "language_min_probability": self.language_min_probability,
        }
        return hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
