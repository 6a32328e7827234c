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
