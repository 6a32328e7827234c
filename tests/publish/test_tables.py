"""The jobs a build runs in threads (deflating the tables, writing Parquet): in order, failures
raised, and at most so many waiting when asked."""

from __future__ import annotations

import threading
import time

import pytest

from corpuscheck.publish.tables import OrderedJobs


class Boom(RuntimeError):
    pass


def test_jobs_run_in_one_thread_in_the_order_given():
    done: list[tuple[int, str]] = []
    writer = OrderedJobs("test")

    def write(n: int) -> None:
        time.sleep(0.001 * (n % 3))  # the later ones would overtake in a pool
        done.append((n, threading.current_thread().name))

    for n in range(20):
        writer.submit(write, n)
    writer.wait()
    assert [n for n, _ in done] == list(range(20))
    assert {name for _, name in done} == {"corpuscheck-test_0"}


def test_a_failed_job_is_raised_by_a_later_submit_and_the_jobs_after_it_are_skipped():
    done: list[object] = []
    jobs = OrderedJobs("test")
    release = threading.Event()

    def job(n: int) -> None:
        release.wait(5)
        if n == 1:
            raise Boom("disk on fire")
        done.append(n)

    for n in range(4):
        jobs.submit(job, n)
    release.set()
    with pytest.raises(Boom, match="disk on fire"):
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # until the failure is known
            jobs.submit(done.append, "later")
            time.sleep(0.01)
    assert done == [0]  # nothing after the failure ran
    jobs.wait()  # the failure was raised once; the thread is gone
    assert done == [0]


def test_a_failed_job_is_raised_by_wait():
    writer = OrderedJobs("test")
    writer.submit(lambda: None)

    def fail() -> None:
        raise Boom("no space left")

    writer.submit(fail)
    with pytest.raises(Boom, match="no space left"):
        writer.wait()


def test_abort_drops_the_jobs_not_started():
    done: list[int] = []
    writer = OrderedJobs("test")
    started, release = threading.Event(), threading.Event()

    def slow() -> None:
        started.set()
        release.wait(5)
        done.append(0)

    writer.submit(slow)
    writer.submit(done.append, 1)
    started.wait(5)
    threading.Timer(0.05, release.set).start()
    writer.abort()
    assert done == [0]


def test_submit_waits_while_the_most_jobs_asked_for_are_waiting():
    jobs = OrderedJobs("test", most=2)
    release = threading.Event()
    running: list[int] = []

    def job(n: int) -> None:
        release.wait(5)
        running.append(n)

    jobs.submit(job, 0)
    jobs.submit(job, 1)
    third = threading.Thread(target=jobs.submit, args=(job, 2))
    third.start()
    third.join(0.2)
    assert third.is_alive()  # two wait: the third is not queued yet
    release.set()
    third.join(5)
    assert not third.is_alive()
    jobs.wait()
    assert running == [0, 1, 2]


def test_a_build_writes_the_parquet_tables_whole_in_chunks(make_corpus, tmp_path, monkeypatch):
    """Chunks written by the Parquet thread: every row there, in order, one row group a chunk."""
    import polars as pl
    import pyarrow.parquet as pq

    from corpuscheck.config import Config
    from corpuscheck.pipeline import build
    from corpuscheck.publish import tables

    monkeypatch.setattr(tables, "CHUNK_ROWS", 3)
    texts = {
        f"doc{n:02d}.txt": f"Le document numéro {n} parle du temps qu'il fait.\n" for n in range(10)
    }
    corpus = make_corpus(texts)
    build(corpus, tmp_path / "out", Config(jobs=1, cache=None))
    data = tmp_path / "out" / "data"
    parquet = pl.read_parquet(data / "documents.parquet")
    csv = pl.read_csv(data / "documents.csv")
    assert parquet["id"].to_list() == csv["id"].to_list() == sorted(parquet["id"].to_list())
    assert parquet.height == 10
    assert pq.ParquetFile(data / "documents.parquet").num_row_groups == 4  # 3 + 3 + 3 + 1
