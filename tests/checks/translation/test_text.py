"""Tokens and sentences: properties that hold for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.translation.text import sentence_spans, tokenize

TEXTS = st.text(
    alphabet=st.sampled_from(list("abcAB éÉ’'-.!?…«»“”\"\n 0123456789M,;:—")), max_size=200
)


@given(TEXTS)
def test_sentences_are_ordered_trimmed_and_cover_every_word(text: str) -> None:
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    covered = {i for s, e in spans for i in range(s, e)}
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())


@given(TEXTS)
def test_tokens_are_ordered_words_of_the_text(text: str) -> None:
    tokens = tokenize(text, {"l", "d", "qu"})
    for i, t in enumerate(tokens):
        assert t.index == i
        assert text[t.start : t.end] == t.text
        if i:
            assert tokens[i - 1].end <= t.start
    assert tokenize(text, {"l", "d", "qu"}) == tokens


def test_elisions_and_context() -> None:
    tokens = tokenize("« L’Air Force de l’Ukraine », dit-il. Jusqu’au 1er mai.", {"l", "jusqu"})
    assert [t.text for t in tokens] == [
        "L’",
        "Air",
        "Force",
        "de",
        "l’",
        "Ukraine",
        "dit-il",
        "Jusqu’",
        "au",
        "er",
        "mai",
    ]
    assert [t.elided for t in tokens][:2] == [True, False]
    assert tokens[0].after_opening and tokens[0].sentence_initial
    assert tokens[7].sentence_initial and not tokens[8].sentence_initial
    assert tokens[9].touches_digit
    assert tokens[1].capitalised and tokens[1].lower == "air"
