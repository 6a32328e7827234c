"""Documents with nothing to read once invisible characters are set aside."""

from __future__ import annotations

from collections.abc import Iterator

from corpuscheck.checks.encoding.invisible import INVISIBLE
from corpuscheck.checks.registry import document_check
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

_ASCII_SPACE = " \t\n\r\x0b\x0c"


@document_check("structure.empty_text", rules=["structure.empty"])
def empty_text(doc: Document, config: Config) -> Iterator[Finding]:
    """The document holds no visible character: only spaces, byte-order marks or invisible characters.

    The reader reports files that are empty or hold only ASCII white space;
    this catches those whose only content is something that shows nothing:
    a byte-order mark, non-breaking spaces, zero-width characters.

    >>> from corpuscheck.model import Document
    >>> [f.rule for f in empty_text(Document("d", "d.txt", "\\u00a0\\u200b\\n", "\\u00a0\\u200b\\n"), Config())]
    ['structure.empty']
    """
    if not doc.readable or not doc.original.strip(_ASCII_SPACE):
        return  # unreadable, or empty as read: the reader reported it
    # Stops at the first visible character (a list of all of them cost a
    # pass over every document).
    if any(not c.isspace() and c not in INVISIBLE for c in doc.text):
        return
    shown = sorted(
        {f"U+{ord(c):04X}" for c in doc.original if not c.isspace() or c not in _ASCII_SPACE}
    )
    yield doc.finding(
        "structure.empty",
        Severity.ERROR,
        f"{doc.file} has no visible text (only {', '.join(shown[:5])})",
        0,
        len(doc.text),
        evidence={"characters": shown, "length": len(doc.original)},
    )
