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
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache
from itertools import accumulate, compress, islice, repeat
from operator import add
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


def _words_and_starts(text: str) -> tuple[list[str], Any, Any]:
    """The words of ``text`` (what ``_WORD`` finds), where each starts (a numpy array), and
    which places of the text lie inside a word (a numpy array of ``len(text) + 1`` booleans:
    a letter on either side), or None for a text with a character beyond U+FFFF.

    For a text all in the Basic Multilingual Plane (nearly every text), from
    a table of which characters are letters, in numpy: the words' edges are
    where a letter follows none or none a letter, and the words themselves
    one split of the text with everything but their letters made spaces (no
    letter is a space). Splitting at ``_WORD_PIECES`` made two strings per
    word, and their running lengths were a third of the time. A text with a
    character beyond U+FFFF is split at the pattern.
    """
    import numpy as np

    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) != 2 * len(text):
        # A character beyond U+FFFF, two code units: not in the table. The
        # words are the odd pieces, and the pieces' running lengths give
        # where each word starts (every other one).
        pieces = _WORD_PIECES.split(text)
        starts = islice(accumulate(map(len, pieces)), 0, len(pieces) - 1, 2)
        return pieces[1::2], np.fromiter(starts, dtype=np.int64, count=len(pieces) // 2), None
    codes = np.frombuffer(data, dtype="<u2")
    # The letters with no letter before the first nor after the last: each
    # place of the text is between two of them.
    letters = np.zeros(len(text) + 2, dtype=bool)
    _bmp_letters().take(codes, out=letters[1:-1])
    before, after = letters[:-1], letters[1:]
    edges = np.flatnonzero(before != after)
    spaced = np.where(after[:-1], codes, np.uint16(32))
    return str(spaced.data, "utf-16-le").split(), edges[0::2], before & after


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


def _cuts_word(text: str, at: int) -> bool:
    """The place ``at`` of ``text`` lies inside a word: a letter on either side of it.

    Any letter is alphanumeric: most places are settled by a space or a line
    break, without the pattern.

    >>> _cuts_word("un mot", 4), _cuts_word("un mot", 2), _cuts_word("un mot", 6)
    (True, False, False)
    """
    return at > 0 and text[at - 1 : at + 1].isalnum() and bool(_TWO_LETTERS.match(text, at - 1))


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
        self._words, self._starts, self._inside = _words_and_starts(text)
        self._distinct: set[str] | None = None
        self._leaning: dict[str, AbstractSet[str]] = {}
        self._counts: dict[str, Any] = {}

    def reads_as(self, span: str, lang: str, start: int | None = None) -> bool:
        """:func:`reads_as` of ``span``, a paragraph or sentence of the document at ``start``."""
        if start is None:
            return self._judge(_WORD.findall(span), lang)
        return self.spans_read_as([start], [span], lang)[0]

    def spans_read_as(self, starts: Sequence[int], spans: Sequence[str], lang: str) -> list[bool]:
        """:meth:`reads_as` of each of ``spans`` (paragraphs or sentences of the document), at
        the same place in ``starts``: all of a document's at once, in numpy.

        A span's first word is the first that starts at or after its start,
        its last the last that starts before its end: two searches in the
        words' starts, and two running counts taken there, for all spans in
        one step each (a step in Python per span was most of the time).
        """
        if len(starts) != len(spans):
            raise ValueError("as many starts as spans are needed")
        counts = self._running_counts(lang)
        if counts is None or not spans:
            # No telling words: nothing reads as the language, whole or word by word.
            return [False] * len(spans)
        import numpy as np

        count = len(spans)
        edges = np.array([*starts, *map(add, starts, map(len, spans))], dtype=np.int64)
        # Where each span's words start and end, and the running counts there.
        at = self._starts.searchsorted(edges)
        words = at[count:] - at[:count]
        both = counts.take(at)
        both = both[count:] - both[:count]
        # Telling words in the low bits, words that lean in the high ones.
        read = (
            (words > 0)
            & ((both & _TELLING_MASK) >= SHARE * words)
            & ((both >> _LEANING_SHIFT) <= LEANING_SHARE * words)
        ).tolist()
        for index in self._misplaced(starts, spans, edges):
            read[index] = self._judge(_WORD.findall(spans[index]), lang)
        return read

    def _misplaced(self, starts: Sequence[int], spans: Sequence[str], edges: Any) -> list[int]:
        """Which of ``spans`` are not where ``starts`` says or cut a word, by their index.

        Such a span (not where it is said to be, or starting or ending inside
        a word, a letter on either side of its edge, so that a piece of a
        word is its own first or last word) is read word by word. Whether an
        edge is inside a word is read from the letters' table; for a text
        beyond U+FFFF, from the text.
        """
        text = self.text
        if (
            self._inside is not None
            and min(starts) >= 0
            and all(map(text.startswith, spans, starts))
            and not self._inside.take(edges, mode="clip").any()
        ):
            # Nearly every call: all placed, none cut, told without a step per span.
            return []
        placed = list(map(text.startswith, spans, starts))
        if min(starts) < 0:
            placed = [start >= 0 and ok for start, ok in zip(starts, placed, strict=True)]
        count = len(spans)
        if self._inside is not None:
            # Clipped: a span beyond the text is not placed anyway.
            inside = self._inside.take(edges, mode="clip")
            cut = (inside[:count] | inside[count:]).tolist()
        else:
            cut = [
                _cuts_word(text, start) or _cuts_word(text, start + len(span))
                for start, span in zip(starts, spans, strict=True)
            ]
        return [
            index
            for index, (ok, cuts) in enumerate(zip(placed, cut, strict=True))
            if cuts or not ok
        ]

    def _running_counts(self, lang: str) -> Any:
        """How many of the document's first n words are telling (low bits), and how many lean
        elsewhere (from bit ``_LEANING_SHIFT``), for every n, as a numpy array; None when
        ``lang`` has no telling words."""
        if lang not in self._counts:
            memo = _word_figures(lang)
            if memo is None:
                self._counts[lang] = None
            else:
                import numpy as np

                # Each word's two flags are one figure, added up in one pass.
                figures = memo.of_words(self._words)
                counts = self._counts[lang] = np.zeros(len(figures) + 1, dtype=np.int64)
                figures.cumsum(out=counts[1:])
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
    0 for most. Every word seen is kept with its figure, written as one
    character (its :data:`_MARKS`): a document's words are one look-up
    each, their characters joined into one string that numpy reads as
    bytes (:meth:`of_words`), and those never seen are judged together.
    (A figure per word as a Python number, each read into numpy, was more
    than half the time; a set of the document's distinct words, made first
    to find those never seen, a second look-up per word.)

    >>> figures = WordFigures(frozenset({"avec"}), leaning_words("fr"))
    >>> sorted(figures.judged({"avec", "the", "The", "Linux"}).items())
    [('Linux', 0), ('The', 0), ('avec', 1), ('the', 4294967296)]
    >>> figures.of_words(["avec", "the", "avec", "Linux", "inconnu"]).tolist()
    [1, 4294967296, 1, 0, 0]
    """

    def __init__(self, telling: frozenset[str], leaning: WordMemo[bool]) -> None:
        self.telling = telling
        self.leaning = leaning
        self.marks: dict[str, str] = _Marks()
        """Every word seen (until ``FIGURES_KEPT``), with its figure's mark (``_UNSEEN`` for
        any other)."""

    def of_words(self, words: list[str]) -> Any:
        """The figure of each of ``words`` (a document's, in order), as a numpy array."""
        import numpy as np

        found = "".join(map(self.marks.__getitem__, words))
        codes = np.frombuffer(found.encode("ascii"), dtype=np.uint8)
        if _UNSEEN in found:
            # Judged together, and their places filled in.
            codes = codes.copy()
            unseen = np.flatnonzero(codes == ord(_UNSEEN)).tolist()
            new = list(map(words.__getitem__, unseen))
            self._judge(set(new))
            codes[unseen] = list(map(_MARKS.index, map(self.marks.__getitem__, new)))
        return _figures_of_marks().take(codes)

    def judged(self, words: set[str]) -> dict[str, int]:
        """The figure of each of ``words``."""
        marks = self.marks
        self._judge(words.difference(marks), words)
        return {word: _FIGURES[_MARKS.index(marks[word])] for word in words}

    def _judge(self, new: set[str], wanted: AbstractSet[str] = frozenset()) -> None:
        """Judge ``new``, words never seen, and keep their marks; past ``FIGURES_KEPT`` words
        kept, start afresh with ``new`` and ``wanted`` (words whose marks are wanted next)."""
        if not new:
            return
        marks = self.marks
        if len(marks) + len(new) > FIGURES_KEPT:
            marks.clear()
            new = new | wanted
        # Made from pairs, not with dict.fromkeys of a set: that makes a
        # table for keys of any type, whose look-ups compare strings
        # through the generic comparison, a quarter slower.
        judged = dict(zip(new, repeat(0)))
        telling = self.telling.intersection(new)
        judged.update(zip(telling, repeat(1)))
        # Lower-case words only: a capitalised word is a name or a
        # sentence's first, and the tables are lower-case. A telling word is
        # half a point more frequent in the language than in each other, so
        # none is a point more frequent in another (the tests check it): it
        # is not asked, a third of the words judged and most of their time.
        for word in self._leaning(set(filter(str.islower, new)).difference(telling)):
            judged[word] += 2
        marks.update(zip(judged, map(_MARKS.__getitem__, judged.values()), strict=True))

    def _leaning(self, new: set[str]) -> AbstractSet[str]:
        """The words of ``new`` that lean to another language: judged together, without the
        memo's own record of the words it has seen (these marks are that record)."""
        judge_all = self.leaning.judge_all
        if judge_all is None:
            return self.leaning.having(new)
        return judge_all(new).keys()

    def among(self, words: set[str]) -> dict[str, int]:
        """The words of ``words`` that have a figure, with it."""
        return {word: figure for word, figure in self.judged(words).items() if figure}


_FIGURES = (0, 1, _LEANS, _LEANS + 1)
_MARKS = "\x00\x01\x02\x03"
"""A word's figure written as one character: ``_FIGURES[i]`` as ``_MARKS[i]`` (1 for a
telling word, 2 for a word that leans)."""
_UNSEEN = "\x04"


@cache
def _figures_of_marks() -> Any:
    """``_FIGURES`` as a numpy array, and 0 for ``_UNSEEN``, indexed by the marks' codes."""
    import numpy as np

    return np.array([*_FIGURES, 0], dtype=np.int64)


class _Marks(dict[str, str]):
    """Words with their marks; ``_UNSEEN`` for a word not among them (not kept)."""

    def __missing__(self, word: str) -> str:
        return _UNSEEN


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
