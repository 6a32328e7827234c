"""Execution engines: how the per-document stage runs over the corpus.

An engine maps a function over documents and returns the results in order.
:class:`SerialEngine` runs in this process; :class:`ProcessEngine` spreads
documents over worker processes in chunks. Another engine (threads, a cluster)
only has to provide ``map``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]: ...


class SerialEngine:
    """Run everything in the current process, in order."""

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [func(item) for item in items]


class ProcessEngine:
    """Run in ``jobs`` worker processes; results come back in input order."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def map(self, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        if self.jobs == 1 or len(items) < 2:
            return SerialEngine().map(func, items)
        chunksize = max(1, len(items) // (self.jobs * 8))
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            return list(pool.map(func, items, chunksize=chunksize))


def make_engine(jobs: int) -> Engine:
    """The engine for ``jobs`` workers (0 means one per CPU)."""
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return SerialEngine() if jobs == 1 else ProcessEngine(jobs)
