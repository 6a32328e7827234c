"""The per-document cache: hits, misses, corrupt entries and builds sharing a cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import corpuscheck.checks.runner
from corpuscheck.cache import (
    MAGIC,
    MEMO_FOLDER,
    PRUNE_AFTER,
    CorpusMemo,
    ResultCache,
    checks_signature,
    prune,
)
from corpuscheck.checks.registry import load_checks
from corpuscheck.config import Config
from corpuscheck.pipeline import build
from tests.conftest import SEEDS


def files_of(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def entries(cache: Path) -> list[Path]:
    """The per-document entries (not the corpus checks' memos, not temporary files)."""
    return sorted(
        p
        for p in cache.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.parent.name != MEMO_FOLDER
    )


@pytest.fixture
def counted(monkeypatch):
    """Count the documents the checks run on (serial build: in this process)."""
    calls: list[str] = []
    real = corpuscheck.checks.runner.process_documents

    def process(items, config):
        calls.extend(doc.id for doc, _ in items)
        return real(items, config)

    monkeypatch.setattr(corpuscheck.checks.runner, "process_documents", process)
    return calls


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("cold") / "out"
    build(SEEDS, out)
    return files_of(out)


def test_a_rebuild_reuses_every_document_and_gives_the_same_bytes(tmp_path, counted, cold):
    config = Config(cache=tmp_path / "cache")
    build(SEEDS, tmp_path / "a", config)
    assert len(counted) == 5
    assert len(entries(tmp_path / "cache")) == 5
    build(SEEDS, tmp_path / "b", config)
    assert len(counted) == 5  # no document checked again
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b") == cold


def test_an_edited_document_is_checked_again(tmp_path, counted):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    config = Config(cache=tmp_path / "cache")
    build(corpus, tmp_path / "a", config)
    edited = sorted(corpus.glob("*.txt"))[2]
    edited.write_text(edited.read_text("utf-8") + "\nUne phrase ajoutée XNUMX.\n", "utf-8")
    counted.clear()
    build(corpus, tmp_path / "warm", config)
    assert counted == [edited.stem]
    build(corpus, tmp_path / "cold")  # no cache
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")


def test_corrupt_or_partial_entries_are_recomputed_not_trusted(tmp_path, counted, cold):
    config = Config(cache=tmp_path / "cache")
    build(SEEDS, tmp_path / "a", config)
    first, second, third, *_ = entries(tmp_path / "cache")
    first.write_bytes(first.read_bytes()[:-10])  # cut short
    data = bytearray(second.read_bytes())
    data[-1] ^= 0xFF  # one bit of the payload
    second.write_bytes(bytes(data))
    third.write_bytes(b"not an entry")
    counted.clear()
    build(SEEDS, tmp_path / "b", config)
    assert len(counted) == 3
    assert files_of(tmp_path / "b") == cold
    assert all(p.read_bytes().startswith(MAGIC) for p in entries(tmp_path / "cache"))


def test_a_new_check_version_or_setting_misses(tmp_path, monkeypatch):
    config = Config(cache=tmp_path)
    before = checks_signature(config)
    assert checks_signature(Config(cache=tmp_path, disabled=frozenset({"language"}))) != before
    check = load_checks()["artifact.placeholder"]
    from dataclasses import replace

    monkeypatch.setitem(load_checks(), check.name, replace(check, version="2"))
    assert checks_signature(config) != before


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    cache = ResultCache(blocked / "cache", Config())
    cache.put("ab" * 32, {"value": 1})
    assert cache.get("ab" * 32) is None


def test_two_builds_sharing_a_cache_at_once(tmp_path, cold):
    cache = tmp_path / "cache"
    commands = [
        [
            sys.executable,
            "-m",
            "corpuscheck",
            "build",
            str(SEEDS),
            "--out",
            str(tmp_path / n),
            "--cache",
            str(cache),
            "--quiet",
        ]
        for n in ("a", "b")
    ]
    running = [subprocess.Popen(c, stdout=subprocess.DEVNULL) for c in commands]
    assert [p.wait(timeout=600) for p in running] == [1, 1]  # the seeds have errors
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b") == cold
    assert len(entries(cache)) == 5
    # And a third build reads what they wrote.
    subprocess.run(commands[0], check=False, stdout=subprocess.DEVNULL, timeout=600)
    assert files_of(tmp_path / "a") == cold


def age(path: Path, seconds: float) -> None:
    """Make ``path`` look unused for ``seconds``."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_build_prunes_the_entries_it_did_not_use(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    config = Config(cache=tmp_path / "cache")
    build(corpus, tmp_path / "a", config)
    before = entries(tmp_path / "cache")
    for path in before:  # as if the last build was two days ago
        age(path, 2 * PRUNE_AFTER)
    edited = sorted(corpus.glob("*.txt"))[2]
    edited.write_text(edited.read_text("utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    build(corpus, tmp_path / "b", config)
    after = entries(tmp_path / "cache")
    assert len(after) == 5  # the edited document's old entry is gone, its new one is there
    assert len(set(before) & set(after)) == 4
    assert all(p.stat().st_mtime > time.time() - 600 for p in after)  # used: touched


def test_prune_keeps_recent_entries_and_removes_old_ones_and_leftovers(tmp_path):
    cache = ResultCache(tmp_path, Config())
    cache.put("aa" * 32, 1)
    cache.put("bb" * 32, 2)
    leftover = tmp_path / "cc" / ".cccccccc.x.tmp"  # from a killed build
    leftover.parent.mkdir()
    leftover.write_bytes(b"partial")
    foreign = tmp_path / "notes" / "mine.txt"  # a folder given by hand may hold other files
    foreign.parent.mkdir()
    foreign.write_text("keep me")
    age(tmp_path / "bb" / ("bb" * 32), 2 * PRUNE_AFTER)
    age(leftover, 2 * PRUNE_AFTER)
    age(foreign, 2 * PRUNE_AFTER)
    assert prune(tmp_path) == 2
    assert foreign.read_text() == "keep me"
    assert cache.get("aa" * 32) == 1
    assert cache.get("bb" * 32) is None
    assert not leftover.exists()


def test_a_memo_keeps_only_what_a_build_used_and_survives_corruption(tmp_path):
    memo = CorpusMemo(tmp_path, "check", Config())
    memo.put("old", 1)
    memo.put("kept", 2)
    memo.save()
    again = CorpusMemo(tmp_path, "check", Config())
    assert again.get("kept") == 2
    again.save()
    third = CorpusMemo(tmp_path, "check", Config())
    assert third.get("kept") == 2
    assert third.get("old") is None  # not used by the second build
    assert third.path is not None
    third.path.write_bytes(third.path.read_bytes()[:-3])
    assert CorpusMemo(tmp_path, "check", Config()).get("kept") is None
    assert CorpusMemo(None, "check", Config()).get("kept") is None  # no cache: no memo
