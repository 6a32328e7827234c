"""The verdict's news-prose inputs: one slip weighs more in news than in a manual, and in dated
news Grammalecte reads every sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.checks.registry import load_checks
from corpuscheck.checks.translation import grammar
from corpuscheck.checks.translation.garbled import (
    NEWS_GRAMMAR_CHARS,
    Observation,
    counts,
    dated_news,
    english_quotation,
    features,
    model,
    news_prose,
    observe_document,
    said,
)
from corpuscheck.config import Config
from corpuscheck.model import Document
from tests.conftest import real_texts

ROOT = Path(__file__).resolve().parents[3]
GENRES = ROOT / "tests" / "devset" / "genres"


@pytest.mark.parametrize(
    "text",
    [
        "PARIS — Le gouvernement a présenté son budget.",
        "Le ministre a déclaré lundi que la réforme serait votée.",
        "Selon la police, la manifestation a réuni mille personnes samedi.",
    ],
)
def test_news_is_recognised(text: str) -> None:
    assert news_prose(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le paquet fournit la commande ls, selon la documentation.",
        "Cliquez sur Fichier puis Enregistrer pour garder le document.",
        "Selon la date, weekday(d) rend lundi ou dimanche ; datenum(y) et max_size(x) aussi.",
        "La semaine va du lundi au dimanche, mardi étant le jour 2, selon la norme.",
        "",
    ],
)
def test_other_prose_is_not_news(text: str) -> None:
    assert not news_prose(text)


def test_a_long_text_is_not_news() -> None:
    assert not news_prose("Le ministre a déclaré lundi. " * 400)


def test_few_documentation_pages_read_as_news() -> None:
    pages = sorted(GENRES.glob("*/*.txt"))
    assert len(pages) >= 300
    news = [p.name for p in pages if news_prose(p.read_text(encoding="utf-8"))]
    assert len(news) / len(pages) <= 0.02, news


def test_news_signals_count_every_signal_in_news_only() -> None:
    words = {"untranslated": ("troops",), "non_word": ()}
    other = {"calque": 1, "nous_for_us": 0}
    news = counts(Observation(words, other, (), news=True), frozenset())
    manual = counts(Observation(words, other, (), news=False), frozenset())
    assert news["news_signals"] == 2
    assert manual["news_signals"] == 0
    assert {k: v for k, v in news.items() if k != "news_signals"} == {
        k: v for k, v in manual.items() if k != "news_signals"
    }


def test_dated_news_needs_a_date() -> None:
    assert dated_news("BERLIN — Selon le ministre, le budget sera voté.")
    assert dated_news("Le ministre a déclaré lundi que le budget serait voté.")
    # Officials and reported speech, no day: a manual can say that much.
    assert not dated_news("Selon les responsables, la version stable sort quand elle est prête.")
    assert not dated_news("Cliquez sur Fichier puis Enregistrer.")


def test_few_documentation_pages_read_as_dated_news() -> None:
    pages = sorted(GENRES.glob("*/*.txt"))
    dated = [p.name for p in pages if dated_news(p.read_text(encoding="utf-8"))]
    assert len(dated) / len(pages) <= 0.01, dated


def _observe(text: str) -> Observation:
    load_checks()  # the span checks whose signals the verdict reads
    doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    obs = observe_document(doc, Config())
    assert obs is not None
    return obs


needs_grammalecte = pytest.mark.skipif(
    not grammar.available(), reason="Grammalecte (python3-grammalecte) is not installed"
)


@needs_grammalecte
def test_dated_news_agreement_errors_count_without_another_signal() -> None:
    text = (
        "ROME — Les discussions ont duré trois heures mardi, a indiqué le gouvernement.\n"
        "Le texte doit encore être approuvés par le Parlement.\n"
    )
    obs = _observe(text)
    assert obs.news_grammar == 1
    assert counts(obs, frozenset())["news_grammar"] == 1


@needs_grammalecte
def test_the_same_errors_outside_news_are_not_read() -> None:
    text = "Les paquets sont installé dans le dossier. Le texte doit être approuvés."
    assert _observe(text).news_grammar == 0


@needs_grammalecte
def test_grammalecte_reads_only_the_start_of_a_long_article() -> None:
    clean = "Le ministre a parlé mardi aux journalistes, selon son cabinet. "
    late = clean * (NEWS_GRAMMAR_CHARS // len(clean) + 1) + "Le texte doit être approuvés jeudi."
    assert _observe(late).news_grammar == 0
    assert _observe("Le texte doit être approuvés jeudi. " + late).news_grammar == 1


def test_news_said_counts_once_and_in_news_only() -> None:
    """*a dit* is translationese only in news, and a reporter may write it twice."""
    words: dict[str, tuple[str, ...]] = {"untranslated": (), "non_word": ()}
    twice = counts(Observation(words, {}, (), news=True, said=2), frozenset())
    assert twice["news_said"] == 1
    assert twice["news_signals"] == 0, "not a slip of its own: outside the news signals"


def test_english_quotes_count_once_and_in_news_only() -> None:
    words: dict[str, tuple[str, ...]] = {"untranslated": (), "non_word": ()}
    news = counts(Observation(words, {}, (), news=True, english_quotes=True), frozenset())
    assert news["news_english_quotes"] == 1 and news["news_signals"] == 0


def test_english_quotes_are_read_in_french_sentences_only() -> None:
    assert english_quotation("“Nous restons”, a dit le ministre.")
    assert not english_quotation("Le ministre a parlé d’une « “erreur” de calcul ».")
    english = "Le paquet existe. It is known as a “facet-based classification” in the handbook."
    assert not english_quotation(english)


def test_one_translationese_mark_alone_does_not_flag_news() -> None:
    """*a dit* or “ ” alone stays under the threshold; both together, or beside a slip, do not."""
    fitted = model("fr")
    assert fitted is not None
    words: dict[str, tuple[str, ...]] = {"untranslated": (), "non_word": ()}
    said_only = Observation(words, {}, (), news=True, said=2)
    quotes_only = Observation(words, {}, (), news=True, english_quotes=True)
    both = Observation(words, {}, (), news=True, said=1, english_quotes=True)
    for obs, flagged in ((said_only, False), (quotes_only, False), (both, True)):
        p = fitted.probability(features(counts(obs, frozenset())))
        assert (p >= fitted.threshold) is flagged, (obs, p)


def test_said_reports_speech_not_orders() -> None:
    assert said("Les pompiers ont dit que le feu était contenu, a-t-elle dit.") == 2
    assert said("Elle lui a dit d’attendre, et ils ont dit de rentrer.") == 0


# An untranslated word (« weapons ») makes its sentence suspect; the sentence also has an
# agreement error (« les mesures annoncé »).
_SUSPECT = "Les soldats ont reçu des weapons hier et les mesures annoncé restent en place."


@needs_grammalecte
def test_suspect_sentences_are_read_in_news() -> None:
    obs = _observe("BERLIN — Selon le gouvernement, mardi. " + _SUSPECT)
    assert obs.news and obs.grammar == ((2, ("weapons",)),)


@needs_grammalecte
def test_suspect_sentences_are_not_read_outside_news() -> None:
    """In a manual, Grammalecte's errors are a careful writer's slips as often as a translation's."""
    obs = _observe("Cliquez sur Fichier pour ouvrir le document. " + _SUSPECT)
    assert not obs.news and obs.words["untranslated"] == ("weapons",) and obs.grammar == ()


