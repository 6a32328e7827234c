from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.encoding.invisible import _RUN, INVISIBLE, invisible_character
from corpuscheck.config import Config
from corpuscheck.model import Document

_PIECES = ["a", "é", " ", "\n", "’", "«", "\U0001f600", *INVISIBLE]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_a_text_the_screen_skips_has_no_invisible_character(text: str) -> None:
    found = list(invisible_character(Document("d", "d.txt", text, text), Config()))
    if not any(c in text for c in INVISIBLE):
        assert not _RUN.search(text) and not found
    if "\u200b" in text:
        assert found  # a zero-width space is always reported
