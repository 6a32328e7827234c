"""Pairs of documents with nearly the same text (MinHash, verified by exact Jaccard)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from corpuscheck.checks.duplicate.exact import MIN_WORDS, normalise, pair_findings
from corpuscheck.checks.registry import corpus_check
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


def _minhash(items: set[str]) -> Any:
    from datasketch import MinHash

    sketch = MinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update_batch([s.encode("utf-8", "surrogatepass") for s in sorted(items)])
    return sketch


@corpus_check("duplicate.near")
def near(corpus: Corpus, config: Config) -> Iterator[Finding]:
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
    from datasketch import MinHashLSH

    sets: dict[str, set[str]] = {}
    documents: dict[str, Document] = {}
    keys: dict[str, str] = {}
    for doc in corpus.documents:
        key = normalise(doc.text)
        if not doc.readable or len(key.split()) < MIN_WORDS:
            continue
        items = shingles(doc.text)
        if len(items) < MIN_SHINGLES:
            continue
        sets[doc.id], documents[doc.id], keys[doc.id] = items, doc, key
    if len(sets) < 2:
        return
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    sketches = {}
    for doc_id in sorted(sets):
        sketches[doc_id] = _minhash(sets[doc_id])
        lsh.insert(doc_id, sketches[doc_id])
    seen: set[tuple[str, str]] = set()
    for doc_id in sorted(sets):
        for other in sorted(lsh.query(sketches[doc_id])):
            pair = (min(doc_id, other), max(doc_id, other))
            if other == doc_id or pair in seen:
                continue
            seen.add(pair)
            if keys[pair[0]] == keys[pair[1]]:
                continue  # an exact duplicate
            a, b = sets[pair[0]], sets[pair[1]]
            shared = len(a & b)
            jaccard = shared / len(a | b)
            containment = shared / min(len(a), len(b))
            if jaccard < THRESHOLD and containment < CONTAINMENT:
                continue
            yield from pair_findings(
                "duplicate.near",
                documents[pair[0]],
                documents[pair[1]],
                round(jaccard, 4),
                {
                    "jaccard": round(jaccard, 4),
                    "containment": round(containment, 4),
                    "estimated_jaccard": round(sketches[pair[0]].jaccard(sketches[pair[1]]), 4),
                    "shingle_words": SHINGLE,
                    "method": "MinHash LSH (datasketch), verified on exact shingle sets",
                },
            )
