"""A screen in front of the language model: texts whose words are plainly the language's own.

The foreign-passage check asks fastText about every paragraph and many
sentences of every document, and nearly all of them are in the document's
language. A text in which a fair share of the words are common words of that
language, and clearly rarer in each language a passage is usually in, and
few lean to another, cannot be a passage in another language: the model
would give the language more than the few hundredths a passage leaves it.
Such texts are passed without asking the model. Of 219,572 distinct
paragraphs and sentences (20 MB of French documentation from Debian, the
development set, its clean genres and news briefs), the screen passes
161,758; the model reads none of them as a passage in another language, and
one as more likely in another language than in French (*LilyPond permet de
rallonger les hampes en pareil cas.*: Spanish, 0.55). Of 3,000 French
paragraphs with a foreign passage's sentence put before or after, it passes
24, none more likely in another language for the model.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import accumulate, compress, islice, repeat
from typing import Any

from corpuscheck.checks.translation.passages import PASSAGE_LANGUAGES, leaning_words
from corpuscheck.checks.translation.resources import (
    _word_frequencies,
    has_frequencies,
    zipf_of_frequencies,
)
from corpuscheck.checks.translation.text import WordMemo

COMMON_ZIPF = 3.0
"""A telling word is common in its language: seen once per million words or more."""

MARGIN = 0.5
"""...and half a Zipf point (three times) more frequent there than in each passage language:
*le*, *avec*, *fichier*, not *de* (Spanish, Portuguese, Dutch) nor *version* (English)."""

SHARE = 0.4
"""A text reads as the language when this share of its words are telling words of it.

Names and terms (capitalised, foreign, technical) count as words that are
not: the share falls where they crowd a text, and the model is asked.
"""

LEANING_SHARE = 0.1
"""...and at most this share of its words lean to another language (a Zipf point more
frequent there): a paragraph half in the language and half in another reads as the other
for the model, though the language's own small words are many."""

_WORD = re.compile(r"[^\W\d_]+")
_WORD_PIECES = re.compile(f"({_WORD.pattern})")
"""A text split at its words: the words at odd places, what lies between at even ones."""


def _words_and_starts(text: str) -> tuple[list[str], list[int]]:
    """The words of ``text`` (what ``_WORD`` finds) and where each starts.

    For a text all in the Basic Multilingual Plane (nearly every text), from
    a table of which characters are letters, in numpy: the words' edges are
    where a letter follows none or none a letter, and the words themselves
    one split of the text with everything but their letters made spaces (no
    letter is a space). Splitting at ``_WORD_PIECES`` made two strings per
    word, and their running lengths were a third of the time. A text with a
    character beyond U+FFFF is split at the pattern.
    """
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(text):
        # A character beyond U+FFFF, two code units: not in the table. The
        # words are the odd pieces, and the pieces' running lengths give
        # where each word starts (every other one).
        pieces = _WORD_PIECES.split(text)
        return pieces[1::2], list(islice(accumulate(map(len, pieces)), 0, len(pieces) - 1, 2))
    import numpy as np

    codes = np.frombuffer(data, dtype="<u2")
    letters = _bmp_letters().take(codes)
    edges = np.flatnonzero(np.diff(letters, prepend=False, append=False))
    spaced = np.where(letters, codes, np.uint16(32)).astype("<u2", copy=False)
    return spaced.tobytes().decode("utf-16-le").split(), edges[0::2].tolist()


@cache
def _bmp_letters() -> Any:
    """Which characters up to U+FFFF are letters to ``_WORD`` (:func:`_is_letter`), as a numpy
    array of 65,536 booleans (made once per process)."""
    import numpy as np

    table = np.fromiter(map(_is_letter, map(chr, range(0x10000))), dtype=bool, count=0x10000)
    table.setflags(write=False)
    return table


def _is_letter(char: str) -> bool:
    # What [^\W\d_] matches: \w is alphanumeric or "_", \d a decimal digit.
    return char.isalnum() and not char.isdecimal()


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
"""Two letters in a row: one word's, never two words' (a word is a whole run of letters)."""
_LEANING_SHIFT = 32
_LEANS = 1 << _LEANING_SHIFT
"""A word that leans elsewhere, in a running count whose low bits count telling words."""
_TELLING_MASK = _LEANS - 1


