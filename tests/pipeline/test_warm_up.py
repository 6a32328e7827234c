"""The corpus checks' slow imports, done while worker processes check the documents."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from corpuscheck.checks.metadata import expectations
from corpuscheck.checks.registry import Check
from corpuscheck.checks.runner import warm_up
from corpuscheck.config import Config
from corpuscheck.model import Corpus
from corpuscheck.pipeline import _after_first, build

ROOT = Path(__file__).resolve().parents[2]


def _corpus_with_suites(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "expectations", tmp_path / "expectations")
    return tmp_path / "seeds"


def _record_imports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that ask for Great Expectations, in order."""
    threads: list[str] = []
    real = expectations.import_great_expectations

    def recorded() -> object:
        threads.append(threading.current_thread().name)
        return real()

    monkeypatch.setattr(expectations, "import_great_expectations", recorded)
    return threads


def _expectation_findings(out: Path) -> list[tuple[str, str]]:
    import polars as pl

    table = pl.read_parquet(out / "data" / "findings.parquet")
    rows = table.filter(pl.col("rule").str.starts_with("metadata.expectation"))
    return sorted(zip(rows["rule"], rows["message"], strict=True))


def test_with_worker_processes_great_expectations_is_imported_ahead(tmp_path, monkeypatch):
    corpus = _corpus_with_suites(tmp_path)
    threads = _record_imports(monkeypatch)
    build(corpus, tmp_path / "two", Config(jobs=2))
    assert threads[0] == "corpuscheck-warm-up"
    assert threads[-1] == "MainThread"  # the check itself, once the documents are in

    # The same findings as a build in one process, which warms nothing up.
    threads.clear()
    build(corpus, tmp_path / "one", Config(jobs=1))
    assert threads == ["MainThread"]
    assert _expectation_findings(tmp_path / "two") == _expectation_findings(tmp_path / "one")


def test_without_suites_great_expectations_is_not_imported_ahead(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")  # no expectations/ beside it
    threads = _record_imports(monkeypatch)
    build(tmp_path / "seeds", tmp_path / "out", Config(jobs=2))
    assert threads == []


def _check(name: str, warm: object) -> Check:
    return Check(name, "corpus", lambda corpus, config: [], (name,), "A check.", "1", warm)  # type: ignore[arg-type]


def test_warm_up_runs_every_step_in_a_thread_and_leaves_failures_to_the_checks():
    seen: list[tuple[str, str, str]] = []

    def failing(corpus: Corpus, config: Config) -> None:
        raise ImportError("no such library")

    def recording(corpus: Corpus, config: Config) -> None:
        seen.append((threading.current_thread().name, corpus.root, str(config.jobs)))

    corpus = Corpus("somewhere/corpus", [])
    checks = [
        _check("metadata.a", failing),
        _check("metadata.b", None),
        _check("metadata.c", recording),
    ]

    def sink_failing() -> None:
        raise OSError("no template")

    def sink_recording() -> None:
        seen.append((threading.current_thread().name, "sink", ""))

    thread = warm_up(checks, corpus, Config(jobs=3), [sink_failing, sink_recording])
    assert thread is not None
    thread.join()
    assert seen == [
        ("corpuscheck-warm-up", "somewhere/corpus", "3"),
        ("corpuscheck-warm-up", "sink", ""),  # after the checks: they come first
    ]
    assert warm_up([_check("metadata.b", None)], corpus, Config()) is None


def test_after_first_calls_once_the_first_item_is_taken():
    events: list[str] = []
    items = _after_first(["a", "b"], lambda: events.append("then"))
    for item in items:
        events.append(item)
    assert events == ["a", "then", "b"]
    events.clear()
    assert list(_after_first(["only"], lambda: events.append("then"))) == ["only"]
    assert events == ["then"]  # asked for a second item, there is none
    assert list(_after_first([], lambda: events.append("never"))) == []
    assert events == ["then"]


def test_with_worker_processes_the_report_template_is_compiled_ahead(tmp_path, monkeypatch):
    import corpuscheck.report

    threads: list[str] = []
    real = corpuscheck.report.warm_template

    def recorded() -> None:
        threads.append(threading.current_thread().name)
        real()

    monkeypatch.setattr(corpuscheck.report, "warm_template", recorded)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    build(tmp_path / "seeds", tmp_path / "two", Config(jobs=2))
    assert threads == ["corpuscheck-warm-up"]
    build(tmp_path / "seeds", tmp_path / "one", Config(jobs=1))  # nothing to wait for
    assert threads == ["corpuscheck-warm-up"]
    assert (tmp_path / "two" / "report.html").read_bytes() == (
        tmp_path / "one" / "report.html"
    ).read_bytes()
