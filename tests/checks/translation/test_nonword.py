"""non_word's choice of the words it looks up gives what its definition gives."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation import nonword
from corpuscheck.checks.translation.nonword import MIN_LENGTH, _candidate_words, non_word
from corpuscheck.checks.translation.text import tokenize
from corpuscheck.config import Config
from corpuscheck.model import Document
from tests.conftest import real_files

ROOT = Path(__file__).resolve().parents[2]

# Letters that lower-case to more characters (İ) or to other ones (Σ, K), hyphens, apostrophes.
WORD_TEXTS = st.lists(
    st.sampled_from(["a", "é", "İ", "Σ", "K", "-", "’", "'", " ", "l’", "abcd", "ab-cd", "ÉTÉ"]),
    max_size=30,
).map("".join)


@given(WORD_TEXTS)
@example("İİ-a İİİ x-İİ ΣΣΣ-a l’İİİ")
@settings(max_examples=400)
def test_the_words_looked_up_hold_every_part_that_can_be_judged(text: str) -> None:
    # The definition: a token can give a finding only if its word is used once
    # in the text and one of its parts is MIN_LENGTH characters once lower-cased.
    elisions = frozenset({"l"})
    tokens = tokenize(text, elisions)
    uses = Counter(tokens.lowers)
    defined = {
        t.lower
        for t in tokens
        if uses[t.lower] == 1
        and any(len(p.lower().replace("’", "'")) >= MIN_LENGTH for p, _, _ in t.parts)
    }
    chosen = _candidate_words(text, elisions)
    assert defined <= chosen
    assert chosen == {w for w, n in uses.items() if n == 1 and len(w) >= MIN_LENGTH}


def _every_word_used_once(text: str, elisions: frozenset[str]) -> set[str]:
    """The former choice: every word used once, whatever its length."""
    return {w for w, n in Counter(tokenize(text, elisions).lowers).items() if n == 1}


def _real_texts() -> list[tuple[str, str]]:
    files = real_files()
    return [(f.name, f.read_text(encoding="utf-8", errors="replace")) for f in files]


def test_the_findings_of_real_texts_are_those_of_every_word_used_once(monkeypatch) -> None:
    config = Config()
    texts = _real_texts()
    assert len(texts) > 300
    chosen = [
        list(non_word(Document(name, name, text, text, metadata={"language": "fr"}), config))
        for name, text in texts
    ]
    monkeypatch.setattr(nonword, "_candidate_words", _every_word_used_once)
    former = [
        list(non_word(Document(name, name, text, text, metadata={"language": "fr"}), config))
        for name, text in texts
    ]
    assert sum(map(len, former)) > 50
    assert chosen == former


@pytest.mark.parametrize("word", ["schâchés", "cédération"])
def test_a_non_word_is_found_once_used_and_not_when_repeated(word: str) -> None:
    once = f"Les espoirs ont été {word} hier."
    twice = f"Les espoirs ont été {word} hier, et {word} encore."
    found = [
        [
            f.evidence["word"]
            for f in non_word(Document("d", "d.txt", t, t, metadata={"language": "fr"}), Config())
        ]
        for t in (once, twice)
    ]
    assert found == [[word], []]
