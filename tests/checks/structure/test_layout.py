"""Lines, paragraphs and sentences with their offsets (checks.structure.layout)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.structure.layout import _paragraphs, paragraphs

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
