"""The local engines: results in input order; the workers forked from the first, loaded."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from corpuscheck.engines import (
    FREEZE_AFTER,
    YOUNG_OBJECTS,
    ProcessEngine,
    SerialEngine,
    WorkerError,
)
from tests.conftest import ROOT

_loaded_in: int | None = None
"""The process that ran :func:`_loading` first in this process's line: its "models"."""

_meeting = multiprocessing.get_context("fork").Barrier(2, timeout=60)
"""Two batches that wait for each other: they ran in two processes at once."""


def _worker_state(batch: list[int]) -> list[tuple[int, int, int]]:
    return [(item, os.getpid(), gc.get_freeze_count()) for item in batch]


def _loading(batch: list[int]) -> list[tuple[int, int, int | None]]:
    """Loads once per line of processes (as the checks' models are), then reports who loaded."""
    global _loaded_in
    if _loaded_in is None:
        _loaded_in = os.getpid()
    if batch[0] in (1, 2):
        _meeting.wait()
    return [(item, os.getpid(), _loaded_in) for item in batch]


def test_results_come_back_in_input_order() -> None:
    batches = [[i, i + 1] for i in range(0, 40, 2)]
    for engine in (SerialEngine(), ProcessEngine(2), ProcessEngine(3)):
        results = [item for batch in engine.imap(_worker_state, batches) for item, _, _ in batch]
        assert results == list(range(40))
    assert list(ProcessEngine(2).imap(_worker_state, [])) == []


def test_the_other_workers_are_forked_from_the_first_after_its_first_batch() -> None:
    results = [
        r for batch in ProcessEngine(2).imap(_loading, [[i] for i in range(8)]) for r in batch
    ]
    assert [item for item, _, _ in results] == list(range(8))
    first = results[0][1]
    assert first != os.getpid()
    assert len({results[1][1], results[2][1]}) == 2  # batches 1 and 2 ran side by side
    # Every worker holds what the first one loaded with its first batch: none loaded again.
    assert {loaded for _, _, loaded in results} == {first}
    assert _loaded_in is None  # nor did the building process


def test_a_worker_freezes_what_it_holds_after_its_first_batch() -> None:
    assert FREEZE_AFTER[0] == 1
    batches = [[i] for i in range(12)]
    states = [state for batch in ProcessEngine(2).imap(_worker_state, batches) for state in batch]
    assert os.getpid() not in {pid for _, pid, _ in states}
    assert states[0][2] == 0  # the first batch ran before anything was frozen
    # The other workers were forked from the first once it had frozen what it held.
    assert all(frozen > 0 for _, _, frozen in states[1:])


def _threshold(batch: list[int]) -> list[tuple[int, int]]:
    return [(item, gc.get_threshold()[0]) for item in batch]


def test_a_worker_looks_at_its_young_objects_less_often_after_its_first_batch() -> None:
    default = gc.get_threshold()
    batches = [[i] for i in range(8)]
    found = [pair for batch in ProcessEngine(2).imap(_threshold, batches) for pair in batch]
    assert found[0] == (0, default[0])  # the first batch ran with Python's default
    assert all(threshold == YOUNG_OBJECTS for _, threshold in found[1:])
    assert gc.get_threshold() == default  # not in the building process


def test_the_building_process_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    list(SerialEngine().imap(_worker_state, [[1], [2], [3]]))
    list(ProcessEngine(1).imap(_worker_state, [[1], [2], [3]]))
    list(ProcessEngine(2).imap(_worker_state, [[1], [2], [3]]))
    assert gc.get_freeze_count() == before


class _Unpicklable(Exception):
    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("not this one")


def _failing(batch: list[int]) -> list[int]:
    if batch[0] == 3:
        raise ValueError(f"batch {batch[0]} is bad")
    if batch[0] == 5:
        raise _Unpicklable("cannot travel")
    return batch


def test_an_error_in_a_worker_is_raised_in_the_building_process() -> None:
    got = []
    with pytest.raises(ValueError, match="batch 3 is bad") as raised:
        for batch in ProcessEngine(2).imap(_failing, [[i] for i in range(8)]):
            got.extend(batch)
    assert got == [0, 1, 2]
    assert "Traceback" in str(raised.value.__cause__)  # the worker's, as text
    with pytest.raises(WorkerError, match="_Unpicklable: cannot travel"):
        list(ProcessEngine(2).imap(_failing, [[5]]))


def _dying(batch: list[int]) -> list[int]:
    if batch[0] == 4:
        os._exit(3)
    return batch


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    for first in (0, 4):  # another worker, then the first itself
        with pytest.raises(BrokenProcessPool):
            list(ProcessEngine(2).imap(_dying, [[i] for i in range(first, 10)]))
    assert multiprocessing.active_children() == []


def _pids(batch: list[int]) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in batch]


def _threaded(batch: list[int]) -> list[tuple[int, int]]:
    if not any(t.name == "a library's pool" for t in threading.enumerate()):
        threading.Thread(
            target=threading.Event().wait, args=(30,), name="a library's pool", daemon=True
        ).start()
    return [(item, os.getpid()) for item in batch]


