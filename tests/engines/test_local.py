"""The local engines: results in input order; workers freeze what they hold after a batch."""

from __future__ import annotations

import gc
import os

from corpuscheck.engines import FREEZE_AFTER, ProcessEngine, SerialEngine


def _worker_state(batch: list[int]) -> list[tuple[int, int, int]]:
    return [(item, os.getpid(), gc.get_freeze_count()) for item in batch]


def test_results_come_back_in_input_order() -> None:
    batches = [[i, i + 1] for i in range(0, 40, 2)]
    for engine in (SerialEngine(), ProcessEngine(2)):
        results = [item for batch in engine.imap(_worker_state, batches) for item, _, _ in batch]
        assert results == list(range(40))


def test_a_worker_freezes_what_it_holds_after_its_first_batch() -> None:
    assert FREEZE_AFTER[0] == 1
    batches = [[i] for i in range(12)]
    seen: dict[int, list[int]] = {}
    for batch in ProcessEngine(2).imap(_worker_state, batches):
        for _, pid, frozen in batch:
            seen.setdefault(pid, []).append(frozen)
    assert os.getpid() not in seen
    for counts in seen.values():
        assert counts[0] == 0  # its first batch ran before anything was frozen
        assert all(count > 0 for count in counts[1:])
    assert any(len(counts) > 1 for counts in seen.values())


def test_the_building_process_freezes_nothing() -> None:
    before = gc.get_freeze_count()
    list(SerialEngine().imap(_worker_state, [[1], [2], [3]]))
    list(ProcessEngine(1).imap(_worker_state, [[1], [2], [3]]))
    assert gc.get_freeze_count() == before
