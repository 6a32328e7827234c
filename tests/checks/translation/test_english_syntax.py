"""english_syntax's screens: a text a screen turns away holds no match of its pattern."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation.english_syntax import (
    _AM_PM,
    _DECIMAL_POINT,
    _FUNCTION_WORD,
    _REPORTED_FUTURE,
    _THOUSANDS_COMMA,
    NEEDS,
    PATTERNS,
    may_match,
)
from tests.conftest import real_texts

ALL = [*(regex for regex, _ in PATTERNS), _FUNCTION_WORD]


def test_every_pattern_has_a_screen() -> None:
    assert set(NEEDS) == set(ALL)


@pytest.mark.parametrize("regex", ALL, ids=lambda r: r.pattern[:30])
@settings(
    max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(data=st.data())
def test_a_text_holding_a_match_passes_the_screen(
    regex: re.Pattern[str], data: st.DataObject
) -> None:
    text = data.draw(st.from_regex(_drawn_from(regex)))
    if regex.search(text):
        assert may_match(regex, text)


def _drawn_from(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern whose matches are drawn for ``regex``: its former writing when it was
    rewritten (the same matches; hypothesis draws no text for a look-behind after a letter)."""
    from corpuscheck.checks.translation import english_syntax

    former = {getattr(english_syntax, name): p for name, p in FORMER_PATTERNS.items()}
    return former.get(regex, regex)


PIECES = st.sampled_from(
    [
        *" \u00a0\u202f,.%$£»”«0123456789aépmAM’'\n",
        *("a dit que ", "ont déclaré qu’", "le pays ", "va ", "vont ", "investir", "ne ", "n’a ",
          "pas ", "aucune", "offert ", "millions", "milliards", "pour cent", "points", "euros",
          "personnes", "logements", " and ", " the ", " which ", "plusieurs", "maison", "il ",
          "a.m.", "P.M.", "le ministre", " a dit", "Elle ", "1.3", "20,000", "$92"),
    ]
)  # fmt: skip


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_a_text_the_screen_turns_away_holds_no_match(text: str) -> None:
    for regex in ALL:
        if not may_match(regex, text):
            assert regex.search(text) is None, regex.pattern


def test_only_m_and_M_are_m_to_the_case_insensitive_hour() -> None:
    # _AM_PM is screened by ".m." and ".M.": no other character matches its m.
    m = re.compile("m", _AM_PM.flags)
    assert {c for c in map(chr, range(sys.maxunicode + 1)) if m.fullmatch(c)} == {"m", "M"}


FORMER_FUNCTION_WORDS = re.compile(
    r" (?:and|the|of|with|from|is|are|was|were|has|have|been|this|these|which|who|would|will|"
    r"however|because|while|into|about|after|before|their|its|our|than) "
)
"""The function words' screen as it was written, one word after another."""


FORMER_SCREENS = {
    _DECIMAL_POINT: re.compile(
        r"\d\.\d(?:\d?[ \u00a0\u202f]?%"
        r"|\d?[ \u00a0\u202f]+(?:pour|point|million|milliard|dollar|euro))"
    ),
    _THOUSANDS_COMMA: re.compile(r"\d,\d{3}"),
    _REPORTED_FUTURE: re.compile(r"(?:va|vont)[ \u00a0\u202f]"),
}
"""The screens as they were written: opening with a digit, or an alternation."""


def former_may_match(regex: re.Pattern[str], text: str) -> bool:
    """The screens as they were: the function words one after another, the numbers' screens
    opening with a digit, searched over the whole text, the hours' two substrings."""
    if regex is _FUNCTION_WORD:
        return FORMER_FUNCTION_WORDS.search(text) is not None
    if regex in FORMER_SCREENS:
        return FORMER_SCREENS[regex].search(text) is not None
    if regex is _AM_PM:  # two substrings, before the one search
        return ".m." in text or ".M." in text
    needed = NEEDS[regex]
    if isinstance(needed, tuple):
        return any(s in text for s in needed)
    return needed.search(text) is not None


def test_the_former_function_words_are_the_function_words() -> None:
    from corpuscheck.checks.translation.english_syntax import _FUNCTION_WORDS

    assert FORMER_FUNCTION_WORDS.pattern.replace("\\", "") == f" (?:{_FUNCTION_WORDS}) "


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_screens_pass_the_texts_they_passed(text: str) -> None:
    for regex in ALL:
        assert may_match(regex, text) == former_may_match(regex, text), regex.pattern


