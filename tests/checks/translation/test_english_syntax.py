"""english_syntax's screens: a text a screen turns away holds no match of its pattern."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation.english_syntax import (
    _AM_PM,
    _FUNCTION_WORD,
    NEEDS,
    PATTERNS,
    may_match,
)

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
    text = data.draw(st.from_regex(regex))
    if regex.search(text):
        assert may_match(regex, text)


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
