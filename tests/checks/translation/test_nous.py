"""« nous » for *US* (translation.nous_for_us): the patterns that open with the word find what
those that opened with a look-behind found."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation import nous
from tests.conftest import real_texts

_SPACE = r"[ \u00a0\u202f]+"
FORMER = {
    "_CAPITALS": re.compile(r"(?<![\w'’-])(NOUS)(?![\w'’-])"),
    "_BEFORE_NAME": re.compile(
        nous._BEFORE_NAME.pattern.replace(r"([Nn]ous)(?<![\w'’-][Nn]ous)", r"(?<![\w'’-])([Nn]ous)")
    ),
    "_BEFORE_CAPITAL": re.compile(rf"(?<![\w'’-])(nous){_SPACE}(?=[A-ZÉ][a-zé])"),
}
"""The patterns as they were written, a look-behind first."""


def matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [(m.span(), m.span(1)) for m in pattern.finditer(text)]


def assert_same_matches(text: str) -> None:
    for name, former in FORMER.items():
        assert matches(getattr(nous, name), text) == matches(former, text), name
    patterns = [*FORMER.values(), nous._AFTER_DETERMINER]
    if any(p.search(text) for p in patterns):
        assert nous._NOUS.search(text)
    if nous._NOUS.search(text):
        assert nous._may_hold_nous(text)


def test_the_former_patterns_are_the_ones_rewritten() -> None:
    assert FORMER["_BEFORE_NAME"].pattern != nous._BEFORE_NAME.pattern
    assert FORMER["_BEFORE_NAME"].pattern.startswith(r"(?<![\w'’-])([Nn]ous)")


PIECES = st.sampled_from(
    ["nous", "Nous", "NOUS", "nouſ", "les", "LES", "l'", "-", "’", "a", " ", "\u00a0", "\n",
     "sanctions", "Marco", "É", ".", "«"]
)  # fmt: skip


@given(st.lists(PIECES, max_size=12).map("".join))
@example("les nous sanctions, l'nous Marco, -NOUS, aNOUS NOUS Nous forces")
@settings(max_examples=500)
def test_the_patterns_find_what_they_found(text: str) -> None:
    assert_same_matches(text)


def test_the_patterns_find_what_they_found_on_real_text() -> None:
    texts = real_texts()
    assert len(texts) > 1000
    for text in texts:
        assert_same_matches(text)
    assert sum(bool(FORMER["_BEFORE_NAME"].search(t)) for t in texts) >= 3


def test_the_screen_holds_every_character_the_patterns_read_as_a_letter_of_nous() -> None:
    # _AFTER_DETERMINER ignores case: the screen must hold each character it takes for n, o, u, s.
    every = "".join(map(chr, range(0x110000)))
    for letter, screened in zip("nous", ("nN", "oO", "uU", "sSſ"), strict=True):
        found = {m.group() for m in re.finditer(letter, every, re.IGNORECASE)}
        assert found <= set(screened), (letter, found)


def test_the_lower_case_screen_holds_every_text_the_screen_holds() -> None:
    # Each character of the screen's classes lowers to one letter of "nous" or "nouſ", in place
    # (str.lower maps a text character by character), so the lower-case copy holds one.
    for screened, lowered in zip(("nN", "oO", "uU", "sSſ"), ("n", "o", "u", "sſ"), strict=True):
        for char in screened:
            assert char.lower() in lowered and len(char.lower()) == 1, char


@given(st.text(alphabet=st.sampled_from("nNoOuUsSſİıΣσ ."), max_size=20))
def test_the_lower_case_screen_passes_every_text_the_screen_passes(text: str) -> None:
    assert nous._may_hold_nous(text) == bool(nous._NOUS.search(text))
