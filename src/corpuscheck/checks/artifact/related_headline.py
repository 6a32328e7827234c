"""Links to other articles ("Lire aussi", "VIDÉO -", "Read more") left in the body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import lines, lower_case
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

MARKERS = (
    "lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également",
    "a lire également", "lire la suite", "à lire", "a lire", "voir aussi", "à voir aussi",
    "a voir aussi", "voir également", "à voir également", "à voir", "a voir", "à découvrir",
    "a découvrir", "découvrir aussi", "à écouter", "a écouter", "sur le même sujet",
    "dans la même rubrique", "notre dossier", "nos articles", "notre article", "lire notre article",
    "lire notre", "retrouvez notre", "retrouvez", "pour aller plus loin", "vidéo", "video", "en vidéo",
    "en images", "diaporama", "portfolio", "infographie", "en direct", "direct", "podcast",
    "read more", "read also", "also read", "see also", "related", "more on this", "watch",
    "recommended", "must read", "lea también", "lesen sie auch", "mehr zum thema",
)  # fmt: skip
"""How a link to another article starts, in French and the languages a source may have."""

_MARKER = "|".join(re.escape(m) for m in sorted(MARKERS, key=len, reverse=True))
_SEPARATED = re.compile(
    rf"^[\s>»•|▶►→-]*(?:{_MARKER})(?:\s*[:|>»•▶►→]+|\s+[-–—]+|\.(?=\s)|\s*$)", re.I
)
_SHOUTED = re.compile(rf"^[\s>»•|▶►→-]*(?:{_MARKER})\b", re.I)
_BRACKETED = re.compile(rf"^\s*[\[(](?:{_MARKER}|photos?|audio|live)[\])]", re.I)


def _by_first_letter(alternatives: list[str]) -> str:
    """An alternation of ``alternatives`` (each opening with a lower-case letter) grouped by
    their first letters: the same strings, but the regular-expression engine tries one group
    per letter, not every alternative.

    >>> _by_first_letter(["voir", "vidéo", "lire"])
    'l(?:ire)|v(?:idéo|oir)'
    """
    groups = groupby(sorted(alternatives), key=lambda alternative: alternative[0])
    return "|".join(f"{first}(?:{'|'.join(a[1:] for a in group)})" for first, group in groups)


_MAY_START = re.compile(
    r"[\s>»•|▶►→\[(-]*(?:"
    + _by_first_letter([*(re.escape(m) for m in MARKERS), "photos?", "audio", "live"])
    + ")",
    re.I,
)
"""How every line that one of the three patterns above matches (stripped) starts: the same
opening, in one pattern. Most lines fail it at their first letters, once instead of thrice.
Whether it matches is all that is asked, so its markers are grouped by their first letters
(the tests hold it to the markers one after the other)."""

MAX_WORDS = 30

# A teaser link glued to the end of a paragraph: "… dix-huit mois. Lire la suite"
TEASERS = ("lire la suite", "en savoir plus", "read more", "continue reading")
_TRAILING = re.compile(rf"(?<=[.!?…»)])\s+(?:{'|'.join(TEASERS)})\s*(?:[.…>»→▶]+)?\s*$", re.I)

_CASE_TRAPS = ("İ", "ı", "ſ")
"""Characters that :data:`_TRAILING`, ignoring case, takes for *i* or *s*, and that
``str.lower`` does not turn into one."""


def may_have_teaser(text: str) -> bool:
    """False when no line of ``text`` can match :data:`_TRAILING`: the text holds none of
    :data:`TEASERS`, case ignored.

    Asked once of the whole text, where most documents have none, instead of
    trying :data:`_TRAILING`, which opens with a look-behind, at every position of
    every line. Its lower-case copy is searched for the teasers as written: every
    character that the pattern takes for one of their letters lowers to that
    letter, but for the traps.

    >>> may_have_teaser("Fin. LIRE LA SUITE"), may_have_teaser("Fin. Lire la page")
    (True, False)
    """
    if any(trap in text for trap in _CASE_TRAPS):
        return True
    lowered = lower_case(text)
    return any(teaser in lowered for teaser in TEASERS)


def related_reason(line: str) -> str | None:
    """Why ``line`` is a link to a related article, or None.

    A marker followed by a separator ("Lire aussi : …", "VIDÉO - …") or a
    marker in capitals followed by a headline ("LIRE AUSSI Les …").

    >>> [related_reason(s) is not None for s in ("Lire aussi : Le titre", "LIRE AUSSI Un titre",
    ...                                          "Voir aussi la section 3.", "Retrouvez-nous.")]
    [True, True, False, False]
    """
    text = line.strip()
    reason = _starts_as_link(text)
    if reason is None:
        return None
    # The words are counted only then: the patterns, anchored at the line's start, fail at
    # once on most lines, where splitting a paragraph into words costs more.
    words = text.split(None, MAX_WORDS)  # no further than needed to tell: lines are paragraphs
    if not words or len(words) > MAX_WORDS:
        return None
    return reason


def _starts_as_link(text: str) -> str | None:
    """Why the stripped line ``text`` starts as a link to a related article, or None."""
    match = _SEPARATED.match(text)
    if match:
        return f"starts with {match.group().strip()!r}"
    match = _BRACKETED.match(text)
    if match:
        return f"starts with {match.group().strip()!r}"
    match = _SHOUTED.match(text)
    if match and match.group().strip().isupper() and len(match.group().strip()) > 4:
        return f"starts with {match.group().strip()!r} in capitals"
    return None


@document_check("artifact.related_headline")
def related_headline(doc: Document, config: Config) -> Iterator[Finding]:
    """Links to other articles left in the text: "Lire aussi : …", "VIDÉO - …", "Read more: …".

    News pages insert the headlines of related articles between the
    paragraphs; a scraper keeps them as lines of the text, where they
    interrupt the article with a sentence from another one. A line is such a
    link when it starts with one of the usual markers (``Lire aussi``, ``À
    lire également``, ``Voir aussi``, ``VIDÉO``, ``EN DIRECT``, ``Read
    more``…) followed by a separator, or written in capitals. "Voir aussi la
    section 3." in a sentence is not one.

    >>> from corpuscheck.model import Document
    >>> text = "Un paragraphe.\\nLIRE AUSSI - La réforme des retraites\\nLa suite."
    >>> [text[f.start:f.end] for f in related_headline(Document("d", "d.txt", text, text), Config())]
    ['LIRE AUSSI - La réforme des retraites']
    """
    teasers = may_have_teaser(doc.text)
    for line in lines(doc.text):
        # An empty line (a third of them) holds no marker.
        reason = related_reason(line.text) if line.text and _MAY_START.match(line.text) else None
        if reason is None:
            trailing = _TRAILING.search(line.text) if teasers else None
            if trailing is None:
                continue
            shown = trailing.group().strip()
            yield doc.finding(
                "artifact.related_headline",
                Severity.WARNING,
                f"link to the rest of an article left in the text: {shown!r}",
                line.start
                + trailing.start()
                + len(trailing.group())
                - len(trailing.group().lstrip()),
                line.start + len(line.text.rstrip()),
                evidence={"line": shown, "why": "ends with a link to the rest of the article"},
            )
            continue
        shown = line.text.strip()
        yield doc.finding(
            "artifact.related_headline",
            Severity.WARNING,
            f"link to a related article left in the text: {shown[:70]!r}",
            line.start + len(line.text) - len(line.text.lstrip()),
            line.end,
            evidence={"line": shown, "why": reason},
        )
