"""The normalised text that duplicates are compared on."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from corpuscheck.checks.duplicate.exact import normalise

TEXTS = st.text(alphabet=st.sampled_from(list("aé É_ \n\t\x1c\u00a0\u2028ß.,'’«»-0١²\u0301İ")))
LATIN_TEXTS = st.text(alphabet=st.characters(max_codepoint=0xFF))
"""Texts that stay Latin-1 once folded, or almost (µ folds to Greek mu, ÿ is wider in upper
case): the byte table's path."""
ASTRAL_TEXTS = st.text(alphabet=st.sampled_from(list("a É.’ \U0001d400\U0001f600\U00010400\ud800")))
"""Texts with characters beyond the Basic Multilingual Plane, letters (𝐀, 𐐀) or not, and a
lone surrogate (as a file read with surrogate escapes can hold)."""

ROOT = Path(__file__).resolve().parents[2]


def former_normalise(text: str) -> str:
    """The definition kept by the tests: the runs of ``[^\\W_]`` found by a regular expression."""
    return " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFC", text).casefold()))


@given(TEXTS)
@example("L’ÉTÉ,\n\n« chaud »  !")
def test_normalise_is_its_definition(text: str) -> None:
    # NFC, case folding, every run of punctuation, underscores and spaces made one space.
    folded = unicodedata.normalize("NFC", text).casefold()
    assert normalise(text) == " ".join(re.sub(r"[\W_]+", " ", folded).split())


@given(st.one_of(TEXTS, LATIN_TEXTS, ASTRAL_TEXTS, st.text()))
@example("")
@example("l'été")
@example("ÉTÉ ŒUVRE")
@example("\ud800\udc00 a")  # two lone surrogates, not one character
def test_normalise_is_the_regular_expressions(text: str) -> None:
    assert normalise(text) == former_normalise(text)


def test_the_tables_are_the_regular_expressions_word_characters() -> None:
    from corpuscheck.checks.duplicate.exact import _LATIN_SPACES, _bmp_word_characters

    word = re.compile(r"[^\W_]")
    assert [byte != 0x20 for byte in _LATIN_SPACES] == [
        bool(word.match(chr(code))) for code in range(256)
    ]
    assert _bmp_word_characters().tolist() == [
        bool(word.match(chr(code))) for code in range(0x10000)
    ]


def test_every_character_alone_and_among_words() -> None:
    # Each character of Unicode between words, in blocks of a thousand: both paths of the
    # tables and the regular expression's for the rest.
    for start in range(0, 0x110000, 1000):
        text = "".join(f"a{chr(code)}b " for code in range(start, min(start + 1000, 0x110000)))
        assert normalise(text) == former_normalise(text), hex(start)


@pytest.mark.parametrize("folder", ["pinned/slice", "devset/corpus"])
def test_real_documents_and_their_paragraphs(folder: str) -> None:
    # As a build reads them (an undecodable byte becomes a lone surrogate), before and after
    # cleaning, whole and paragraph by paragraph (what artifact.repeated_paragraph compares).
    from corpuscheck.checks.structure.layout import paragraphs
    from corpuscheck.clean import clean_document
    from corpuscheck.config import Config
    from corpuscheck.read.sources import open_source

    documents = [doc for doc, _ in open_source(ROOT / folder, Config()).documents]
    assert len(documents) > 50
    for doc in documents:
        clean_document(doc)
        for text in (doc.original, doc.text):
            assert normalise(text) == former_normalise(text), doc.file
            for paragraph in paragraphs(text):
                assert normalise(paragraph.text) == former_normalise(paragraph.text), doc.file


@given(TEXTS)
def test_word_count_is_the_number_of_words_split_finds(text: str) -> None:
    from corpuscheck.checks.duplicate.exact import word_count

    assert word_count(normalise(text)) == len(normalise(text).split())


def test_no_character_of_a_word_is_white_space() -> None:
    # Why counting spaces counts the words: normalise joins runs of [^\W_] with one space, and
    # no character of such a run is one that str.split cuts at.
    every = "".join(map(chr, range(0x110000)))
    assert not any(m.group().isspace() for m in re.finditer(r"[^\W_]", every))
