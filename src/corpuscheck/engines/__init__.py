"""Execution engines: where the per-document stage runs.

The pipeline hands an engine a *stage* (a picklable callable that takes a
batch of documents and returns one result per document) and an iterator of
batches; :meth:`Engine.imap` yields the results batch by batch, in input
order. Engines only decide where the stage runs: :class:`SerialEngine` in
this process, :class:`ProcessEngine` in worker processes (each loads the
checks and their models once, when it first runs a batch), and
:class:`corpuscheck.engines.ray.RayEngine` on Ray Data. The stage does not
know which.

Memory stays bounded: an engine pulls a new batch from the reader only when
fewer than a few batches per worker are in flight, so a fast reader never
fills memory with documents waiting for the checks.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2
"""Batches queued per worker process: enough to keep it busy, few enough to bound memory."""


FREEZE_AFTER = (1, 4, 16, 64, 256)
"""The batches of a worker process after which it freezes what it holds (:func:`_in_worker`):
its first, then less and less often, as its memos of words grow."""

_batches_run = 0
"""Batches this process has run as a worker of a :class:`ProcessEngine`."""


def _in_worker(stage: Callable[[list[T]], list[R]], batch: list[T]) -> list[R]:
    """``stage(batch)`` in a worker process; after its first batch, what it holds is frozen.

    By then the worker has loaded the checks' models, word tables and memos,
    which it keeps to the end. Each full pass of the garbage collector walked
    them all again, the word tables' millions of entries among them: about
    0.28 CPU s a pass, four passes a worker over 20 MB. Frozen
    (:func:`gc.freeze`), they are left out; what is made afterwards is
    collected as usual, and a frozen object is still freed when no longer
    referenced. Later freezes take in what was loaded since (a model a later
    document needed) and the memos' growth.
    """
    global _batches_run
    result = stage(batch)
    _batches_run += 1
    if _batches_run in FREEZE_AFTER:
        gc.freeze()
    return result


class Engine(Protocol):
    def imap(
        self, stage: Callable[[list[T]], list[R]], batches: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        """``stage(batch)`` for every batch, yielded in input order."""
        ...

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        on_result: Callable[[], None] | None = None,
    ) -> list[R]:
        """``func(item)`` for every item, in order (``on_result`` after each)."""
        ...


def _collect(results: Iterable[R], on_result: Callable[[], None] | None) -> list[R]:
    collected = []
    for result in results:
        collected.append(result)
        if on_result is not None:
            on_result()
    return collected


class Each(Generic[T, R]):
    """A function over items as a stage over batches (picklable when the function is)."""

    def __init__(self, func: Callable[[T], R]) -> None:
        self.func = func

    def __call__(self, batch: list[T]) -> list[R]:
        return [self.func(item) for item in batch]


def map_in_batches(
    engine: Engine,
    func: Callable[[T], R],
    items: Sequence[T],
    on_result: Callable[[], None] | None = None,
) -> list[R]:
    """:meth:`Engine.map` through the engine's :meth:`~Engine.imap`, one item per batch.

    For an engine whose only way to run work is a stage over batches (Ray);
    ``on_result`` is called after each item, as the progress bar expects.
    """
    batches = engine.imap(Each(func), ([item] for item in items))
    return _collect(itertools.chain.from_iterable(batches), on_result)


class SerialEngine:
    """Run everything in the current process, in order."""

    def imap(
        self, stage: Callable[[list[T]], list[R]], batches: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        for batch in batches:
            yield stage(batch)

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

    def imap(
        self, stage: Callable[[list[T]], list[R]], batches: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        if self.jobs == 1:
            yield from SerialEngine().imap(stage, batches)
            return
        limit = self.jobs * IN_FLIGHT_PER_WORKER
        pending: deque[Future[list[R]]] = deque()
        with ProcessPoolExecutor(max_workers=self.jobs) as pool:
            for batch in batches:
                pending.append(pool.submit(_in_worker, stage, batch))
                while len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

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


ENGINES = ("local", "ray")
"""The names ``--engine`` accepts."""


def make_engine(jobs: int, name: str = "local", address: str | None = None) -> Engine:
    """The engine ``name`` with ``jobs`` workers (0 means one per CPU).

    ``local`` runs in this process (one job) or in worker processes; ``ray``
    runs on Ray Data, joining the cluster at ``address`` or starting Ray here.
    """
    if name == "ray":
        from corpuscheck.engines.ray import RayEngine

        return RayEngine(jobs, address)
    if name != "local":
        raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    return SerialEngine() if jobs == 1 else ProcessEngine(jobs)
