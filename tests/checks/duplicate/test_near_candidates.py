"""The near-duplicate check's candidates: found over arrays, a bounded number per document."""

from __future__ import annotations

import itertools

import numpy as np

from corpuscheck.checks.duplicate.near import MAX_CANDIDATES, _best_per_document, band_pairs


def test_band_pairs_are_every_pair_of_rows_equal_on_the_band():
    rng = np.random.default_rng(3)
    signatures = rng.integers(0, 4, size=(60, 6)).astype(np.uint64)  # many collisions
    for band in range(3):
        part = signatures[:, band * 2 : band * 2 + 2]
        expected = [
            [i, j] for i, j in itertools.combinations(range(60), 2) if (part[i] == part[j]).all()
        ]
        assert band_pairs(signatures, band, 2).tolist() == expected


def test_each_document_keeps_its_best_candidates_and_no_more():
    documents = 3 * MAX_CANDIDATES
    pairs = np.array(list(itertools.combinations(range(documents), 2)), dtype=np.int64)
    margins = np.random.default_rng(5).random(len(pairs))
    # Given twice (a pair found in two bands): counted once.
    kept, _ = _best_per_document(np.concatenate((pairs, pairs)), np.concatenate((margins,) * 2))
    best: set[tuple[int, int]] = set()
    for doc in range(documents):
        mine = [(m, tuple(p)) for p, m in zip(pairs.tolist(), margins, strict=True) if doc in p]
        best |= {p for _, p in sorted(mine, key=lambda item: -item[0])[:MAX_CANDIDATES]}
    assert {tuple(p) for p in kept.tolist()} == best
    assert len(kept) <= MAX_CANDIDATES * documents
