"""untranslated_word's helpers over the token columns give what their definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.translation.text import Token, tokenize
from corpuscheck.checks.translation.untranslated import _mid_sentence_capitals

TEXTS = st.text(alphabet=st.sampled_from(list("abAB éÉ’'-.!?«»“\"(\n 01,:—")), max_size=200)


def _mid_sentence_capital(t: Token) -> bool:
    # The definition, one token at a time.
    return (
        t.capitalised
        and not t.sentence_initial
        and not t.after_opening
        and not t.elided
        and not t.touches_digit
        and len(t.text) > 1
    )


@given(TEXTS)
def test_mid_sentence_capitals_are_their_definition(text: str) -> None:
    tokens = tokenize(text, {"l", "qu"})
    assert _mid_sentence_capitals(tokens) == [t.index for t in tokens if _mid_sentence_capital(t)]
