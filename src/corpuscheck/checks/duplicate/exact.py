"""Documents whose texts are the same once normalised."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from corpuscheck.checks.registry import CorpusCheck, corpus_check
from corpuscheck.checks.structure.layout import is_nfc
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

    spaced, _ = _spaced_words(np.frombuffer(encoded, dtype="<u2"))
    return spaced.tobytes().decode("utf-16-le").rstrip(" ")


def _spaced_words(codes: Any) -> tuple[Any, Any]:
    """The letters and digits of UTF-16 ``codes`` (no surrogate pairs), each run followed by one
    space (the first character after it, made a space), and which of the codes were kept."""
    import numpy as np

    word = _bmp_word_characters()[codes]
    kept = word.copy()
    kept[1:] |= word[:-1] > word[1:]  # the first character after a word stands for its gap
    return np.where(word, codes, np.uint16(0x20))[kept], kept


@lru_cache(maxsize=1)
def _bmp_word_characters() -> Any:
    """Whether each of the 65,536 characters of the Basic Multilingual Plane is a letter or
    digit, as a read-only numpy array (made once per process, in a few milliseconds)."""
    import numpy as np

    table = np.fromiter((chr(code).isalnum() for code in range(0x10000)), bool, 0x10000)
    table.setflags(write=False)
    return table


def normalised_document(text: str) -> str:
    """:func:`normalise` of a document's whole text, worked out once whichever check asks first.

    ``duplicate.exact``'s digest, ``duplicate.near``'s shingles and
    ``artifact.repeated_paragraph``'s paragraphs (:func:`normalised_paragraphs`)
    all read this one pass over the text, kept for the last two texts.

    >>> normalised_document("L’ÉTÉ,\\n\\n« chaud »  !") == normalise("L’ÉTÉ,\\n\\n« chaud »  !")
    True
    """
    return _document_words(text)[0]


def normalised_paragraphs(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """``normalise(text[start:end])`` for each ``(start, end)``, read off the whole text's.

    >>> normalised_paragraphs("L’ÉTÉ sera chaud.\\nDit-il.", [(0, 17), (18, 25)])
    ['l été sera chaud', 'dit il']

    A span from the text's start or a line break to its end or a line
    break (a paragraph, a line) is a slice of :func:`normalised_document`
    when each character of the text folds to one character (no ß, no
    decomposed accent: nearly every text) and the text is not longer than
    :data:`READ_OFF_LIMIT`: a line break is no part of a word, and NFC and
    case folding never join it to its neighbours. Any other span is
    normalised on its own.
    """
    size = len(text)
    normalised, kept = _document_words(text) if size <= READ_OFF_LIMIT else ("", None)
    before: Any = None
    found = []
    for start, end in spans:
        if (
            kept is None
            or (start and text[start - 1] not in _LINE_BREAKS)
            or (end < size and text[end] not in _LINE_BREAKS)
        ):
            found.append(normalise(text[start:end]))
            continue
        if before is None:
            # For each offset, how much of the normalised text lies before it.
            import numpy as np

            before = np.zeros(size + 1, dtype=np.intp)
            np.cumsum(kept, out=before[1:])
        # The span's words and the gaps after them; its first character follows a line break,
        # so is no gap.
        found.append(normalised[before[start] : before[end]].rstrip(" "))
    return found


_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
"""Where ``str.splitlines`` cuts (and so where lines and paragraphs begin and end)."""


READ_OFF_LIMIT = 1 << 20
"""Characters from which a text's paragraphs are normalised one by one instead: the offsets
and arrays of one pass take about 18 bytes a character at their peak (330 MB for a text of
18 million), the paragraphs one by one no more than the text."""


@lru_cache(maxsize=2)
def _document_words(text: str) -> tuple[str, Any]:
    """:func:`normalise` of ``text`` and, when each of its characters folds to one (NFC already,
    case folding that keeps the length, no characters beyond the Basic Multilingual Plane),
    which of them the normalised text keeps (a numpy array of booleans, one byte a character:
    what is kept for the last texts stays small), else None."""
    if len(text) > READ_OFF_LIMIT:
        return normalise(text), None
    latin = _latin_folded(text)
    if latin is not None:
        return _latin_words(latin)
    if not is_nfc(text):  # the answer encoding.unnormalized had of the document
        return normalise(text), None
    folded = _folded_units(text)
    if folded is None:
        return normalise(text), None
    spaced, kept = _spaced_words(folded)
    return spaced.tobytes().decode("utf-16-le").rstrip(" "), kept


def _folded_units(text: str) -> Any:
    """The UTF-16 code units of ``text.casefold()`` (a numpy array) when each character of
    ``text`` folds to one of the Basic Multilingual Plane, else None.

    Folded through a table of the plane's 65,536 characters
    (:func:`_bmp_folds`): ``str.casefold`` asks Unicode about each character,
    some four times slower.

    >>> _folded_units("L’ÉTÉ").tolist() == [ord(c) for c in "l’été"], _folded_units("Maß")
    (True, None)
    """
    import numpy as np

    encoded = text.encode("utf-16-le", "surrogatepass")
    if len(encoded) != 2 * len(text):
        return None  # a character beyond the plane: two code units
    folded = _bmp_folds()[np.frombuffer(encoded, dtype="<u2")]
    if np.count_nonzero(folded == _NO_FOLD):
        # Rare: a character folding to several (ß) or beyond the plane, or U+FFFF itself.
        folded_text = text.casefold()
        encoded = folded_text.encode("utf-16-le", "surrogatepass")
        if len(folded_text) != len(text) or len(encoded) != 2 * len(text):
            return None
        return np.frombuffer(encoded, dtype="<u2")
    return folded


_NO_FOLD = 0xFFFF
"""In :func:`_bmp_folds`, a character that does not fold to one of the plane (and U+FFFF)."""


@lru_cache(maxsize=1)
def _bmp_folds() -> Any:
    """The case folding of each character of the Basic Multilingual Plane as a read-only numpy
    array of code units, :data:`_NO_FOLD` where it is not one character of the plane (made
    once per process)."""
    import numpy as np

    folds = map(str.casefold, map(chr, range(0x10000)))
    kept = "".join(f if len(f) == 1 and f < "\U00010000" else "\uffff" for f in folds)
    table = np.frombuffer(kept.encode("utf-16-le", "surrogatepass"), dtype="<u2").copy()
    table.setflags(write=False)
    return table


def _latin_folded(text: str) -> bytes | None:
    """``text.casefold()`` in Latin-1 bytes, when ``text`` and its folding are Latin-1, else None.

    Such a text (much French prose) is in NFC already: no Latin-1 character
    composes with another or has a singleton decomposition. It is then
    folded through a table of its 256 bytes: asking Unicode about each
    character (is it normalised, how does it fold) cost more than the rest
    of the normalisation (the tests hold the table to Unicode's answers).

    >>> _latin_folded("ÉTÉ"), _latin_folded("L’ÉTÉ"), _latin_folded("Maß")
    (b'\\xe9t\\xe9', None, None)
    """
    try:
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        return None
    if b"\xdf" in latin or b"\xb5" in latin:  # ß and µ fold beyond one Latin-1 character
        return None
    return latin.translate(_LATIN_FOLDS)


_LATIN_FOLDS = bytes(
    ord(folded) if len(folded := chr(code).casefold()) == 1 and ord(folded) < 256 else code
    for code in range(256)
)
"""Each Latin-1 byte case-folded (but ß and µ, which fold beyond one Latin-1 character)."""

_LATIN_WORD_CHARACTERS = bytes(chr(code).isalnum() for code in range(256))
"""Each Latin-1 byte made 1 when it is a letter or digit, else 0."""


def _latin_words(folded: bytes) -> tuple[str, Any]:
    """:func:`_document_words` of a text whose case folding is the Latin-1 bytes ``folded``.

    As :func:`_spaced_words` on its characters, with the byte tables doing
    what a table indexed by every character did: which are letters or digits
    (:data:`_LATIN_WORD_CHARACTERS`), and the others made spaces
    (:data:`_LATIN_SPACES`).
    """
    import numpy as np

    word = np.frombuffer(folded.translate(_LATIN_WORD_CHARACTERS), dtype=bool)
    kept = word.copy()
    kept[1:] |= word[:-1] > word[1:]  # the first character after a word stands for its gap
    spaced = np.frombuffer(folded.translate(_LATIN_SPACES), dtype=np.uint8)[kept]
    return spaced.tobytes().decode("latin-1").rstrip(" "), kept


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
    key = normalised_document(doc.text)
    if not doc.readable or not _has_words(key, MIN_WORDS):
        return None
    return _sha256(key)


def word_count(normalised: str) -> int:
    """``len(normalised.split())`` for a text :func:`normalise` gave (words one space apart).

    >>> word_count(normalise("L’été, « chaud » !")), word_count("")
    (3, 0)
    """
    return normalised.count(" ") + 1 if normalised else 0


def _has_words(normalised: str, words: int) -> bool:
    """``word_count(normalised) >= words``, reading no further than the space before the
    ``words``-th word (both duplicate checks ask, of each whole text).

    >>> _has_words("l été sera chaud", 4), _has_words("l été", 3), _has_words("", 1)
    (True, False, False)
    """
    if not normalised:
        return words <= 0
    at = -1
    for _ in range(words - 1):
        at = normalised.find(" ", at + 1)
        if at < 0:
            return False
    return True


@lru_cache(maxsize=2)
def _sha256(normalised: str) -> str:
    # Kept for the last texts: duplicate.exact and duplicate.near both ask for a document's.
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


exact = ExactDuplicates.run
"""Run the check on an in-memory corpus: ``exact(corpus, config)``."""
