"""The near-duplicate check's pieces: shingle counts, MinHash, LSH bands (duplicate.near)."""

from __future__ import annotations

import random
import subprocess
import sys
from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.duplicate.near import (
    BANDS,
    CANDIDATE_THRESHOLD,
    NUM_PERM,
    ROWS,
    candidate_pairs,
    shingle_sketch,
    shingles,
)
from tests.conftest import real_texts

WORDS = st.sampled_from(["le", "la", "paquet", "est", "prêt", "L’ÉTÉ", "x", "été", "\n", "!"])


@given(st.lists(WORDS, max_size=60))
def test_the_shingle_count_is_that_of_the_shingle_strings(words: list[str]) -> None:
    text = " ".join(words)
    assert shingle_sketch(text)[0] == len(shingles(text))


def test_the_signature_does_not_depend_on_the_process() -> None:
    # Workers sign documents that are compared in the building process:
    # no per-process hash seed may enter the signature.
    text = "Le paquet est construit puis envoyé sur le serveur de l'archive Debian."
    code = (
        "import sys; from corpuscheck.checks.duplicate.near import shingle_sketch; "
        f"sys.stdout.write(shingle_sketch({text!r})[1].hex())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert other == shingle_sketch(text)[1].hex()


def _estimate(a: str, b: str) -> float:
    sa = np.frombuffer(shingle_sketch(a)[1], dtype="<u8")
    sb = np.frombuffer(shingle_sketch(b)[1], dtype="<u8")
    return float(np.count_nonzero(sa == sb)) / NUM_PERM


def test_minhash_estimates_the_jaccard_similarity_without_bias() -> None:
    rng = random.Random(8)
    errors = []
    for _ in range(200):
        words = [f"w{rng.randrange(10**6)}" for _ in range(300)]
        changed = list(words)
        for _ in range(rng.randrange(1, 150)):
            changed[rng.randrange(len(changed))] = f"z{rng.randrange(10**6)}"
        a, b = " ".join(words), " ".join(changed)
        sa, sb = shingles(a), shingles(b)
        jaccard = len(sa & sb) / len(sa | sb)
        spread = (jaccard * (1 - jaccard) / NUM_PERM) ** 0.5
        errors.append((_estimate(a, b) - jaccard) / spread)
    # Standard scores of an unbiased estimate: mean near 0, spread near 1.
    assert abs(float(np.mean(errors))) < 0.25
    assert 0.75 < float(np.std(errors)) < 1.25


def test_the_bands_are_those_datasketch_finds_optimal() -> None:
    from datasketch.lsh import _optimal_param

    assert _optimal_param(CANDIDATE_THRESHOLD, NUM_PERM, 0.5, 0.5) == (BANDS, ROWS)


def test_candidate_pairs_are_the_pairs_equal_on_a_band() -> None:
    rng = np.random.default_rng(3)
    matrix = rng.integers(0, 4, size=(60, 12)).astype(np.uint64)  # many equal bands
    expected = {
        (i, j)
        for i, j in combinations(range(len(matrix)), 2)
        if any(
            (matrix[i, b * 3 : b * 3 + 3] == matrix[j, b * 3 : b * 3 + 3]).all() for b in range(4)
        )
    }
    assert candidate_pairs(matrix, 4, 3) == expected


def _sketch_by_definition(text: str) -> tuple[int, bytes]:
    """shingle_sketch as first written: powers made for each text, np.unique, the permuted
    hashes in fresh arrays of 4,096 columns."""
    from corpuscheck.checks.duplicate.exact import normalise
    from corpuscheck.checks.duplicate.near import _BASE, SHINGLE, _mix, _permutation_keys

    normalised = normalise(text)
    codes = np.frombuffer(normalised.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    size = len(codes)
    if not size:
        words = _mix(np.zeros(1, dtype=np.uint64))
    else:
        powers = np.cumprod(np.full(size, _BASE, dtype=np.uint64))
        inverse = np.cumprod(np.full(size, pow(_BASE, -1, 2**64), dtype=np.uint64))
        prefix = np.zeros(size + 1, dtype=np.uint64)
        np.cumsum(codes.astype(np.uint64) * powers, out=prefix[1:])
        spaces = np.flatnonzero(codes == ord(" "))
        starts = np.concatenate(([0], spaces + 1))
        ends = np.concatenate((spaces, [size]))
        words = _mix((prefix[ends] - prefix[starts]) * inverse[starts])
    count = max(1, len(words) - SHINGLE + 1)
    hashes = words[:count]
    for i in range(1, min(SHINGLE, len(words))):
        hashes = _mix(hashes * np.uint64(_BASE) + words[i : i + count])
    distinct = np.unique(hashes)
    multipliers, addends = _permutation_keys()
    least = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for at in range(0, len(distinct), 4096):
        permuted = distinct[None, at : at + 4096] * multipliers + addends
        least = np.minimum(least, permuted.min(axis=1))
    return len(distinct), bytes(least.astype("<u8").tobytes())


@given(st.lists(WORDS | st.text(max_size=3), max_size=80), st.integers(1, 400))
@settings(deadline=None)  # texts of up to 20,000 words, on a busy machine (CI has two cores)
def test_the_sketch_is_that_of_the_first_definition(words: list[str], repeat: int) -> None:
    # Lengthened, a text passes the scratch's columns (distinct shingles) and the kept
    # powers (65,536 characters).
    longer = " ".join(map(str, range(repeat * 10))) + f" {repeat}" * repeat * 50
    for text in (" ".join(words), " ".join(words) + " " + longer):
        assert shingle_sketch(text) == _sketch_by_definition(text)


def test_the_sketch_is_that_of_the_first_definition_on_real_text() -> None:
    texts = real_texts()
    assert len(texts) > 1000
    for text in texts:
        assert shingle_sketch(text) == _sketch_by_definition(text)


@given(st.lists(st.integers(0, 2**64 - 1), max_size=600), st.integers(1, 4))
def test_the_minhash_of_repeated_values_is_that_of_the_distinct_ones(
    values: list[int], repeat: int
) -> None:
    from corpuscheck.checks.duplicate.near import _minhash, _minhash_of_distinct

    hashes = np.array(values * repeat, dtype=np.uint64)
    distinct = np.unique(hashes)
    assert _minhash_of_distinct(hashes) == (len(distinct), _minhash(distinct))
    assert _minhash(hashes) == _minhash(distinct)
