"""Quotation marks are found by the regex engine, as a loop over every character found them
(translation.quote_structure, translation.quote_style)."""

from __future__ import annotations

import re
from collections import Counter
from unittest.mock import patch

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation import quotes
from corpuscheck.checks.translation.resources import profile
from corpuscheck.config import Config
from corpuscheck.model import Document
from tests.conftest import real_texts

TEXT = st.text(alphabet=st.sampled_from(list("«»“”‹›„\"' \u00a0\n.,a7Le-—")), max_size=80)


def marks_one_by_one(text: str, start: int, end: int) -> list[tuple[str, int, str]]:
    """The marks of ``text[start:end]`` as the check found them character by character."""
    found = []
    straight = 0
    symbols = {
        p
        for m in quotes._QUOTED_SYMBOL.finditer(text, start, end)
        for p in range(m.start(), m.end())
    }
    for pos in range(start, end):
        char = text[pos]
        if char not in quotes.MARKS or (char == '"' and pos > 0 and text[pos - 1].isdigit()):
            continue
        if pos in symbols or (char in "“”„" and quotes._mentioned(text, pos, start, end)):
            continue
        role = quotes._role(text, pos, straight)
        if char == '"':
            straight += 1
        found.append((char, pos, role))
    return found


@given(TEXT, st.data())
def test_the_marks_are_those_a_loop_over_every_character_finds(
    text: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    found = [(m.char, m.pos, m.role) for m in quotes._marks(text, start, end)]
    assert found == marks_one_by_one(text, start, end)


def style_one_by_one(text: str) -> tuple[int | None, Counter[str]]:
    """Where the first foreign mark stands and the count of each, character by character."""
    target = profile("fr")
    assert target is not None and target.preferred_quotes is not None
    opening, closing = target.preferred_quotes
    depth, first, found = 0, None, Counter[str]()
    for pos, char in enumerate(text):
        if char == opening:
            depth += 1
        elif char == closing:
            depth = max(0, depth - 1)
        elif char == "\n":
            depth = 0 if not quotes._continues(text, pos) else depth
        elif char in target.foreign_quotes and depth == 0:
            found[char] += 1
            first = pos if first is None else first
    return first, found


@given(TEXT)
def test_quote_style_counts_the_marks_a_loop_over_every_character_counts(text: str) -> None:
    doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    found = list(quotes.quote_style(doc, Config()))
    first, counts = style_one_by_one(text)
    if first is None:
        assert found == []
    else:
        (finding,) = found
        assert (finding.start, finding.evidence["found"]) == (first, dict(sorted(counts.items())))


def structure_paragraph_by_paragraph(text: str) -> list[tuple[int, int, str, list[str], dict]]:
    """What quote_structure finds read paragraph by paragraph, every paragraph visited (its
    definition before the paragraphs without marks were skipped), as (start, end, mark,
    reasons, paragraph counts), before the foreign sentences are set aside."""
    target = profile("fr")
    assert target is not None
    reported: list[quotes._Mark] = []
    counts: dict[int, dict[str, int]] = {}
    carried: list[quotes._Mark] = []
    for p_start, p_end in [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]:
        marks = quotes._marks(text, p_start, p_end)
        body = text[p_start:p_end].lstrip(quotes._SPACE)
        if carried:
            head = p_end - len(body)
            reopened = bool(marks) and marks[0].pos == head and marks[0].char == carried[-1].char
            if reopened:
                marks = marks[1:]
            elif body[:1] not in "—–-":
                for mark in carried:
                    mark.reasons.append("never closed")
                carried = []
        quotes._local_rules(text, marks, target, p_start, p_end)
        carried = quotes._pairing(marks, carried)
        paragraph_counts = dict(sorted(Counter(m.char for m in marks).items()))
        for mark in marks:
            counts[mark.pos] = paragraph_counts
        reported.extend(marks)
    for mark in carried:
        mark.reasons.append("never closed")
    flagged = sorted((m for m in reported if m.reasons), key=lambda m: m.pos)
    return [(m.start, m.end, m.char, m.reasons, counts.get(m.pos, {})) for m in flagged]


def structure_found(text: str) -> list[tuple[int, int, str, list[str], dict]]:
    """What quote_structure reports in ``text`` with no sentence in another language."""
    doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    with patch.object(quotes, "foreign_sentences", lambda text, lang: []):
        return [
            (
                f.start,
                f.end,
                f.evidence["mark"],
                f.evidence["reasons"],
                f.evidence["paragraph_counts"],
            )
            for f in quotes.quote_structure(doc, Config())
        ]


PARAGRAPHS = st.lists(
    st.sampled_from(["« a", "» b", "“c”", '"d', "— e", "-", "  ", "\u00a0—", "f", "le”", "„g“"]),
    max_size=12,
).map("\n".join)


@given(st.one_of(TEXT, PARAGRAPHS))
@example("« a\nb\n— c\n« d »\n \n»")
@settings(max_examples=500)
def test_quote_structure_skips_only_paragraphs_that_change_nothing(text: str) -> None:
    assert structure_found(text) == structure_paragraph_by_paragraph(text)


def test_quote_structure_skips_only_paragraphs_that_change_nothing_on_real_text() -> None:
    texts = real_texts()
    assert len(texts) > 1000
    flagged = 0
    for text in texts:
        expected = structure_paragraph_by_paragraph(text)
        assert structure_found(text) == expected
        flagged += bool(expected)
    assert flagged > 20


_ANY_MARK = re.compile(f"[{''.join(sorted(quotes.MARKS))}]")
"""Any quotation mark: the set of characters the marks were first searched with."""


def _marked_paragraphs_by_pattern(text: str) -> list[tuple[int, int]]:
    """_marked_paragraphs as first written: the next mark searched with a set of characters."""
    found: list[tuple[int, int]] = []
    mark = _ANY_MARK.search(text)
    while mark is not None:
        pos = mark.start()
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end < 0:
            end = len(text)
        found.append((start, end))
        mark = _ANY_MARK.search(text, end)
    return found


@given(TEXT)
@example("a\n« b » « c »\n\nd\ne “f”")
@example("«\n»\n“”\n")
@settings(max_examples=500)
def test_the_marked_paragraphs_are_those_the_pattern_finds(text: str) -> None:
    assert quotes._marked_paragraphs(text) == _marked_paragraphs_by_pattern(text)


def test_the_marked_paragraphs_of_real_texts_are_those_the_pattern_finds() -> None:
    for text in real_texts():
        assert quotes._marked_paragraphs(text) == _marked_paragraphs_by_pattern(text)


@given(TEXT, st.integers(0, 80), st.integers(0, 80))
@settings(max_examples=500)
def test_the_mark_places_are_those_the_pattern_finds(text: str, start: int, end: int) -> None:
    expected = [m.start() for m in _ANY_MARK.finditer(text, start, end)]
    assert quotes._mark_places(text, start, end) == expected


def test_the_mark_places_of_real_paragraphs_are_those_the_pattern_finds() -> None:
    for text in real_texts():
        for start, end in quotes._marked_paragraphs(text):
            expected = [m.start() for m in _ANY_MARK.finditer(text, start, end)]
            assert quotes._mark_places(text, start, end) == expected