def _news_marks_by_definition(text: str) -> tuple[bool, bool, bool, bool]:
    """Dateline, weekday, reported speech, officials: the marks as first written, every pattern
    searched in the whole text."""
    from corpuscheck.checks.translation.garbled import (
        _CODE,
        _DATELINE,
        _OFFICIAL,
        _WEEKDAY,
        CODE_MARKS,
        NEWS_WORDS,
    )

    if len(text.split()) > NEWS_WORDS or len(_CODE.findall(text)) >= CODE_MARKS:
        return (False, False, False, False)
    return (
        bool(_DATELINE.match(text)),
        0 < len({d.lower() for d in _WEEKDAY.findall(text)}) <= 2,
        bool(FORMER_REPORTED.search(text)),
        bool(_OFFICIAL.search(text)),
    )


FORMER_REPORTED = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:déclaré|annoncé|indiqué|affirmé|ajouté|dit|précisé|"
    r"estimé|averti|dénoncé|assuré|expliqué|confirmé|salué|promis|rapporté)\b|\bselon\b",
    re.IGNORECASE,
)
"""Reported speech as first written: the auxiliaries in one group."""


def test_reported_speech_matches_where_it_did_on_real_text() -> None:
    from corpuscheck.checks.translation.garbled import _REPORTED

    texts = real_texts()
    spans = [[m.span() for m in FORMER_REPORTED.finditer(text)] for text in texts]
    assert spans == [[m.span() for m in _REPORTED.finditer(text)] for text in texts]
    assert sum(map(bool, spans)) > 50


def test_news_is_what_the_marks_by_definition_say_on_real_text() -> None:
    texts = real_texts()
    news = 0
    for text in texts:
        marks = _news_marks_by_definition(text)
        assert news_prose(text) == (sum(marks) >= 2)
        assert dated_news(text) == (sum(marks) >= 2 and (marks[0] or marks[1]))
        news += news_prose(text)
    assert news > 20


_NEWS_PIECES = st.one_of(
    st.sampled_from(
        [
            "PARIS — ",
            "MARDİ",
            "mardı",
            "ſelon",
            "SELON",
            "Lundi",
            "mardi",
            "jeudi",
            "samedi",
            "dimanche",
            "a déclaré",
            "ont\xa0dit",
            "avaient  promis",
            "a dit",
            "Le Président",
            "ministres",
            "porte-parole",
            "députés",
            "l’armée",
            "police",
            "f(x)",
            "max_size",
            "a=b",
            "x{y}",
            "<b>",
            "{{",
            "__",
            "(",
            "_",
            "=",
            " ",
            "\n",
            ". ",
            ", ",
            "mot",
            "Mot",
            "MOT",
            "x",
        ]
    ),
    st.text(alphabet=st.characters(max_codepoint=0x3000), max_size=3),
)


