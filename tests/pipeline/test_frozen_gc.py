"""The garbage collector leaves the build's long-lived objects alone in the tail, then as before."""

from __future__ import annotations

import gc

import pytest

from corpuscheck.config import Config
from corpuscheck.pipeline import build, frozen_gc
from tests.conftest import SEEDS


def test_objects_alive_before_are_frozen_inside_and_given_back_after():
    assert gc.get_freeze_count() == 0
    with frozen_gc():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def _walked(obj: object) -> bool:
    """True when the collector's passes walk ``obj`` (frozen objects are in no generation)."""
    return any(o is obj for o in gc.get_objects())


def test_objects_frozen_by_someone_else_stay_frozen():
    # A marked object, not the count: frozen objects that die meanwhile (a
    # thread of an earlier test ending) lower the count without unfreezing.
    marked = [object()]
    gc.freeze()
    try:
        with frozen_gc():
            pass
        assert not _walked(marked)  # not given back to the collector
    finally:
        gc.unfreeze()
    assert _walked(marked)


def test_a_build_gives_every_object_back_to_the_collector(tmp_path, monkeypatch):
    frozen: list[int] = []

    def progress(stage: str, done: int, total: int) -> None:
        frozen.append(gc.get_freeze_count())

    build(SEEDS, tmp_path / "out", Config(jobs=1), progress=progress)
    assert frozen[0] == 0 and max(frozen) > 0  # the tail ran frozen
    assert gc.get_freeze_count() == 0

    def fail(*args, **kwargs):
        raise RuntimeError("report on fire")

    monkeypatch.setattr("corpuscheck.report.write_context", fail)
    with pytest.raises(RuntimeError, match="report on fire"):
        build(SEEDS, tmp_path / "again", Config(jobs=1))
    assert gc.get_freeze_count() == 0


def _all_walked(objects: list[object]) -> set[bool]:
    """Whether the collector's passes walk each of ``objects``: {False} when none is walked."""
    walked = {id(o) for o in gc.get_objects()}
    return {id(o) in walked for o in objects}


def test_blocks_inside_a_block_freeze_what_was_made_since():
    # The objects themselves, not the frozen count: an object frozen earlier
    # that dies meanwhile (a thread of an earlier test ending) lowers the count.
    with frozen_gc():
        made = [[] for _ in range(1000)]
        assert _all_walked(made) == {True}
        with frozen_gc():
            assert _all_walked(made) == {False}
        assert _all_walked(made) == {False}  # given back by the outermost only
    assert _all_walked(made) == {True}
    assert gc.get_freeze_count() == 0
