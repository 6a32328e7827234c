"""« nous » where the source said *US*: the country read as the pronoun."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import lower_case
from corpuscheck.checks.translation.resources import source_languages, target_profile
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

_SPACE = r"[ \u00a0\u202f]+"
_DETERMINER = r"(?:les|des|aux|du|le|la|ces|leurs|nos|vos)"
_AFTER_DETERMINER = re.compile(rf"(?<![\w'’-]){_DETERMINER}{_SPACE}(nous)(?![\w'’-])", re.I)
"""A determiner never stands before the pronoun: *les nous sanctions*, *des nous*."""

_CAPITALS = re.compile(r"(NOUS)(?<![\w'’-]NOUS)(?![\w'’-])")
"""*US* translated letter by letter keeps its capitals: *les forces NOUS*."""

_BEFORE_NAME = re.compile(
    rf"([Nn]ous)(?<![\w'’-][Nn]ous){_SPACE}(?:(?:président|secrétaire|sénateur|sénatrice|ambassadeur|"
    rf"ambassadrice|envoyé|envoyée|responsables?|officiels?|forces|troupes|militaires|soldats|"
    rf"sanctions|tarifs|droits|dollars?|marchés?|actions|entreprises|sociétés|alliés|"
    rf"gouvernement|administration|armée|marine|département|ministère|Congrès|Sénat|"
    rf"Trésor|justice|renseignement)\b)",
)
"""The pronoun never qualifies a noun: *nous sanctions*, *nous troupes*, *nous président*."""

_BEFORE_CAPITAL = re.compile(rf"(nous)(?<![\w'’-]nous){_SPACE}(?=[A-ZÉ][a-zé])")
"""Inside a sentence, the pronoun never stands right before a name: *le secrétaire d’État nous
Marco Rubio*, *la délégation nous Pete Hegseth*.

The three patterns above open with the word, then look behind it for what
may not stand before it (a letter, an apostrophe, a hyphen): the same
matches as a look-behind first, but the regular-expression engine looks for
the word's letters in one quick scan instead of trying every position."""

_NOUS = re.compile("[nN][oO][uU][sSſ]")
"""*nous* in any case, as the patterns ignoring case read it (ſ is an s to them): every match of
every pattern holds one, and most documents none."""


def _may_hold_nous(text: str) -> bool:
    """False when :data:`_NOUS` has no match in ``text``: its lower-case copy (made once for
    the document's checks) holds neither *nous* nor *nouſ*, which every match lowers to
    (each of its letters lowers to one letter, in place).

    >>> _may_hold_nous("NOUS"), _may_hold_nous("Les noeuds")
    (True, False)
    """
    lowered = lower_case(text)
    return "nous" in lowered or "nouſ" in lowered


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(' \u00a0\u202f«“"')
    return not before or before[-1] in ".!?:\n—–"


@document_check("translation.nous_for_us")
@recorded("translation.nous_for_us")
def nous_for_us(doc: Document, config: Config) -> Iterator[Finding]:
    """« nous » where an English source said *US*, the country: *les nous sanctions*.

    Machine translation reads the country's abbreviation as the pronoun.
    The pronoun is a subject or an object, so it is reported where it cannot
    be one: after a determiner (*les nous*, *des nous*), written in capitals
    inside a sentence in lower case (*les forces NOUS*), or right before a
    noun or a name that it would qualify (*nous sanctions*, *le secrétaire
    d’État nous Marco Rubio*). Only for
    documents translated from English or of unknown source.

    >>> from corpuscheck.model import Document
    >>> text = "Les nous sanctions visent Moscou. Il nous a dit : « nous restons »."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [text[f.start:f.end] for f in nous_for_us(doc, Config())]
    ['nous']
    """
    target = target_profile(doc)
    if target is None or target.code != "fr" or "en" not in source_languages(doc, target):
        return
    text = doc.text
    if not _may_hold_nous(text):
        return
    seen: set[int] = set()
    found: list[tuple[int, int, str]] = []
    for regex, why in (
        (_AFTER_DETERMINER, "after a determiner"),
        (_BEFORE_NAME, "before a noun it would qualify"),
    ):
        for m in regex.finditer(text):
            if m.start(1) not in seen:
                seen.add(m.start(1))
                found.append((m.start(1), m.end(1), why))
    for m in _BEFORE_CAPITAL.finditer(text):
        if m.start(1) not in seen and not _sentence_start(text, m.start(1)):
            seen.add(m.start(1))
            found.append((m.start(1), m.end(1), "before a name it would qualify"))
    for m in _CAPITALS.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if sum(c.isupper() for c in line) * 3 > sum(c.isalpha() for c in line):
            continue  # a heading in capitals
        if m.start(1) not in seen:
            seen.add(m.start(1))
            found.append((m.start(1), m.end(1), "in capitals inside a sentence"))
    for start, end, why in sorted(found):
        yield doc.finding(
            "translation.nous_for_us",
            Severity.INFO,
            f"« {text[start:end]} » {why}: the pronoun cannot stand here; "
            "an English source said US (write « américain », « les États-Unis »)",
            start,
            end,
            evidence={"word": text[start:end], "reason": why, "suggestion": "américain"},
        )
