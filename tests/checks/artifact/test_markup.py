"""Markup patterns run only on texts holding what their matches need (artifact.markup)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.artifact.markup import ALSO_NEEDS, NEEDS, PATTERNS, _may_match, find_markup

PIECES = st.sampled_from(
    [
        *"*[]()!ab #/:w.\n<>{}='\"-",
        *("https://", "**", "<!--", "-->", "<b>", "</p>", "[[", "]]", "{{", "}}", "''", "=="),
        *("[b]", "[caption]", "<a href='x'>", "## ", "<![CDATA[", "]]>", "www.", "<https://x>"),
    ]
)


def test_every_pattern_says_what_it_needs() -> None:
    assert set(NEEDS) == set(PATTERNS)
    assert set(ALSO_NEEDS) <= set(PATTERNS)


@given(st.lists(PIECES, max_size=40).map("".join))
def test_a_pattern_skipped_for_lacking_its_literal_would_have_found_nothing(text: str) -> None:
    for kind, needed in NEEDS.items():
        if not any(s in text for s in needed):
            assert PATTERNS[kind].search(text) is None, kind
    for kind, needed in ALSO_NEEDS.items():
        if not any(s in text for s in needed):
            assert PATTERNS[kind].search(text) is None, kind
    for kind in PATTERNS:
        # Asked by first character, then whole: the same answer as the needles alone.
        also = ALSO_NEEDS.get(kind)
        expected = any(s in text for s in NEEDS[kind]) and (
            also is None or any(s in text for s in also)
        )
        assert _may_match(kind, text) == expected, kind


def test_markdown_is_still_found() -> None:
    text = "Voir **ceci** et [le site](https://example.org)."
    assert [kind for *_, kind in find_markup(text)] == ["markdown emphasis", "markdown link"]
