"""Quotation marks: the language's style, and marks a translation misplaced or left unpaired."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.translation.passages import foreign_sentences, in_foreign_sentence
from corpuscheck.checks.translation.resources import Profile, target_profile
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

OPENERS = {"«": "»", "“": "”", "‹": "›", "„": "“"}
CLOSERS = {"»", "”", "›"}
STRAIGHT = '"'

CURLY_SEVERITY = Severity.INFO
"""Curly quotes and guillemets misplaced or unpaired: a structure matter, counted through
the document verdict. Straight quotes ``"`` are a typing habit: always infos."""
MARKS = frozenset("«»“”‹›„" + STRAIGHT)

_SPACE = " \t\u00a0\u202f"
_LEFT_OPEN = _SPACE + "([{—–-/\n"
_RIGHT_CLOSE = _SPACE + ".,;:!?)]}…\n"


@dataclass(slots=True)
class _Mark:
    char: str
    pos: int  # offset in the document text
    role: str  # "open" or "close"
    reasons: list[str] = field(default_factory=list)
    start: int = 0
    end: int = 0


def _role(text: str, pos: int, straight_seen: int) -> str:
    char = text[pos]
    if char in CLOSERS:
        return "close"
    if char != STRAIGHT:
        return "open"
    left = pos == 0 or text[pos - 1] in _LEFT_OPEN
    right = pos + 1 >= len(text) or text[pos + 1] in _RIGHT_CLOSE
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "open" if straight_seen % 2 == 0 else "close"


_PARAGRAPH = re.compile(r"[^\n]+")


def _paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The lines of ``text`` (runs of characters other than line feeds) between ``start`` and
    ``end``: the paragraphs the check reads one by one."""
    return [m.span() for m in _PARAGRAPH.finditer(text, start, len(text) if end is None else end)]


def _marked_paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of :func:`_paragraphs` that hold a quotation mark, in order.

    Most paragraphs hold none (nine in ten of the benchmark's), and one
    without marks changes nothing but what is carried over from the paragraphs
    before (:func:`_carry_over`): the marks are found over the whole text at
    once, and only their paragraphs are read.

    >>> _marked_paragraphs("a\\n« b » « c »\\n\\nd\\ne “f”")
    [(2, 13), (17, 22)]

    The next mark is the nearest of each mark's next place, each found with
    ``str.find`` and looked for again only once its paragraph is read: a
    regular expression's set of characters is tried at every character of the
    text, some ten times slower.
    """
    found: list[tuple[int, int]] = []
    upcoming = {mark: at for mark in MARKS if (at := text.find(mark)) >= 0}
    while upcoming:
        pos = min(upcoming.values())
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        found.append((start, end))
        for mark, at in list(upcoming.items()):
            if at < end:  # in this paragraph: the next paragraph's first is after it
                at = text.find(mark, end)
                if at < 0:
                    del upcoming[mark]
                else:
                    upcoming[mark] = at
    return found


def _carry_over(text: str, carried: list[_Mark], start: int, end: int) -> list[_Mark]:
    """The marks still open after the paragraphs without marks between ``start`` and ``end``.

    A paragraph that holds no mark ends the open quotations (each is then
    *never closed*) unless it is a dialogue line (it opens with a dash) or
    only spaces; this is what the paragraph-by-paragraph reading does with it.
    """
    for p_start, p_end in _paragraphs(text, start, end) if carried else ():
        body = text[p_start:p_end].lstrip(_SPACE)
        if body[:1] not in "—–-":
            for mark in carried:
                mark.reasons.append("never closed")
            return []
    return carried


_QUOTED_SYMBOL = re.compile(r"[«“][ \u00a0\u202f]?(?:\S|[^\w\s]{2,3})[ \u00a0\u202f]?[»”]")


def _mentioned(text: str, pos: int, start: int, end: int) -> bool:
    """True when a mark is a symbol mentioned, not a quotation: spaces on both sides, or quoted.

    « " », « . » or a table of characters (A1 ” GUILLEMET) name the mark itself.
    """
    left = pos == start or text[pos - 1] in _SPACE
    right = pos + 1 >= end or text[pos + 1] in _SPACE
    return left and right


def _marks(text: str, start: int, end: int) -> list[_Mark]:
    marks: list[_Mark] = []
    straight = 0
    symbols = {
        p for m in _QUOTED_SYMBOL.finditer(text, start, end) for p in range(m.start(), m.end())
    }
    # Only the marks are visited, not every character.
    for pos in _mark_places(text, start, end):
        char = text[pos]
        if char == STRAIGHT and pos > 0 and text[pos - 1].isdigit():
            continue  # 27" is inches, not a quotation
        if pos in symbols or (char in "“”„" and _mentioned(text, pos, start, end)):
            continue
        role = _role(text, pos, straight)
        if char == STRAIGHT:
            straight += 1
        marks.append(_Mark(char, pos, role, start=pos, end=pos + 1))
    return marks


