"""The spill file: records read back in order and by key; nothing left on disk."""

from __future__ import annotations

import pickle

from corpuscheck.spill import Parked, Spill


def test_records_come_back_in_order_and_by_key(tmp_path):
    with Spill(tmp_path) as spill:
        for i in range(100):
            spill.append(f"k{i}", {"n": i, "text": "é" * i})
        assert list(tmp_path.iterdir()) == []  # no name on disk, even if the build is killed
        assert spill.load("k42") == {"n": 42, "text": "é" * 42}
        assert [r["n"] for r in spill] == list(range(100))
        assert spill.load("k7")["n"] == 7


def test_parked_records_come_back_by_key_in_order_once(tmp_path):
    with Parked(tmp_path) as parked:
        for i in range(30):
            parked.park(f"d{i % 3}", i)
        assert list(tmp_path.iterdir()) == []
        assert parked.take("d1") == list(range(1, 30, 3))
        assert parked.take("d1") == []  # taken: forgotten
        assert parked.take("unknown") == []
        assert parked.take("d0") == list(range(0, 30, 3))


def test_records_pickled_elsewhere_mix_with_the_others(tmp_path):
    with Spill(tmp_path) as spill:
        for i in range(20):
            if i % 2:
                spill.append_pickled(f"k{i}", pickle.dumps({"n": i}, protocol=5))
            else:
                spill.append(f"k{i}", {"n": i})
        assert [r["n"] for r in spill] == list(range(20))
        assert spill.load("k13") == {"n": 13}
        assert spill.load("k6") == {"n": 6}
