"""The Ray Data engine: the per-document stage on a Ray cluster (``--engine ray``).

``corpuscheck build SEEDS --out OUT --engine ray`` starts Ray on this
machine (``--jobs`` CPUs, all of them for 0) or, with ``--ray-address
ADDRESS``, joins a running cluster (``auto``, or ``ray://host:10001``). The
reader runs in this process, as for the local engine; the documents go to
Ray Data a window at a time (:data:`WINDOW_BATCHES` batches):
:func:`ray.data.from_items` and :meth:`~ray.data.Dataset.map_batches` with
:func:`_run_stage`, whose worker processes load the checks and their models
once and keep them for every later window. The results come back in order
(``preserve_order``) through :meth:`~ray.data.Dataset.iter_batches` into the
same writers as the local engine's, so the package, the findings and the
report are byte-identical. Nothing else is distributed by hand: Ray places
the work, retries failed tasks and spills its object store to disk.

The workers import corpuscheck: on a cluster, install it on every node (the
same version), or pass it in Ray's ``runtime_env``.
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

from corpuscheck.engines import map_in_batches

T = TypeVar("T")
R = TypeVar("R")

WINDOW_BATCHES = 64
"""Batches sent to Ray at once: enough to keep a cluster busy, few enough to bound memory."""

_STAGES: dict[bytes, Any] = {}
"""The stages a Ray worker process has set up, by their pickled settings: loaded once."""


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Ray's own deprecation notices (its defaults trigger them) are not ours to act on."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        yield


def _stage_of(data: bytes) -> Any:
    stage = _STAGES.get(data)
    if stage is None:
        stage = _STAGES[data] = pickle.loads(data)
    return stage


def _run_stage(batch: dict[str, Any], settings: bytes) -> dict[str, Any]:
    """Run the stage on a Ray Data batch of pickled document batches.

    A Ray task, not an actor: Ray keeps its worker processes between tasks
    and windows, so each loads the checks once (:data:`_STAGES`), where an
    actor pool would be started again for every window.
    """
    stage = _stage_of(settings)
    return {"result": [pickle.dumps(stage(pickle.loads(item))) for item in batch["batch"]]}


class RayEngine:
    """Run the per-document stage on Ray Data, locally or on a cluster."""

    def __init__(self, jobs: int, address: str | None = None) -> None:
        self.jobs = jobs
        self.address = address

    def _start(self) -> bool:
        """Start or join Ray; True when this engine started it (and must shut it down)."""
        import logging

        import ray

        if ray.is_initialized():
            return False
        options: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.WARNING,
            "configure_logging": False,
        }
        if self.address:
            options["address"] = self.address
        elif self.jobs > 0:
            options["num_cpus"] = self.jobs
        ray.init(**options)
        return True

    def imap(
        self, stage: Callable[[list[T]], list[R]], batches: Iterable[list[T]]
    ) -> Iterator[list[R]]:
        with _quiet():
            import ray

            started = self._start()
        try:
            settings = pickle.dumps(stage)
            iterator = iter(batches)
            while window := list(itertools.islice(iterator, WINDOW_BATCHES)):
                yield from self._window(window, settings)
        finally:
            if started:
                with _quiet():
                    ray.shutdown()

    def _window(self, window: list[Any], settings: bytes) -> list[Any]:
        """The results of one window of batches, in order."""
        with _quiet():
            import ray.data

            context = ray.data.DataContext.get_current()
            context.execution_options.preserve_order = True
            context.enable_progress_bars = False
            context.print_on_execution_start = False
            items = [{"batch": pickle.dumps(batch)} for batch in window]
            dataset = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
                _run_stage,  # type: ignore[arg-type]
                fn_kwargs={"settings": settings},
                batch_size=1,
                batch_format="numpy",
            )
            return [
                pickle.loads(result)
                for out in dataset.iter_batches(batch_size=1, batch_format="numpy")
                for result in out["result"]
            ]

    def map(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        on_result: Callable[[], None] | None = None,
    ) -> list[R]:
        return map_in_batches(self, func, items, on_result)
