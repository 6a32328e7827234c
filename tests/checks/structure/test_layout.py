"""Lines, paragraphs and sentences with their offsets (checks.structure.layout)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.structure.layout import (
    ABBREVIATIONS,
    CLOSING,
    SENTENCE_END,
    Span,
    _paragraphs,
    paragraphs,
    sentence_pieces,
    sentences,
)

TEXT = st.text(alphabet=st.sampled_from(list("Ab c.\n«»É?")), max_size=60)


def test_each_caller_gets_a_list_of_its_own() -> None:
    # The paragraphs of the last texts are kept for the next check that asks:
    # one check changing its list must not change another's.
    text = "Titre\nUne phrase.\n\nAutre paragraphe."
    first = paragraphs(text)
    first.clear()
    assert [p.text for p in paragraphs(text)] == ["Titre", "Une phrase.", "Autre paragraphe."]


@given(TEXT)
def test_kept_paragraphs_are_those_of_a_fresh_split(text: str) -> None:
    assert paragraphs(text) == list(_paragraphs.__wrapped__(text))
    assert all(text[p.start : p.end] == p.text for p in paragraphs(text))


SENTENCE_BREAK = re.compile(
    rf"(?<=[{SENTENCE_END}])((?:[\s\u00a0\u202f]?[{re.escape(CLOSING)}])*)\s+(?=[«“\"(\[]?\s?[A-ZÀ-ÖØ-ÞŒ0-9])"
)
"""A sentence break: after a sentence's last mark, its closing quotes and brackets, spaces."""


def defined_sentences(paragraph: Span) -> list[Span]:
    """The definition: the text cut after each sentence break that follows no abbreviation."""
    found = []
    start = 0
    text = paragraph.text
    for match in SENTENCE_BREAK.finditer(text):
        before = re.search(r"(\w+)\.$", text[: match.start()])
        if before and (before[1] in ABBREVIATIONS or len(before[1]) == 1):
            continue
        end = match.start() + len(match.group(1))
        piece = text[start:end].rstrip()
        if piece:
            found.append(Span(paragraph.start + start, paragraph.start + start + len(piece), piece))
        start = match.end()
    piece = text[start:].rstrip()
    if piece:
        found.append(Span(paragraph.start + start, paragraph.start + start + len(piece), piece))
    return found


PIECES = "Il pleut|M|cf|Dupont|M. D|cf. (|pleut. O|x|é|3|.|!|…| |  |\n|«|»|)|(|\u00a0|\u202f|A|»."
SENTENCE_TEXT = st.lists(st.sampled_from(PIECES.split("|")), max_size=30).map("".join)


@settings(max_examples=500)
@given(SENTENCE_TEXT, st.integers(min_value=0, max_value=50))
def test_sentences_are_cut_as_defined(text: str, start: int) -> None:
    paragraph = Span(start, start + len(text), text)
    assert sentences(paragraph) == defined_sentences(paragraph)
    assert [(s.start - start, s.text) for s in sentences(paragraph)] == sentence_pieces(text)