@cache
def telling_words(lang: str) -> frozenset[str] | None:
    """The common words of ``lang`` that are three times rarer in every other passage language.

    None when ``lang`` or one of those languages has no table to read (the
    screen then passes nothing). Built once per process from wordfreq's
    tables, which the translation checks load anyway.

    >>> words = telling_words("fr")
    >>> "avec" in words, "fichier" in words, "de" in words, "version" in words
    (True, True, False, False)
    """
    languages = (lang, *(other for other in PASSAGE_LANGUAGES if other != lang))
    tables = [
        _word_frequencies(code, "best") if has_frequencies(code) else None for code in languages
    ]
    own, *others = tables
    if own is None or any(table is None for table in others):
        return None
    # Zipf 3 is a frequency of 1e-6 give or take wordfreq's rounding: the
    # words well below it are left out before their figures are computed.
    candidates = [word for word, frequency in own.items() if frequency >= 0.9e-6]
    figures = zipf_of_frequencies(list(map(own.__getitem__, candidates)))
    common = [
        word for word, figure in zip(candidates, figures, strict=True) if figure >= COMMON_ZIPF
    ]
    figures = [figure for figure in figures if figure >= COMMON_ZIPF]
    keep = [True] * len(common)
    for table in others:
        assert table is not None
        rival = zipf_of_frequencies(list(map(table.get, common)))
        keep = [
            k and here - there >= MARGIN
            for k, here, there in zip(keep, figures, rival, strict=True)
        ]
    return frozenset(compress(common, keep))


class Screen:
    """The screen of one document's paragraphs and sentences, each asked by its text.

    The document's words are found once, with where each starts, and for
    each language asked the running counts of its telling words and of the
    words that lean elsewhere (:func:`~corpuscheck.checks.translation.passages.leaning_words`,
    judged once per process): a paragraph or sentence of the document, given
    with its offset, is then judged from two counts taken at its ends,
    without reading its words again. A text given without its offset, or
    whose ends cut a word in two, is read word by word as :func:`reads_as`
    reads it; the answer is the same.

    >>> text = "Le fichier est enregistré avec les autres dans le dossier. It is saved."
    >>> screen = Screen(text)
    >>> screen.reads_as(text[:58], "fr", 0), screen.reads_as(text[59:], "fr", 59)
    (True, False)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._words, self._starts = _words_and_starts(text)
        self._distinct: set[str] | None = None
        self._leaning: dict[str, AbstractSet[str]] = {}
        self._counts: dict[str, list[int] | None] = {}

    def reads_as(self, span: str, lang: str, start: int | None = None) -> bool:
        """:func:`reads_as` of ``span``, a paragraph or sentence of the document at ``start``."""
        if start is None:
            return self._judge(_WORD.findall(span), lang)
        return self.spans_read_as([start], [span], lang)[0]

    def spans_read_as(self, starts: Sequence[int], spans: Sequence[str], lang: str) -> list[bool]:
        """:meth:`reads_as` of each of ``spans`` (paragraphs or sentences of the document), at
        the same place in ``starts``: all of a document's in one loop."""
        text = self.text
        counts = self._running_counts(lang)
        word_starts = self._starts
        read = []
        for start, span in zip(starts, spans, strict=True):
            end = start + len(span)
            # A span that is not where it is said to be, or that starts or ends
            # inside a word (a letter on either side of its edge: a word is a
            # whole run of letters) and has a piece of it as its own first or
            # last word, is read word by word. Any letter is alphanumeric: most
            # edges are settled by a space or a line break, without the pattern.
            if (
                start < 0
                or not text.startswith(span, start)
                or (start and text[start - 1].isalnum() and _TWO_LETTERS.match(text, start - 1))
                or (text[end - 1 : end].isalnum() and _TWO_LETTERS.match(text, end - 1))
            ):
                read.append(self._judge(_WORD.findall(span), lang))
                continue
            first = bisect_left(word_starts, start)
            last = bisect_left(word_starts, end, first)
            words = last - first
            if not words or counts is None:
                read.append(False)
                continue
            # Telling words in the low bits, words that lean in the high ones.
            both = counts[last] - counts[first]
            read.append(
                both & _TELLING_MASK >= SHARE * words
                and both >> _LEANING_SHIFT <= LEANING_SHARE * words
            )
        return read

    def _running_counts(self, lang: str) -> list[int] | None:
        """How many of the document's first n words are telling (low bits), and how many lean
        elsewhere (from bit ``_LEANING_SHIFT``), for every n; None when ``lang`` has no telling
        words."""
        if lang not in self._counts:
            memo = _word_figures(lang)
            if memo is None:
                self._counts[lang] = None
            else:
                # Each word's two flags are one figure, added up in one pass.
                figures = memo.judged(self._distinct_words())
                self._counts[lang] = list(
                    accumulate(map(figures.__getitem__, self._words), initial=0)
                )
        return self._counts[lang]

    def _distinct_words(self) -> set[str]:
        if self._distinct is None:
            self._distinct = set(self._words)
        return self._distinct

    def _leaning_words(self, lang: str) -> AbstractSet[str]:
        leaning = self._leaning.get(lang)
        if leaning is None:
            # Lower-case words only: a capitalised word is a name or a sentence's
            # first, and the tables are lower-case. Each distinct word is asked once.
            found = set(filter(str.islower, self._distinct_words()))
            leaning = self._leaning[lang] = leaning_words(lang).among(found).keys()
        return leaning

    def _judge(self, words: list[str], lang: str) -> bool:
        if not words:
            return False
        telling = telling_words(lang)
        if telling is None or sum(map(telling.__contains__, words)) < SHARE * len(words):
            return False
        leaning = self._leaning_words(lang)
        return sum(map(leaning.__contains__, words)) <= LEANING_SHARE * len(words)


