"""Shared fixtures: the repository's seeds and small corpora made on the fly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# No time limit per example: speed is measured by the benchmarks, not by the
# tests, and on a busy two-core machine a slow example says nothing of the
# code. Each test keeps its own number of examples.
settings.register_profile("corpuscheck", deadline=None)
settings.load_profile("corpuscheck")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

MANIFEST_HEADER = "file_name,language,title,source,url,published,translated_from,license\n"


def real_files() -> list[Path]:
    """The texts of the development set and of the pinned slice of the benchmark corpus, in
    order: what the tests hold a rewritten definition to its former one on."""
    tests = ROOT / "tests"
    return sorted((tests / "devset").glob("**/*.txt")) + sorted((tests / "pinned").glob("**/*.txt"))


def real_texts() -> list[str]:
    """The contents of :func:`real_files` (bytes that are not UTF-8 replaced)."""
    return [f.read_text(encoding="utf-8", errors="replace") for f in real_files()]


@pytest.fixture
def seeds() -> Path:
    return SEEDS


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write a corpus folder: ``{name: text or bytes}`` plus a manifest.

    Every document gets a manifest row declaring French unless ``manifest`` is
    given (a full CSV body, or None for no metadata.csv).
    """

    def make(
        files: dict[str, str | bytes], manifest: str | None = "auto", folder: str = "corpus"
    ) -> Path:
        root = tmp_path / folder
        root.mkdir()
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            (root / name).write_bytes(data)
        if manifest == "auto":
            rows = "".join(f"{n},fr,,,,,,\n" for n in sorted(files) if n.endswith(".txt"))
            (root / "metadata.csv").write_text(MANIFEST_HEADER + rows, encoding="utf-8")
        elif manifest is not None:
            (root / "metadata.csv").write_text(manifest, encoding="utf-8")
        return root

    return make
