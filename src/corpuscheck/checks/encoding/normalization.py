"""Text in decomposed Unicode form (NFD): accents as separate combining marks."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import is_nfc, lines
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

MAX_EXAMPLES = 5


def _points(text: str) -> str:
    """Code points, as they are invisible in the text: ``U+0065 U+0301``."""
    return " ".join(f"U+{ord(c):04X}" for c in text)


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a base character with the combining marks after it, not in NFC form."""
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = text[i:j]
        if (j > i + 1 or not piece.isascii()) and not unicodedata.is_normalized("NFC", piece):
            yield i, j
        i = j


@document_check("encoding.unnormalized")
def unnormalized(doc: Document, config: Config) -> Iterator[Finding]:
    """Characters not in Unicode's composed form (NFC): ``é`` written as ``e`` + a combining accent.

    The two forms look the same but compare different: a search for
    ``été`` does not find ``e\\u0301te\\u0301``, counts of characters are off
    and tokenizers split such words. Text copied from macOS file names and
    some PDF exports is decomposed (NFD). Reported once per line, with how
    many characters are concerned; the text is not changed (normalizing is
    a decision for whoever publishes the corpus).

    >>> from corpuscheck.model import Document
    >>> text = "Un e\\u0301te\\u0301 chaud.\\nRien."
    >>> [(f.start, f.end, f.evidence["count"]) for f in unnormalized(
    ...     Document("d", "d.txt", text, text), Config())]
    [(3, 8, 2)]
    """
    text = doc.text
    if is_nfc(text):  # asked once per document: duplicate.exact and caption credits ask too
        return
    for line in lines(text):
        found = [(line.start + a, line.start + b) for a, b in _clusters(line.text)]
        if not found:
            continue
        examples = []
        for a, b in found[:MAX_EXAMPLES]:
            examples.append(
                f"{_points(text[a:b])} → {_points(unicodedata.normalize('NFC', text[a:b]))}"
            )
        yield doc.finding(
            "encoding.unnormalized",
            Severity.WARNING,
            f"{len(found)} character(s) in decomposed form (not NFC), e.g. {examples[0]}",
            found[0][0],
            found[-1][1],
            evidence={"count": len(found), "examples": examples, "form": "NFD"},
        )
