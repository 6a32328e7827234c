"""Invisible characters: zero-width spaces, direction marks, soft hyphens."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

INVISIBLE = {
    "\u00ad": "SOFT HYPHEN",
    "\u034f": "COMBINING GRAPHEME JOINER",
    "\u061c": "ARABIC LETTER MARK",
    "\u115f": "HANGUL CHOSEONG FILLER",
    "\u1160": "HANGUL JUNGSEONG FILLER",
    "\u180e": "MONGOLIAN VOWEL SEPARATOR",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2060": "WORD JOINER",
    "\u2061": "FUNCTION APPLICATION",
    "\u2062": "INVISIBLE TIMES",
    "\u2063": "INVISIBLE SEPARATOR",
    "\u2064": "INVISIBLE PLUS",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u3164": "HANGUL FILLER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
    "\uffa0": "HALFWIDTH HANGUL FILLER",
}
"""Characters that show nothing, that ftfy's cleaning leaves in place, by name."""

_RUN = re.compile(f"[{''.join(INVISIBLE)}]+")
_JOINERS = {"\u200c", "\u200d"}


def _needed(text: str, start: int, end: int) -> bool:
    """A joiner between two characters of a script or emoji sequence that uses it."""
    if not set(text[start:end]) <= _JOINERS or start == 0 or end >= len(text):
        return False
    before, after = text[start - 1], text[end]
    for char in (before, after):
        if unicodedata.category(char) in ("So", "Sk") or 0x1F000 <= ord(char) <= 0x1FAFF:
            return True
        name = unicodedata.name(char, "")
        if not name.startswith(("LATIN", "DIGIT", "SPACE")) and char.isalpha():
            return True  # Arabic, Persian, Indic scripts join or break letters with them
    return False


@document_check("encoding.invisible_character")
def invisible_character(doc: Document, config: Config) -> Iterator[Finding]:
    """Invisible characters (zero-width space, direction marks, soft hyphen) inside the text.

    They show nothing, yet they split words for every tool that reads the
    text (``sé\\u200bcurité`` is not ``sécurité`` to a search engine or a
    tokenizer) and direction overrides can make a text display differently
    from what it says. They come from copying web pages and PDFs. The
    cleaner does not remove them, since some are meaningful in scripts that
    need them: a zero-width joiner inside an emoji sequence or between
    Arabic or Indic letters is not reported.

    >>> from corpuscheck.model import Document
    >>> text = "la sé\\u200bcurité"
    >>> [(f.start, f.evidence["characters"]) for f in invisible_character(
    ...     Document("d", "d.txt", text, text), Config())]
    [(5, ['U+200B ZERO WIDTH SPACE'])]
    """
    if not any(map(doc.text.__contains__, INVISIBLE)):
        # Most texts: a search for each character (none above U+00FF can be in a text
        # without any, which Python knows at once) costs a fifth of the pattern's scan.
        return
    for match in _RUN.finditer(doc.text):
        start, end = match.span()
        if start == 0 and match.group() == "\ufeff":
            continue  # a byte-order mark: the cleaner reports it
        if _needed(doc.text, start, end):
            continue
        names = [f"U+{ord(c):04X} {INVISIBLE[c]}" for c in dict.fromkeys(match.group())]
        override = any(c in "\u202d\u202e" for c in match.group())
        yield doc.finding(
            "encoding.invisible_character",
            Severity.WARNING,
            f"invisible character {', '.join(names)}"
            + (" (reverses the text's display direction)" if override else ""),
            start,
            end,
            evidence={"characters": names, "count": end - start},
        )
