"""Execution engines: where the per-document stage runs.

The pipeline hands an engine a *stage* (a picklable callable that takes a
batch of documents and returns one result per document) and an iterator of
batches; :meth:`Engine.imap` yields the results batch by batch, in input
order. Engines only decide where the stage runs: :class:`SerialEngine` in
this process, :class:`ProcessEngine` in worker processes (the checks and
their models loaded once, by the first worker, whose copies the others
share), and
:class:`corpuscheck.engines.ray.RayEngine` on Ray Data. The stage does not
know which.

Memory stays bounded: an engine pulls a new batch from the reader only when
fewer than a few batches per worker are in flight, so a fast reader never
fills memory with documents waiting for the checks.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from typing import Any, Generic, Protocol, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2
"""Batches queued per worker process: enough to keep it busy, few enough to bound memory."""


FREEZE_AFTER = (1, 4, 16, 64, 256)
"""The batches of a worker process after which it freezes what it holds (:func:`_in_worker`):
its first, then less and less often, as its memos of words grow."""

YOUNG_OBJECTS = 20_000
"""Objects a worker process makes between two passes of the garbage collector over its youngest
ones, from its second batch on (Python's default is 700; see :func:`_in_worker`)."""

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

    From then on the youngest objects are looked at after :data:`YOUNG_OBJECTS`
    new ones, not 700: a document's objects (tokens, spans, findings) are
    freed by their reference counts as soon as it is done, so most passes
    found nothing to free, and each walked the few thousand alive at that
    moment. Over 20 MB a worker made about 430 such passes and 38 of the
    next generation, 0.19-0.22 CPU s; with the larger step, 0.08-0.10.
    """
    global _batches_run
    result = stage(batch)
    _batches_run += 1
    if _batches_run in FREEZE_AFTER:
        gc.freeze()
    if _batches_run == 1:
        gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
    return result


class WorkerError(Exception):
    """An exception of the stage in a worker process, told as text (it could not be pickled)."""


Message = tuple[int, bool, Any]
"""What a worker sends back: a batch's index, whether the stage returned, its result or error."""

STARTED: Message = (-1, True, None)
"""What a forked worker sends first, before it takes a batch."""


def _run_batch(stage: Callable[[list[T]], list[R]], index: int, batch: list[T]) -> Message:
    try:
        return index, True, _in_worker(stage, batch)
    except KeyboardInterrupt:
        raise
    except BaseException as err:  # the building process raises it again
        told = traceback.format_exc()
        try:
            pickle.loads(pickle.dumps(err))
        except Exception:
            err = WorkerError(f"{type(err).__name__}: {err}")
        return index, False, (err, told)


def _serve(
    stage: Callable[[list[T]], list[R]],
    tasks: Queue[tuple[int, list[T]] | None],
    stopping: Event,
    results: Connection,
) -> None:
    """Run the batches taken from ``tasks`` until a None, sending each result on ``results``."""
    while (task := tasks.get()) is not None:
        if not stopping.is_set():
            results.send(_run_batch(stage, *task))


@contextlib.contextmanager
def _quiet_on_ctrl_c() -> Iterator[None]:
    """A worker ends at Ctrl-C (the building process reports it), without a traceback of its own."""
    with contextlib.suppress(KeyboardInterrupt):
        yield


def _threads_here() -> int:
    """The threads of this process, as the system counts them (threads of C libraries too)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 0  # unknown: taken as more than one


SERVING_ALONE = (
    "corpuscheck: the first worker process runs {threads} threads (a library's), and a fork"
    " would copy none of them: no other worker was started, and the documents are checked"
    " in this one (the same results, more slowly)"
)
"""What a first worker that forks no other writes on standard error."""


def _first_worker(
    stage: Callable[[list[T]], list[R]],
    first: list[T],
    tasks: Queue[tuple[int, list[T]] | None],
    stopping: Event,
    pipes: list[tuple[Connection, Connection]],
) -> None:
    """The first batch, then the other workers forked from this one, then the batches in turn.

    The first batch loads what the checks need (models, word tables, compiled
    patterns) and fills their memos, and :func:`_in_worker` freezes it all:
    the workers forked then share those pages with this one, untouched by
    their garbage collectors, instead of loading it all again. A fork copies
    only the thread that calls it, so a process running other threads (a
    library's thread pool, one of which may hold a lock) forks no worker:
    it serves alone, which is slower but sound, and says so on standard
    error (:data:`SERVING_ALONE`), or a build would be slower for no reason
    it could see.
    """
    for reader, _ in pipes:
        reader.close()
    own = pipes[0][1]
    with _quiet_on_ctrl_c():
        own.send(_run_batch(stage, 0, first))
        del first
        if _threads_here() == 1 and not stopping.is_set():
            context = multiprocessing.get_context("fork")
            for i, (_, writer) in enumerate(pipes):
                if i:
                    others = [w for j, (_, w) in enumerate(pipes) if j != i]
                    args = (stage, tasks, stopping, writer, others)
                    context.Process(target=_forked_worker, args=args).start()
        elif not stopping.is_set():
            print(SERVING_ALONE.format(threads=_threads_here()), file=sys.stderr, flush=True)
        for _, writer in pipes[1:]:
            writer.close()
        _serve(stage, tasks, stopping, own)


def _forked_worker(
    stage: Callable[[list[T]], list[R]],
    tasks: Queue[tuple[int, list[T]] | None],
    stopping: Event,
    results: Connection,
    others: list[Connection],
) -> None:
    # Only the worker that writes to a pipe holds it open, so that the
    # building process reads the end of it when that worker dies.
    for writer in others:
        writer.close()
    with _quiet_on_ctrl_c():
        results.send(STARTED)
        _serve(stage, tasks, stopping, results)


_ending: list[tuple[BaseProcess, list[Connection]]] = []
"""The first workers of families whose results are all in, ending on their own (see
:func:`_family_imap`), and the pipes of their families; joined and closed by the next family."""


def _reap() -> None:
    """Wait for the workers of the families before to have ended (they have, by then)."""
    while _ending:
        founder, readers = _ending.pop()
        founder.join()
        for reader in readers:
            reader.close()


def _family_imap(
    stage: Callable[[list[T]], list[R]], batches: Iterable[list[T]], jobs: int
) -> Iterator[list[R]]:
    """``stage(batch)`` for every batch in ``jobs`` workers forked from the first, in order.

    Each worker loaded the checks' models and tables for itself, about 1.8
    CPU s before its first result; now the first worker loads them while
    running the first batch and the others are forked from it afterwards
    (:func:`_first_worker`). The batches go out through one queue, taken by
    whichever worker is free; each worker sends its results back through a
    pipe of its own, whose end tells the building process that the worker
    died (or, before it said it started, that it was never forked). The first
    batch goes to the first worker with the fork, unpickled.
    """
    _reap()
    iterator = iter(batches)
    first = next(iterator, None)
    if first is None:
        return
    context = multiprocessing.get_context("fork")
    tasks: Queue[tuple[int, list[T]] | None] = context.Queue()
    stopping = context.Event()
    pipes = [context.Pipe(duplex=False) for _ in range(jobs)]
    founder = context.Process(
        target=_first_worker, args=(stage, first, tasks, stopping, pipes), name="corpuscheck-worker"
    )
    founder.start()
    del first
    for _, writer in pipes:
        writer.close()
    readers = [reader for reader, _ in pipes]
    started = {readers[0]}  # the first worker holds the first batch from the start
    done: dict[int, Message] = {}
    sent, wanted, more = 1, 0, True
    limit = jobs * IN_FLIGHT_PER_WORKER
    finished = False
    try:
        while wanted < sent:
            while more and sent - wanted < limit:
                batch = next(iterator, None)
                if batch is None:
                    more = False
                else:
                    tasks.put((sent, batch))
                    sent += 1
            while wanted not in done:
                if not readers:
                    raise BrokenProcessPool("the worker processes ended before their batches")
                for ready in wait(readers):
                    reader = cast(Connection, ready)
                    try:
                        message: Message = reader.recv()
                    except EOFError:
                        if reader in started:  # it may have taken batches
                            raise BrokenProcessPool(
                                "a worker process ended before its batches were done"
                            ) from None
                        readers.remove(reader)  # never forked
                        reader.close()
                        continue
                    started.add(reader)
                    if message[0] >= 0:  # not STARTED
                        done[message[0]] = message
            _, returned, payload = done.pop(wanted)
            if not returned:  # raised in its turn, after the results of the batches before
                err, told = payload
                raise err from WorkerError(told)
            yield payload
            wanted += 1
        finished = True
    finally:
        if not finished:
            stopping.set()  # the batches still queued are skipped
            tasks.cancel_join_thread()  # a dead worker leaves them unread
        for _ in range(jobs):
            tasks.put(None)
        tasks.close()
        if finished:
            # Every result is in and each worker ends at its None: their ending
            # (a tenth of a second or more, giving back the pages of the models
            # and tables) goes on beside the rest of the build, which does not
            # wait for it. The queue's thread, which sends the Nones, is waited
            # for: the build forks a process later, when no other thread runs.
            tasks.join_thread()
            # Its pipes stay open till then: a worker forked late says it started.
            _ending.append((founder, [reader for reader, _ in pipes]))
        else:
            # Stopped early (an error, Ctrl-C), a worker may be sending a result
            # too large for its pipe: what comes is read and dropped until the
            # first worker, which waits for the others, has ended.
            while founder.is_alive():
                for ready in wait([*readers, founder.sentinel]):
                    if ready in readers:
                        try:
                            cast(Connection, ready).recv()
                        except EOFError:
                            readers.remove(cast(Connection, ready))
            founder.join()
            for reader, _ in pipes:
                reader.close()


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
    """Run in ``jobs`` worker processes; results come back in input order.

    On Linux the workers are a family (:func:`_family_imap`): the first runs
    the first batch, which loads what the checks need, then forks the others,
    which start with it all loaded. Elsewhere each worker of a process pool
    loads it for itself.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)

    def imap(
        self, stage: Callable[[list[T]], list[R]], batches: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        if self.jobs == 1:
            yield from SerialEngine().imap(stage, batches)
            return
        if sys.platform.startswith("linux"):
            yield from _family_imap(stage, batches, self.jobs)
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
