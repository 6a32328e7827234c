"""Hard-wrapped text (structure.broken_lines): the lines broken mid-sentence."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.structure.layout import ends_sentence, lines
from corpuscheck.checks.structure.line_length import _CONTINUES, line_length
from corpuscheck.config import Config
from corpuscheck.model import Document


def _broken_by_definition(text: str) -> list[tuple[int, int]]:
    """The spans of the lines broken mid-sentence, the tests in the order first written."""
    content = [line for line in lines(text) if line.text.strip()]
    return [
        (line.start, line.end)
        for line, following in itertools.pairwise(content)
        if following.start - line.end <= 2
        and len(line.words) >= 3
        and not ends_sentence(line.text)
        and _CONTINUES.match(following.text)
    ]


LINES = st.lists(
    st.lists(
        st.sampled_from(
            ["mot", "Mot", "suite", "(voir", "« dit", "1er", "fin.", "fin :", "»", " "]
        ),
        max_size=6,
    ).map(" ".join),
    max_size=12,
)


@given(LINES, st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"]))
def test_broken_lines_are_those_of_the_first_definition(pieces: list[str], end: str) -> None:
    text = end.join(pieces)
    broken = _broken_by_definition(text)
    doc = Document("d", "d.txt", text, text)
    found = [f for f in line_length(doc, Config()) if f.rule == "structure.broken_lines"]
    content = [line for line in lines(text) if line.text.strip()]
    if len(broken) >= 3 and len(broken) >= 0.5 * (len(content) - 1):
        assert [(f.start, f.end, f.evidence["broken_lines"]) for f in found] == [
            (broken[0][0], broken[-1][1], len(broken))
        ]
    else:
        assert found == []
