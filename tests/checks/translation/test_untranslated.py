"""untranslated_word's helpers over the token columns give what their definitions give."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation.resources import profile
from corpuscheck.checks.translation.text import Token, tokenize
from corpuscheck.checks.translation.untranslated import (
    _capital_runs,
    _capital_runs_to_judge,
    _capitalised_run,
    _mid_sentence_capitals,
    _weak_among,
    _weak_score,
)
from corpuscheck.model import Document
from tests.conftest import real_files, real_texts

TEXTS = st.text(alphabet=st.sampled_from(list("abAB éÉ’'-.!?«»“\"(\n 01,:—")), max_size=200)


def _mid_sentence_capital(t: Token) -> bool:
    # The definition, one token at a time.
    return (
        t.capitalised
        and not t.sentence_initial
        and not t.after_opening
        and not t.elided
        and not t.touches_digit
        and len(t.text) > 1
    )


@given(TEXTS)
def test_mid_sentence_capitals_are_their_definition(text: str) -> None:
    tokens = tokenize(text, {"l", "qu"})
    assert _mid_sentence_capitals(tokens) == [t.index for t in tokens if _mid_sentence_capital(t)]


def _scored_one_by_one(words: set[str], lang: str, sources: tuple[str, ...]) -> dict[str, object]:
    # The definition: every word asked of _weak_score.
    scores = {w: _weak_score(w, lang, sources) for w in words}
    return {w: s for w, s in scores.items() if s is not None}


def _listed_words() -> list[str]:
    import wordfreq

    return [w for lang in ("fr", "en", "de") for w in wordfreq.top_n_list(lang, 400)]


SOURCE_SETS = st.sampled_from([("en",), ("de",), ("en", "de"), ("de", "en"), ("en", "tr"), ("tr",)])


@settings(max_examples=200, deadline=None)
@given(
    st.sets(
        st.sampled_from([*_listed_words(), "server", "download", "schâchés", "a", "week-end"])
        | st.text(alphabet="abeintsrdé’'-", max_size=8),
        max_size=40,
    ),
    SOURCE_SETS,
)
def test_words_scored_together_are_scored_as_one_by_one(
    words: set[str], sources: tuple[str, ...]
) -> None:
    assert _weak_among(words, "fr", sources) == _scored_one_by_one(words, "fr", sources)


def test_the_words_of_real_texts_are_scored_together_as_one_by_one() -> None:
    files = real_files()
    assert len(files) > 300
    elisions = profile("fr").elisions  # type: ignore[union-attr]
    words = {
        w
        for f in files
        for w in tokenize(f.read_text(encoding="utf-8", errors="replace"), elisions).lowers
    }
    assert len(words) > 15_000
    for sources in (("en", "de"), ("en",)):
        scored = _weak_among(words, "fr", sources)
        assert len(scored) > 500
        assert scored == _scored_one_by_one(words, "fr", sources)


def _judged_runs_are_the_runs_that_can_report(text: str, sources: tuple[str, ...]) -> int:
    """The runs judged are runs of _capital_runs, in order, and every run that reports is one."""
    target = profile("fr")
    assert target is not None
    tokens = tokenize(text, target.elisions)
    doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    every = list(_capital_runs(text, tokens))
    judged = list(_capital_runs_to_judge(text, tokens, target, sources))
    assert [run for run in every if run in judged] == judged
    reporting = [run for run in every if list(_capitalised_run(doc, tokens, run, target, sources))]
    assert [run for run in judged if run in reporting] == reporting
    return len(reporting)


CAPITAL_PIECES = st.sampled_from(
    [
        *(" ", " ", ", ", ". ", "\n", "  ", "-", "« "),
        *("Deal", "Bundeskanzler", "Bank", "Force", "Air", "Paris", "Trump", "Le", "Moscow"),
        *("de", "du", "des", "d’", "l’", "la", "of", "the", "cessez-le-feu", "Ukraine", "un"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CAPITAL_PIECES, max_size=30).map(" ".join), SOURCE_SETS)
@example(
    "Le président a félicité le Deal de cessez-le-feu et le Bundeskanzler Trump.", ("en", "de")
)
@example("Il a vu l’Air Force de l’Ukraine, la Bank of America Deal de la paix", ("en",))
def test_the_capital_runs_judged_are_those_that_can_report(
    text: str, sources: tuple[str, ...]
) -> None:
    _judged_runs_are_the_runs_that_can_report(text, sources)


def test_the_examples_have_capital_runs_that_report() -> None:
    text = "Le président a félicité le Deal de cessez-le-feu et le Bundeskanzler Trump."
    assert _judged_runs_are_the_runs_that_can_report(text, ("en", "de")) == 2


def test_the_capital_runs_judged_in_real_texts_are_those_that_can_report() -> None:
    texts = real_texts()
    reported = sum(_judged_runs_are_the_runs_that_can_report(t, ("en", "de")) for t in texts)
    assert reported > 10
