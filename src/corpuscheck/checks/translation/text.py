"""Tokens and sentences, found with regular expressions (deterministic, no model).

Tokens are runs of letters joined by hyphens or apostrophes (``cessez-le-feu``,
``aujourd’hui``); a French elided article or pronoun (``l’``, ``qu’``,
``jusqu’``) is split off as its own token so that ``l’Air`` yields ``l’`` and
``Air``. Each token knows whether it opens its sentence, whether it follows an
opening quotation mark and whether digits touch it (``1er``, ``XIVe``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache, partial
from itertools import accumulate, compress
from operator import itemgetter
from typing import Any, Generic, NamedTuple, TypeVar, overload

from ftfy.badness import BADNESS_RE

from corpuscheck.clean.repair import _BADNESS_NEEDS

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:['’](?=\W|$))?")
"""A word: letters, with inner hyphens or apostrophes, maybe a final apostrophe."""

OPENING_QUOTES = "«“„‹\"'‘"
CLOSING_QUOTES = "»”›\"'’"
DASHES = "—–-"

_ABBREVIATIONS = frozenset(
    re.split(
        r"\s+",
        "m mm mme mmes mlle mlles dr pr me st ste cf etc ex p pp art av bd no nº vol "
        "éd ed ibid op cit env fig chap sq mr mrs ms jr sr gen gén col cdt lt sgt",
    )
)

_BOUNDARY = re.compile(
    r"[.!?…](?<![(\[.!?…].)(?>[.!?…]*(?:[ \u00a0\u202f]*[»”\"’')\]])*(?=[^\S\n]))"
    r"(?=[^\S\n]+(\S))"
)
"""A sentence's end: ``.``, ``!``, ``?`` or ``…`` (any closing quotes after it), then spaces
on the same line and the next sentence's first character (group 1).

