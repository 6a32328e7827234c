"""Pairs of documents with nearly the same text (MinHash, verified by exact Jaccard)."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterator
from functools import cache
from typing import Any

from corpuscheck.checks.duplicate.exact import (
    normalise,
    normalised_digest,
    normalised_document,
    pair_findings,
)
from corpuscheck.checks.registry import CorpusCheck, corpus_check
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Finding

SHINGLE = 3
"""Words per shingle: "le paquet est", "paquet est construit"…"""

THRESHOLD = 0.8
"""Jaccard similarity of the shingle sets from which two texts are near-duplicates."""

CONTAINMENT = 0.9
"""Share of the shorter text's shingles found in the longer from which one contains the other."""

MIN_SHINGLES = 20
"""Texts with fewer shingles (a few lines) are not compared: a shared sentence would be enough."""

NUM_PERM = 128
SEED = 1
CANDIDATE_THRESHOLD = 0.3
"""MinHash LSH finds candidate pairs from this estimated similarity; each is then verified."""

BANDS, ROWS = 37, 3
"""The LSH bands of :data:`NUM_PERM` values for :data:`CANDIDATE_THRESHOLD`: those that
minimise the sum of the false-positive and false-negative probabilities (datasketch's
``_optimal_param(0.3, 128, 0.5, 0.5)``, which the tests compare; computing them at run time
would import SciPy for one integral)."""


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of word ``size``-grams of the normalised text.

    >>> sorted(shingles("Le paquet est prêt.", 2))
    ['est prêt', 'le paquet', 'paquet est']
    """
    words = normalise(text).split()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _mix(values: Any) -> Any:
    """SplitMix64's finaliser over an array of uint64: every input bit moves every output bit.

    A bijection of 64-bit integers (xor-shifts and odd multiplications), so
    distinct inputs stay distinct. Arrays wrap around on overflow, silently.
    """
    # In place on one new array, with the constants made once: a build calls this three
    # times a document, between checks that leave the processor's caches cold, where
    # each numpy call and array costs several microseconds.
    shift_a, times_a, shift_b, times_b, shift_c = _mix_constants()
    mixed = values >> shift_a
    mixed ^= values
    mixed *= times_a
    mixed ^= mixed >> shift_b
    mixed *= times_b
    mixed ^= mixed >> shift_c
    return mixed


@cache
def _mix_constants() -> tuple[Any, ...]:
    """The shifts and multipliers of :func:`_mix`, as numpy uint64 scalars."""
    import numpy as np

    return tuple(map(np.uint64, (30, 0xBF58476D1CE4E5B9, 27, 0x94D049BB133111EB, 31)))


@cache
def _permutation_keys() -> tuple[Any, Any]:
    """The odd multipliers and the addends of the :data:`NUM_PERM` permutations (fixed by
    :data:`SEED`, not by a random generator's stream, which may change between versions).

    Made once per process and shared, so read-only."""
    import numpy as np

    counter = np.arange(2 * NUM_PERM, dtype=np.uint64) + np.uint64(SEED << 32)
    keys = _mix(_mix(counter)).reshape(2, NUM_PERM, 1)
    multipliers, addends = keys[0] | np.uint64(1), keys[1].copy()
    multipliers.setflags(write=False)
    addends.setflags(write=False)
    return multipliers, addends


_BASE = 0x100000001B3
"""The base of the polynomial hash of a word (odd, so it has an inverse modulo 2**64)."""


KEPT_POWERS = 1 << 16
"""Powers of :data:`_BASE` made once per process (1 MiB with their inverses): enough for the
texts of most corpora, whose words are then hashed without making them again."""


def _powers(size: int) -> tuple[Any, Any]:
    """``_BASE ** (i + 1)`` and its inverse modulo 2**64, for ``i < size``, as uint64 arrays.

    >>> powers, inverse = _powers(3)
    >>> [int(p) * int(q) % 2**64 for p, q in zip(powers, inverse)], int(powers[1]) == _BASE**2 % 2**64
    ([1, 1, 1], True)
    """
    if size <= KEPT_POWERS:
        powers, inverse = _kept_powers()
        return powers[:size], inverse[:size]
    return _made_powers(size)


@cache
def _kept_powers() -> tuple[Any, Any]:
    """:func:`_made_powers` of :data:`KEPT_POWERS`, made once per process and shared, so read-only."""
    powers, inverse = _made_powers(KEPT_POWERS)
    powers.setflags(write=False)
    inverse.setflags(write=False)
    return powers, inverse


def _made_powers(size: int) -> tuple[Any, Any]:
    import numpy as np

    powers = np.cumprod(np.full(size, _BASE, dtype=np.uint64))  # BASE**(i + 1)
    inverse = np.cumprod(np.full(size, pow(_BASE, -1, 2**64), dtype=np.uint64))
    return powers, inverse


def _word_hashes(normalised: str) -> Any:
    """A 64-bit hash of each word of a normalised text (words one space apart), as uint64.

    A polynomial hash of the code points modulo 2**64, computed for every
    word at once from prefix sums (no Python loop per word or shingle), then
    mixed (:func:`_mix`). Deterministic in any process, unlike ``hash()``.
    """
    import numpy as np

    codes = np.frombuffer(normalised.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    size = len(codes)
    if not size:
        return _mix(np.zeros(1, dtype=np.uint64))  # the empty text: one empty word
    powers, inverse = _powers(size)
    prefix = np.empty(size + 1, dtype=np.uint64)
    prefix[0] = 0
    np.cumsum(codes * powers, out=prefix[1:])  # uint32 times uint64: uint64
    spaces = np.flatnonzero(codes == ord(" "))
    # Each word lies between two edges: a space, or one before the text's start and its end.
    edges = np.empty(len(spaces) + 2, dtype=np.intp)
    edges[0], edges[1:-1], edges[-1] = -1, spaces, size
    starts = edges[:-1] + 1
    # Shifted back to the word's own start, so that a word hashes alike anywhere.
    return _mix((prefix[edges[1:]] - prefix[starts]) * inverse[starts])


def shingle_sketch(text: str, size: int = SHINGLE) -> tuple[int, bytes]:
    """The number of distinct shingles of ``text`` and their MinHash signature (bytes).

    The same shingles as :func:`shingles`, without building their strings:
    each word gets a 64-bit hash, each shingle the hashes of its ``size``
    words mixed in order, and distinct shingle hashes count as distinct
    shingles (two shingles of one text sharing a 64-bit hash is a chance of
    about one in 10**13). Each of the :data:`NUM_PERM` values of the
    signature is the least of the shingle hashes mixed with one key: a
    MinHash over arrays, instead of one SHA-1 per shingle in Python.

    >>> count, sketch = shingle_sketch("Le paquet est prêt. Le paquet est parti.")
    >>> count == len(shingles("Le paquet est prêt. Le paquet est parti.")), len(sketch)
    (True, 1024)
    """
    words = _word_hashes(normalised_document(text))
    # One shingle of every word when there are fewer (or of none), as :func:`shingles` has it.
    count = max(1, len(words) - size + 1)
    hashes = words[:count]
    base = _base()
    for i in range(1, min(size, len(words))):
        # Times the base, not a plain xor: a repeated word must not cancel out.
        hashes = hashes * base
        hashes += words[i : i + count]
        hashes = _mix(hashes)
    return _minhash_of_distinct(hashes)


@cache
def _base() -> Any:
    """:data:`_BASE` as a numpy uint64 scalar, made once."""
    import numpy as np

    return np.uint64(_BASE)


def _minhash_of_distinct(hashes: Any) -> tuple[int, bytes]:
    """The number of distinct values of ``hashes`` and the MinHash (:func:`_minhash`) of them.

    The distinct values are found where the sorted values change, without
    ``np.unique``'s checks and dispatch, which cost more than the sort on a
    few hundred shingles; when some repeat (a tenth of the shingles of the
    benchmark's texts), only the distinct ones are permuted: the MinHash,
    a hundred and twenty-eight products for each value, is the costlier step.

    >>> import numpy as np
    >>> values = np.array([5, 3, 5, 1], dtype=np.uint64)
    >>> _minhash_of_distinct(values) == (3, _minhash(np.unique(values)))
    True
    """
    import numpy as np

    ordered = np.sort(hashes)
    if len(ordered) < 2:
        return len(ordered), _minhash(ordered)
    distinct = np.empty(len(ordered), dtype=bool)
    distinct[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=distinct[1:])
    count = int(np.count_nonzero(distinct))
    return count, _minhash(ordered if count == len(ordered) else ordered[distinct])


CHUNK = 256
"""Shingle hashes mixed with the keys at once: bounds the memory of a huge one-line text, and
keeps what is written and read again (256 KiB) within the processor's second-level cache.
Measured in a build's order over 1,054 documents, 1,024 at once took a fifth more time."""


@cache
def _scratch() -> Any:
    """The array the shingle hashes are mixed into, :data:`CHUNK` by :data:`NUM_PERM`: one per
    process (256 KiB), reused.

    A fresh array of that size for each text is memory the allocator maps and
    unmaps each time (it exceeds its threshold), and the page faults of filling
    it were two thirds of the MinHash's time in a build.
    """
    import numpy as np

    return np.empty((CHUNK, NUM_PERM), dtype=np.uint64)


@cache
def _row_keys() -> tuple[Any, Any]:
    """The permutations' multipliers and addends (:func:`_permutation_keys`) as one row each."""
    multipliers, addends = _permutation_keys()
    return multipliers.reshape(1, NUM_PERM), addends.reshape(1, NUM_PERM)


_LARGEST = 2**64 - 1


def _minhash(hashes: Any) -> bytes:
    """The least of ``a * hash + b`` (modulo 2**64) for each permutation's ``a`` and ``b``.

    With ``a`` odd each is a permutation of 64-bit integers; over hashes
    that are already well mixed, two sets agree on a value about as often as
    their Jaccard similarity says (the tests measure it). The permuted values
    are laid out one hash a row, so that the least of each column is taken
    row after row, a whole row at once, rather than along each of 128 rows.
    """
    import numpy as np

    if not len(hashes):
        return bytes(np.full(NUM_PERM, _LARGEST, dtype="<u8").tobytes())
    multipliers, addends = _row_keys()
    scratch = _scratch()
    least: Any = None
    for at in range(0, len(hashes), CHUNK):
        part = hashes[at : at + CHUNK, None]
        permuted = scratch[: part.shape[0]]
        np.multiply(part, multipliers, out=permuted)
        permuted += addends
        if least is None:  # the first chunk's least values, without a full array to lower
            least = permuted.min(axis=0)
        else:
            np.minimum(least, permuted.min(axis=0), out=least)
    return bytes(least.astype("<u8").tobytes())


LOADED = 512
"""Documents (and their shingle sets) kept while candidate pairs are verified."""

MARGIN = 0.25
"""How far below the least Jaccard similarity a pair could pass with its MinHash estimate may
be and still be verified: more than five standard deviations of a 128-value estimate."""


def _pair_key(digest_a: bytes, digest_b: bytes) -> bytes:
    """The key of a pair of normalised texts, whatever their order (from their digests)."""
    return b"".join(sorted((digest_a, digest_b)))


def _overlap(a: set[str], b: set[str]) -> tuple[int, int, int]:
    """Shingles shared by two sets, in either, and in the smaller: all that verification needs.

    >>> _overlap({"a", "b", "c"}, {"b", "c"})
    (2, 3, 2)
    """
    shared = len(a & b)
    return shared, len(a) + len(b) - shared, min(len(a), len(b))


MAX_CANDIDATES = 8
"""Candidates verified per document at most, those whose MinHash estimate is the furthest above
the pair's bar first: a text that shares a little with thousands of others (boilerplate, a
corpus made of the same sentences) costs a bounded time and memory, not one per pair."""

PAIR_CHUNK = 4096
"""Candidate pairs whose MinHash values are compared at once (bounds the temporary arrays)."""


def band_pairs(signatures: Any, band: int, rows: int) -> Any:
    """The index pairs ``(i, j)``, ``i < j``, whose signatures agree on band ``band``.

    An array of shape (pairs, 2), found over arrays: the rows sorted by the
    band's values, then rows ``d`` apart in that order paired when their
    values are equal, for ``d`` = 1, 2... while any are.

    >>> import numpy as np
    >>> sig = np.array([[1, 2], [3, 4], [1, 2], [1, 2]], dtype=np.uint64)
    >>> band_pairs(sig, 0, 2).tolist()
    [[0, 2], [0, 3], [2, 3]]
    """
    import numpy as np

    part = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
    keys = part.view(np.dtype((np.void, part.dtype.itemsize * rows))).ravel()
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    group = np.concatenate(([0], np.cumsum(ordered[1:] != ordered[:-1])))
    found = []
    distance = 1
    while distance < len(order):
        same = np.flatnonzero(group[distance:] == group[:-distance])
        if not len(same):
            break
        found.append(np.stack((order[same], order[same + distance]), axis=1))
        distance += 1
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.sort(np.concatenate(found), axis=1).astype(np.int64)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


def candidate_pairs(signatures: Any, bands: int, rows: int) -> set[tuple[int, int]]:
    """Index pairs whose signatures agree on every value of at least one band (LSH).

    Every candidate, for tests and scripts; a build keeps only the best few
    per document (:func:`_chosen_pairs`).
    """
    return {(i, j) for band in range(bands) for i, j in band_pairs(signatures, band, rows).tolist()}


def _chosen_pairs(matrix: Any, digests: Any, sizes: Any, bands: int, rows: int) -> Any:
    """The candidate pairs worth verifying, at most :data:`MAX_CANDIDATES` per document.

    A candidate agrees with the other text on a band (LSH), is no exact
    duplicate (``duplicate.exact`` reports those) and has a MinHash estimate
    of at most :data:`MARGIN` below the least Jaccard similarity it could
    pass with. Band by band, only the pairs still among the best of either
    of their documents are kept, so memory holds a few pairs per document.
    """
    import numpy as np

    kept = np.empty((0, 2), dtype=np.int64)
    margins = np.empty(0)
    for band in range(bands):
        pairs = band_pairs(matrix, band, rows)
        pairs = pairs[(digests[pairs[:, 0]] != digests[pairs[:, 1]]).any(axis=1)]
        margin = _estimate_margins(matrix, sizes, pairs)
        close = margin >= -MARGIN
        kept, margins = _best_per_document(
            np.concatenate((kept, pairs[close])), np.concatenate((margins, margin[close]))
        )
    return kept


def _estimate_margins(matrix: Any, sizes: Any, pairs: Any) -> Any:
    """How far each pair's MinHash estimate is above the least similarity it could pass with.

    A pair passes at Jaccard 0.8, or when 90 % of the smaller set is in the
    larger, which for sets of sizes m <= n needs a Jaccard of at least
    0.9 m / (0.1 m + n) (0.089 for sets of 100 and 1,000 shingles).
    """
    import numpy as np

    estimated = np.empty(len(pairs))
    for at in range(0, len(pairs), PAIR_CHUNK):
        a, b = pairs[at : at + PAIR_CHUNK, 0], pairs[at : at + PAIR_CHUNK, 1]
        estimated[at : at + PAIR_CHUNK] = (matrix[a] == matrix[b]).sum(axis=1) / NUM_PERM
    small = np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    large = np.maximum(sizes[pairs[:, 0]], sizes[pairs[:, 1]])
    least = np.minimum(THRESHOLD, CONTAINMENT * small / ((1 - CONTAINMENT) * small + large))
    return estimated - least


def _best_per_document(pairs: Any, margins: Any) -> tuple[Any, Any]:
    """The distinct pairs among the :data:`MAX_CANDIDATES` best of either of their documents.

    Ties go to the pair of lower indices, so the choice depends only on the corpus.
    """
    import numpy as np

    if not len(pairs):
        return pairs, margins
    pairs, first = np.unique(pairs, axis=0, return_index=True)
    margins = margins[first]
    # Each pair twice, once under each of its documents; ranked within each document.
    docs = np.concatenate((pairs[:, 0], pairs[:, 1]))
    others = np.concatenate((pairs[:, 1], pairs[:, 0]))
    index = np.tile(np.arange(len(pairs)), 2)
    order = np.lexsort((others, -np.tile(margins, 2), docs))
    ranked = docs[order]
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    rank = np.arange(len(ranked)) - np.repeat(starts, np.diff(np.append(starts, len(ranked))))
    keep = np.zeros(len(pairs), dtype=bool)
    keep[index[order[rank < MAX_CANDIDATES]]] = True
    return pairs[keep], margins[keep]


@corpus_check("duplicate.near", version="3")
class NearDuplicates(CorpusCheck):
    """Two documents are nearly the same text: a copy with a few words changed, added or cut.

    Republished articles come back with a corrected typo, an added line or
    a different ending. Each text becomes the set of its three-word
    shingles (after the normalisation of ``duplicate.exact``); MinHash
    (128 values over 64-bit hashes of the shingles, fixed keys) with
    locality-sensitive hashing proposes candidate pairs (at most eight per
    document, those whose estimate is furthest above their bar), and each candidate is verified on the
    exact shingle sets: a pair is reported when their Jaccard similarity is
    0.8 or more, or when 90 % of the shorter text is in the longer one.
    Pairs that are exact duplicates are left to ``duplicate.exact``. Each
    document of a pair gets a finding naming the other, with the similarity.

    >>> from corpuscheck.model import Document
    >>> base = " ".join(f"mot{i}" for i in range(60))
    >>> a = Document("a", "a.txt", "", base + " fin.")
    >>> b = Document("b", "b.txt", "", base + " autre fin.")
    >>> [(f.doc_id, f.evidence["other"], f.evidence["jaccard"]) for f in near(
    ...     Corpus(".", [a, b]), Config())]
    [('a', 'b', 0.9508), ('b', 'a', 0.9508)]
    """

    # A build keeps, per compared document, its id, the digest of its
    # normalised text, its number of shingles and its 128 MinHash values
    # (1 KiB): the shingle sets are rebuilt only for the candidate pairs that
    # could pass, from the documents loaded back.

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.ids: list[str] = []
        self.digests = bytearray()  # the first 16 bytes of each digest
        self.sizes = array("l")
        self.signatures = bytearray()

    def observe(self, doc: Document) -> tuple[str, int, bytes] | None:
        """The normalised text's digest, its shingle count and MinHash; None when not compared."""
        digest = normalised_digest(doc)
        if digest is None:
            return None
        count, sketch = shingle_sketch(doc.text)
        if count < MIN_SHINGLES:
            return None
        return digest, count, sketch

    def add(self, doc: Document, observation: tuple[str, int, bytes] | None) -> None:
        if observation is not None:
            self.ids.append(doc.id)
            self.digests += bytes.fromhex(observation[0][:32])
            self.sizes.append(observation[1])
            self.signatures += observation[2]

    def finish(self, corpus: Corpus) -> Iterator[Finding]:
        if len(self.ids) < 2:
            return
        import numpy as np

        bands, rows = BANDS, ROWS
        matrix = np.frombuffer(bytes(self.signatures), dtype="<u8").reshape(len(self.ids), -1)
        loaded: OrderedDict[str, tuple[Document, set[str]]] = OrderedDict()

        def get(doc_id: str) -> tuple[Document, set[str]]:
            if doc_id in loaded:
                loaded.move_to_end(doc_id)
            else:
                if len(loaded) >= LOADED:
                    loaded.popitem(last=False)
                doc = corpus.load(doc_id)
                loaded[doc_id] = (doc, shingles(doc.text))
            return loaded[doc_id]

        from corpuscheck.cache import CorpusMemo

        memo = CorpusMemo(self.config.cache, "duplicate.near", self.config)
        digests = np.frombuffer(bytes(self.digests), dtype="<u8").reshape(len(self.ids), 2)
        sizes = np.array(self.sizes, dtype=np.int64)
        chosen = _chosen_pairs(matrix, digests, sizes, bands, rows)
        named = sorted(
            (min(self.ids[i], self.ids[j]), max(self.ids[i], self.ids[j]), i, j)
            for i, j in chosen.tolist()
        )
        del chosen
        for first, second, i, j in named:
            estimated = float(np.count_nonzero(matrix[i] == matrix[j])) / NUM_PERM
            pair = _pair_key(bytes(digests[i].tobytes()), bytes(digests[j].tobytes()))
            counts = memo.get(pair)
            if counts is None:
                # Worked out once per pair of texts: a rebuild reads back only the pairs it reports.
                counts = _overlap(get(first)[1], get(second)[1])
                memo.put(pair, counts)
            shared, union, smaller = counts
            jaccard = shared / union
            containment = shared / smaller
            if jaccard < THRESHOLD and containment < CONTAINMENT:
                continue
            yield from pair_findings(
                "duplicate.near",
                get(first)[0],
                get(second)[0],
                round(jaccard, 4),
                {
                    "jaccard": round(jaccard, 4),
                    "containment": round(containment, 4),
                    "estimated_jaccard": round(estimated, 4),
                    "shingle_words": SHINGLE,
                    "method": "MinHash LSH (64-bit hashes), verified on exact shingle sets",
                },
            )
        memo.save()


near = NearDuplicates.run
"""Run the check on an in-memory corpus: ``near(corpus, config)``."""
