"""How a text is laid out: its lines, paragraphs and sentences, with their offsets.

Several checks look at a document line by line (a credit line, a repeated
paragraph) or sentence by sentence (a passage in another language). They
share these helpers so that they agree on what a paragraph is.

A *line* is what lies between two line breaks. A *paragraph* is a run of
non-empty lines, except that a line ending like a sentence, or followed by a
line that starts like one, ends its paragraph: most corpora put one
paragraph per line, some leave a blank line between paragraphs, and a text
hard-wrapped at 70 columns still gives whole paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache, partial
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

SENTENCE_END = ".!?…"
CLOSING = "»\"”’')]"
_STARTS_SENTENCE = re.compile(r"[\W\d_]*(?:[A-ZÀ-ÖØ-ÞŒ]|$)|[-–—•*«“\"]")
# The sentence's last mark is part of the match (its closing quotes and
# brackets are the first group): a pattern that starts with a set of
# characters is searched for those first, twice as fast as one that starts
# with a look-behind.
_AFTER_SENTENCE_END = (
    rf"((?:[\s\u00a0\u202f]?[{re.escape(CLOSING)}])*)\s+(?=[«“\"(\[]?\s?[A-ZÀ-ÖØ-ÞŒ0-9])"
)
_SENTENCE_BREAK = re.compile(rf"[{SENTENCE_END}]{_AFTER_SENTENCE_END}")
_FULL_STOP_BREAK = re.compile(rf"\.{_AFTER_SENTENCE_END}")
"""A sentence break at a full stop: a pattern that starts with one character is searched for
it without a step per character, which a set of characters takes."""


class Span(NamedTuple):
    """A piece of a text: ``text`` is ``whole[start:end]``.

    A named tuple, not a frozen dataclass: as immutable, and made several
    times faster (every line and paragraph of every document is one).
    """

    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()


_MAKE_SPAN = partial(tuple.__new__, Span)
"""A span from its fields, in C: ``Span(*fields)`` runs a Python ``__new__`` per span."""


def lines(text: str) -> Iterator[Span]:
    """Every line of ``text`` without its line break, empty lines included.

    >>> [(s.start, s.text) for s in lines("a\\n\\nbc")]
    [(0, 'a'), (2, ''), (3, 'bc')]

    Six checks of a document and its paragraphs read its lines: the last
    ``TEXTS_KEPT`` texts' are kept (the spans are frozen), no more.
    """
    return iter(_lines(text))


TEXTS_KEPT = 18
"""The lines and paragraphs of this many texts are kept: a batch's worth and two more.

The language checks run on every document of a batch (``pipeline.BATCH_SIZE``,
16) before the other checks run on any, and both ask for the paragraphs:
kept for two texts, each document's were made twice. The batch's documents
are held in memory anyway while it is checked.
"""


@lru_cache(maxsize=2)
def lower_case(text: str) -> str:
    """``text.lower()``, made once for the checks of a document that search it ignoring case
    (related headlines' teasers, « nous », the verdict's news marks): kept for the last
    two texts, as the checks of one document run one after the other.

    >>> lower_case("Lire la SUITE"), lower_case("L'ÉTÉ À PARIS")
    ('lire la suite', "l'été à paris")

    Most texts take :func:`quick_lower`, which asks Unicode about none or
    few of their characters.
    """
    if not text.isascii():
        lowered = quick_lower(text)
        if lowered is not None:
            return lowered
    return text.lower()


def quick_lower(text: str) -> str | None:
    """``text.lower()`` without asking Unicode about each character, or None when it cannot be.

    ``str.lower`` asks Unicode about each character of a text that is not all
    ASCII. A text whose characters all fit in one byte (Latin-1: much French
    prose) is lowered through a table of its 256 bytes; another has its ASCII
    letters lowered in its UTF-8 bytes and each other character that
    lower-casing changes replaced throughout, unless one of those lower-cases
    into several characters, into one that lower-casing changes again, or is
    a sigma (whose lower case depends on the letters around it): then None.
    The tests hold both ways to ``str.lower``.

    >>> quick_lower("L'ÉTÉ À PARIS"), quick_lower("L’ÉTÉ À Paris"), quick_lower("ΟΔΟΣ")
    ("l'été à paris", 'l’été à paris', None)
    """
    try:
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    else:
        return latin.translate(_LATIN_LOWER).decode("latin-1")
    encoded = text.encode("utf-8", "surrogatepass")
    lowered = encoded.lower().decode("utf-8", "surrogatepass")
    others = encoded.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
    for char in set(others):
        low = char.lower()
        if low != char:
            if len(low) != 1 or low.lower() != low or char == "Σ":
                return None
            lowered = lowered.replace(char, low)
    return lowered


_LATIN_LOWER = bytes(ord(chr(code).lower()) for code in range(256))
"""Each Latin-1 byte lower-cased: each of these characters lowers to one of them."""

_ASCII_BYTES = bytes(range(0x80))


@lru_cache(maxsize=2)
def is_nfc(text: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, asked once for the checks of a document.

    Unicode is asked about each character. Each line of a text in NFC is in
    NFC too (a line break neither composes nor reorders with its neighbours),
    so a check may then read its lines as they are, without normalising each.

    >>> is_nfc("L’été"), is_nfc("L’e\u0301te\u0301")
    (True, False)
    """
    return unicodedata.is_normalized("NFC", text)


