"""Pairs of documents with nearly the same text (MinHash, verified by exact Jaccard)."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from corpuscheck.checks.duplicate.exact import normalise, normalised_digest, pair_findings
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


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The set of word ``size``-grams of the normalised text.

    >>> sorted(shingles("Le paquet est prêt.", 2))
    ['est prêt', 'le paquet', 'paquet est']
    """
    words = normalise(text).split()
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def signature(items: set[str]) -> bytes:
    """The MinHash signature of a set of shingles (datasketch, fixed seed), as bytes."""
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update_batch([s.encode("utf-8", "surrogatepass") for s in sorted(items)])
    return bytes(sketch.hashvalues.astype("<u8").tobytes())


LOADED = 512
"""Documents (and their shingle sets) kept while candidate pairs are verified."""

MARGIN = 0.25
"""How far below the least Jaccard similarity a pair could pass with its MinHash estimate may
be and still be verified: more than five standard deviations of a 128-value estimate."""


def least_jaccard(size_a: int, size_b: int) -> float:
    """The smallest Jaccard similarity of two shingle sets of these sizes that a pair passes with.

    A pair passes at Jaccard 0.8, or when 90 % of the smaller set is in the
    larger, which for sets of sizes m <= n needs a Jaccard of at least
    0.9 m / (0.1 m + n).

    >>> least_jaccard(100, 100), round(least_jaccard(100, 1000), 3)
    (0.8, 0.089)
    """
    small, large = min(size_a, size_b), max(size_a, size_b)
    return min(THRESHOLD, CONTAINMENT * small / ((1 - CONTAINMENT) * small + large))


def candidate_pairs(signatures: Any, bands: int, rows: int) -> set[tuple[int, int]]:
    """Index pairs whose signatures agree on every value of at least one band (LSH).

    ``signatures`` is a 2-D array, one row per document. Rows equal on a band
    are found by sorting, band after band, so no index of every band is kept.
    """
    import numpy as np

    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        part = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        keys = part.view(np.dtype((np.void, part.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        start = 0
        for i in range(1, len(ordered) + 1):
            if i == len(ordered) or ordered[i] != ordered[start]:
                group = sorted(int(j) for j in order[start:i])
                for x, a in enumerate(group):
                    pairs.update((a, b) for b in group[x + 1 :])
                start = i
    return pairs


@corpus_check("duplicate.near", version="2")
class NearDuplicates(CorpusCheck):
    """Two documents are nearly the same text: a copy with a few words changed, added or cut.

    Republished articles come back with a corrected typo, an added line or
    a different ending. Each text becomes the set of its three-word
    shingles (after the normalisation of ``duplicate.exact``); MinHash
    (datasketch, 128 permutations, fixed seed) with locality-sensitive
    hashing proposes candidate pairs, and each candidate is verified on the
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
        self.digests: list[str] = []
        self.sizes = array("l")
        self.signatures = bytearray()

    def observe(self, doc: Document) -> tuple[str, int, bytes] | None:
        """The normalised text's digest, its shingle count and MinHash; None when not compared."""
        digest = normalised_digest(doc)
        if digest is None:
            return None
        items = shingles(doc.text)
        if len(items) < MIN_SHINGLES:
            return None
        return digest, len(items), signature(items)

    def add(self, doc: Document, observation: tuple[str, int, bytes] | None) -> None:
        if observation is not None:
            self.ids.append(doc.id)
            self.digests.append(observation[0])
            self.sizes.append(observation[1])
            self.signatures += observation[2]

    def finish(self, corpus: Corpus) -> Iterator[Finding]:
        if len(self.ids) < 2:
            return
        import numpy as np
        from datasketch.lsh import _optimal_param

        bands, rows = _optimal_param(CANDIDATE_THRESHOLD, NUM_PERM, 0.5, 0.5)
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

        named = sorted(
            (min(self.ids[i], self.ids[j]), max(self.ids[i], self.ids[j]), i, j)
            for i, j in candidate_pairs(matrix, bands, rows)
        )
        for first, second, i, j in named:
            if self.digests[i] == self.digests[j]:
                continue  # an exact duplicate
            estimated = float(np.count_nonzero(matrix[i] == matrix[j])) / NUM_PERM
            if estimated < least_jaccard(self.sizes[i], self.sizes[j]) - MARGIN:
                continue  # far from either bar: not worth reading the two texts back
            (doc_a, a), (doc_b, b) = get(first), get(second)
            shared = len(a & b)
            jaccard = shared / len(a | b)
            containment = shared / min(len(a), len(b))
            if jaccard < THRESHOLD and containment < CONTAINMENT:
                continue
            yield from pair_findings(
                "duplicate.near",
                doc_a,
                doc_b,
                round(jaccard, 4),
                {
                    "jaccard": round(jaccard, 4),
                    "containment": round(containment, 4),
                    "estimated_jaccard": round(estimated, 4),
                    "shingle_words": SHINGLE,
                    "method": "MinHash LSH (datasketch), verified on exact shingle sets",
                },
            )


near = NearDuplicates.run
"""Run the check on an in-memory corpus: ``near(corpus, config)``."""
