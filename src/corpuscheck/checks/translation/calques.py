"""Literal calques: source-language idioms translated word for word, from a lexicon."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.translation.resources import (
    LexiconScreen,
    Profile,
    compile_pattern,
    fold_case,
    read_tsv,
    source_languages,
    target_profile,
    word_lines,
)
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

LEXICON = "calques.tsv"

_IGNORECASE = int(re.IGNORECASE)
"""The flag as a plain number: a pattern's flags are one, and ``&`` with the enum costs a call."""

SEVERITY = Severity.INFO
"""The most a lexicon match is worth alone: a lexicon knows the calques it lists, and
native writers use some of them; matches count through the document verdict."""


@dataclass(frozen=True, slots=True)
class Calque:
    """One lexicon entry, its pattern compiled."""

    line: int
    pattern: str
    regex: re.Pattern[str]
    source: str
    source_language: str
    suggestion: str
    severity: Severity
    note: str
    example: str


@cache
def lexicon(lang: str) -> tuple[Calque, ...]:
    """The calque lexicon of ``lang`` (``data/<lang>/calques.tsv``), compiled once.

    A malformed pattern raises ValueError naming its line, so a bad edit of
    the lexicon fails the tests rather than silently matching nothing.
    """
    from corpuscheck.checks.translation.resources import profile

    target = profile(lang)
    macros = dict(target.macros) if target else {}
    entries: list[Calque] = []
    for n, row in enumerate(read_tsv(lang, LEXICON), start=1):
        pattern = row.get("pattern", "")
        if not pattern:
            continue
        try:
            regex = compile_pattern(pattern, macros)
        except (re.error, ValueError) as err:
            raise ValueError(f"{lang}/{LEXICON} entry {n} ({pattern!r}): {err}") from err
        severity = Severity(row.get("severity") or "warning")
        entries.append(
            Calque(
                line=n,
                pattern=pattern,
                regex=regex,
                source=row.get("source", ""),
                source_language=row.get("source_language", ""),
                suggestion=row.get("suggestion", ""),
                severity=severity,
                note=row.get("note", ""),
                example=row.get("example", ""),
            )
        )
    return tuple(entries)


@cache
def _screen(lang: str) -> LexiconScreen:
    return LexiconScreen.of((entry.regex for entry in lexicon(lang)), folded=True)


def _applies(entry: Calque, sources: tuple[str, ...]) -> bool:
    return not entry.source_language or entry.source_language in sources


@document_check("translation.calque")
@recorded("translation.calque")
def calque(doc: Document, config: Config) -> Iterator[Finding]:
    """Literal calques from the language's lexicon: *faire la bonne chose*, *le poste de médias sociaux*.

    The lexicon (``data/<lang>/calques.tsv``) lists well-known anglicisms and
    germanisms of construction as patterns that allow inflection, each with
    the source expression, its language, what to write instead and a note.
    Entries of a source language the document was not translated from are
    skipped when metadata.csv says what it was translated from. Entries that
    native writers also use (*opportunité*, *réaliser que*) are infos;
    the rest are warnings. Maintainers extend the lexicon without code.

    >>> from corpuscheck.model import Document
    >>> text = "Trump a fait pression pour faire la bonne chose."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [(text[f.start:f.end], f.evidence["suggestion"]) for f in calque(doc, Config())]
    [('faire la bonne chose', "agir comme il faut, faire ce qu'il faut")]
    """
    target = target_profile(doc)
    if target is None:
        return
    entries = lexicon(target.code)
    if not entries:
        return
    sources = source_languages(doc, target) if doc.metadata.get("translated_from") else ()
    yield from _matches(doc, target, entries, sources)


def _matches(
    doc: Document, target: Profile, entries: tuple[Calque, ...], sources: tuple[str, ...]
) -> Iterator[Finding]:
    seen: set[tuple[int, int]] = set()
    found: list[Finding] = []
    screen = _screen(target.code)
    # The screen tests the folded text, what the case-insensitive entries require too,
    # through the document's words: most documents hold what few entries require.
    folded = fold_case(doc.text)
    for index in screen.candidates_in_words(folded, word_lines(doc.text, target.elisions)):
        entry = entries[index]
        if sources and not _applies(entry, sources):
            continue
        haystack = doc.text if entry.regex.flags & _IGNORECASE else folded
        for m in screen.matches(index, haystack):
            span = (m.start(), m.end())
            if span in seen or m.start() == m.end():
                continue
            seen.add(span)
            found.append(
                doc.finding(
                    "translation.calque",
                    min(entry.severity, SEVERITY, key=lambda s: -s.rank),
                    f"{doc.text[m.start() : m.end()]!r} is a literal calque of {entry.source_language} "
                    f"{entry.source!r}; write {entry.suggestion!r}",
                    m.start(),
                    m.end(),
                    evidence={
                        "matched": doc.text[m.start() : m.end()],
                        "lexicon_severity": entry.severity.value,
                        "source_expression": entry.source,
                        "source_language": entry.source_language,
                        "suggestion": entry.suggestion,
                        "note": entry.note,
                        "lexicon": f"{target.code}/{LEXICON}",
                        "entry": entry.line,
                        "pattern": entry.pattern,
                    },
                )
            )
    yield from sorted(found, key=Finding.sort_key)