@lru_cache(maxsize=TEXTS_KEPT)
def _lines(text: str) -> tuple[Span, ...]:
    if "\r" not in text:
        # Every line break is then one character: each line starts one past
        # the end of the one before. The lines come without their breaks, not
        # each cut again from its own.
        bodies = text.splitlines()
        lengths = list(map(len, bodies))
        starts = list(accumulate(map(add, lengths, repeat(1)), initial=0))
        starts.pop()  # past the last line
        ends = map(add, starts, lengths)
        # tuple.__new__ called by map itself: through _MAKE_SPAN, each call
        # joined its arguments into a new tuple first.
        fields = zip(starts, ends, bodies, strict=True)
        return tuple(map(tuple.__new__, repeat(Span), fields))
    found: list[tuple[int, int, str]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        found.append((start, start + len(body), body))
        start += len(line)
    return tuple(map(_MAKE_SPAN, found))


def ends_sentence(line: str) -> bool:
    """True when ``line`` ends like a sentence (or a clause introducing a list).

    >>> ends_sentence("Il a dit « oui ».  "), ends_sentence("une phrase coupée")
    (True, False)

    Read from the line's end: its last character that is no white space nor a
    closing quote or bracket is a sentence's end (. ! ? …), or the last that is no
    white space nor a closing quote is a colon or semicolon. (Searched with a
    pattern ending in ``$``, that was tried at every position of the line, and
    most lines are paragraphs.)
    """
    text = line.rstrip()
    last = _before_trailing(text, _AFTER_END)
    if last and last in SENTENCE_END:
        return True
    last = _before_trailing(text, _AFTER_COLON)
    return bool(last) and last in ":;"


_AFTER_END = frozenset(CLOSING)
_AFTER_COLON = frozenset('»”"')


def _before_trailing(text: str, allowed: frozenset[str]) -> str:
    """The last character of ``text`` that is neither white space nor in ``allowed`` ("" when
    there is none).

    >>> _before_trailing("oui. » ", frozenset("»")), _before_trailing(" »", frozenset("»"))
    ('.', '')
    """
    at = len(text)
    while at and (text[at - 1] in allowed or text[at - 1].isspace()):
        at -= 1
    return text[at - 1] if at else ""


def paragraphs(text: str) -> list[Span]:
    """The paragraphs of ``text``, hard-wrapped lines joined back.

    >>> [p.text for p in paragraphs("Titre\\nUne phrase qui\\ncontinue. Fin.\\n\\nAutre.")]
    ['Titre', 'Une phrase qui\\ncontinue. Fin.', 'Autre.']

    Several checks of one document ask for its paragraphs: the last
    ``TEXTS_KEPT`` texts' are kept (the spans are frozen; each caller gets its
    own list), no more, so that a huge document is not held long after its
    batch.
    """
    return list(_paragraphs(text))


@lru_cache(maxsize=TEXTS_KEPT)
def _paragraphs(text: str) -> tuple[Span, ...]:
    found: list[Span] = []
    current: list[Span] = []

    def close() -> None:
        if len(current) == 1:
            # A paragraph of one line (most are) is that line.
            found.append(current[0])
            current.clear()
        elif current:
            start, end = current[0].start, current[-1].end
            found.append(_MAKE_SPAN((start, end, text[start:end])))
            current.clear()

    for line in lines(text):
        if not line.text.strip():
            close()
            continue
        if current and (
            ends_sentence(current[-1].text) or _STARTS_SENTENCE.match(line.text.lstrip())
        ):
            close()
        current.append(line)
    close()
    return tuple(found)


_ABBREVIATED = (
    "cf ex p pp M MM Mme Mmes Mlle Dr Pr Me St Ste av apr env vol éd ibid op cit n no art "
    "al chap fig Mr Mrs Ms Jr Sr vs e g i"
)
ABBREVIATIONS = frozenset(_ABBREVIATED.split())
"""Words whose full stop does not end a sentence ("cf. Suivi", "M. Dupont")."""


def sentences(paragraph: Span) -> list[Span]:
    """The sentences of a paragraph, with offsets in the whole text.

    A full stop after an abbreviation (``cf.``, ``M.``, ``p.``) or a single
    capital (an initial) does not end a sentence.

    >>> [s.text for s in sentences(Span(10, 40, "Il pleut. « Oui. » Fin"))]
    ['Il pleut.', '« Oui. »', 'Fin']
    >>> [s.text for s in sentences(Span(0, 30, "Voir M. Dupont (cf. Suivi). Oui."))]
    ['Voir M. Dupont (cf. Suivi).', 'Oui.']
    """
    offset = paragraph.start
    return [
        _MAKE_SPAN((offset + start, offset + start + len(piece), piece))
        for start, piece in sentence_pieces(paragraph.text)
    ]


def sentence_pieces(text: str) -> list[tuple[int, str]]:
    """Each sentence of a paragraph's text with its offset in that text.

    What :func:`sentences` gives, without making a span of each: a check
    that reads every sentence of every paragraph (a passage in another
    language) makes few of them.

    >>> sentence_pieces("Il pleut. « Oui. » Fin")
    [(0, 'Il pleut.'), (10, '« Oui. »'), (19, 'Fin')]

    The breaks are searched for one after the other (what
    :func:`_sentence_breaks` finds): most paragraphs have none, one search
    settles them.
    """
    search = _break_pattern(text).search
    match = search(text)
    if match is None:
        piece = text.rstrip()
        return [(0, piece)] if piece else []
    found = []
    start = 0
    while match is not None:
        dot = match.start()
        if text[dot] != "." or not _ends_abbreviation(text, dot):
            piece = text[start : match.end(1)].rstrip()
            if piece:
                found.append((start, piece))
            start = match.end()
        match = search(text, match.end())
    piece = text[start:].rstrip()
    if piece:
        found.append((start, piece))
    return found


def _sentence_breaks(text: str) -> Iterator[re.Match[str]]:
    """What ``_SENTENCE_BREAK.finditer(text)`` finds, in order.

    Every break starts at a sentence's end mark. In a text whose only marks
    are full stops (most), the breaks are those at a full stop, searched for
    five times faster.

    >>> [m.group() for m in _sentence_breaks("Il pleut. « Oui. » Fin ? Non.")]
    ['. ', '. » ', '? ']
    """
    return _break_pattern(text).finditer(text)


def _break_pattern(text: str) -> re.Pattern[str]:
    """``_SENTENCE_BREAK``, or ``_FULL_STOP_BREAK`` for a text whose only marks are full stops
    (the same breaks)."""
    if "!" in text or "?" in text or "…" in text:
        return _SENTENCE_BREAK
    return _FULL_STOP_BREAK


_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
_LAST_WORD = re.compile(r"\w+\Z")


def _ends_abbreviation(text: str, dot: int) -> bool:
    """The full stop at ``dot`` follows an abbreviation or a single letter or digit: the word
    before the full stop is in ``ABBREVIATIONS`` or one character long.

    Looked for in a window one character wider than the longest abbreviation:
    a word that fills it is longer than any. Most sentences end with such a
    word (or number): a window of letters and digits (each a word character
    to the pattern) is told without it.

    >>> _ends_abbreviation("Voir M. Dupont.", 6), _ends_abbreviation("Voir M. Dupont.", 14)
    (True, False)
    """
    window = max(0, dot - _LONGEST_ABBREVIATION - 1)
    if dot - window > _LONGEST_ABBREVIATION and text[window:dot].isalnum():
        return False
    word = _LAST_WORD.search(text, window, dot)
    if word is None:
        return False
    before = word.group()
    return len(before) == 1 or (len(before) <= _LONGEST_ABBREVIATION and before in ABBREVIATIONS)
