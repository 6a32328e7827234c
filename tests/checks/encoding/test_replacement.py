"""The word around each run of replacement characters, held to its former definition."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.encoding.replacement import (
    _RUN,
    _WORD_AROUND,
    _word_around,
    replacement_character,
)
from corpuscheck.config import Config
from corpuscheck.model import Document
from tests.conftest import real_files


def former_word_around(text: str, run: re.Match[str]) -> str:
    """The word as the check found it before: scanning the text again for each run."""
    return next(
        (w.group() for w in _WORD_AROUND.finditer(text) if w.start() <= run.start() < w.end()),
        run.group(),
    )


def assert_words_as_before(text: str) -> None:
    words = list(_WORD_AROUND.finditer(text))
    for run in _RUN.finditer(text):
        assert _word_around(words, run) == former_word_around(text, run)


PIECES = st.sampled_from(["\ufffd", "\ufffd\ufffd", "d", "é", " ", "\n", "\u00a0", "-", "x\ufffd"])


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_the_word_around_a_run_is_the_one_found_before(text: str) -> None:
    assert_words_as_before(text)


@settings(max_examples=200)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.just("\ufffd"), max_size=60))
def test_the_word_around_a_run_is_the_one_found_before_in_any_text(text: str) -> None:
    assert_words_as_before(text)


def test_the_word_around_a_run_is_the_one_found_before_on_real_text() -> None:
    files = real_files()
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    assert sum("\ufffd" in text for text in texts) > 0
    for text in texts:
        assert_words_as_before(text)


def test_a_text_without_replacement_characters_has_no_finding() -> None:
    text = "Il a déclaré que tout allait bien."
    assert list(replacement_character(Document("d", "d.txt", text, text), Config())) == []


def test_each_run_of_a_text_with_many_is_reported_in_its_word() -> None:
    text = " ".join(f"mot{i}\ufffd" for i in range(300))
    found = list(replacement_character(Document("d", "d.txt", text, text), Config()))
    assert [f.evidence["word"] for f in found] == [f"mot{i}\ufffd" for i in range(300)]
