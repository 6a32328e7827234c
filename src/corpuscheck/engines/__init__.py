"""Execution engines: how the per-document stage runs over the corpus.

An engine maps a function over documents and returns the results in order,
calling ``on_result`` (when given) in this process after each result, which is
how the command line moves its progress bar. :class:`SerialEngine` runs in this
process; :class:`ProcessEngine` spreads documents over worker processes in
chunks. Another engine (threads, a cluster) only has to provide ``map``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        on_result: Callable[[], None] | None = None,
    ) -> list[R]: ...


def _collect(results: Iterable[R], on_result: Callable[[], None] | None) -> list[R]:
    collected = []
    for result in results:
        collected.append(result)
        if on_result is not None:
            on_result()
    return collected


class SerialEngine:
    """Run everything in the current process, in order."""

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        on_result: Callable[[], None] | None = None,
    ) -> list[R]:
        return _collect((func(item) for item in items), on_result)


class ProcessEngine:
    """Run in ``jobs`` worker processes; results come back in input order."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        on_result: Callable[[], None] | None = None,
    ) -> list[R]:
        if self.jobs == 1 or len(items) < 2:
            return SerialEngine().map(func, items, on_result)
        chunksize = max(1, len(items) // (self.jobs * 8))
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            return _collect(pool.map(func, items, chunksize=chunksize), on_result)


def make_engine(jobs: int) -> Engine:
    """The engine for ``jobs`` workers (0 means one per CPU)."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return SerialEngine() if jobs == 1 else ProcessEngine(jobs)
