"""Quotation marks are found by the regex engine, as a loop over every character found them
(translation.quote_structure, translation.quote_style)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.translation import quotes
from corpuscheck.checks.translation.resources import profile
from corpuscheck.config import Config
from corpuscheck.model import Document

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