Not after ``(`` or ``[``: ``(...)`` marks an elision. The look-behind checks the first
mark's predecessor, so a match never starts inside a run of marks (``?!``), and the
pattern opens with a character class, which the regular-expression engine scans for
quickly; behind a leading look-behind, it would try every position. The atomic group
keeps the longest end before a space: when the character after that is no sentence's
start, no shorter end is tried (``dit. " non``: not ``dit.`` before an opening quote)."""
_OPENERS = "\"“«„‘'([—–-"


class Token(NamedTuple):
    """One word of a text: its characters and offsets, and where it stands.

    ``lower`` is the word lower-cased with ’ read as '; ``capitalised`` means
    a first capital in a word not written all in capitals (``all_caps``).
    ``technical`` marks a piece of an identifier, an address or a damaged
    word: glued to a dot, slash, @ or underscore inside a longer string
    (``docs.example.org``), or touching a replacement character (``s�lection``).

    A named tuple, not a frozen dataclass: as immutable, and four times
    cheaper to make. Made only when asked for: a text's tokens are kept as
    columns (:class:`Tokens`), and most checks read the columns.
    """

    text: str
    start: int
    end: int
    index: int  # type: ignore[assignment]  # shadows tuple.index, which no one calls
    sentence_initial: bool
    after_opening: bool
    touches_digit: bool
    elided: bool
    lower: str
    capitalised: bool
    all_caps: bool
    technical: bool

    @property
    def parts(self) -> list[tuple[str, int, int]]:
        """The hyphen-separated parts with their offsets: ``a-t-il`` -> a, t, il."""
        out: list[tuple[str, int, int]] = []
        for m in _PART.finditer(self.text):
            out.append((m.group(), self.start + m.start(), self.start + m.end()))
        return out


_PART = re.compile(r"[^-]+")


class Tokens(Sequence[Token]):
    """The tokens of a text as columns, one list per field; a :class:`Token` made when asked for.

    What :func:`tokenize` shares between the checks of a document. A check
    that looks at every token reads the columns it needs (``lowers``,
    ``starts``, a flag) in C loops (``map``, ``compress``); one that reports a
    few tokens asks for them by index, or by word (:meth:`among`). Lists of
    strings, integers and booleans are a dozen objects for the garbage
    collector to track, where a token each were thousands. A column bears
    the name of its :class:`Token` field, in the plural for the words and
    offsets (``words`` holds each ``text``, ``starts``, ``ends``, ``lowers``);
    one more, ``prose``, is derived from the others.

    >>> tokens = tokenize("Le chat dort.")
    >>> tokens.lowers, tokens[1].text, tokens[1].index, len(tokens)
    (['le', 'chat', 'dort'], 'chat', 1, 3)
    """

    __slots__ = (
        "_numbers",
        "after_opening",
        "all_caps",
        "capitalised",
        "elided",
        "ends",
        "lowers",
        "prose",
        "sentence_initial",
        "starts",
        "technical",
        "touches_digit",
        "words",
    )

    def __init__(
        self,
        words: list[str],
        starts: list[int],
        ends: list[int],
        sentence_initial: list[bool],
        after_opening: list[bool],
        touches_digit: list[bool],
        elided: list[bool],
        lowers: list[str],
        capitalised: list[bool],
        all_caps: list[bool],
        technical: list[bool],
        prose: list[bool],
    ) -> None:
        self.words = words
        self.starts = starts
        self.ends = ends
        self.sentence_initial = sentence_initial
        self.after_opening = after_opening
        self.touches_digit = touches_digit
        self.elided = elided
        self.lowers = lowers
        self.capitalised = capitalised
        self.all_caps = all_caps
        self.technical = technical
        self.prose = prose
        """Whether each word is plain prose, which tells a sentence's language: not elided,
        technical nor next to a digit, and not a capitalised word inside a sentence (a name).
        No :class:`Token` field: read from this column alone."""
        self._numbers: list[int] | None = None

    @property
    def numbers(self) -> list[int]:
        """The tokens' indexes in order (0, 1, 2...), made once per text: what :meth:`indexes`
        picks from, so that picking makes no integer object for each token (``range`` does).

        >>> tokenize("Le chat dort.").numbers
        [0, 1, 2]
        """
        if self._numbers is None:
            self._numbers = list(range(len(self.words)))
        return self._numbers

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Token, ...]: ...

    def __getitem__(self, i: int | slice) -> Token | tuple[Token, ...]:
        if isinstance(i, slice):
            return tuple(map(self.__getitem__, range(len(self.words))[i]))
        if i < 0:
            i += len(self.words)
            if i < 0:
                raise IndexError("token index out of range")
        return Token(
            self.words[i],
            self.starts[i],
            self.ends[i],
            i,
            self.sentence_initial[i],
            self.after_opening[i],
            self.touches_digit[i],
            self.elided[i],
            self.lowers[i],
            self.capitalised[i],
            self.all_caps[i],
            self.technical[i],
        )

    def __iter__(self) -> Iterator[Token]:
        columns = zip(
            self.words,
            self.starts,
            self.ends,
            range(len(self.words)),
            self.sentence_initial,
            self.after_opening,
            self.touches_digit,
            self.elided,
            self.lowers,
            self.capitalised,
            self.all_caps,
            self.technical,
            strict=True,
        )
        return map(_MAKE_TOKEN, columns)

    def indexes(self, flags: Iterable[object]) -> list[int]:
        """The indexes of the tokens whose flag (one per token, in order) is true: a C loop.

        >>> tokenize("Le Chat dort.").indexes(tokenize("Le Chat dort.").capitalised)
        [0, 1]
        """
        return list(compress(self.numbers, flags))

    def among(self, words: Container[str]) -> list[int]:
        """The indexes of the tokens whose ``lower`` is one of ``words``, in order: a C loop."""
        return self.indexes(map(words.__contains__, self.lowers))


def tokens_among(tokens: Tokens, words: Container[str]) -> list[Token]:
    """The tokens whose ``lower`` is one of ``words``, in order: one C loop over the words.

    A check that judges words, not places, decides once per distinct word
    and then visits only the tokens of the words it kept.

    >>> [t.start for t in tokens_among(tokenize("Le chat et le chien."), {"le"})]
    [0, 11]
    """
    return list(map(tokens.__getitem__, tokens.among(words)))


@lru_cache(maxsize=2)
def word_uses(text: str, elisions: frozenset[str]) -> Counter[str]:
    """How often each word (its ``lower``) occurs among :func:`tokenize`'s tokens: shared, not to be changed.

    >>> word_uses("Le chat et le chien.", frozenset())["le"]
    2
    """
    return Counter(_tokenize(text, elisions).lowers)


V = TypeVar("V")


class WordMemo(Generic[V]):
    """A property of words, judged once per process and asked for a document's words at once.

    ``judge`` gives a word's value, or None when the word has none (most
    words). :meth:`among` takes a set of words (a document's distinct
    words) and returns the values of those that have one: the words never
    seen are judged, the rest are two set operations in C, with no Python
    step per word. At ``limit`` words seen, the memo starts afresh, so that
    its memory does not grow with the corpus.

    >>> long = WordMemo(lambda word: len(word) if len(word) > 4 else None)
    >>> long.among({"le", "chien", "chat"})
    {'chien': 5}
    """

    def __init__(
        self,
        judge: Callable[[str], V | None],
        limit: int = 1 << 18,
        judge_all: Callable[[AbstractSet[str]], dict[str, V]] | None = None,
    ) -> None:
        self.judge = judge
        self.limit = limit
        self.judge_all = judge_all
        """Optional: the words of a set that have a value, with it, judged together (the
        values ``judge`` gives, found with fewer Python steps per word)."""
        self.seen: set[str] = set()
        self.valued: dict[str, V] = {}

    def among(self, words: AbstractSet[str]) -> dict[str, V]:
        """The words of ``words`` that have a value, with it."""
        return {word: self.valued[word] for word in self.having(words)}

    def having(self, words: AbstractSet[str]) -> set[str]:
        """The words of ``words`` that have a value: :meth:`among` without the values.

        >>> WordMemo(lambda word: len(word) if len(word) > 4 else None).having({"le", "chien"})
        {'chien'}
        """
        new = words - self.seen
        if new:
            if len(self.seen) + len(new) > self.limit:
                self.seen.clear()
                self.valued.clear()
                new = set(words)
            if self.judge_all is not None:
                self.valued.update(self.judge_all(new))
            else:
                for word in new:
                    value = self.judge(word)
                    if value is not None:
                        self.valued[word] = value
            self.seen |= new
        return words & self.valued.keys()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences: ``(start, end)`` offsets, whitespace trimmed.

    Every line is split on its own; inside a line, a sentence ends at ``.``,
    ``!``, ``?`` or ``…`` (and any closing quotes after it) followed by a space
    and a capital letter, a digit, a dash or an opening quote. A period after
    a single capital (an initial, ``J. D.``) or a known abbreviation (``M.``,
    ``etc.``) ends nothing.

    >>> text = "M. Dupont est venu. Il a dit : « Non. » Puis il est parti…\\nFin"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['M. Dupont est venu.', 'Il a dit : « Non. »', 'Puis il est parti…', 'Fin']
    """
    return list(_sentence_spans(text))


@lru_cache(maxsize=8)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: the tokenizer and the foreign-sentence judge split the same text.
    # One pass over the whole text, not one per line, and only true candidates
    # back from the regular expression: a line's first and last visible
    # characters start and end a sentence, and so does each boundary, where
    # its punctuation stops and where the next line's characters resume.
    # Sentences neither overlap nor nest, so the sorted starts and the sorted
    # ends pair up.
    parts = _VISIBLE_LINE.split(text)  # gap, line (trimmed), gap, ..., gap
    offsets = list(accumulate(map(len, parts)))
    starts: list[int] = offsets[0:-1:2]
    ends: list[int] = offsets[1::2]
    lines = len(ends)
    # The boundaries opening with each mark, found apart: a pattern opening with
    # a literal is scanned for far faster than one opening with a class. A
    # boundary's end is marks, spaces and closing quotes: none of its marks
    # but the first opens one, so each is found as in one scan for them all.
    for mark, boundary in _MARK_BOUNDARIES:
        if mark in text:
            _add_boundaries(text, mark, boundary, starts, ends)
    if len(ends) > lines:
        # A few sorted runs each: merged, not sorted.
        starts.sort()
        ends.sort()
    return tuple(zip(starts, ends, strict=True))


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts (:func:`sentence_spans`)."""
    return list(map(_FIRST, _sentence_spans(text)))


def _add_boundaries(
    text: str, mark: str, boundary: re.Pattern[str], starts: list[int], ends: list[int]
) -> None:
    """Add to ``starts`` and ``ends`` where the sentences start and end at the boundaries of
    ``text`` opening with ``mark``, found by ``boundary`` (:data:`_MARK_BOUNDARIES`)."""
    period = mark == "."
    for m in boundary.finditer(text):
        char = m.group(1)
        if not (char.isupper() or char.isdigit() or char in _OPENERS):
            continue  # no sentence's start
        if period and _abbreviation_before(text, m.start()):
            continue
        ends.append(m.end())
        starts.append(m.start(1))


_MARK_BOUNDARIES = tuple(
    (mark, re.compile(_BOUNDARY.pattern.replace("[.!?…]", re.escape(mark), 1))) for mark in ".!?…"
)
""":data:`_BOUNDARY` opening with each of its marks: the same pattern, opening with a
literal."""

_VISIBLE_LINE = re.compile(r"(\S(?:[^\n]*\S)?)")
"""A line stripped of its spaces (what ``str.strip`` removes): from its first visible
character to its last."""


_LAST_WORD = re.compile(r"[^\W\d_]+\Z")
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def _abbreviation_before(text: str, dot: int) -> bool:
    # A window one letter wider than the longest abbreviation, not text[:dot]:
    # a longer word is no abbreviation (lower-casing lengthens, never shortens),
    # and on a one-line document that copy is quadratic. \Z, not $: $ would
    # also match before a line break ending the window.
    start = dot - _LONGEST_ABBREVIATION - 1
    if start >= 0 and text[start:dot].isalpha():
        return False  # letters fill the window: the word is longer (most words)
    word = _LAST_WORD.search(text, max(0, start), dot)
    if not word:
        return False
    w = word.group()
    return (len(w) == 1 and w.isupper()) or w.lower() in _ABBREVIATIONS


def tokenize(text: str, elisions: Iterable[str] = ()) -> Tokens:
    """The word tokens of ``text``, with their sentence and quote context: shared, not to be changed.

    >>> [t.text for t in tokenize("L’Air Force de l’Ukraine a-t-il 1er", {"l"})]
    ['L’', 'Air', 'Force', 'de', 'l’', 'Ukraine', 'a-t-il', 'er']
    >>> [t.sentence_initial for t in tokenize("Oui. Non, dit-il.")]
    [True, True, False]
    """
    return _tokenize(text, frozenset(elisions))


@lru_cache(maxsize=2)
def _tokenize(text: str, elided: frozenset[str]) -> Tokens:
    # Cached: the translation checks of one document tokenize the same text.
    # Two texts, not more: the memory of a huge document is not held long
    # after its checks.
    # Column by column, not token by token, and in numpy, not in regular
    # expressions: each character's classes (a letter to WORD, a digit, a
    # space, an opening...) are read from a table in one step, the words'
    # edges and each flag are array operations over those classes, and the
    # words themselves come from one split of the text with everything but
    # their characters made spaces; the few that lower-casing changes are
    # lower-cased (:func:`_lowers`). Splitting the text with WORD made two
    # strings per word and asked Unicode about each character, in every
    # pattern: half of the tokenizer's time.
    # The columns are the product, not token objects: thousands of tuples a
    # document, tracked by the garbage collector, made collections walk every
    # loaded model and table more often.
    import numpy as np

    # Each character's classes with two empty ones before and after: a word's
    # neighbours are read at its edges without testing for the text's ends.
    # Array methods (``a.nonzero()``, ``a.take``), not numpy's functions: a
    # document is a few thousand characters, where the functions' Python
    # wrappers cost as much as the work.
    codes, padded = _character_classes(text, padding=2)
    classes = padded[2:-2]
    letters = (padded & _LETTER_CLASS).astype(bool)
    # Whether each character is in a word, with an empty one before and after
    # (in_word[i + 1] for text[i]). A hyphen or apostrophe between two letters
    # joins them into one word (few characters are either: found first).
    in_word = letters[1:-1].copy()
    rare, rare_classes = _rare_characters(classes)
    joins = rare[(rare_classes & _JOIN_CLASS) != 0]
    letter_before = letters.take(joins + 1)
    letter_after = letters.take(joins + 3)
    inner = joins[letter_before & letter_after]
    in_word[inner + 1] = True
    edges = (in_word[1:] != in_word[:-1]).nonzero()[0]  # each word's start, then its end
    starts_at = edges[0::2]
    ends_at = edges[1::2]
    cuts: list[int] = []
    if elided:
        # The apostrophes inside words, before any final apostrophe joins them.
        apostrophes = inner[codes.take(inner) != _HYPHEN]
        if len(apostrophes):
            holders = starts_at.take(starts_at.searchsorted(apostrophes, side="right") - 1)
            cuts = _elision_ends(text, apostrophes.tolist(), holders.tolist(), elided)
    # A final apostrophe belongs to its word when no word character follows it:
    # one of the joins after a letter and before none, which ends that word.
    trailing = joins[letter_before > letter_after]
    if len(trailing):
        trailing = trailing[
            ((classes.take(trailing) & _APOSTROPHE_CLASS) != 0)
            & ((padded.take(trailing + 3) & _WORD_CLASS) == 0)
        ]
        if len(trailing):
            in_word[trailing + 1] = True
            ends_at = ends_at.copy()
            ends_at[ends_at.searchsorted(trailing)] += 1
    # Little-endian code points, whatever the machine's order: the decoding says so.
    kept = np.where(in_word[1:-1], codes, np.uint32(_SPACE)).astype("<u4", copy=False)
    joined = kept.tobytes().decode("utf-32-le")
    if cuts:
        # An elision's end is its word's end and the next word's start: a
        # space there splits them.
        joined = " ".join([joined[a:b] for a, b in zip([0, *cuts], [*cuts, None], strict=True)])
        cut_at = np.array(cuts, dtype=starts_at.dtype)
        # Two sorted runs each: a stable sort merges them, where quicksort sorts.
        starts_at = np.concatenate((starts_at, cut_at))
        starts_at.sort(kind="stable")
        ends_at = np.concatenate((ends_at, cut_at))
        ends_at.sort(kind="stable")
    words = joined.split()
    lowers = _lowers(words, kept, starts_at)
    n = len(words)
    starts: list[int] = starts_at.tolist()
    ends: list[int] = ends_at.tolist()

    # The classes around each word, read in two steps: the two characters
    # before it and its first two (rows 0 to 3), the two after it.
    around_start, around_end = _around_offsets()
    before_before, before, first, second = padded.take(starts_at + around_start)
    after, after_after = padded.take(ends_at + around_end)
    next_to = before | after

    # The first word at or after a sentence's start opens it (one past the
    # last word: none).
    initial = np.zeros(n + 1, dtype=bool)
    initial[starts_at.searchsorted(_sentence_starts(text))] = True
    initial[0] = True
    initial = initial[:n]

    # The nearest character before a word, spaces skipped, opens something:
    # the character before it, or the one before that after a space; the
    # few words after more spaces than one are looked at one by one.
    spaced = (before & _SPACE_CLASS) != 0
    after_opening = (np.where(spaced, before_before, before) & _OPENING_CLASS) != 0
    farther = (spaced & (before_before & _SPACE_CLASS).astype(bool)).nonzero()[0].tolist()
    for i in farther:
        after_opening[i] = _after_opening_spaces(text, starts[i])

    # A digit next to a word is a decimal digit, or the next piece's first
    # letter after an elision (l’²): str.isdigit, either way.
    touches_digit = (next_to & _DIGIT_CLASS).astype(bool)

    is_elided = np.zeros(n + 1, dtype=bool)
    if cuts:
        is_elided[ends_at.searchsorted(cuts)] = True
    is_elided = is_elided[:n]

    # A word in capitals has no lower-case or title-case letter (str.isupper):
    # the few whose first two characters have none (the second may be the one
    # after a word of one letter) are judged by the string methods.
    capitalised = (first & _UPPER_CLASS).astype(bool)
    all_caps = [False] * n
    for i in (((first | second) & _NOT_UPPER_CLASS) == 0).nonzero()[0].tolist():
        word = words[i]
        if word.isupper() and sum(map(str.isalpha, word)) > 1:
            all_caps[i] = True
            capitalised[i] = False

    # Glued to syntax or a replacement character, or to a joiner inside a
    # longer string (a letter or digit beyond it).
    technical = (next_to & _SYNTAX_CLASS).astype(bool)
    technical |= np.logical_and(before & _JOINER_CLASS, before_before & _ALNUM_CLASS)
    technical |= np.logical_and(after & _JOINER_CLASS, after_after & _ALNUM_CLASS)
    # Mojibake-looking stretches and lines of code, found once for the whole text.
    needs = rare[(rare_classes & _BADNESS_CLASS) != 0].tolist()
    bad = _merged(_badness_spans_at(text, needs) + _code_spans(text, rare, rare_classes))
    for bad_start, bad_end in bad:
        technical[bisect_right(ends, bad_start) : bisect_left(starts, bad_end)] = True
    prose = ~(is_elided | technical | touches_digit | (capitalised > initial))

    return Tokens(
        words,
        starts,
        ends,
        initial.tolist(),
        after_opening.tolist(),
        touches_digit.tolist(),
        is_elided.tolist(),
        lowers,
        capitalised.tolist(),
        all_caps,
        technical.tolist(),
        prose.tolist(),
    )


def _lowers(words: list[str], kept: Any, starts_at: Any) -> list[str]:
    """Each word lower-cased on its own, ’ read as ' (``Token.lower``), given the code points
    of the words' characters, everything else a space (numpy, as many as the text's), and
    where each word starts in them.

    Most words are their own lower case: the list is theirs, and only the
    words holding a character that lower-casing changes, which the
    lower-case table tells in one step (or a character beyond it), are
    lower-cased. Lower-casing a word alone, not the text, gives a final
    sigma its word for context.

    >>> import numpy as np
    >>> kept = np.frombuffer("Le chat’s".encode("utf-32-le"), dtype="<u4")
    >>> _lowers(["Le", "chat’s"], kept, np.array([0, 3]))
    ['le', "chat's"]
    """
    table = _bmp_lowers()[0]
    # Clipped, a code point beyond the table reads the last entry's lower case, its own
    # (U+FFFF): another than itself. Clipping costs: only when needed.
    try:
        changed = (table.take(kept) != kept).nonzero()[0]
    except IndexError:  # a code point beyond the table: lower-cased like a changed one
        changed = (table.take(kept, mode="clip") != kept).nonzero()[0]
    lowers = words.copy()
    if len(changed):
        holders = starts_at.searchsorted(changed, side="right") - 1
        for i in dict.fromkeys(holders.tolist()):
            lowers[i] = words[i].lower().replace("’", "'")
    return lowers


_FIRST = itemgetter(0)


@lru_cache(maxsize=1)
def _around_offsets() -> tuple[Any, Any]:
    """Where, in a text's padded classes, the two characters before a word and its first two
    stand from its start, and the two after it from its end: one row each (numpy)."""
    import numpy as np

    return np.arange(4)[:, None], np.arange(2, 4)[:, None]


_SPACES = " \u00a0\u202f\t"
"""The spaces that may stand between an opening and its word."""
_OPENINGS = '«“„‹‘"(:[—–'
"""What opens a quotation, a bracket, an explanation: a word after it follows an opening."""


def _after_opening_spaces(text: str, start: int) -> bool:
    """Whether the nearest character before ``start``, :data:`_SPACES` skipped, is an opening."""
    before = start - 1
    while before >= 0 and text[before] in _SPACES:
        before -= 1
    return before >= 0 and text[before] in _OPENINGS


_MAKE_TOKEN = partial(tuple.__new__, Token)
"""A token from its fields, in C: ``Token(*fields)`` runs a Python ``__new__`` per token."""
_LETTERS = re.compile(r"[^\W\d_]+")


def _elision_ends(
    text: str, apostrophes: list[int], holders: list[int], elided: frozenset[str]
) -> list[int]:
    """Where the elisions of ``text`` end, after their apostrophe, in order.

    An elision is letters opening a word, one of ``elided`` once lower-cased,
    then an apostrophe and a letter (``l’Air``, ``qu’il``); what follows may
    open with another. ``apostrophes`` are those between two letters of a
    word (ascending), ``holders`` the start of each one's word; the letters
    before each apostrophe, from the word's start or the elision just cut,
    are judged.
    """
    cuts: list[int] = []
    stopped = -1  # a word whose elisions have ended: its other apostrophes are skipped
    for apostrophe, start in zip(apostrophes, holders, strict=True):
        if start == stopped:
            continue
        word = start
        if cuts and cuts[-1] > start:
            start = cuts[-1]  # after an elision of the same word
        # Letters and hyphens, up to the apostrophe: the word's earlier
        # apostrophes all ended elisions, or it would have been stopped.
        before = text[start:apostrophe]
        if before.lower() in elided and "-" not in before:
            cuts.append(apostrophe + 1)
        else:
            # Skipped, not judged: the letters before them would hold this
            # apostrophe, and a word of thousands would be judged thousands
            # of times, each time longer.
            stopped = word
    return cuts


def badness_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ftfy's ``BADNESS_RE.finditer(text)``, searched only near the characters it needs.

    Every match holds a character of ``_BADNESS_NEEDS`` (the cleaner's
    prefilter, checked against ftfy's pattern by its tests) and is at most
    ``_BADNESS_WIDTH`` characters long, so a match can only start within that
    distance before one of them (:func:`_badness_spans_at`). Most French
    text holds a few such characters (« and »), not one per word.

    >>> badness_spans("Lâ€™Ukraine a dit « non ».")
    [(1, 3)]
    """
    return _badness_spans_at(text, [m.start() for m in _BADNESS_NEEDS.finditer(text)])


def _badness_spans_at(text: str, needs: list[int]) -> list[tuple[int, int]]:
    """:func:`badness_spans`, given where the characters of ``_BADNESS_NEEDS`` stand (ascending).

    The matches starting within ``_BADNESS_WIDTH`` before each such
    character, in order, skipping what a match consumed, as ``finditer``
    does: one search from the first position that may start one, which
    stops a width after the character. A match starting at or before the
    character ends before that, and the pattern looks at nothing outside
    its match but the text's start (the cleaner's tests check both), so
    the stop changes none of them; a match found beyond the character is
    left to the next one.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    shapes = _badness_shapes()
    for q in needs:
        p = max(cursor, q - _BADNESS_WIDTH + 1)
        if p <= q and shapes is not None and not shapes.may_hold(text, q):
            p = q + 1  # what the search would find: nothing
        while p <= q:
            m = BADNESS_RE.search(text, p, q + _BADNESS_WIDTH)
            if m is None or m.start() > q:
                p = q + 1
                break
            spans.append(m.span())
            p = m.end()
        cursor = max(p, cursor)
    return spans


class _Shapes:
    """The shapes of a pattern's matches, one class of characters per position: a quick test
    that no match holds a given character of a text.

    Each way of matching (an alternative, a repetition taken so many times)
    is a row of classes, one per character of its matches. Every position of
    every row has a bit, a row's in a run; a character's mask holds the bits
    of the positions whose class holds it. A match holding a character holds
    it at a position of some row whose class holds it, with the character
    before it at the position before (unless that is the row's first) and
    the one after it at the next (unless that is the row's last): three
    masks, shifted, tell whether any position is so. A boundary is taken to
    stand anywhere, and a class read from no table (any character) to hold
    every character: the shapes fit more text than the pattern, never less,
    so a character that they say no match holds, none holds.
    """

    def __init__(self, rows: list[list[tuple[Any, Any]]], flags: int) -> None:
        import numpy as np

        items: dict[str, tuple[tuple[Any, Any], int]] = {}
        bit = 0
        self.firsts = 0
        """The bits of the rows' first positions."""
        self.lasts = 0
        """The bits of the rows' last positions."""
        for row in rows:
            self.firsts |= 1 << bit
            for item in row:
                held, bits = items.get(repr(item), (item, 0))
                items[repr(item)] = (held, bits | 1 << bit)
                bit += 1
            self.lasts |= 1 << (bit - 1)
        self.items = list(items.values())
        """Each distinct class of a position, with the bits of its positions."""
        self.table = np.zeros(((bit + 63) // 64, 0x10000), dtype=np.uint64)
        """The masks of the Basic Multilingual Plane's characters, 64 bits a row."""
        for item, bits in self.items:
            held = _class_members(item, flags)
            for word, table_row in enumerate(self.table):
                if part := (bits >> (64 * word)) & ((1 << 64) - 1):
                    table_row[held] |= np.uint64(part)
        self.masks: dict[str, int] = {}
        """Each character's mask, read when first met."""

    def mask(self, char: str) -> int:
        """The bits of the positions whose class holds ``char``."""
        mask = self.masks.get(char)
        if mask is None:
            code = ord(char)
            if code < 0x10000:
                words = self.table[:, code].tolist()
                mask = sum(word << (64 * i) for i, word in enumerate(words))
            else:  # beyond the plane: taken to fit every class
                mask = self.lasts | (self.lasts - 1)
            self.masks[char] = mask
        return mask

    def may_hold(self, text: str, at: int) -> bool:
        """Whether a match may hold the character at ``at``: False means that none does.

        Such a match holds it at some position of a row that it fits, whose
        previous position the character before fits, unless it is the row's
        first, and whose next the character after fits, unless it is the last.
        """
        here = self.mask(text[at])
        before = self.mask(text[at - 1]) << 1 if at else 0
        after = self.mask(text[at + 1]) >> 1 if at + 1 < len(text) else 0
        return bool(here & (self.firsts | before) & (self.lasts | after))


def _class_members(item: tuple[Any, Any], flags: int) -> Any:
    """Which characters of the Basic Multilingual Plane fit one parsed item of a pattern of
    ``flags``: a numpy array of 65,536 booleans.

    A category (``\\s``, ``\\w``) is read from the regular-expression engine
    itself, over every character; an item of another kind (any character)
    is taken to hold them all.
    """
    import numpy as np

    held = np.zeros(0x10000, dtype=bool)
    kind, argument = str(item[0]), item[1]
    if kind in ("LITERAL", "NOT_LITERAL"):
        held[argument : argument + 1] = True  # nothing beyond the plane
        return ~held if kind == "NOT_LITERAL" else held
    if kind == "CATEGORY":
        return _category_members(str(argument), flags)
    if kind != "IN":
        return ~held
    members = list(argument)
    negated = bool(members) and str(members[0][0]) == "NEGATE"
    for op, value in members[1:] if negated else members:
        if str(op) == "LITERAL":
            held[value : value + 1] = True
        elif str(op) == "RANGE":
            held[value[0] : value[1] + 1] = True
        elif str(op) == "CATEGORY":
            held |= _category_members(str(value), flags)
        else:
            held[:] = True
            return held
    return ~held if negated else held


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}


@lru_cache(maxsize=8)
def _category_members(category: str, flags: int) -> Any:
    """The characters of the Basic Multilingual Plane in a category of the regular-expression
    engine (:func:`_class_members`), all of them for one not known here."""
    import numpy as np

    if category not in _CATEGORIES:
        return np.ones(0x10000, dtype=bool)
    everything = "".join(map(chr, range(0x10000)))
    kept = re.compile(f"[^{_CATEGORIES[category]}]+", flags).sub("", everything)
    held = np.zeros(0x10000, dtype=bool)
    held[np.frombuffer(kept.encode("utf-32-le", "surrogatepass"), dtype="<u4")] = True
    return held


_SINGLE_CHARACTERS = frozenset({"LITERAL", "NOT_LITERAL", "ANY", "IN", "CATEGORY"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _shape_rows(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]] | None:
    """The rows of classes of one alternative of a parsed pattern (:class:`_Shapes`), or None
    when it holds something other than single characters, short repetitions of one, and
    boundaries (which every position is taken to meet)."""
    rows: list[list[tuple[Any, Any]]] = [[]]
    for op, argument in items:
        kind = str(op)
        if kind == "AT":
            continue
        if kind in _SINGLE_CHARACTERS:
            rows = [[*row, (op, argument)] for row in rows]
            continue
        if kind not in _REPEATS:
            return None
        low, high, repeated = argument
        repeated = list(repeated)
        if (
            high > _BADNESS_WIDTH
            or len(repeated) != 1
            or str(repeated[0][0]) not in _SINGLE_CHARACTERS
        ):
            return None
        rows = [[*row, *repeated * times] for row in rows for times in range(low, high + 1)]
    return rows


@lru_cache(maxsize=1)
def _badness_shapes() -> _Shapes | None:
    """The :class:`_Shapes` of ftfy's ``BADNESS_RE``, or None when they cannot be read."""
    from corpuscheck.checks.translation.resources import _regex_parser

    if BADNESS_RE.flags & (re.IGNORECASE | re.LOCALE):
        return None
    parsed = list(_regex_parser().parse(BADNESS_RE.pattern, BADNESS_RE.flags))
    branched = len(parsed) == 1 and str(parsed[0][0]) == "BRANCH"
    alternatives = [list(branch) for branch in parsed[0][1][1]] if branched else [parsed]
    rows: list[list[tuple[Any, Any]]] = []
    for alternative in alternatives:
        shaped = _shape_rows(alternative)
        if shaped is None or not all(shaped):
            return None
        rows.extend(shaped)
    return _Shapes(rows, BADNESS_RE.flags)


def pattern_widths(pattern: re.Pattern[str]) -> tuple[int, int]:
    """The shortest and the longest match of ``pattern``, read from the parsed pattern."""
    from corpuscheck.checks.translation.resources import _regex_parser

    low, high = _regex_parser().parse(pattern.pattern, pattern.flags).getwidth()
    return int(low), int(high)


_BADNESS_WIDTH = pattern_widths(BADNESS_RE)[1]


_JOINERS = "./@_\\=#~:+"
"""A word glued to one of these, with a letter or digit beyond it, is part of a longer string."""
_SYNTAX = "{}<>|\ufffd"
"""A word glued to one of these (markup, shell syntax, a replacement character) is technical."""
_CODE_CHARS = frozenset("{}();=<>#*|[]\\$/&")
_OPTION = re.compile(r"-(?<![^\s(\[|,]-)-?[^\W\d_][\w-]*|\\[^\W\d_][\w-]*")
"""An option (``--help``, ``-v``) at the start of a line or after a space, bracket, bar or
comma, or a backslash command (``\\clef``). The look-behind comes after the first ``-``:
a pattern opening with one is tried at every position, one opening with a literal only
where that character stands."""
_CALL_TAIL = re.compile(r"\(\w*\)")
"""What every call ends with: ``(2)``, ``()``. Searched first, as it opens with a literal;
prose's brackets hold spaces, so most lines stop there."""
_NAME_CHARS = re.compile(r"[\w.]+")
_LETTER = re.compile(r"[^\W\d_]")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")


def _calls(text: str) -> list[tuple[int, int]]:
    """The spans of the calls in ``text``: a name, then a bracket of word characters (``bind(2)``).

    The name runs from a letter over word characters and dots to the bracket:
    the spans are those of the regular expression
    ``[^\\W\\d_][\\w.]*\\(\\w*\\)``. Found from the bracket, not the name: a
    pattern opening with a letter is tried at every letter of the text and
    runs to the end of each word, where the bracket opens with a literal. The
    name is then the longest run of word characters and dots before the
    bracket (read on the reversed text), from its first letter.

    >>> _calls("voir os.path.join() et 2f(x), pas (a) ni f (b)")
    [(5, 19), (24, 28)]
    """
    spans: list[tuple[int, int]] = []
    reversed_text = ""
    for tail in _CALL_TAIL.finditer(text):
        bracket = tail.start()
        reversed_text = reversed_text or text[::-1]
        name = _NAME_CHARS.match(reversed_text, len(text) - bracket)
        length = name.end() - name.start() if name else 0
        first = _LETTER.search(text, bracket - length, bracket)
        if first:
            spans.append((first.start(), tail.end()))
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping spans joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _rare_characters(classes: Any) -> tuple[Any, Any]:
    """Where the characters of the rarer classes stand (:data:`_RARE_CLASSES`), and their classes.

    One pass over a text's classes (:func:`_character_classes`) finds them
    all; each class's are then picked from these few. ``nonzero`` on a
    boolean array, not on the classes: several times faster.
    """
    rare = ((classes & _RARE_CLASSES) != 0).nonzero()[0]
    return rare, classes.take(rare)


def _code_spans(text: str, rare: Any, rare_classes: Any) -> list[tuple[int, int]]:
    """Spans of code in prose: lines of code, options (``--help``, ``\\clef``), calls, addresses.

    A line with at least four characters of code syntax (an address's not
    counted) making a twentieth of it (``#include <linux/fs.h> /* pour … */``)
    is code as a whole. ``rare`` and ``rare_classes`` are where the text's
    characters of rarer classes stand and their classes (:func:`_rare_characters`):
    the characters of code are
    counted per line all at once; options are matched only where a hyphen
    or backslash stands, addresses searched only on the lines that may hold
    one (none of them runs over a line break). The tests hold the spans to
    a search line by line: a word overlaps one of these exactly when it
    overlaps one of those.

    >>> text = "Voir bind(2), https://x.org/a et --help.\\nint main(void) { return 0; }"
    >>> rare = _rare_characters(_character_classes(text)[1])
    >>> [text[s:e] for s, e in _merged(_code_spans(text, *rare))]
    ['bind(2)', 'https://x.org/a', '--help', 'int main(void) { return 0; }']
    """
    import numpy as np

    spans: list[tuple[int, int]] = []
    syntax = rare[(rare_classes & _CODE_CLASS) != 0]
    if "@" in text or "://" in text or "www." in text:
        # Every address holds a hint (an @, "://" or "www.") and starts no earlier
        # than the hint's scheme (before "://") or the word holding it (an address
        # holds no space): each is searched for from there to the end of its line,
        # not tried at every position of a long paragraph.
        size = len(text)
        found = _ADDRESS_HINT.search(text)
        end = 0  # where the last address ended
        while found:
            at = found.start()
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line_end = size if line_end < 0 else line_end
            first = at - 5 if found.group() == "://" else text.rfind(" ", line_start, at) + 1
            address = _ADDRESS.search(text, max(end, line_start, first), line_end)
            if address is None:
                found = _ADDRESS_HINT.search(text, line_end)
            else:
                spans.append(address.span())
                end = address.end()
                found = _ADDRESS_HINT.search(text, end)
        if spans and len(syntax):
            # An address's syntax is no code: the characters inside one are not counted.
            address_starts, address_ends = np.array(spans).T
            holder = address_starts.searchsorted(syntax, side="right") - 1
            syntax = syntax[(holder < 0) | (address_ends.take(holder) <= syntax)]
    if len(syntax) >= 4:
        # The characters of code of each line, counted by line: a line of code holds four.
        breaks = rare[(rare_classes & _LINE_BREAK_CLASS) != 0]
        counts = np.bincount(breaks.searchsorted(syntax))
        lines = (counts >= 4).nonzero()[0].tolist()
        if lines:
            line_ends = [*breaks.tolist(), len(text)]
            for line in lines:
                start = line_ends[line - 1] + 1 if line else 0
                if counts[line] * 20 >= line_ends[line] - start:
                    spans.append((start, line_ends[line]))
    # An option opens with a hyphen or a backslash and holds no other that could open one: it
    # is matched where one stands, not searched for at every character.
    end = 0
    for dash in rare[(rare_classes & _OPTION_CLASS) != 0].tolist():
        if dash >= end and (option := _OPTION.match(text, dash)):
            spans.append(option.span())
            end = option.end()
    if "(" in text:
        spans.extend(_calls(text))
    return spans


_ADDRESS_HINT = re.compile(r"@|://|www\.")
"""What a line holding an address holds."""


_LETTER_CLASS = 1 << 0
"""A letter to WORD (``[^\\W\\d_]``): a letter, or a digit that is not decimal (²)."""
_WORD_CLASS = 1 << 1
"""A word character (``\\w``)."""
_ALNUM_CLASS = 1 << 2
"""``str.isalnum``."""
_DIGIT_CLASS = 1 << 3
"""``str.isdigit``."""
_JOIN_CLASS = 1 << 4
"""A hyphen or an apostrophe: joins two runs of letters into one word."""
_APOSTROPHE_CLASS = 1 << 5
_SPACE_CLASS = 1 << 6
"""A space that may stand between an opening and its word."""
_OPENING_CLASS = 1 << 7
"""What opens a quotation, a bracket, an explanation: a word after it follows an opening."""
_SYNTAX_CLASS = 1 << 8
_JOINER_CLASS = 1 << 9
_CODE_CLASS = 1 << 10
"""A character of code syntax (:data:`_CODE_CHARS`)."""
_UPPER_CLASS = 1 << 11
"""``str.isupper`` of the character alone."""
_NOT_UPPER_CLASS = 1 << 12
"""A lower-case or title-case letter: a word holding one is not in capitals (``str.isupper``)."""
_OPTION_CLASS = 1 << 13
"""What opens an option: a hyphen or a backslash."""
_BADNESS_CLASS = 1 << 14
"""A character one of ftfy's signs of mojibake needs (``_BADNESS_NEEDS``)."""
_LINE_BREAK_CLASS = 1 << 15
_RARE_CLASSES = _JOIN_CLASS | _CODE_CLASS | _OPTION_CLASS | _BADNESS_CLASS | _LINE_BREAK_CLASS
"""Classes of few characters in prose: found together, in one pass (:func:`_rare_characters`)."""
_HYPHEN = ord("-")
_SPACE = ord(" ")
_MARKED_CLASSES = (
    (_JOIN_CLASS, "-'’"),
    (_APOSTROPHE_CLASS, "'’"),
    (_SPACE_CLASS, _SPACES),
    (_OPENING_CLASS, _OPENINGS),
    (_SYNTAX_CLASS, _SYNTAX),
    (_JOINER_CLASS, _JOINERS),
    (_CODE_CLASS, "".join(sorted(_CODE_CHARS))),
    (_OPTION_CLASS, "-\\"),
    (_LINE_BREAK_CLASS, "\n"),
)
"""The classes of a few characters named one by one."""


def _class_of(char: str) -> int:
    """The classes of one character, as bits: the definition the table is made from."""
    classes = 0
    if char.isalnum():
        classes |= _WORD_CLASS | _ALNUM_CLASS
        if not char.isdecimal():
            classes |= _LETTER_CLASS
    if char == "_":
        classes |= _WORD_CLASS
    if char.isdigit():
        classes |= _DIGIT_CLASS
    if char.isupper():
        classes |= _UPPER_CLASS
    elif char.islower() or char.istitle():
        # Alone, a character is istitle() when upper or title case, islower() when lower case.
        classes |= _NOT_UPPER_CLASS
    for bit, chars in _MARKED_CLASSES:
        if char in chars:
            classes |= bit
    if _BADNESS_NEEDS.fullmatch(char):
        classes |= _BADNESS_CLASS
    return classes


@lru_cache(maxsize=1)
def _bmp_classes() -> Any:
    """:func:`_class_of` each character of the Basic Multilingual Plane, as a read-only numpy
    array of 65,536 (made once per process, a string method at a time over all of them)."""
    import numpy as np

    chars = list(map(chr, range(0x10000)))
    alnum = np.fromiter(map(str.isalnum, chars), bool, 0x10000)
    decimal = np.fromiter(map(str.isdecimal, chars), bool, 0x10000)
    digit = np.fromiter(map(str.isdigit, chars), bool, 0x10000)
    upper = np.fromiter(map(str.isupper, chars), bool, 0x10000)
    cased = np.fromiter(map(str.islower, chars), bool, 0x10000)
    cased |= np.fromiter(map(str.istitle, chars), bool, 0x10000)
    table = np.zeros(0x10000, dtype=np.uint16)
    table[alnum] |= _WORD_CLASS | _ALNUM_CLASS
    table[alnum & ~decimal] |= _LETTER_CLASS
    table[ord("_")] |= _WORD_CLASS
    table[digit] |= _DIGIT_CLASS
    table[upper] |= _UPPER_CLASS
    table[cased & ~upper] |= _NOT_UPPER_CLASS
    for bit, marked in _MARKED_CLASSES:
        table[list(map(ord, marked))] |= bit
    table[list(map(ord, _BADNESS_NEEDS.findall("".join(chars))))] |= _BADNESS_CLASS
    table.setflags(write=False)
    return table


@lru_cache(maxsize=1)
def _bmp_lowers() -> tuple[Any, str]:
    """Each character of the Basic Multilingual Plane lower-cased by ``str.lower``, ’ read as ',
    as little-endian code points (numpy, 65,536 of them); and the characters for which that is
    not so, left to ``str.lower``: those it lower-cases into several (İ), and Σ, whose lower
    case depends on the letters around it."""
    import numpy as np

    everything = np.arange(0x10000, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    several = "İ"  # lower-cased into i and a combining dot above
    lowered = everything.replace(several, " ").lower()
    if len(lowered) != len(everything):  # a later Unicode: more lower-case into several
        several = "".join(char for char in everything if len(char.lower()) != 1)
        lowered = "".join(" " if char in several else char for char in everything).lower()
    table = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype="<u4").copy()
    table[ord("’")] = ord("'")
    table.setflags(write=False)
    return table, several + "\u03a3"


def _character_classes(text: str, padding: int = 0) -> tuple[Any, Any]:
    """The code points of ``text`` (uint32) and their classes (uint16 bits, :func:`_class_of`),
    with ``padding`` empty classes (0) before and after them.

    Read from a table for the Basic Multilingual Plane; the rare characters
    beyond it are classed one by one.
    """
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    classes = np.zeros(len(codes) + 2 * padding, dtype=np.uint16)
    inside = classes[padding : padding + len(codes)]
    table = _bmp_classes()
    if not len(codes) or codes.max() <= 0xFFFF:
        np.take(table, codes, out=inside)
        return codes, classes
    wide = codes > 0xFFFF
    np.take(table, np.where(wide, 0, codes), out=inside)
    inside[wide] = list(map(_class_of, map(chr, codes[wide].tolist())))
    return codes, classes


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]
