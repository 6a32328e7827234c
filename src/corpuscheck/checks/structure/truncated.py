"""Documents that stop in the middle of a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corpuscheck.checks.artifact.caption_credit import is_caption, is_credit
from corpuscheck.checks.artifact.related_headline import related_reason
from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import CLOSING, SENTENCE_END, paragraphs, sentences
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

MIN_SENTENCE_WORDS = 6
"""A last line shorter than this, on its own, may be a heading or a signature."""

HEADING_WORDS = 8
"""A last paragraph of one sentence this short may be a heading, unless it ends on a word that cannot."""

_DANGLING_WORDS = (
    "de du des d' d’ le la les l' l’ un une à au aux en et ou que qu' qu’ qui dont pour par sur "
    "dans avec sans sous vers chez entre ce cet cette ces son sa ses leur leurs notre nos votre "
    "vos mon ma mes mais donc car si ne n' n’ the a an of and to in for with"
)
DANGLING = frozenset(_DANGLING_WORDS.split())
"""Words a sentence cannot end on: a text ending with one was cut."""

_STAMP = re.compile(
    r"\b\d{1,2}(?:er)?\s(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre)\b|\b\d{1,2}\s?[:h]\s?\d{2}\b|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)
_FINISHED = re.compile(rf"[{SENTENCE_END}{re.escape(CLOSING)}]$")
_CUT = re.compile(r"[\w,;:\-–—(«“]$")


@document_check("structure.truncated")
def truncated(doc: Document, config: Config) -> Iterator[Finding]:
    """The document stops in the middle of a sentence: its end was cut off.

    Limits on field length, failed downloads and pipelines that cut texts at
    a number of tokens leave documents that end with "… comporte trois
    sections" or in the middle of a word. The last paragraph is judged: it
    is cut when its last sentence has at least six words and does not end
    like a sentence (with ``. ! ? …`` or a closing quote or bracket). A last
    line that is a heading, a signature, a photo credit or a link to another
    article is not a cut sentence.

    >>> from corpuscheck.model import Document
    >>> text = "Titre\\nLe projet compte trois sections, qui sont main, contrib et"
    >>> [(f.rule, f.evidence["last_words"]) for f in truncated(
    ...     Document("d", "d.txt", text, text), Config())]
    [('structure.truncated', 'main, contrib et')]
    """
    found = paragraphs(doc.text)
    if not found:
        return
    last = found[-1]
    text = last.text.rstrip()
    if _FINISHED.search(text) or not _CUT.search(text):
        return
    if is_credit(text) or related_reason(text) or is_caption(text, before_credit=False):
        return
    if re.search(r"(?:https?://|www\.)\S+$|\S+@\S+$", text):
        return  # ends with an address, not a cut sentence
    visible = "".join(text.split())
    if sum(c.isalpha() for c in visible) < 0.75 * len(visible):
        return  # a command, a table row or a date: not prose
    parts = sentences(last)
    final = parts[-1]
    prose = len(parts) > 1 and len(last.words) >= 2 * MIN_SENTENCE_WORDS
    if len(final.words) < (2 if prose else MIN_SENTENCE_WORDS):
        return
    last_word = final.words[-1].lower().rstrip(",;:")
    if (
        not prose
        and len(final.words) <= HEADING_WORDS
        and re.sub(r"^[\d.\s\u00a0)-]+", "", final.text)[:1].isupper()
        and last_word not in DANGLING
        and not text.endswith((",", ";", ":"))
    ):
        return  # a heading or a signature on its own line
    if not prose and _STAMP.search(final.text):
        return  # "Mis à jour le 3 mars 2024 à 10 h 05"
    end = last.start + len(text)
    yield doc.finding(
        "structure.truncated",
        Severity.WARNING,
        f"the document ends in the middle of a sentence: …{' '.join(final.words[-6:])!r}",
        final.start,
        end,
        evidence={
            "last_words": " ".join(final.words[-3:]),
            "last_character": text[-1],
            "sentence_words": len(final.words),
        },
    )
