"""U+FFFD replacement characters: characters lost before the text reached us."""

from __future__ import annotations

import re
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
    for match in _RUN.finditer(doc.text):
        start, end = doc.span(match.start(), match.end())
        if "\ufffd" not in doc.original[start:end]:
            continue  # put there by the cleaner: reported as mojibake
        word = next(
            (
                w.group()
                for w in _WORD_AROUND.finditer(doc.text)
                if w.start() <= match.start() < w.end()
            ),
            match.group(),
        )
        yield doc.finding(
            "encoding.replacement_character",
            Severity.ERROR,
            f"{len(match.group())} replacement character(s) in {word!r}: the original "
            "character was lost in decoding",
            match.start(),
            match.end(),
            evidence={"count": len(match.group()), "word": word},
        )
