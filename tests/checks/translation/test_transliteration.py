"""inconsistent_transliteration's helpers over the token columns give what their definitions give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation.text import tokenize
from corpuscheck.checks.translation.transliteration import _candidates

TEXTS = st.text(alphabet=st.sampled_from(list("abcAB éÉ’'-.!?«\n 01")), max_size=200)


@given(TEXTS)
def test_name_candidates_are_their_definition(text: str) -> None:
    tokens = tokenize(text, {"l", "qu"})
    defined = [t.index for t in tokens if t.capitalised and not t.elided and len(t.text) >= 4]
    assert _candidates(tokens, tokens.indexes(tokens.capitalised)) == defined


@given(TEXTS)
def test_mid_sentence_forms_are_their_definition(text: str) -> None:
    from corpuscheck.checks.translation.transliteration import _mid_sentence_forms

    tokens = tokenize(text, {"l", "qu"})
    defined = {t.text for t in tokens if t.capitalised and not t.sentence_initial}
    assert _mid_sentence_forms(tokens, tokens.indexes(tokens.capitalised)) == defined


LANGS = ("de", "en", "fr")


def test_common_words_judged_together_are_those_judged_one_by_one() -> None:
    # Every word of the development set and of the pinned slice, and their capitalised forms'
    # lower case (the candidates are capitalised words), plus words of no table.
    from corpuscheck.checks.translation.transliteration import _common, _common_among
    from tests.conftest import real_texts

    words: set[str] = {"", "kyiv", "zelensky", "l'homme", "kyïv", "straße", "x-y", "İstanbul"}
    for text in real_texts():
        words.update(tokenize(text, {"l"}).lowers)
    assert len(words) > 10_000
    together = _common_among(words, LANGS)
    assert together == {w: True for w in words if _common(w, LANGS)}
    assert 1_000 < len(together) < len(words)


@given(st.sets(st.text(alphabet="aeiknorstuvyzéïß’'-", max_size=9), max_size=10))
def test_any_common_words_judged_together_are_those_judged_one_by_one(words: set[str]) -> None:
    from corpuscheck.checks.translation.transliteration import _common, _common_among

    assert _common_among(words, LANGS) == {w: True for w in words if _common(w, LANGS)}


def _skeleton_by_rules(name: str) -> str:
    """skeleton's definition: each of its rules applied in turn with re.sub."""
    import re

    from corpuscheck.checks.translation.resources import strip_accents
    from corpuscheck.checks.translation.transliteration import _SKELETON_RULES

    out = strip_accents(name).lower()
    for pattern, replacement in _SKELETON_RULES:
        out = re.sub(pattern, replacement, out)
    return out


NAMES = st.text(alphabet=st.sampled_from(list("tschkqxwjyzoupgieaCKQXÉï'’-")), max_size=16)


@given(NAMES)
@settings(max_examples=2000)
def test_the_skeleton_is_its_rules(name: str) -> None:
    from corpuscheck.checks.translation.transliteration import skeleton

    assert skeleton.__wrapped__(name) == _skeleton_by_rules(name)


def test_the_skeleton_of_every_real_capitalised_word_is_its_rules() -> None:
    from corpuscheck.checks.translation.transliteration import skeleton
    from tests.conftest import real_texts

    words = {w for text in real_texts() for w in tokenize(text, {"l"}).words if w[:1].isupper()}
    assert len(words) > 1_000
    for word in words:
        assert skeleton.__wrapped__(word) == _skeleton_by_rules(word), word
