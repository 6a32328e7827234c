"""The title-then-body pattern and its pre-filter (structure.glued_headline)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.structure.glued_headline import _TITLE_THEN_BODY, title_then_body
from tests.conftest import real_texts


def _body_start_without_look_ahead() -> re.Pattern[str]:
    """The body start as it was written before its look-ahead."""
    from corpuscheck.checks.structure.glued_headline import _STARTER, LOWER

    return re.compile(rf" (?:{_STARTER})[{LOWER}]")


def _title_then_body_without_look_ahead() -> re.Pattern[str]:
    """The title-then-body pattern as it was written before its look-ahead."""
    from corpuscheck.checks.structure.glued_headline import _STARTER_FIRSTS

    look_ahead = f"(?=[{_STARTER_FIRSTS}])"
    assert look_ahead in _TITLE_THEN_BODY.pattern
    return re.compile(_TITLE_THEN_BODY.pattern.replace(look_ahead, ""))


def _former_pre_filter(line: str) -> bool:
    """The pre-filter as it was written before one match replaced its three searches."""
    from corpuscheck.checks.structure.glued_headline import _BODY_START

    two = re.compile(r"(?:[^\s.!?:;«»\"“”]+ ){2}").match(line)
    if two is None:
        return False
    mark = re.compile(r"[.!?:;«»\"“”]").search(line)
    return _BODY_START.search(line, two.end() + 1, mark.start() if mark else len(line)) is not None


def _same_pre_filter(line: str) -> bool:
    """Whether the one-match pre-filter lets ``line`` through exactly when the former did."""
    from corpuscheck.checks.structure.glued_headline import _CAN_START_BODY

    return (_CAN_START_BODY.match(line) is not None) == _former_pre_filter(line)


PIECES = st.sampled_from(
    ["Pas", "de", "cessez-le-feu", "Après", "une", "réunion", "Le", "la", "Selon", "D'après",
     "L’", "il", "à", "Istanbul", "2024", "(AFP)", ".", ",", ":", "«", "»", "“", "!", "?", "-"]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", " ", " ", "", "  ", "\u00a0"])


@given(st.lists(st.tuples(PIECES, SEPARATORS), max_size=25))
@example([("note", " "), ("Après", " "), ("la", " "), ("place", " "), ("Le", " "), ("chat", "")])
@example([("Pas", " "), ("de", " "), ("Le", " "), ("chat", " "), ("Selon", " "), ("une", "")])
@example([("Pas", "  "), ("de", " "), ("fin", " "), ("Selon", " "), ("une", "")])
def test_the_pre_filter_never_changes_what_the_pattern_matches(
    parts: list[tuple[str, str]],
) -> None:
    line = "".join(piece + sep for piece, sep in parts)
    expected = _title_then_body_without_look_ahead().match(line)
    assert _same_match(_TITLE_THEN_BODY.match(line), expected)
    found = title_then_body(line)
    assert _same_pre_filter(line)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert (found.span(), found.groupdict()) == (expected.span(), expected.groupdict())


def test_a_title_run_into_a_sentence_is_matched() -> None:
    found = title_then_body("Pas de cessez-le-feu par téléphone Après une réunion à Istanbul")
    assert found is not None and found.group("body") == "Après une"


GLUED_TEXTS = st.lists(
    st.sampled_from(
        [
            *"abcéàAÉÀÇ.!? \n\t\u00a0@/-_1",
            *("Après", "Le", "Ça", "téléphone", "Gaza", "Office", "immédiatement.", "L’"),
        ]
    ),
    max_size=25,
).map("".join)


@given(GLUED_TEXTS)
@example("par téléphoneAprès une réunion, GazaAprès une trêve et immédiatement.Le soir")
@settings(max_examples=500)
def test_the_patterns_find_in_the_turn_windows_what_they_find_in_the_text(text: str) -> None:
    from corpuscheck.checks.structure.glued_headline import (
        _GLUED,
        _GLUED_NAME,
        _NO_SPACE,
        _turn_windows,
    )

    windows = _turn_windows(text)
    for pattern in (_GLUED, _GLUED_NAME, _NO_SPACE):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for s, e in windows for m in pattern.finditer(text, s, e)] == expected


def _real_lines() -> list[str]:
    texts = real_texts()
    return [line for text in texts for line in text.splitlines() if line.strip()]


def _same_match(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.span(), a.groupdict()) == (b.span(), b.groupdict())


@given(st.lists(st.tuples(PIECES, SEPARATORS), max_size=25))
def test_the_body_start_s_look_ahead_changes_no_match(parts: list[tuple[str, str]]) -> None:
    from corpuscheck.checks.structure.glued_headline import _BODY_START

    line = "".join(piece + sep for piece, sep in parts)
    former = _body_start_without_look_ahead()
    assert [m.span() for m in _BODY_START.finditer(line)] == [
        m.span() for m in former.finditer(line)
    ]


def test_the_pre_filter_and_the_look_ahead_change_nothing_on_real_lines() -> None:
    from corpuscheck.checks.structure.glued_headline import _BODY_START

    former = _body_start_without_look_ahead()
    lines = _real_lines()
    assert len(lines) > 10_000
    matched = 0
    for line in lines:
        assert [m.span() for m in _BODY_START.finditer(line)] == [
            m.span() for m in former.finditer(line)
        ]
        expected = _title_then_body_without_look_ahead().match(line)
        assert _same_match(_TITLE_THEN_BODY.match(line), expected)
        assert _same_match(title_then_body(line), expected)
        assert _same_pre_filter(line)
        matched += expected is not None
    assert matched > 10


def test_oe_is_the_only_capital_past_the_first_256_characters() -> None:
    from corpuscheck.checks.structure.glued_headline import _CAPITALS

    assert [c for c in _CAPITALS if ord(c) > 255] == ["Œ"]


@given(GLUED_TEXTS)
@example("par téléphoneÉcrit et immédiatement.Ça")
def test_the_turns_are_the_same_without_oe_where_a_text_has_none(text: str) -> None:
    from corpuscheck.checks.structure.glued_headline import _TURN, _TURN_WITHOUT_OE

    assert "Œ" not in text
    assert [m.span() for m in _TURN_WITHOUT_OE.finditer(text)] == [
        m.span() for m in _TURN.finditer(text)
    ]


@given(GLUED_TEXTS | st.text(st.sampled_from(list("aZéÉœŒ.!?’ ÿþÞß×÷\n")), max_size=20))
@example("par téléphoneAprès une fin.Le soir, ŒuvreÉté")
def test_the_turns_are_the_pattern_s(text: str) -> None:
    from corpuscheck.checks.structure.glued_headline import _TURN, _turns

    assert _turns(text) == [m.start() for m in _TURN.finditer(text)]


def test_the_turns_of_real_texts_are_the_pattern_s() -> None:
    from corpuscheck.checks.structure.glued_headline import _TURN, _turns

    for text in real_texts():
        assert _turns(text) == [m.start() for m in _TURN.finditer(text)]
    for code in range(256):  # and around each Latin-1 character
        text = f"a{chr(code)}Bc{chr(code)}"
        assert _turns(text) == [m.start() for m in _TURN.finditer(text)], hex(code)