def _mark_places(text: str, start: int, end: int) -> list[int]:
    """Where the quotation marks of :data:`MARKS` stand between ``start`` and ``end``, in order.

    Each mark's places come from ``str.find`` (see :func:`_marked_paragraphs`).

    >>> _mark_places("« a » “b”", 0, 9), _mark_places("« a » “b”", 1, 8)
    ([0, 4, 6, 8], [4, 6])
    """
    places = []
    for mark in MARKS:
        at = text.find(mark, start, end)
        while at >= 0:
            places.append(at)
            at = text.find(mark, at + 1, end)
    places.sort()
    return places


def _word_before(text: str, pos: int, floor: int) -> re.Match[str] | None:
    """The word just before ``pos`` (not before ``floor``); its offsets are in ``text``."""
    # A window of the text, not a copy of text[floor:pos]: on a one-line
    # document such copies make the check quadratic.
    return _WORD_BEFORE.search(text, max(floor, pos - _WORD_WINDOW), pos)


_WORD_BEFORE = re.compile(r"(?<![\w-])([^\W\d_]+['’]?)[ \u00a0\u202f]*$")


_WORD_WINDOW = 64
"""How far back a word before a mark is looked for (a longer word is no word)."""


@document_check("translation.quote_structure")
@recorded("translation.quote_structure")
def quote_structure(doc: Document, config: Config) -> Iterator[Finding]:
    """Quotation marks misplaced or left unpaired by the translation.

    Read paragraph by paragraph, a mark is reported when:

    * a closing mark follows an article, a preposition or a conjunction
      (``arrêtant le” bain de sang``: a quotation does not end on *le*);
    * a closing mark is glued to the next word (``”bain``);
    * an opening mark is glued to the previous word or opens nothing
      (``non “.``);
    * a mark has no partner (an odd number of ``"``, a ``“`` never closed).
      A quotation may go on over several paragraphs when each new paragraph
      opens with the same mark again or with a dialogue dash (—).

    Straight quotes ``"`` are read as opening or closing from the spaces
    around them. Sentences in another language are left to the language
    checks. The evidence lists the reasons and the paragraph's counts.

    >>> from corpuscheck.model import Document
    >>> text = "Il a dit “ne dit pas” non “."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [(text[f.start:f.end], f.evidence["reasons"]) for f in quote_structure(doc, Config())]
    [('“.', ['opens nothing', 'never closed'])]
    """
    target = target_profile(doc)
    if target is None:
        return
    text = doc.text
    reported: list[_Mark] = []
    counts: dict[int, dict[str, int]] = {}
    carried: list[_Mark] = []
    read = 0  # where the paragraphs read so far end
    for p_start, p_end in _marked_paragraphs(text):
        carried = _carry_over(text, carried, read, p_start)
        read = p_end
        marks = _marks(text, p_start, p_end)
        body = text[p_start:p_end].lstrip(_SPACE)
        if carried:
            head = p_end - len(body)
            reopened = bool(marks) and marks[0].pos == head and marks[0].char == carried[-1].char
            if reopened:
                marks = marks[1:]  # the opening mark repeated at the head of the paragraph
            elif body[:1] not in "—–-":  # nor a dialogue line: the quotation was never closed
                for mark in carried:
                    mark.reasons.append("never closed")
                carried = []
        _local_rules(text, marks, target, p_start, p_end)
        carried = _pairing(marks, carried)
        paragraph_counts = dict(sorted(Counter(m.char for m in marks).items()))
        for mark in marks:  # counted once per paragraph: a one-line text has thousands of marks
            counts[mark.pos] = paragraph_counts
        reported.extend(marks)
    for mark in _carry_over(text, carried, read, len(text)):
        mark.reasons.append("never closed")
    flagged = sorted((m for m in reported if m.reasons), key=lambda m: m.pos)
    if not flagged:
        return
    # Only now: telling the foreign sentences apart is the costly part.
    foreign = foreign_sentences(text, target.code)
    for mark in flagged:
        if in_foreign_sentence(foreign, mark.pos):
            continue
        straight = mark.char == STRAIGHT
        yield doc.finding(
            "translation.quote_structure",
            Severity.INFO if straight else CURLY_SEVERITY,
            f"misplaced or unpaired quotation mark {mark.char}: {'; '.join(mark.reasons)}",
            mark.start,
            mark.end,
            evidence={
                "mark": mark.char,
                "strength": "straight" if straight else "curly",
                "reasons": mark.reasons,
                "paragraph_counts": counts.get(mark.pos, {}),
            },
        )


