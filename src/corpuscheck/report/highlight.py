"""Turn a text and the spans found in it into escaped HTML with ``<mark>`` elements.

Every character of the text comes out escaped, exactly once and in order, so
stripping the tags and unescaping gives the text back. Spans may nest, cross,
touch or be empty:

* a span inside another becomes a ``<mark>`` inside the other's ``<mark>``;
* two spans that cross cannot nest, so the later one is cut where the
  earlier one ends: it is drawn as two ``<mark>`` pieces (the second one
  without the ``id``, and with ``data-cont``), and the HTML stays valid;
* an empty span (``start == end``) becomes an empty ``<mark>`` at its
  position, so a link to it still lands somewhere.

>>> print(highlight("a<b>c", [Highlight(1, 4, (("class", "x"),), anchor="m1")]))
a<mark class="x" id="m1">&lt;b&gt;</mark>c
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span to highlight: ``text[start:end]``.

    ``attrs`` are put on every ``<mark>`` piece of the span (the values are
    escaped); ``anchor`` is the ``id`` of its first piece.
    """

    start: int
    end: int
    attrs: tuple[tuple[str, str], ...] = ()
    anchor: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        for name, _ in self.attrs:
            if not _ATTRIBUTE_NAME.fullmatch(name) or name == "id":
                raise ValueError(f"bad attribute name {name!r}")


def segments(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, tuple[int, ...]]]:
    """Cut ``text`` at every span boundary: pieces with the indices of the spans covering them.

    Spans are clamped to the text; empty spans cover nothing.

    >>> segments("abcdef", [(1, 4), (2, 5)])
    [('a', ()), ('b', (0,)), ('cd', (0, 1)), ('e', (1,)), ('f', ())]
    >>> segments("", [])
    []
    """
    size = len(text)
    clamped = [(min(s, size), min(e, size)) for s, e in spans]
    bounds = sorted({0, size, *(s for s, _ in clamped), *(e for _, e in clamped)})
    starting: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(clamped):
        if s < e:
            starting.setdefault(s, []).append(i)
    active: set[int] = set()
    pieces = []
    for a, b in pairwise(bounds):
        active = {i for i in active if clamped[i][1] > a} | set(starting.get(a, ()))
        pieces.append((text[a:b], tuple(sorted(active))))
    return pieces


def _open(span: Highlight, *, first: bool) -> str:
    attrs = list(span.attrs)
    if first and span.anchor is not None:
        attrs.append(("id", span.anchor))
    if not first:
        attrs.append(("data-cont", ""))
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs)
    return f"<mark{rendered}>"


def highlight(text: str, spans: Sequence[Highlight]) -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark>`` (see the module docstring).

    >>> h = [Highlight(0, 3, anchor="a"), Highlight(2, 5, anchor="b")]
    >>> print(highlight("01234567", h))
    <mark id="a">01<mark id="b">2</mark></mark><mark data-cont="">34</mark>567
    """
    size = len(text)
    pieces = segments(text, [(s.start, s.end) for s in spans])
    empty: dict[int, list[int]] = {}
    for i, s in enumerate(spans):
        if min(s.start, size) == min(s.end, size):
            empty.setdefault(min(s.start, size), []).append(i)

    def nesting(i: int) -> tuple[int, int, int]:
        # Outer spans first: earlier start, then longer, then given order.
        return (spans[i].start, -spans[i].end, i)

    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    position = 0
    for piece, covering in pieces:
        wanted = sorted(covering, key=nesting)
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out.extend("</mark>" for _ in stack[keep:])
        for i in wanted[keep:]:
            out.append(_open(spans[i], first=i not in opened))
            opened.add(i)
        stack = wanted
        out.extend(_open(spans[i], first=True) + "</mark>" for i in empty.pop(position, ()))
        out.append(str(escape(piece)))
        position += len(piece)
    out.extend("</mark>" for _ in stack)
    for i in empty.pop(position, ()):
        out.append(_open(spans[i], first=True) + "</mark>")
    return Markup("".join(out))
