"""The normalised text that duplicates are compared on."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from corpuscheck.checks.duplicate.exact import normalise

TEXTS = st.text(alphabet=st.sampled_from(list("aé É_ \n\t\x1c\u00a0\u2028ß.,'’«»-0١²\u0301İ")))


@given(TEXTS)
@example("L’ÉTÉ,\n\n« chaud »  !")
def test_normalise_is_its_definition(text: str) -> None:
    # NFC, case folding, every run of punctuation, underscores and spaces made one space.
    folded = unicodedata.normalize("NFC", text).casefold()
    assert normalise(text) == " ".join(re.sub(r"[\W_]+", " ", folded).split())


@given(TEXTS)
def test_word_count_is_the_number_of_words_split_finds(text: str) -> None:
    from corpuscheck.checks.duplicate.exact import word_count

    assert word_count(normalise(text)) == len(normalise(text).split())


def test_no_character_of_a_word_is_white_space() -> None:
    # Why counting spaces counts the words: normalise joins runs of [^\W_] with one space, and
    # no character of such a run is one that str.split cuts at.
    every = "".join(map(chr, range(0x110000)))
    assert not any(m.group().isspace() for m in re.finditer(r"[^\W_]", every))
