"""Documents whose texts are the same once normalised."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from corpuscheck.checks.registry import CorpusCheck, corpus_check
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Finding, Severity

MIN_WORDS = 5
"""Texts of fewer words (empty files, a lone heading) are not compared."""


@lru_cache(maxsize=4)
def normalise(text: str) -> str:
    """The text as compared: NFC, case-folded, punctuation and spacing reduced to one space.

    >>> normalise("L’ÉTÉ,\\n\\n« chaud »  !") == normalise("l'été chaud")
    True

    That is, the runs of letters and digits (``[^\\W_]+``, which is
    ``str.isalnum``) joined by one space. A regular expression finding
    them asks Unicode about each character: the most of the duplicate
    checks' time. A text whose characters all fit in one byte (Latin-1:
    much French prose once its apostrophes are straightened) goes through
    a table of 256 bytes instead, any other text of the Basic Multilingual
    Plane through a table of its 65,536 characters (the tests hold both to
    the expression).
    """
    folded = unicodedata.normalize("NFC", text).casefold()
    try:
        latin = folded.encode("latin-1")
    except UnicodeEncodeError:
        return _words_of_wide(folded)
    return b" ".join(latin.translate(_LATIN_SPACES).split()).decode("latin-1")


_WORDS = re.compile(r"[^\W_]+")

_LATIN_SPACES = bytes(code if chr(code).isalnum() else 0x20 for code in range(256))
"""Each Latin-1 byte kept when it is a letter or digit, else made a space."""


def _words_of_wide(folded: str) -> str:
    """:func:`normalise`'s words of a case-folded text with characters beyond Latin-1."""
    encoded = folded.encode("utf-16-le", "surrogatepass")
    if len(encoded) != 2 * len(folded):
        # Characters beyond the Basic Multilingual Plane (two UTF-16 units each): rare.
        return " ".join(_WORDS.findall(folded))
    import numpy as np

    codes = np.frombuffer(encoded, dtype="<u2")
    word = _bmp_word_characters()[codes]
    kept = word.copy()
    kept[1:] |= word[:-1] > word[1:]  # the first character after a word stands for its gap
    spaced = np.where(word, codes, np.uint16(0x20))[kept]
    return spaced.tobytes().decode("utf-16-le").rstrip(" ")


@lru_cache(maxsize=1)
def _bmp_word_characters() -> Any:
    """Whether each of the 65,536 characters of the Basic Multilingual Plane is a letter or
    digit, as a read-only numpy array (made once per process, in a few milliseconds)."""
    import numpy as np

    table = np.fromiter((chr(code).isalnum() for code in range(0x10000)), bool, 0x10000)
    table.setflags(write=False)
    return table


def pair_findings(
    rule: str, a: Document, b: Document, similarity: float, evidence: dict[str, object]
) -> Iterator[Finding]:
    """One finding on each document of a pair, naming the other one."""
    for this, other in ((a, b), (b, a)):
        what = "the same text as" if rule == "duplicate.exact" else "nearly the same text as"
        yield this.finding(
            rule,
            Severity.WARNING,
            f"{what} {other.file} (similarity {similarity:.2f})",
            0,
            len(this.text),
            evidence={
                "other": other.id,
                "other_file": other.file,
                "similarity": similarity,
                **evidence,
            },
        )


@corpus_check("duplicate.exact")
class ExactDuplicates(CorpusCheck):
    """Two documents have the same text once normalised (case, punctuation, spacing, Unicode form).

    The same article fetched twice, or saved under two names, weighs double
    in whatever is trained or counted on the corpus. Texts are compared
    after NFC normalisation, case folding and reducing every run of
    punctuation and white space to one space, so a copy with other
    apostrophes, line breaks or capitals is still a copy. Reported as pairs:
    each document of a pair gets a finding naming the other; in a group of
    several copies each is paired with the first (by id). Texts of fewer
    than five words are not compared.

    >>> from corpuscheck.model import Document
    >>> a = Document("a", "a.txt", "", "L'été sera chaud, dit-il.")
    >>> b = Document("b", "b.txt", "", "L’ÉTÉ SERA CHAUD dit-il")
    >>> [(f.doc_id, f.evidence["other"]) for f in exact(Corpus(".", [a, b]), Config())]
    [('a', 'b'), ('b', 'a')]
    """

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.groups: dict[str, list[str]] = defaultdict(list)

    def observe(self, doc: Document) -> str | None:
        """The SHA-256 of the normalised text, or None when the text is not compared."""
        return normalised_digest(doc)

    def add(self, doc: Document, observation: str | None) -> None:
        if observation is not None:
            self.groups[observation].append(doc.id)

    def finish(self, corpus: Corpus) -> Iterator[Finding]:
        copies = [(digest, sorted(ids)) for digest, ids in self.groups.items() if len(ids) > 1]
        for digest, ids in sorted(copies, key=lambda item: item[1][0]):
            first = corpus.load(ids[0])
            for other in ids[1:]:
                yield from pair_findings(
                    "duplicate.exact",
                    first,
                    corpus.load(other),
                    1.0,
                    {"normalised_sha256": digest, "copies": len(ids)},
                )


def normalised_digest(doc: Document) -> str | None:
    """SHA-256 of the normalised text of a readable text of five words or more, else None."""
    key = normalise(doc.text)
    if not doc.readable or word_count(key) < MIN_WORDS:
        return None
    return _sha256(key)


def word_count(normalised: str) -> int:
    """``len(normalised.split())`` for a text :func:`normalise` gave (words one space apart).

    >>> word_count(normalise("L’été, « chaud » !")), word_count("")
    (3, 0)
    """
    return normalised.count(" ") + 1 if normalised else 0


@lru_cache(maxsize=2)
def _sha256(normalised: str) -> str:
    # Kept for the last texts: duplicate.exact and duplicate.near both ask for a document's.
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


exact = ExactDuplicates.run
"""Run the check on an in-memory corpus: ``exact(corpus, config)``."""
