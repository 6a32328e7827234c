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
from itertools import accumulate, compress, repeat
from operator import eq, itemgetter
from typing import Generic, NamedTuple, TypeVar, overload

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
    offsets (``words`` holds each ``text``, ``starts``, ``ends``, ``lowers``).

    >>> tokens = tokenize("Le chat dort.")
    >>> tokens.lowers, tokens[1].text, tokens[1].index, len(tokens)
    (['le', 'chat', 'dort'], 'chat', 1, 3)
    """

    __slots__ = (
        "after_opening",
        "all_caps",
        "capitalised",
        "elided",
        "ends",
        "lowers",
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
        return list(compress(range(len(self.words)), flags))

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
        return {word: self.valued[word] for word in words & self.valued.keys()}


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
    for m in _BOUNDARY.finditer(text):
        if not _starts_sentence(m.group(1)):
            continue
        if text[m.start()] == "." and _abbreviation_before(text, m.start()):
            continue
        ends.append(m.end())
        starts.append(m.start(1))
    if len(ends) > lines:
        # Two sorted runs each: one merge, not a sort.
        starts.sort()
        ends.sort()
    return tuple(zip(starts, ends, strict=True))


_VISIBLE_LINE = re.compile(r"(\S(?:[^\n]*\S)?)")
"""A line stripped of its spaces (what ``str.strip`` removes): from its first visible
character to its last."""


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


_LAST_WORD = re.compile(r"[^\W\d_]+\Z")
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def _abbreviation_before(text: str, dot: int) -> bool:
    # A window one letter wider than the longest abbreviation, not text[:dot]:
    # a longer word is no abbreviation (lower-casing lengthens, never shortens),
    # and on a one-line document that copy is quadratic. \Z, not $: $ would
    # also match before a line break ending the window.
    word = _LAST_WORD.search(text, max(0, dot - _LONGEST_ABBREVIATION - 1), dot)
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
    # Column by column, not token by token: the words and their offsets come
    # from the regular expression, each flag is set where the text says so (a
    # sentence start, an opening, a digit, a glue character, a damaged span),
    # in C loops. A Python statement per token and flag was most of the time.
    # The columns are the product, not token objects: thousands of tuples a
    # document, tracked by the garbage collector, made collections walk every
    # loaded model and table more often.
    # Split, not finditer: strings and integers only. Thousands of live match
    # objects would be work for the garbage collector, which then walks the
    # whole heap (every loaded model and word table) more often.
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    words: list[str] = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    starts: list[int] = offsets[0:-1:2]
    ends: list[int] = offsets[1::2]
    cuts = _elision_ends(text, starts, elided)
    if cuts:
        words = _cut(text, words, starts, ends, cuts)
        # An elision's end is its word's end and the next word's start. Each
        # list is two sorted runs: sorted() merges them in one pass.
        starts = sorted(starts + cuts)
        ends = sorted(ends + cuts)
    n = len(words)
    falses = [False] * n
    if "’" in text:
        lowers = list(map(str.replace, map(str.lower, words), repeat("’"), repeat("'")))
    else:
        lowers = list(map(str.lower, words))

    initial = falses.copy()
    if n:
        initial[0] = True
        # The first word at or after a sentence's start opens it.
        for i in map(bisect_left, repeat(starts), map(_FIRST, _sentence_spans(text))):
            if i < n:
                initial[i] = True

    after_opening = falses.copy()
    for i in _indexes_at(starts, _match_spans(_OPENED_SPLIT, text)[1]):
        after_opening[i] = True

    # A digit next to a word is a decimal digit: any other digit (²) is a letter to WORD.
    touches_digit = falses.copy()
    digit_starts, digit_ends = _match_spans(_DIGITS_SPLIT, text)
    for i in (*_indexes_at(ends, digit_starts), *_indexes_at(starts, digit_ends)):
        touches_digit[i] = True

    is_elided = falses.copy()
    if cuts:
        elisions = list(map(bisect_left, repeat(ends), cuts))
        for i in elisions:
            is_elided[i] = True
        # An elision's next character is a letter to WORD, a digit maybe (l’²).
        for i in compress(elisions, map(str.isdigit, map(text.__getitem__, cuts))):
            touches_digit[i] = True

    all_caps = falses.copy()
    capitalised = list(map(str.isupper, map(_FIRST, words)))
    for i in compress(range(n), map(str.isupper, words)):
        if sum(map(str.isalpha, words[i])) > 1:
            all_caps[i] = True
            capitalised[i] = False

    technical = falses.copy()
    # Mojibake-looking stretches and lines of code, found once for the whole text.
    for bad_start, bad_end in _merged(badness_spans(text) + _code_lines(text)):
        first, stop = bisect_right(ends, bad_start), bisect_left(starts, bad_end)
        technical[first:stop] = [True] * max(0, stop - first)
    size = len(text)
    glue_starts, glue_ends = _match_spans(_GLUE_SPLIT, text)
    for i in {*_indexes_at(ends, glue_starts), *_indexes_at(starts, glue_ends)}:
        if not technical[i]:
            start, end = starts[i], ends[i]
            before = text[start - 1] if start > 0 else ""
            after = text[end] if end < size else ""
            technical[i] = _technical(text, start, end, before, after)

    return Tokens(
        words,
        starts,
        ends,
        initial,
        after_opening,
        touches_digit,
        is_elided,
        lowers,
        capitalised,
        all_caps,
        technical,
    )


_WORD_SPLIT = re.compile(r"([^\W\d_]++(?:[-'’][^\W\d_]++)*+(?:['’](?=\W|$))?)")
"""``WORD`` in a group, its repeats possessive: nothing after a run of letters or a joined
part can make the match fail, so giving them back is never tried; the engine then keeps
no backtracking state for them."""
_FIRST = itemgetter(0)
_MAKE_TOKEN = partial(tuple.__new__, Token)
"""A token from its fields, in C: ``Token(*fields)`` runs a Python ``__new__`` per token."""
_DIGITS_SPLIT = re.compile(r"(\d\d*)")
r"""Runs of digits. ``\d\d*``, not ``\d+``: a pattern opening with a character class is
scanned for quickly; behind a group and a repeat, every position is tried."""


def _match_spans(pattern: re.Pattern[str], text: str) -> tuple[list[int], list[int]]:
    """The starts and the ends of the matches of ``pattern`` (one group, around it all).

    Split, not finditer: the lengths of strings, added up in C, and no match object.
    """
    offsets = list(accumulate(map(len, pattern.split(text))))
    return offsets[0:-1:2], offsets[1::2]


def _lookup(offsets: list[int], positions: list[int]) -> tuple[list[int], list[bool]]:
    """For each position, an index in ``offsets`` (ascending) and whether that offset is the position.

    A binary search per position, in C: when the positions are fewer than the
    offsets (the openings, the digits of a text against its words), cheaper
    than a dictionary of every offset.
    """
    if not offsets:
        return [0] * len(positions), [False] * len(positions)
    last = len(offsets) - 1
    found = list(map(bisect_left, repeat(offsets), positions, repeat(0), repeat(last)))
    return found, list(map(eq, map(offsets.__getitem__, found), positions))


def _indexes_at(offsets: list[int], positions: list[int]) -> list[int]:
    """The indexes of those of ``offsets`` (ascending) that are among ``positions``."""
    return list(compress(*_lookup(offsets, positions)))


_INNER_APOSTROPHES_SPLIT = tuple(
    re.compile(f"({mark})(?<=[^\\W\\d_]{mark})(?=[^\\W\\d_])") for mark in "'’"
)
"""An apostrophe between two letters, inside a word: one pattern per apostrophe. A
pattern opening with one character is searched for as fast as ``str.find``; one
opening with a class of two, a character at a time."""
_LETTERS = re.compile(r"[^\W\d_]+")


def _elision_ends(text: str, starts: list[int], elided: frozenset[str]) -> list[int]:
    """Where the elisions of ``text`` end, after their apostrophe, in order.

    An elision is letters opening a word, one of ``elided`` once lower-cased,
    then an apostrophe and a letter (``l’Air``, ``qu’il``); what follows may
    open with another. The apostrophes inside words are found in one pass;
    the letters before each, from the word's start or the elision just cut,
    are then judged.
    """
    cuts: list[int] = []
    if not elided:
        return cuts
    straight, curly = (_match_spans(pattern, text)[0] for pattern in _INNER_APOSTROPHES_SPLIT)
    apostrophes = sorted(straight + curly)
    stopped = -1  # a word whose elisions have ended: its other apostrophes are skipped
    for apostrophe, word in zip(
        apostrophes, map(bisect_right, repeat(starts), apostrophes), strict=True
    ):
        if word == stopped:
            continue
        start = starts[word - 1]  # the word holding the apostrophe
        if cuts and cuts[-1] > start:
            start = cuts[-1]  # after an elision of the same word
        before = text[start:apostrophe]
        if before.lower() in elided and _LETTERS.fullmatch(before):
            cuts.append(apostrophe + 1)
        else:
            # Skipped, not judged: the letters before them would hold this
            # apostrophe, and a word of thousands would be judged thousands
            # of times, each time longer.
            stopped = word
    return cuts


def _cut(
    text: str, words: list[str], starts: list[int], ends: list[int], cuts: list[int]
) -> list[str]:
    """The words cut where an elision ends (``cuts``, ascending, each inside a word).

    The words between two cut ones are copied a slice at a time: inserting
    pieces one by one would be quadratic in the length of the text.
    """
    out: list[str] = []
    done = 0  # the words before this one are in out
    cursor = 0  # where the rest of the word being cut starts
    for cut, i in zip(cuts, map(bisect_right, repeat(starts), cuts), strict=True):
        i -= 1  # the word holding the cut
        if i >= done:  # a new word to cut: the previous one's rest first
            if done:
                out.append(text[cursor : ends[done - 1]])
            out += words[done:i]
            done, cursor = i + 1, starts[i]
        out.append(text[cursor:cut])
        cursor = cut
    out.append(text[cursor : ends[done - 1]])
    out += words[done:]
    return out


def badness_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ftfy's ``BADNESS_RE.finditer(text)``, searched only near the characters it needs.

    Every match holds a character of ``_BADNESS_NEEDS`` (the cleaner's
    prefilter, checked against ftfy's pattern by its tests) and is at most
    ``_BADNESS_WIDTH`` characters long, so a match can only start within that
    distance before one of them: the pattern is tried at those positions
    alone, in order, skipping what a match consumed, as ``finditer`` does.
    Most French text holds a few such characters (« and »), not one per word.

    >>> badness_spans("Lâ€™Ukraine a dit « non ».")
    [(1, 3)]
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for needed in _BADNESS_NEEDS.finditer(text):
        q = needed.start()
        p = max(cursor, q - _BADNESS_WIDTH + 1)
        while p <= q:
            m = BADNESS_RE.match(text, p)
            if m:
                spans.append(m.span())
                p = m.end()
            else:
                p += 1
        cursor = max(p, cursor)
    return spans


def pattern_widths(pattern: re.Pattern[str]) -> tuple[int, int]:
    """The shortest and the longest match of ``pattern``, read from the parsed pattern."""
    from corpuscheck.checks.translation.resources import _regex_parser

    low, high = _regex_parser().parse(pattern.pattern, pattern.flags).getwidth()
    return int(low), int(high)


_BADNESS_WIDTH = pattern_widths(BADNESS_RE)[1]


_JOINERS = "./@_\\=#~:+"
_SYNTAX = frozenset("{}<>|")
_GLUE = frozenset(_JOINERS) | _SYNTAX | {"\ufffd"}
"""The characters next to which a word may be technical: anything else, it is not."""
_GLUE_SPLIT = re.compile(
    "(["
    + re.escape("".join(sorted(_GLUE)))
    + "](?:(?<=["
    + re.escape("".join(sorted(_SYNTAX | {"\ufffd"})))
    + r"])|(?=[^\W_])))"
)
"""The glue characters that can make a word next to them technical: syntax, a replacement
character, a joiner before a letter or digit. A word before a joiner is technical only if
a letter or digit follows it, one after it starts with a letter: the periods ending
sentences, most joiners of a text, are not looked at. The pattern opens with one
character class, which the regular-expression engine scans for quickly."""


def _technical(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Glued to syntax, to a joiner inside a longer string, or to a replacement character.

    ``before`` and ``after`` are the characters around ``text[start:end]``
    ('' at either end of the text).
    """
    if before == "\ufffd" or after == "\ufffd":
        return True
    if before in _SYNTAX or after in _SYNTAX:
        return True  # {post,pre}, <tag>, a|b: markup and shell syntax
    if before and before in _JOINERS and start > 1 and text[start - 2].isalnum():
        return True
    return bool(after and after in _JOINERS and end + 1 < len(text) and text[end + 1].isalnum())


