"""The jobs a build runs in a thread (deflating the tables): in order, and failures raised."""

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
