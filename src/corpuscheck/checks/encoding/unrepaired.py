"""Encoding damage the cleaner left in place: mojibake it could not undo, HTML entities."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ftfy.badness import badness

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import lines
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z][A-Za-z0-9]{1,30});")

# Sequences that UTF-8 text read as Windows-1252 or Latin-1 produces and that
# no French (or other Latin-script) text contains: Ã or Â followed by a
# Latin-1 symbol or letter, â€ followed by its third byte.
_MOJIBAKE = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
    "|Â[\u00a0-\u00bf]"
    "|â€[\u0080-\u00bf\u0153\u0161\u017e\u2013-\u203a\u20ac\u2122\ufffd]?"
    "|Ã\ufffd|ï»¿"
    # œ, Œ, š read as Windows-1252: cÅ“ur, Å’uvre
    "|Å[\u0152\u0153\u0160\u0161\u0178\u2018-\u201e\u00a1-\u00bf]"
)

_MOJIBAKE_FIRST = "ÃÂâïÅ"
"""The characters every sequence of :data:`_MOJIBAKE` starts with."""


@document_check(
    "encoding.unrepaired",
    rules=["encoding.unrepaired_mojibake", "encoding.unrepaired_entity"],
)
def unrepaired(doc: Document, config: Config) -> Iterator[Finding]:
    """Mojibake or HTML entities still in the cleaned text: damage the cleaner could not undo.

    The cleaner repairs what it can tell for sure; it leaves HTML entities
    alone in a text that also holds markup (``&amp;`` may be meant there),
    and mojibake whose bytes were partly lost (``Ã\\ufffd``) or mixed with
    clean text in a way it cannot decode. What remains is reported here, not
    changed: a person has to look. Mojibake is found by its tell-tale
    sequences (``Ã©``, ``â€™``, ``Â«``) and ftfy's own measure of badness.

    >>> from corpuscheck.model import Document
    >>> text = "<p>Trump &amp; Poutine</p> d\\u00c3\\ufffdclar\\u00c3\\u00a9"
    >>> [f.rule for f in unrepaired(Document("d", "d.txt", text, text), Config())]
    ['encoding.unrepaired_entity', 'encoding.unrepaired_mojibake']
    """
    for match in _ENTITY.finditer(doc.text):
        decoded = html.unescape(match.group())
        if decoded == match.group():
            continue  # not an entity HTML knows
        yield doc.finding(
            "encoding.unrepaired_entity",
            Severity.WARNING,
            f"HTML entity {match.group()!r} (for {decoded!r}) left in the text",
            match.start(),
            match.end(),
            evidence={"entity": match.group(), "stands_for": decoded},
        )
    if not any(map(doc.text.__contains__, _MOJIBAKE_FIRST)):
        return  # most texts: no line could hold a sequence (a search for each first character)
    for line in lines(doc.text):
        found = list(_MOJIBAKE.finditer(line.text))
        if not found:
            continue
        start, end = line.start + found[0].start(), line.start + found[-1].end()
        yield doc.finding(
            "encoding.unrepaired_mojibake",
            Severity.ERROR,
            f"mojibake the cleaner could not repair: {', '.join(repr(m.group()) for m in found[:5])}",
            start,
            end,
            evidence={
                "sequences": [m.group() for m in found[:10]],
                "count": len(found),
                "badness": badness(line.text),
            },
        )
