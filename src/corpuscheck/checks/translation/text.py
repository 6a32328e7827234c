"""Tokens and sentences, found with regular expressions (deterministic, no model).

Tokens are runs of letters joined by hyphens or apostrophes (``cessez-le-feu``,
``aujourd’hui``); a French elided article or pronoun (``l’``, ``qu’``,
``jusqu’``) is split off as its own token so that ``l’Air`` yields ``l’`` and
``Air``. Each token knows whether it opens its sentence, whether it follows an
opening quotation mark and whether digits touch it (``1er``, ``XIVe``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ftfy.badness import BADNESS_RE

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


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its characters and offsets, and where it stands.

    ``lower`` is the word lower-cased with ’ read as '; ``capitalised`` means
    a first capital in a word not written all in capitals (``all_caps``).
    ``technical`` marks a piece of an identifier, an address or a damaged
    word: glued to a dot, slash, @ or underscore inside a longer string
    (``docs.example.org``), or touching a replacement character (``s�lection``).
    """

    text: str
    start: int
    end: int
    index: int
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
        for m in re.finditer(r"[^-]+", self.text):
            out.append((m.group(), self.start + m.start(), self.start + m.end()))
        return out


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
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
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
    return [trimmed for s, e in spans if (trimmed := _trim(text, s, e))[0] < trimmed[1]]


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


def _abbreviation_before(body: str, dot: int) -> bool:
    # A window, not body[:dot]: on a one-line document that copy is quadratic.
    word = re.search(r"([^\W\d_]+)$", body[max(0, dot - 64) : dot])
    if not word:
        return False
    w = word.group(1)
    return (len(w) == 1 and w.isupper()) or w.lower() in _ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokenize(text: str, elisions: Iterable[str] = ()) -> tuple[Token, ...]:
    """The word tokens of ``text``, with their sentence and quote context.

    >>> [t.text for t in tokenize("L’Air Force de l’Ukraine a-t-il 1er", {"l"})]
    ['L’', 'Air', 'Force', 'de', 'l’', 'Ukraine', 'a-t-il', 'er']
    >>> [t.sentence_initial for t in tokenize("Oui. Non, dit-il.")]
    [True, True, False]
    """
    return _tokenize(text, frozenset(elisions))


@lru_cache(maxsize=8)
def _tokenize(text: str, elided: frozenset[str]) -> tuple[Token, ...]:
    # Cached: the translation checks of one document tokenize the same text.
    starts = {s for s, _ in sentence_spans(text)}
    sentence_starts = sorted(starts)
    # Mojibake-looking stretches and lines of code, found once for the whole text.
    bad = _merged([m.span() for m in BADNESS_RE.finditer(text)] + _code_lines(text))
    tokens: list[Token] = []
    next_start = 0
    sentence_open = True
    for m in WORD.finditer(text):
        pieces = _split_elision(m.group(), m.start(), elided)
        for piece, start, end, is_elided in pieces:
            while next_start < len(sentence_starts) and sentence_starts[next_start] <= start:
                next_start += 1
                sentence_open = True
            before = text[start - 1] if start > 0 else ""
            after = text[end] if end < len(text) else ""
            all_caps = piece.isupper() and sum(c.isalpha() for c in piece) > 1
            tokens.append(
                Token(
                    text=piece,
                    start=start,
                    end=end,
                    index=len(tokens),
                    sentence_initial=sentence_open,
                    after_opening=_after_opening(text, start),
                    touches_digit=before.isdigit() or after.isdigit(),
                    elided=is_elided,
                    lower=piece.lower().replace("’", "'"),
                    capitalised=piece[:1].isupper() and not all_caps,
                    all_caps=all_caps,
                    technical=_technical(text, start, end, bad),
                )
            )
            sentence_open = False
    return tuple(tokens)


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


def _technical(text: str, start: int, end: int, bad: list[tuple[int, int]]) -> bool:
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if "\ufffd" in (before, after) or _overlaps(bad, start, end):
        return True
    if {before, after} & _SYNTAX:
        return True  # {post,pre}, <tag>, a|b: markup and shell syntax
    if before and before in _JOINERS and start > 1 and text[start - 2].isalnum():
        return True
    return bool(after and after in _JOINERS and end + 1 < len(text) and text[end + 1].isalnum())


_CODE_CHARS = frozenset("{}();=<>#*|[]\\$/&")
_OPTION = re.compile(r"(?:^|(?<=[\s(\[|,]))--?[^\W\d_][\w-]*|\\[^\W\d_][\w-]*")
_CALL = re.compile(r"[^\W\d_][\w.]*\((?:\d\w*|\w*)\)")
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
    for line in re.finditer(r"[^\n]+", text):
        body = line.group()
        syntax = sum(c in _CODE_CHARS for c in _ADDRESS.sub("", body))
        if syntax >= 4 and syntax * 20 >= len(body):
            spans.append(line.span())
            continue
        spans.extend(
            (line.start() + m.start(), line.start() + m.end()) for m in _OPTION.finditer(body)
        )
        spans.extend(
            (line.start() + m.start(), line.start() + m.end()) for m in _CALL.finditer(body)
        )
        spans.extend(
            (line.start() + m.start(), line.start() + m.end()) for m in _ADDRESS.finditer(body)
        )
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


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when one of the sorted, disjoint ``spans`` overlaps ``start..end``."""
    i = bisect.bisect_right(spans, (start, 1 << 62)) - 1  # last span starting at or before
    if i >= 0 and spans[i][1] > start:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end


def _after_opening(text: str, start: int) -> bool:
    """True when the nearest non-space character before ``start`` opens something."""
    i = start - 1
    while i >= 0 and text[i] in " \u00a0\u202f\t":
        i -= 1
    return i >= 0 and text[i] in '«“„‹‘"(:[—–'


def gap(text: str, left: Token, right: Token) -> str:
    """The characters between two tokens."""
    return text[left.end : right.start]
