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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

SENTENCE_END = ".!?…"
CLOSING = "»\"”’')]"
_STARTS_SENTENCE = re.compile(r"[\W\d_]*(?:[A-ZÀ-ÖØ-ÞŒ]|$)|[-–—•*«“\"]")
# The sentence's last mark is part of the match (its closing quotes and
# brackets are the first group): a pattern that starts with a set of
# characters is searched for those first, twice as fast as one that starts
# with a look-behind.
_SENTENCE_BREAK = re.compile(
    rf"[{SENTENCE_END}]((?:[\s\u00a0\u202f]?[{re.escape(CLOSING)}])*)\s+(?=[«“\"(\[]?\s?[A-ZÀ-ÖØ-ÞŒ0-9])"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a text: ``text`` is ``whole[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> list[str]:
        return self.text.split()


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


@lru_cache(maxsize=TEXTS_KEPT)
def _lines(text: str) -> tuple[Span, ...]:
    found: list[Span] = []
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        found.append(Span(start, start + len(body), body))
        start += len(line)
    return tuple(found)


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
        if current:
            start, end = current[0].start, current[-1].end
            found.append(Span(start, end, text[start:end]))
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


def _is_word_character(char: str) -> bool:
    # What ``\w`` matches in a str pattern: letters, digits, numerics and "_".
    return char.isalnum() or char == "_"


def _word_before_full_stop(text: str, end: int) -> str:
    r"""The word ending just before a full stop at ``text[end - 1]``, or "".

    The same as ``re.search(r"(\w+)\.$", text[:end])``, reading back from
    ``end`` instead of scanning the text from its start at every full stop
    (which made long paragraphs quadratic).

    >>> _word_before_full_stop("Voir M. Dupont", 7), _word_before_full_stop("a .", 3)
    ('M', '')
    """
    if end and text[end - 1] == "\n":
        end -= 1  # ``$`` matches before a final line feed too
    if end < 2 or text[end - 1] != ".":
        return ""
    start = end - 1
    while start > 0 and _is_word_character(text[start - 1]):
        start -= 1
    return text[start : end - 1]


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
        Span(offset + start, offset + start + len(piece), piece)
        for start, piece in sentence_pieces(paragraph.text)
    ]


def sentence_pieces(text: str) -> list[tuple[int, str]]:
    """Each sentence of a paragraph's text with its offset in that text.

    What :func:`sentences` gives, without making a span of each: a check
    that reads every sentence of every paragraph (a passage in another
    language) makes few of them.

    >>> sentence_pieces("Il pleut. « Oui. » Fin")
    [(0, 'Il pleut.'), (10, '« Oui. »'), (19, 'Fin')]
    """
    found = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = _word_before_full_stop(text, match.start(1))
        if before and (before in ABBREVIATIONS or len(before) == 1):
            continue
        end = match.end(1)
        piece = text[start:end].rstrip()
        if piece:
            found.append((start, piece))
        start = match.end()
    piece = text[start:].rstrip()
    if piece:
        found.append((start, piece))
    return found
