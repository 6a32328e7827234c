"""Lines of absurd length: a whole document on one line, or lines broken mid-sentence."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import ends_sentence, lines
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

MAX_LINE_CHARS = 2500
"""A paragraph of news or prose rarely passes 1,500 characters; past this a line is several."""

MIN_BROKEN_LINES = 3
"""Fewer lines broken mid-sentence than this may be accidents, not a hard-wrapped text."""

BROKEN_SHARE = 0.5
"""Share of the lines that must break mid-sentence for the text to be hard-wrapped."""

_CONTINUES = re.compile(r"^\s*[a-zà-öø-ÿœ(«“\"']|^\s*\d")


@document_check(
    "structure.line_length",
    rules=["structure.line_length", "structure.broken_lines"],
)
def line_length(doc: Document, config: Config) -> Iterator[Finding]:
    """Lines of absurd length: thousands of characters on one line, or lines broken mid-sentence.

    A text whose paragraph breaks were lost arrives as one line of several
    thousand characters (``structure.line_length``, past 2,500 characters);
    a text copied from a PDF, an e-mail or a terminal is hard-wrapped, its
    lines broken every 60 or 70 characters in the middle of sentences
    (``structure.broken_lines``: at least three lines, half of them or more,
    end mid-sentence and the next one goes on in lower case). Both break
    sentence and paragraph segmentation downstream.

    >>> from corpuscheck.model import Document
    >>> text = "Phrase assez longue. " * 150
    >>> [(f.rule, f.evidence["length"]) for f in line_length(
    ...     Document("d", "d.txt", text, text), Config())]
    [('structure.line_length', 3150)]
    """
    all_lines = list(lines(doc.text))
    for line in all_lines:
        if len(line.text) > MAX_LINE_CHARS:
            sentence_ends = len(re.findall(r"[.!?…](?:\s|$)", line.text))
            yield doc.finding(
                "structure.line_length",
                Severity.WARNING,
                f"line of {len(line.text)} characters ({sentence_ends} sentences): "
                "paragraph breaks were probably lost",
                line.start,
                line.end,
                evidence={
                    "length": len(line.text),
                    "limit": MAX_LINE_CHARS,
                    "sentences": sentence_ends,
                },
            )
    content = [line for line in all_lines if line.text.strip()]
    # The cheapest test first: few lines are followed by one opening in lower case, and only
    # theirs are split into words and searched for a sentence's end.
    broken = [
        line
        for line, following in itertools.pairwise(content)
        if following.start - line.end <= 2
        and _CONTINUES.match(following.text)
        and not ends_sentence(line.text)
        and len(line.words) >= 3
    ]
    if len(broken) >= MIN_BROKEN_LINES and len(broken) >= BROKEN_SHARE * (len(content) - 1):
        lengths = [len(line.text) for line in content]
        yield doc.finding(
            "structure.broken_lines",
            Severity.WARNING,
            f"{len(broken)} of {len(content)} lines break in the middle of a sentence "
            f"(lines of about {int(statistics.median(lengths))} characters): the text is "
            "hard-wrapped",
            broken[0].start,
            broken[-1].end,
            evidence={
                "broken_lines": len(broken),
                "lines": len(content),
                "median_length": int(statistics.median(lengths)),
                "max_length": max(lengths),
            },
        )
