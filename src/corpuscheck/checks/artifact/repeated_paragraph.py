"""A paragraph that appears twice in the same document."""

from __future__ import annotations

from collections.abc import Iterator

from corpuscheck.checks.duplicate.exact import normalised_paragraphs
from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import paragraphs
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

MIN_WORDS = 6
"""Shorter repeated lines (a heading, "Fin.") are not reported."""


@document_check("artifact.repeated_paragraph")
def repeated_paragraph(doc: Document, config: Config) -> Iterator[Finding]:
    """A paragraph repeated in the same document (after normalising case, punctuation, spacing).

    Scrapers that read a page twice, templates that repeat a teaser and
    translation pipelines that retry a segment leave the same paragraph two
    or more times. Each repeat is reported with where the first one is.
    Paragraphs of fewer than six words (headings, sign-offs) may repeat.

    >>> from corpuscheck.model import Document
    >>> text = "Le paquet est construit puis envoyé.\\nAutre.\\nLe paquet est construit puis envoyé."
    >>> [(f.start, f.evidence["first_start"]) for f in repeated_paragraph(
    ...     Document("d", "d.txt", text, text), Config())]
    [(44, 0)]
    """
    compared = [
        paragraph
        for paragraph in paragraphs(doc.text)
        if len(paragraph.text.split(None, MIN_WORDS)) >= MIN_WORDS  # (split no further)
    ]
    # Normalised together, from the pass over the whole text that duplicate.exact reads too.
    keys = normalised_paragraphs(doc.text, [(p.start, p.end) for p in compared])
    seen: dict[str, int] = {}
    for paragraph, key in zip(compared, keys, strict=True):
        if key not in seen:
            seen[key] = paragraph.start
            continue
        first = seen[key]
        first_original = doc.span(first, first)[0]
        yield doc.finding(
            "artifact.repeated_paragraph",
            Severity.WARNING,
            f"paragraph repeated ({len(paragraph.words)} words; first at offset {first_original})",
            paragraph.start,
            paragraph.end,
            evidence={"first_start": first_original, "words": len(paragraph.words)},
        )