_CODE_CHARS = frozenset("{}();=<>#*|[]\\$/&")
_CODE_CHAR = re.compile("[" + re.escape("".join(sorted(_CODE_CHARS))) + "]")
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
_LINE = re.compile(r"[^\n]+")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")


def _code_lines(text: str) -> list[tuple[int, int]]:
    """Spans of code in prose: lines of code, options (``--help``, ``\\clef``), calls (``bind(2)``).

    A line with at least four characters of code syntax making a twentieth
    of it (``#include <linux/fs.h> /* pour … */``) is code as a whole.

    >>> text = "Voir bind(2), https://x.org/a et --help.\\nint main(void) { return 0; }"
    >>> [text[s:e] for s, e in _code_lines(text)]
    ['bind(2)', 'https://x.org/a', '--help', 'int main(void) { return 0; }']
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        body = line.group()
        # Each pattern runs only on lines holding a character it cannot match
        # without: scanning every word of prose for a "(" or an "@" after it
        # was most of the tokenizer's regular-expression time.
        address = "@" in body or "://" in body or "www." in body
        prose = _ADDRESS.sub("", body) if address else body
        syntax = len(_CODE_CHAR.findall(prose))  # one C loop, not one per character
        if syntax >= 4 and syntax * 20 >= len(body):
            spans.append(line.span())
            continue
        found = []
        if "-" in body or "\\" in body:
            found.append(_OPTION.finditer(body))
        if address:
            found.append(_ADDRESS.finditer(body))
        calls = _calls(body) if "(" in body else []
        if found or calls:
            offset = line.start()
            spans.extend((offset + m.start(), offset + m.end()) for ms in found for m in ms)
            spans.extend((offset + start, offset + end) for start, end in calls)
    return _merged(spans)


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


_OPENED_SPLIT = re.compile(r"([«“„‹‘\"(:\[—–][ \u00a0\u202f\t]*)")
"""Something opened, and the spaces after it: a word starting where this ends follows an opening."""


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]
