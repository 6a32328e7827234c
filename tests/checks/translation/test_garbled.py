"""The verdict's news-prose input: one slip weighs more in news than in a manual."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpuscheck.checks.translation.garbled import Observation, counts, news_prose

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