FIGURES_KEPT = 1 << 18
"""At this many words seen, a language's figures start afresh (their memory is bounded)."""


class WordFigures:
    """The screen's figure of each word, judged once per process for one language.

    1 for a telling word, ``_LEANS`` for a lower-case word that leans to
    another language (:func:`~corpuscheck.checks.translation.passages.leaning_words`),
    0 for most. Every word seen is kept with its figure: a document's
    distinct words are asked at once (:meth:`judged`), those never seen are
    judged, and each of the document's words is then one look-up. (Only the
    words with a figure were kept, apart from a set of those seen: each
    document's were then copied out of them, three look-ups a word where
    there is now one.)

    >>> figures = WordFigures(frozenset({"avec"}), leaning_words("fr"))
    >>> sorted(figures.judged({"avec", "the", "The", "Linux"}).items())
    [('Linux', 0), ('The', 0), ('avec', 1), ('the', 4294967296)]
    """

    def __init__(self, telling: frozenset[str], leaning: WordMemo[bool]) -> None:
        self.telling = telling
        self.leaning = leaning
        self.figures: dict[str, int] = {}
        """Every word seen (until ``FIGURES_KEPT``), with its figure."""

    def judged(self, words: set[str]) -> dict[str, int]:
        """:attr:`figures`, with every word of ``words`` in it."""
        figures = self.figures
        new = words.difference(figures)
        if new:
            if len(figures) + len(new) > FIGURES_KEPT:
                figures.clear()
                new = set(words)
            # Made from pairs, not with dict.fromkeys of a set: that makes a
            # table for keys of any type, whose look-ups compare strings
            # through the generic comparison, a quarter slower.
            judged = dict(zip(new, repeat(0)))
            judged.update(zip(self.telling.intersection(new), repeat(1)))
            # Lower-case words only: a capitalised word is a name or a
            # sentence's first, and the tables are lower-case.
            for word in self.leaning.among(set(filter(str.islower, new))):
                judged[word] += _LEANS
            figures.update(judged)
        return figures

    def among(self, words: set[str]) -> dict[str, int]:
        """The words of ``words`` that have a figure, with it."""
        figures = self.judged(words)
        return {word: figures[word] for word in words if figures[word]}


@cache
def _word_figures(lang: str) -> WordFigures | None:
    telling = telling_words(lang)
    return None if telling is None else WordFigures(telling, leaning_words(lang))


def reads_as(text: str, lang: str) -> bool:
    """True when ``text`` plainly reads as ``lang``: at least ``SHARE`` of its words are
    :func:`telling_words` of ``lang``, at most ``LEANING_SHARE`` lean to another language.

    Only lower-case words can be telling (the tables are lower-case): a
    capitalised name or sentence opening counts as a word that is not. For
    the paragraphs and sentences of one document, :class:`Screen` does the
    same with less work.

    >>> reads_as("Le fichier est enregistré avec les autres dans le dossier.", "fr")
    True
    >>> reads_as("The file is saved with the others in the folder.", "fr")
    False
    >>> reads_as("The package is checked by the archive before it is accepted. "
    ...          "Der Präsident sagte am Montag, dass die Gespräche weitergehen.", "en")
    False
    >>> reads_as("Le paquet est construit", "xx")
    False
    """
    return Screen(text).reads_as(text, lang)