def test_a_first_worker_running_threads_forks_no_other_and_says_so(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # A fork copies only the calling thread: another thread's locks would be held forever.
    results = [
        r for batch in ProcessEngine(2).imap(_threaded, [[i] for i in range(6)]) for r in batch
    ]
    assert [item for item, _ in results] == list(range(6))
    assert len({pid for _, pid in results}) == 1
    err = capfd.readouterr().err
    assert "no other worker was started" in err
    assert "runs 2 threads" in err


def test_a_first_worker_without_threads_says_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    results = [r for batch in ProcessEngine(2).imap(_pids, [[i] for i in range(6)]) for r in batch]
    assert [item for item, _ in results] == list(range(6))
    assert capfd.readouterr().err == ""


def _large(batch: list[int]) -> list[bytes]:
    return [bytes(1 << 20) for _ in batch]  # more than a pipe holds: sending waits for a reader


def test_stopping_early_leaves_no_worker_behind() -> None:
    results = ProcessEngine(2).imap(_large, [[i] for i in range(50)])
    taken = [next(results) for _ in range(3)]
    results.close()  # while the workers are sending the next results
    assert taken == [[bytes(1 << 20)]] * 3
    assert multiprocessing.active_children() == []


_INTERRUPTED = """
import os, sys, time
from corpuscheck.engines import ProcessEngine

def stage(batch):
    if batch[0] == 0:  # the first batch, which loads the models: a long one
        with open(sys.argv[1], "w") as mark:
            mark.write(str(os.getpid()))
        time.sleep(600)
    return [bytes(1 << 20) for _ in batch]

try:
    for _ in ProcessEngine(2).imap(stage, [[i] for i in range(10)]):
        pass
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_ctrl_c_during_the_first_batch_ends_every_process_at_once(tmp_path) -> None:
    mark = tmp_path / "first worker"
    process = subprocess.Popen(
        [sys.executable, "-c", _INTERRUPTED, str(mark)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # a process group of its own, as a terminal's job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        for _ in range(600):
            if mark.exists() and mark.read_text():
                break
            threading.Event().wait(0.1)
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends
        _, errors = process.communicate(timeout=120)  # not the first batch's 600 s
    finally:
        process.kill()
    assert process.returncode == 130
    assert "Traceback" not in errors
    with pytest.raises(ProcessLookupError):
        os.kill(int(mark.read_text()), 0)


# Run in a process of its own: in this one, other tests may have loaded the tables already.
_COUNT_LOADS = """
import os, sys
from corpuscheck import engines
from corpuscheck.checks.translation import stored_tables
from corpuscheck.config import Config
from corpuscheck.read.sources import open_source
from corpuscheck.stage import DocumentStage

log = sys.argv[2]

def logged(what, real):
    def wrapper(*args):
        with open(log, "a") as file:
            file.write(f"{what} {os.getpid()}\\n")
        return real(*args)
    return wrapper

stored_tables._stored = logged("table", stored_tables._stored)
engines._in_worker = logged("batch", engines._in_worker)
config = Config(jobs=2, cache=None)
documents = list(open_source(sys.argv[1], config).documents)
batches = [documents[i : i + 1] for i in range(len(documents))]
shipped = [s for batch in engines.ProcessEngine(2).imap(DocumentStage(config), batches) for s in batch]
print(os.getpid(), len(shipped))
"""


def test_the_workers_share_the_word_tables_the_first_one_loaded(tmp_path) -> None:
    log = tmp_path / "log"
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_LOADS, str(ROOT / "seeds"), str(log)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    building, shipped = map(int, done.stdout.split())
    events = [line.split() for line in log.read_text().splitlines()]
    batches = [int(pid) for what, pid in events if what == "batch"]
    tables = [int(pid) for what, pid in events if what == "table"]
    assert shipped == len(batches) > 1
    assert building not in batches
    # The frequency tables, the spelling counts and the other languages' words.
    assert len(tables) >= 9
    assert set(tables) == {batches[0]}  # all loaded by the first worker, for its first batch


_go: Path | None = None
"""A file the workers of :func:`_ending_slowly` wait for before they end."""


def _wait_for_go() -> None:
    for _ in range(6000):
        if _go is not None and _go.exists():
            return
        threading.Event().wait(0.01)


def _ending_slowly(batch: list[int]) -> list[int]:
    from multiprocessing import util

    util.Finalize(None, _wait_for_go, exitpriority=100)  # called as the worker ends
    return batch


def test_the_building_process_does_not_wait_for_the_workers_to_end(tmp_path: Path) -> None:
    global _go
    _go = tmp_path / "go"
    results = list(ProcessEngine(2).imap(_ending_slowly, [[i] for i in range(6)]))
    assert results == [[i] for i in range(6)]
    ending = multiprocessing.active_children()
    assert ending and all(p.is_alive() for p in ending)  # still ending, and not waited for
    _go.touch()
    list(ProcessEngine(2).imap(_worker_state, [[1], [2]]))
    assert not any(p.is_alive() for p in ending)  # the next family waited for them first
