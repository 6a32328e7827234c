"""The near-duplicate check in a build with a cache: verified pairs are remembered."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import corpuscheck.checks.duplicate.near as near
from corpuscheck.config import Config
from corpuscheck.pipeline import build
from tests.conftest import SEEDS


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def verified(monkeypatch) -> list[int]:
    """Count the candidate pairs compared on their shingle sets (serial build)."""
    calls: list[int] = []
    real = near._overlap

    def overlap(a: set[str], b: set[str]) -> tuple[int, int, int]:
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(near, "_overlap", overlap)
    return calls


def test_a_rebuild_does_not_verify_a_pair_again_and_gives_the_same_bytes(tmp_path, verified):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    first = sorted(corpus.glob("*.txt"))[0]
    copy = corpus / f"{first.stem}_copie.txt"
    copy.write_text(first.read_text("utf-8") + "\nUne phrase ajoutée à la fin.\n", "utf-8")
    config = Config(cache=tmp_path / "cache")
    build(corpus, tmp_path / "a", config)
    assert verified  # the copy was compared with its original
    findings = (tmp_path / "a" / "data" / "findings.csv").read_text("utf-8")
    assert "duplicate.near" in findings
    verified.clear()
    build(corpus, tmp_path / "b", config)
    assert verified == []
    build(corpus, tmp_path / "cold")  # no cache
    assert files_of(tmp_path / "b") == files_of(tmp_path / "cold") == files_of(tmp_path / "a")
