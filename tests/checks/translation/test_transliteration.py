"""inconsistent_transliteration's helpers over the token columns give what their definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.translation.text import tokenize
from corpuscheck.checks.translation.transliteration import _candidates

TEXTS = st.text(alphabet=st.sampled_from(list("abcAB éÉ’'-.!?«\n 01")), max_size=200)


@given(TEXTS)
def test_name_candidates_are_their_definition(text: str) -> None:
    tokens = tokenize(text, {"l", "qu"})
    defined = [t.index for t in tokens if t.capitalised and not t.elided and len(t.text) >= 4]
    assert _candidates(tokens) == defined
