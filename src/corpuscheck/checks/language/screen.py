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
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import accumulate, compress, islice, repeat

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


def _word_pieces(text: str) -> re.Pattern[str]:
    """``_WORD_PIECES``, or the same with the letters listed when ``text`` is all in the Basic
    Multilingual Plane (nearly every text): the engine then tests a character against a table
    instead of its Unicode categories: a quarter less time for the split."""
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        return _WORD_PIECES  # a character beyond U+FFFF: not among those listed
    return _listed_word_pieces()


@cache
def _listed_word_pieces() -> re.Pattern[str]:
    """``_WORD_PIECES`` for texts without characters beyond U+FFFF: the letters up to U+FFFF
    (what ``[^\\W\\d_]`` matches: alphanumeric, not a decimal digit) listed as ranges."""
    codes = [code for code in range(0x10000) if _is_letter(chr(code))]
    ranges = []
    first = last = codes[0]
    for code in codes[1:]:
        if code != last + 1:
            ranges.append((first, last))
            first = code
        last = code
    ranges.append((first, last))
    listed = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"([{listed}]+)")


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
        # The text cut at its words: the words are the odd pieces, and the
        # pieces' running lengths give where each word starts (every other one).
        pieces = _word_pieces(text).split(text)
        self._words = pieces[1::2]
        self._starts = list(islice(accumulate(map(len, pieces)), 0, len(pieces) - 1, 2))
        self._distinct: set[str] | None = None
        self._leaning: dict[str, AbstractSet[str]] = {}
        self._counts: dict[str, list[int] | None] = {}

    def reads_as(self, span: str, lang: str, start: int | None = None) -> bool:
        """:func:`reads_as` of ``span``, a paragraph or sentence of the document at ``start``."""
        # Called for every paragraph and sentence of a document: the span's
        # place is compared without copying it out of the text, and its word
        # range found here rather than in a helper.
        text = self.text
        if start is None or start < 0 or not text.startswith(span, start):
            return self._judge(_WORD.findall(span), lang)
        end = start + len(span)
        # A span that starts or ends inside a word (a letter on either side of
        # its edge: a word is a whole run of letters) has a piece of it as its
        # own first or last word. Any letter is alphanumeric: most edges are
        # settled by a space or a line break, without the pattern.
        if (start and text[start - 1].isalnum() and _TWO_LETTERS.match(text, start - 1)) or (
            text[end - 1 : end].isalnum() and _TWO_LETTERS.match(text, end - 1)
        ):
            return self._judge(_WORD.findall(span), lang)
        starts = self._starts
        first = bisect_left(starts, start)
        last = bisect_left(starts, end, first)
        words = last - first
        if not words:
            return False
        try:
            counts = self._counts[lang]
        except KeyError:
            counts = self._running_counts(lang)
        if counts is None:
            return False
        # Telling words in the low bits, words that lean in the high ones.
        both = counts[last] - counts[first]
        return (
            both & _TELLING_MASK >= SHARE * words
            and both >> _LEANING_SHIFT <= LEANING_SHARE * words
        )

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
                figures = memo.among(self._distinct_words())
                self._counts[lang] = list(
                    accumulate(map(figures.get, self._words, repeat(0)), initial=0)
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
    0 for most: only the words with a figure are kept with it. A document's
    distinct words are asked at once (:meth:`among`): those never seen are
    judged, the rest are two set operations in C.

    >>> figures = WordFigures(frozenset({"avec"}), leaning_words("fr"))
    >>> sorted(figures.among({"avec", "the", "The", "Linux"}).items())
    [('avec', 1), ('the', 4294967296)]
    """

    def __init__(self, telling: frozenset[str], leaning: WordMemo[bool]) -> None:
        self.telling = telling
        self.leaning = leaning
        self.seen: set[str] = set()
        self.figures: dict[str, int] = {}

    def among(self, words: set[str]) -> dict[str, int]:
        """The words of ``words`` that have a figure, with it."""
        new = words - self.seen
        if new:
            if len(self.seen) + len(new) > FIGURES_KEPT:
                self.seen.clear()
                self.figures.clear()
                new = set(words)
            figures = dict.fromkeys(self.telling.intersection(new), 1)
            # Lower-case words only: a capitalised word is a name or a
            # sentence's first, and the tables are lower-case.
            for word in self.leaning.among(set(filter(str.islower, new))):
                figures[word] = figures.get(word, 0) + _LEANS
            self.figures.update(figures)
            self.seen |= new
        return {word: self.figures[word] for word in self.figures.keys() & words}


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