@given(st.lists(_NEWS_PIECES, max_size=40), st.sampled_from([0, 1, 2, 3, 4]))
def test_news_is_what_the_marks_by_definition_say(pieces: list[str], repeat_code: int) -> None:
    text = "".join(pieces) + " f(x)" * repeat_code
    marks = _news_marks_by_definition(text)
    assert news_prose(text) == (sum(marks) >= 2)
    assert dated_news(text) == (sum(marks) >= 2 and (marks[0] or marks[1]))


@given(st.text(alphabet=st.sampled_from("ab_=<>{}()é1 \n-"), max_size=60), st.integers(1, 6))
def test_code_marks_counts_what_findall_finds(text: str, enough: int) -> None:
    from corpuscheck.checks.translation.garbled import _CODE, code_marks

    assert code_marks(text, enough) == min(len(_CODE.findall(text)), enough)


def test_lower_case_reads_every_news_match_as_the_pattern_writes_it() -> None:
    # The lower-case shadows are exact prefilters when each character a pattern's letter matches
    # (case ignored) lowers to that letter, but for the traps, and white space stays white space.
    from corpuscheck.checks.translation.garbled import _CASE_TRAPS, _OFFICIAL, _REPORTED, _WEEKDAY

    patterns = (_WEEKDAY, _REPORTED, _OFFICIAL)
    assert all(p.pattern == p.pattern.lower() and p.flags & re.IGNORECASE for p in patterns)
    every = "".join(map(chr, range(0x110000)))
    letters = {c for p in patterns for c in p.pattern if c.isalpha()}
    for letter in sorted(letters):
        for found in re.finditer(re.escape(letter), every, re.IGNORECASE):
            char = found.group()
            assert char in _CASE_TRAPS or char.lower() == letter, (letter, char)
    assert all(m.group().lower() == m.group() for m in re.finditer(r"\s", every))


@given(st.lists(_NEWS_PIECES, max_size=40).map("".join))
def test_reported_speech_matches_where_it_did(text: str) -> None:
    from corpuscheck.checks.translation.garbled import _REPORTED

    assert [m.span() for m in _REPORTED.finditer(text)] == [
        m.span() for m in FORMER_REPORTED.finditer(text)
    ]


def _shadow_start(pattern: re.Pattern[str], lowered: str) -> int | None:
    """Where the lower-case shadow first matches, as first written: its regular expression."""
    from corpuscheck.checks.translation.garbled import _shadow

    found = _shadow(pattern).search(lowered)
    return None if found is None else found.start()


def _assert_word_shadows_start_where_they_did(text: str) -> None:
    from corpuscheck.checks.translation.garbled import (
        _OFFICIAL,
        _WEEKDAY,
        _from_shadow,
        _shadow_words,
    )

    lowered = text.lower()
    for pattern in (_WEEKDAY, _OFFICIAL):
        assert _shadow_words(pattern) is not None
        assert _from_shadow(pattern, lowered) == _shadow_start(pattern, lowered)


@given(st.lists(_NEWS_PIECES, max_size=40).map("".join))
def test_the_word_shadows_start_where_their_expressions_did(text: str) -> None:
    _assert_word_shadows_start_where_they_did(text)


def test_the_word_shadows_start_where_their_expressions_did_on_real_text() -> None:
    for text in real_texts():
        _assert_word_shadows_start_where_they_did(text)


@given(
    st.text(alphabet=st.sampled_from("ab é’\n\t\xa0\x85\u2009\u3000\U0001f600"), max_size=40),
    st.integers(0, 12),
)
def test_more_words_than_is_what_split_counts(text: str, words: int) -> None:
    from corpuscheck.checks.translation.garbled import _more_words_than

    assert _more_words_than(text, words) == (len(text.split()) > words)


def test_every_white_space_is_counted_as_possible() -> None:
    from corpuscheck.checks.translation.garbled import _white_space_at_most

    spaces = "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    assert _white_space_at_most(spaces) >= len(spaces)


LOADED_BY_OBSERVING = """
import sys
from corpuscheck.checks.translation.garbled import Garbled
from corpuscheck.config import Config
from corpuscheck.model import Document

text = {text!r}
doc = Document("d", "d.txt", text, text, metadata={{"language": {lang!r}}})
Garbled(Config()).observe(doc)
print("grammalecte" in sys.modules)
"""


def _loaded_by_observing(text: str, lang: str) -> bool:
    import subprocess
    import sys

    code = LOADED_BY_OBSERVING.format(text=text, lang=lang)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() == "True"


@needs_grammalecte
def test_the_first_judged_document_loads_grammalecte_news_or_not() -> None:
    # Loaded in a build's first worker, with its first batch, before the others are forked
    # from it: they share it instead of each loading it when it first meets news.
    assert _loaded_by_observing("Le paquet fournit la commande ls et sa documentation.", "fr")
    assert not _loaded_by_observing("The package provides the ls command.", "en")
