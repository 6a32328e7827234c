"""The trailing credit of a caption, found branch by branch (artifact.caption_credit)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from corpuscheck.checks.artifact.caption_credit import _TRAILING_CREDIT, _trailing_credit

LINES = st.lists(
    st.sampled_from(
        [*"()[]©. !?…aéX1", "Photo", "photo by", "Crédit", "image", "© Getty", "AFP", " / "]
    ),
    max_size=14,
).map("".join)


@given(LINES)
@example("Un soldat, le 12 mars. (Photo by X / AFP)")
@example("Le port. © Getty Images (photo X)")
@example("(photo X) mardi. © Getty")
def test_the_trailing_credit_is_the_patterns(line: str) -> None:
    expected = _TRAILING_CREDIT.search(line)
    found = _trailing_credit(line)
    assert (found and found.span()) == (expected and expected.span())


def _is_caption_by_definition(line: str, *, before_credit: bool) -> str | None:
    """is_caption as first written: the words counted before the wording is looked at."""
    from corpuscheck.checks.artifact.caption_credit import _CAPTION_LEAD, _DATE, MAX_CAPTION_WORDS

    text = line.strip()
    words = text.split(None, MAX_CAPTION_WORDS)
    if not words or len(words) > MAX_CAPTION_WORDS:
        return None
    if _CAPTION_LEAD.match(text):
        return "caption wording"
    if before_credit and len(words) >= 3 and text[0].isupper():
        if _DATE.search(text):
            return "dated line before a credit"
        if len(words) <= 25 and re.search(r"\b(?:à|au|aux|en|près de|dans) [A-ZÀ-Þ]\w", text):
            return "line naming a place before a credit"
    return None


CAPTIONS = st.builds(
    lambda lead, words, tail: lead + " ".join(words) + tail,
    st.sampled_from(
        ["", " ", "Sur cette photo ", "SUR LA PHOTO", "Légende : ", "ci-dessus ", "x "]
    ),
    st.lists(st.sampled_from(["mot", "Paris", "à Kyiv", "le 3 mai 2024", "\t", "é"]), max_size=70),
    st.sampled_from(["", ".", "\n", "  "]),
)


@given(CAPTIONS, st.booleans())
@example("Sur cette photo " + "mot " * 60, False)
@example("   ", False)
def test_a_caption_is_what_the_first_definition_says(line: str, before_credit: bool) -> None:
    from corpuscheck.checks.artifact.caption_credit import is_caption

    expected = _is_caption_by_definition(line, before_credit=before_credit)
    assert is_caption(line, before_credit=before_credit) == expected
