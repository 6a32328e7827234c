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

_BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]*[»”\"’')\]])*(?=\s)")
_ELISION = re.compile(r"([^\W\d_]+)['’](?=[^\W\d_])")
_NEXT_STARTS = re.compile(r"\s+(\S)")
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
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        offset = line.start()
        body = line.group()
        start = 0
        for m in _BOUNDARY.finditer(body):
            end = m.end()
            following = _NEXT_STARTS.match(body, end)
            if not following or not _starts_sentence(following.group(1)):
                continue
            if m.start() > 0 and body[m.start() - 1] in "([":
                continue  # an elision mark: (...) or [...]
            if m.group().startswith(".") and _abbreviation_before(body, m.start()):
                continue
            spans.append((offset + start, offset + end))
            start = end
        spans.append((offset + start, offset + len(body)))
    return tuple(trimmed for s, e in spans if (trimmed := _trim(text, s, e))[0] < trimmed[1])


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


_LAST_WORD = re.compile(r"[^\W\d_]+$")


def _abbreviation_before(body: str, dot: int) -> bool:
    # A window, not body[:dot]: on a one-line document that copy is quadratic.
    word = _LAST_WORD.search(body, max(0, dot - 64), dot)
    if not word:
        return False
    w = word.group()
    return (len(w) == 1 and w.isupper()) or w.lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    # strip() drops what isspace() calls space: two C loops, not one Python step per space.
    span = text[start:end]
    kept = span.strip()
    if not kept:
        return end, end
    first = start + len(span) - len(span.lstrip())
    return first, first + len(kept)


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
    is_elided: list[bool] | None = None
    split = _apostrophe_words(text, starts, ends)
    if split:
        words, starts, ends, pieces = _split_elisions(words, starts, ends, split, elided)
        is_elided = [False] * len(words)
        lowers = list(map(str.lower, words))
        for i, piece_elided in pieces:
            is_elided[i] = piece_elided
            lowers[i] = lowers[i].replace("’", "'")
    else:
        lowers = list(map(str.lower, words))
    n = len(words)
    falses = [False] * n
    start_index = dict(zip(starts, range(n), strict=True))
    end_index = dict(zip(ends, range(n), strict=True))

    initial = falses.copy()
    if n:
        initial[0] = True
    for start, _ in _sentence_spans(text):
        # The first word at or after a sentence's start opens it.
        i = bisect_left(starts, start)
        if i < n:
            initial[i] = True

    after_opening = falses.copy()
    for m in _OPENED.finditer(text):
        if (i := start_index.get(m.end(), -1)) >= 0:
            after_opening[i] = True

    # A digit next to a word is a decimal digit: any other digit (²) is a letter to WORD.
    touches_digit = falses.copy()
    for m in _DIGITS.finditer(text):
        if (i := end_index.get(m.start(), -1)) >= 0:
            touches_digit[i] = True
        if (i := start_index.get(m.end(), -1)) >= 0:
            touches_digit[i] = True
    if split:
        # An elided article's next character is a letter to WORD, a digit maybe (l’²).
        for i, piece_elided in pieces:
            if piece_elided:
                touches_digit[i] = text[ends[i]].isdigit() or (
                    starts[i] > 0 and text[starts[i] - 1].isdigit()
                )

    all_caps = falses.copy()
    capitalised = list(map(str.isupper, map(_FIRST, words)))
    for i in compress(range(n), map(str.isupper, words)):
        if sum(c.isalpha() for c in words[i]) > 1:
            all_caps[i] = True
            capitalised[i] = False

    technical = falses.copy()
    # Mojibake-looking stretches and lines of code, found once for the whole text.
    for bad_start, bad_end in _merged(badness_spans(text) + _code_lines(text)):
        first, stop = bisect_right(ends, bad_start), bisect_left(starts, bad_end)
        technical[first:stop] = [True] * max(0, stop - first)
    size = len(text)
    for m in _GLUE_CHARS.finditer(text):
        for i in (end_index.get(m.start(), -1), start_index.get(m.end(), -1)):
            if i >= 0 and not technical[i]:
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
        is_elided or falses,
        lowers,
        capitalised,
        all_caps,
        technical,
    )


_WORD_SPLIT = re.compile(f"({WORD.pattern})")
_FIRST = itemgetter(0)
_MAKE_TOKEN = partial(tuple.__new__, Token)
"""A token from its fields, in C: ``Token(*fields)`` runs a Python ``__new__`` per token."""
_DIGITS = re.compile(r"\d+")
_APOSTROPHES = re.compile("['’]")


def _apostrophe_words(text: str, starts: list[int], ends: list[int]) -> list[int]:
    """The indexes of the words holding an apostrophe, in order."""
    found: dict[int, None] = {}
    for m in _APOSTROPHES.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < ends[i]:
            found[i] = None
    return list(found)


def _split_elisions(
    words: list[str], starts: list[int], ends: list[int], split: list[int], elided: frozenset[str]
) -> tuple[list[str], list[int], list[int], list[tuple[int, bool]]]:
    """The words with their elisions split off, and each new piece's index and whether it is elided.

    The words between two split ones are copied a slice at a time: inserting
    pieces one by one would be quadratic in the length of the text.
    """
    out_words: list[str] = []
    out_starts: list[int] = []
    out_ends: list[int] = []
    pieces: list[tuple[int, bool]] = []
    done = 0
    for i in split:
        out_words += words[done:i]
        out_starts += starts[done:i]
        out_ends += ends[done:i]
        for piece, start, end, is_elided in _split_elision(words[i], starts[i], elided):
            pieces.append((len(out_words), is_elided))
            out_words.append(piece)
            out_starts.append(start)
            out_ends.append(end)
        done = i + 1
    out_words += words[done:]
    out_starts += starts[done:]
    out_ends += ends[done:]
    return out_words, out_starts, out_ends, pieces


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


def _split_elision(
    word: str, start: int, elisions: frozenset[str]
) -> list[tuple[str, int, int, bool]]:
    if "'" not in word and "’" not in word:
        return [(word, start, start + len(word), False)]
    out: list[tuple[str, int, int, bool]] = []
    while True:
        m = _ELISION.match(word)
        if not m or m.group(1).lower() not in elisions:
            break
        out.append((word[: m.end()], start, start + m.end(), True))
        start += m.end()
        word = word[m.end() :]
    if word:
        out.append((word, start, start + len(word), False))
    return out


_JOINERS = "./@_\\=#~:+"
_SYNTAX = frozenset("{}<>|")
_GLUE = frozenset(_JOINERS) | _SYNTAX | {"\ufffd"}
"""The characters next to which a word may be technical: anything else, it is not."""
_GLUE_CHARS = re.compile("[" + re.escape("".join(sorted(_GLUE))) + "]")


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
_CALL = re.compile(r"[^\W\d_][\w.]*\((?:\d\w*|\w*)\)")
_CALL_TAIL = re.compile(r"\((?:\d\w*|\w*)\)")
"""What every call ends with: ``(2)``, ``()``. Searched first, as it opens with a literal;
prose's brackets hold spaces, so most lines stop there."""
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
        if "(" in body and _CALL_TAIL.search(body):
            found.append(_CALL.finditer(body))
        if address:
            found.append(_ADDRESS.finditer(body))
        if found:
            offset = line.start()
            spans.extend((offset + m.start(), offset + m.end()) for ms in found for m in ms)
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, overlapping spans joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_OPENED = re.compile(r"[«“„‹‘\"(:\[—–][ \u00a0\u202f\t]*")
"""Something opened, and the spaces after it: a word starting where this ends follows an opening."""


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]
