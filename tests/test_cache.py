"""The per-document cache: hits, misses, corrupt entries and builds sharing a cache."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import corpuscheck.cache
import corpuscheck.checks.runner
from corpuscheck.cache import (
    MAGIC,
    PRUNE_AFTER,
    RESULTS_FILE,
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


def entries(cache: Path) -> dict[str, bytes]:
    """The per-document entries (not the corpus checks' memos), by key, as stored."""
    with contextlib.closing(sqlite3.connect(cache / RESULTS_FILE)) as db:
        return dict(db.execute("SELECT key, value FROM entries ORDER BY key"))


def store(cache: Path, sql: str, *rows: tuple[object, ...]) -> None:
    """Change the entries as another program could (damage, age)."""
    with contextlib.closing(sqlite3.connect(cache / RESULTS_FILE)) as db, db:
        db.executemany(sql, rows)


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
    (first, data), (second, other), (third, _), *_ = entries(tmp_path / "cache").items()
    flipped = bytearray(other)
    flipped[-1] ^= 0xFF  # one bit of the payload
    store(
        tmp_path / "cache",
        "UPDATE entries SET value = ? WHERE key = ?",
        (data[:-10], first),  # cut short
        (bytes(flipped), second),
        (b"not an entry", third),
    )
    counted.clear()
    build(SEEDS, tmp_path / "b", config)
    assert len(counted) == 3
    assert files_of(tmp_path / "b") == cold
    stored = entries(tmp_path / "cache")
    assert len(stored) == 5
    assert all(value.startswith(MAGIC) for value in stored.values())


def test_a_corrupt_database_is_skipped_then_replaced(tmp_path, counted, cold):
    config = Config(cache=tmp_path / "cache")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / RESULTS_FILE).write_bytes(b"not a database " * 500)
    build(SEEDS, tmp_path / "a", config)  # every document checked, nothing cached
    assert len(counted) == 5
    assert files_of(tmp_path / "a") == cold
    assert not (tmp_path / "cache" / RESULTS_FILE).exists()  # removed by the build's end
    build(SEEDS, tmp_path / "b", config)
    assert len(entries(tmp_path / "cache")) == 5
    counted.clear()
    build(SEEDS, tmp_path / "c", config)
    assert counted == []
    assert files_of(tmp_path / "c") == cold


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


def used(cache: Path) -> dict[str, float]:
    with contextlib.closing(sqlite3.connect(cache / RESULTS_FILE)) as db:
        return dict(db.execute("SELECT key, used FROM entries"))


def test_a_build_prunes_the_entries_it_did_not_use(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    config = Config(cache=tmp_path / "cache")
    build(corpus, tmp_path / "a", config)
    before = entries(tmp_path / "cache")
    # As if the last build was two days ago.
    store(tmp_path / "cache", "UPDATE entries SET used = ?", (time.time() - 2 * PRUNE_AFTER,))
    edited = sorted(corpus.glob("*.txt"))[2]
    edited.write_text(edited.read_text("utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    build(corpus, tmp_path / "b", config)
    after = entries(tmp_path / "cache")
    assert len(after) == 5  # the edited document's old entry is gone, its new one is there
    assert len(set(before) & set(after)) == 4
    assert all(t > time.time() - 600 for t in used(tmp_path / "cache").values())  # marked used


def test_prune_keeps_recent_entries_and_removes_old_ones_and_leftovers(tmp_path):
    cache = ResultCache(tmp_path, Config())
    cache.put("aa" * 32, 1)
    cache.put("bb" * 32, 2)
    cache.close()
    leftover = tmp_path / "cc" / ".cccccccc.x.tmp"  # from a killed build
    leftover.parent.mkdir()
    leftover.write_bytes(b"partial")
    former = tmp_path / "dd" / ("dd" * 32)  # an entry of the one-file-per-entry layout
    former.parent.mkdir()
    former.write_bytes(MAGIC)
    foreign = tmp_path / "notes" / "mine.txt"  # a folder given by hand may hold other files
    foreign.parent.mkdir()
    foreign.write_text("keep me")
    store(tmp_path, "UPDATE entries SET used = ? WHERE key = ?", (age_of(2), "bb" * 32))
    age(leftover, 2 * PRUNE_AFTER)
    age(former, 2 * PRUNE_AFTER)
    age(foreign, 2 * PRUNE_AFTER)
    assert prune(tmp_path) == 3
    assert foreign.read_text() == "keep me"
    assert cache.get("aa" * 32) == 1
    assert cache.get("bb" * 32) is None
    assert not leftover.exists()
    assert not former.exists()


def age_of(days: float) -> float:
    """The time ``days`` days ago."""
    return time.time() - days * 24 * 3600


def test_an_entry_read_is_marked_used_at_most_once_an_hour(tmp_path):
    cache = ResultCache(tmp_path, Config())
    cache.put_many([("aa" * 32, 1), ("bb" * 32, 2)])
    store(tmp_path, "UPDATE entries SET used = ? WHERE key = ?", (age_of(0.5), "aa" * 32))
    marked = used(tmp_path)
    assert cache.get_many(["aa" * 32, "bb" * 32, "cc" * 32]) == {"aa" * 32: 1, "bb" * 32: 2}
    cache.close()
    now = used(tmp_path)
    assert now["bb" * 32] == marked["bb" * 32]  # used a moment ago: not written again
    assert now["aa" * 32] > marked["aa" * 32] + 3600  # used half a day ago: marked now
    assert (cache.hits, cache.misses) == (2, 1)


def test_many_entries_are_read_in_one_call(tmp_path, monkeypatch):
    monkeypatch.setattr(corpuscheck.cache, "KEYS_PER_QUERY", 3)
    cache = ResultCache(tmp_path, Config())
    keys = [f"{i:064x}" for i in range(10)]
    cache.put_many([(key, i) for i, key in enumerate(keys)])
    assert cache.get_many([*keys, "ff" * 32]) == {key: i for i, key in enumerate(keys)}
    cache.close()


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


def test_a_record_that_moved_in_its_jsonl_file_is_reused_where_it_is_now(tmp_path, counted):
    import json

    from corpuscheck.read.corpus import read_corpus

    records = [{"id": d.id, "text": d.original, **d.metadata} for d in read_corpus(SEEDS).documents]

    def write(path: Path, rows: list[dict]) -> Path:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        return path

    source = write(tmp_path / "news.jsonl", records)
    config = Config(cache=tmp_path / "cache")
    build(source, tmp_path / "a", config)
    write(source, records[::-1])  # every record on another line
    counted.clear()
    warm = build(source, tmp_path / "warm", config)
    assert counted == []  # none checked again
    cold = build(source, tmp_path / "cold")  # no cache
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")
    assert warm.corpus.places == cold.corpus.places
    assert len(set(cold.corpus.places.values())) == len(records)
