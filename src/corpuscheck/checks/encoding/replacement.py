"""U+FFFD replacement characters: characters lost before the text reached us."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

_RUN = re.compile("\ufffd+")
_WORD_AROUND = re.compile(r"\S*\ufffd[\S\ufffd]*")


@document_check("encoding.replacement_character")
def replacement_character(doc: Document, config: Config) -> Iterator[Finding]:
    """Replacement characters (�, U+FFFD): a character was lost when the text was decoded.

    A decoder that meets bytes it cannot read puts U+FFFD in their place, so
    the letter that was there (often an accented one: ``d�clar�``) is gone
    for good and nothing can restore it. Each run of them is reported with
    the word it sits in. Those that the cleaner itself put in place of an
    undecodable mojibake sequence are already reported as mojibake.

    >>> from corpuscheck.model import Document
    >>> doc = Document("d", "d.txt", "Il a d\\ufffdclar\\ufffd", "Il a d\\ufffdclar\\ufffd")
    >>> [(f.start, f.end, f.evidence["word"]) for f in replacement_character(doc, Config())]
    [(6, 7, 'd�clar�'), (11, 12, 'd�clar�')]
    """
    text = doc.text
    if "\ufffd" not in text:
        return  # a scan in C; most texts have none (and one of Latin-1 needs no scan)
    words: list[re.Match[str]] | None = None
    for match in _RUN.finditer(text):
        start, end = doc.span(match.start(), match.end())
        if "\ufffd" not in doc.original[start:end]:
            continue  # put there by the cleaner: reported as mojibake
        if words is None:
            words = list(_WORD_AROUND.finditer(text))
        word = _word_around(words, match)
        yield doc.finding(
            "encoding.replacement_character",
            Severity.ERROR,
            f"{len(match.group())} replacement character(s) in {word!r}: the original "
            "character was lost in decoding",
            match.start(),
            match.end(),
            evidence={"count": len(match.group()), "word": word},
        )


def _word_around(words: list[re.Match[str]], run: re.Match[str]) -> str:
    """The text of the match of ``words`` (:data:`_WORD_AROUND`'s, in order) that holds the start
    of ``run``, else the run itself.

    The matches do not overlap and are in order: the only one that may hold
    the run's start is the last that starts at or before it, found by
    bisection, where scanning the text again for each run made a text with
    many runs quadratic.

    >>> text = "d\ufffdclar\ufffd et \ufffd"
    >>> words = list(_WORD_AROUND.finditer(text))
    >>> [_word_around(words, run) for run in _RUN.finditer(text)]
    ['d�clar�', 'd�clar�', '�']
    """
    at = run.start()
    found = bisect_right(words, at, key=re.Match.start) - 1
    if found >= 0 and at < words[found].end():
        return words[found].group()
    return run.group()