_AFTER_WINDOW = 256
"""How much text after a mark the local rules look at."""


def _local_rules(text: str, marks: list[_Mark], target: Profile, p_start: int, p_end: int) -> None:
    for mark in marks:
        pos = mark.pos
        # What follows the mark, up to a window: a copy to the paragraph's end
        # for every mark is quadratic on a one-line document.
        after = text[pos + 1 : min(p_end, pos + 1 + _AFTER_WINDOW)]
        if mark.role == "open":
            rest = after.lstrip(_SPACE)
            # « .deb », « .NET »: a dot glued to a word is a name, not a stray stop
            if not rest or (rest[0] in ".,;:!?" and not re.match(r"\.\w", rest)):
                mark.reasons.append("opens nothing")
                mark.end = pos + 1 + (len(after) - len(rest)) + (1 if rest else 0)
            if mark.char != STRAIGHT and pos > p_start and text[pos - 1].isalpha():
                mark.reasons.append("glued to the previous word")
                word = _word_before(text, pos, p_start)
                if word:
                    mark.start = word.start(1)
        else:
            if mark.char != STRAIGHT and after[:1].isalnum():
                mark.reasons.append("glued to the next word")
                nxt = re.match(r"\w+", after)
                mark.end = pos + 1 + (nxt.end() if nxt else 0)
            word = _word_before(text, pos, p_start)
            if word and word.group(1).lower().replace("’", "'") in target.closing_blockers:
                mark.reasons.append(f"closes right after {word.group(1)!r}")
                mark.start = word.start(1)


def _pairing(marks: list[_Mark], carried: list[_Mark]) -> list[_Mark]:
    """Pair opening and closing marks; return the marks still open at the end."""
    stack = list(carried)
    for mark in marks:
        if mark.role == "open":
            stack.append(mark)
            continue
        if stack and (OPENERS.get(stack[-1].char) == mark.char or stack[-1].char == mark.char):
            stack.pop()
        else:
            mark.reasons.append("closes a quotation never opened")
    return stack


@document_check("translation.quote_style")
def quote_style(doc: Document, config: Config) -> Iterator[Finding]:
    """Quotation marks of another language: “ ” or " in a French text, which uses « ».

    One finding per document, at the first foreign mark, with the count of
    each mark as evidence. Marks nested inside the language's own quotation
    marks (« … “ … ” … ») follow the language's rule for inner quotations
    and are not counted. A style matter, so an info.

    >>> from corpuscheck.model import Document
    >>> text = "Il a parlé d’un “massacre horrible” et d’un « cessez-le-feu »."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [(f.severity.value, f.evidence["found"]) for f in quote_style(doc, Config())]
    [('info', {'“': 1, '”': 1})]
    """
    target = target_profile(doc)
    if target is None or target.preferred_quotes is None:
        return
    opening, closing = target.preferred_quotes
    text = doc.text
    if not any(mark in text for mark in target.foreign_quotes):
        return  # nothing to count (four texts in five), told by scans in C, not line by line
    depth = 0
    first: int | None = None
    found: Counter[str] = Counter()
    for match in _quote_style_marks(opening, closing, target.foreign_quotes).finditer(text):
        pos, char = match.start(), match.group()
        if char == opening:
            depth += 1
        elif char == closing:
            depth = max(0, depth - 1)
        elif char == "\n":
            depth = 0 if not _continues(text, pos) else depth
        elif char in target.foreign_quotes and depth == 0:
            found[char] += 1
            if first is None:
                first = pos
    if first is None:
        return
    total = sum(found.values())
    marks = " ".join(sorted(found))
    yield doc.finding(
        "translation.quote_style",
        Severity.INFO,
        f"{total} quotation mark(s) {marks} where {target.code} text uses {opening} {closing}",
        first,
        first + 1,
        evidence={
            "expected": f"{opening} {closing}",
            "found": dict(sorted(found.items())),
            "count": total,
        },
    )


@cache
def _quote_style_marks(opening: str, closing: str, foreign: frozenset[str]) -> re.Pattern[str]:
    """The characters :func:`quote_style` acts on: it visits those, not every character."""
    return re.compile(
        "[" + "".join(re.escape(c) for c in sorted({opening, closing, "\n", *foreign})) + "]"
    )


def _continues(text: str, newline: int) -> bool:
    rest = text[newline + 1 : newline + 1 + _AFTER_WINDOW].lstrip(_SPACE)
    return rest[:1] in OPENERS
