"""The trailing credit of a caption, found branch by branch (artifact.caption_credit)."""

from __future__ import annotations

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