def test_the_screens_pass_the_texts_they_passed_on_real_text() -> None:
    texts = real_texts()
    assert len(texts) > 1000
    for regex in ALL:
        passed = [may_match(regex, text) for text in texts]
        assert passed == [former_may_match(regex, text) for text in texts], regex.pattern
    assert 0 < sum(may_match(_FUNCTION_WORD, text) for text in texts) < len(texts)


_SPACE = r"[ \u00a0\u202f]"
FORMER_PATTERNS = {
    "_NOT_ANY": re.compile(
        rf"\b(?:n['’]|ne{_SPACE}+)[\w'’-]+(?:{_SPACE}+[\w'’-]+)?{_SPACE}+"
        rf"(pas{_SPACE}+(?:[a-zà-ÿ'’-]+{_SPACE}+)?aucune?s?)\b"
    ),
    "_CURRENCY_FIRST": re.compile(
        rf"(?<![\w$£])[$£]{_SPACE}?\d+(?:[.,]\d+)?(?={_SPACE}*(?:millions?|milliards?|billions?)\b)"
    ),
}
"""The patterns as they were written, opening with ``\\b`` or a look-behind."""


def _former_reported_future() -> re.Pattern[str]:
    from corpuscheck.checks.translation import english_syntax

    written = r"(?:a(?<=\ba)|o(?<=\bo)nt|a(?<=\ba)vait|a(?<=\ba)vaient)"
    pattern = english_syntax._REPORTED_FUTURE.pattern
    assert pattern.startswith(written)
    return re.compile(r"\b(?:a|ont|avait|avaient)" + pattern[len(written) :])


FORMER_PATTERNS["_REPORTED_FUTURE"] = _former_reported_future()


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def assert_rewritten_patterns_find_what_they_found(text: str) -> None:
    from corpuscheck.checks.translation import english_syntax

    for name, former in FORMER_PATTERNS.items():
        assert _spans(getattr(english_syntax, name), text) == _spans(former, text), name


@pytest.mark.parametrize("name", sorted(FORMER_PATTERNS))
@settings(
    max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)
@given(data=st.data())
def test_a_rewritten_pattern_finds_the_matches_of_its_former_writing(
    name: str, data: st.DataObject
) -> None:
    before = data.draw(st.sampled_from(["", "a", " ", "'", "$", "n", "o", "\n"]))
    text = before + data.draw(st.from_regex(FORMER_PATTERNS[name]))
    assert_rewritten_patterns_find_what_they_found(text)


@settings(max_examples=500)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_the_rewritten_patterns_find_what_they_found(text: str) -> None:
    assert_rewritten_patterns_find_what_they_found(text)


def test_the_rewritten_patterns_find_what_they_found_on_real_text() -> None:
    texts = real_texts()
    for text in texts:
        assert_rewritten_patterns_find_what_they_found(text)
    assert any(FORMER_PATTERNS["_REPORTED_FUTURE"].search(text) for text in texts)


def _word_screen_passes(text: str) -> bool:
    from corpuscheck.checks.translation.english_syntax import _may_hold_function_word
    from corpuscheck.checks.translation.resources import profile

    fr = profile("fr")
    assert fr is not None
    return _may_hold_function_word(text, fr)


@settings(max_examples=500)
@given(
    st.lists(PIECES | st.sampled_from(["-", "_", "l’", "The ", " THE ", "the", "x"]), max_size=40)
)
def test_the_words_screen_passes_every_text_the_function_words_screen_passes(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    if may_match(_FUNCTION_WORD, text):
        assert _word_screen_passes(text)
    if not _word_screen_passes(text):
        assert _FUNCTION_WORD.search(text) is None


def test_the_words_screen_passes_every_text_the_screen_passes_on_real_text() -> None:
    texts = real_texts()
    assert len(texts) > 1000
    turned_away = 0
    for text in texts:
        if may_match(_FUNCTION_WORD, text):
            assert _word_screen_passes(text)
        turned_away += not _word_screen_passes(text)
    assert turned_away > len(texts) / 2
