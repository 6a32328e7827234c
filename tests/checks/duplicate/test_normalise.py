"""The normalised text that duplicates are compared on."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from corpuscheck.checks.duplicate.exact import (
    _document_words,
    normalise,
    normalised_document,
    normalised_paragraphs,
)
from corpuscheck.checks.structure.layout import lines, paragraphs

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


LINED_TEXTS = st.text(alphabet=st.sampled_from(list("aÉ ’.,_-0\n\r\x0b\x0c\x1c\x85\u2028\u2029")))
"""Texts of several lines whose characters each fold to one: read off the whole text's pass."""
UNALIGNED_TEXTS = st.text(
    alphabet=st.sampled_from(list("aÉ .\n\r\u2028ßİ\u0301\u0323\U0001d400\ud800\udc00"))
)
"""Lines with characters that fold to two (ß, İ), combine (accents) or take two UTF-16 units."""
SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=6)


@given(st.one_of(LINED_TEXTS, UNALIGNED_TEXTS), SPANS)
@example("L’ÉTÉ sera chaud.\nDit-il.", [(0, 17), (18, 25), (2, 9)])
@example("Été\r\n\r\nÉté.", [])
@example("e\u0301t\u0301e\u0301\nété", [])
def test_a_documents_normalised_text_and_its_spans_are_normalises(
    text: str, spans: list[tuple[int, int]]
) -> None:
    assert normalised_document(text) == former_normalise(text)
    spans = [
        *((p.start, p.end) for p in paragraphs(text)),
        *((line.start, line.end) for line in lines(text)),
        *((min(a, len(text)), min(b, len(text))) for a, b in spans),
    ]
    assert normalised_paragraphs(text, spans) == [former_normalise(text[a:b]) for a, b in spans]


def test_a_long_texts_paragraphs_are_normalised_one_by_one(monkeypatch) -> None:
    # Past the limit (a text of a million characters), no pass over the whole text is kept:
    # the same answers, each paragraph on its own.
    import corpuscheck.checks.duplicate.exact as exact

    monkeypatch.setattr(exact, "READ_OFF_LIMIT", 30)
    exact._document_words.cache_clear()
    for text in ("Le paquet est parti.\nIl est arrivé, dit-il.\n" * 3, "court.\nÉTÉ", "L’été"):
        spans = [(p.start, p.end) for p in paragraphs(text)]
        assert normalised_document(text) == former_normalise(text)
        assert normalised_paragraphs(text, spans) == [former_normalise(text[a:b]) for a, b in spans]
        assert (_document_words(text)[1] is None) == (len(text) > 30)
    exact._document_words.cache_clear()


@pytest.mark.parametrize("folder", ["pinned/slice", "devset/corpus"])
def test_real_documents_and_their_paragraphs(folder: str) -> None:
    # As a build reads them (an undecodable byte becomes a lone surrogate), before and after
    # cleaning, whole and paragraph by paragraph (what artifact.repeated_paragraph compares).
    from corpuscheck.clean import clean_document
    from corpuscheck.config import Config
    from corpuscheck.read.sources import open_source

    documents = [doc for doc, _ in open_source(ROOT / folder, Config()).documents]
    assert len(documents) > 50
    read_off = 0
    for doc in documents:
        clean_document(doc)
        for text in (doc.original, doc.text):
            assert normalise(text) == former_normalise(text), doc.file
            assert normalised_document(text) == former_normalise(text), doc.file
            spans = [(p.start, p.end) for p in paragraphs(text)]
            expected = [former_normalise(text[start:end]) for start, end in spans]
            assert [normalise(text[start:end]) for start, end in spans] == expected, doc.file
            assert normalised_paragraphs(text, spans) == expected, doc.file
            read_off += _document_words(text)[1] is not None
    assert read_off > len(documents)  # most texts' paragraphs are read off the whole text's


@given(TEXTS)
def test_word_count_is_the_number_of_words_split_finds(text: str) -> None:
    from corpuscheck.checks.duplicate.exact import word_count

    assert word_count(normalise(text)) == len(normalise(text).split())


def test_no_character_of_a_word_is_white_space() -> None:
    # Why counting spaces counts the words: normalise joins runs of [^\W_] with one space, and
    # no character of such a run is one that str.split cuts at.
    every = "".join(map(chr, range(0x110000)))
    assert not any(m.group().isspace() for m in re.finditer(r"[^\W_]", every))


@given(TEXTS | LATIN_TEXTS | ASTRAL_TEXTS)
def test_the_latin_1_folding_is_unicodes(text: str) -> None:
    from corpuscheck.checks.duplicate.exact import _latin_folded

    folded = text.casefold()
    latin = all(c < "\u0100" for c in text) and all(c < "\u0100" for c in folded)
    expected = folded.encode("latin-1") if latin and len(folded) == len(text) else None
    assert _latin_folded(text) == expected


@given(TEXTS | LATIN_TEXTS)
def test_latin_1_words_are_those_of_every_character(text: str) -> None:
    # The byte tables' pass gives what the pass over UTF-16 code units gives.
    import numpy as np

    from corpuscheck.checks.duplicate.exact import _latin_folded, _latin_words, _spaced_words

    folded = _latin_folded(text)
    if folded is None:
        return
    units = np.frombuffer(folded.decode("latin-1").encode("utf-16-le"), dtype="<u2")
    spaced, kept = _spaced_words(units)
    words, latin_kept = _latin_words(folded)
    assert words == spaced.tobytes().decode("utf-16-le").rstrip(" ")
    assert latin_kept.dtype == kept.dtype and latin_kept.tolist() == kept.tolist()


def test_every_latin_1_text_is_in_nfc() -> None:
    # No Latin-1 character composes with the one before it (pairs cover every composition)
    # or decomposes alone: the byte table's path does not ask Unicode.
    latin = [chr(code) for code in range(256)]
    assert all(unicodedata.is_normalized("NFC", a + b) for a in latin for b in latin)


@given(TEXTS, st.integers(0, 8))
def test_has_words_is_the_word_count_compared(text: str, words: int) -> None:
    from corpuscheck.checks.duplicate.exact import _has_words, word_count

    normalised = normalise(text)
    assert _has_words(normalised, words) == (word_count(normalised) >= words)


@given(TEXTS | LATIN_TEXTS | ASTRAL_TEXTS | st.text())
def test_the_folded_units_are_those_of_the_case_folding(text: str) -> None:
    from corpuscheck.checks.duplicate.exact import _folded_units

    folded = text.casefold()
    encoded = folded.encode("utf-16-le", "surrogatepass")
    one_each = len(folded) == len(text) and len(encoded) == 2 * len(text)
    found = _folded_units(text)
    assert (found is not None) == one_each
    if found is not None:
        assert found.tobytes() == encoded


def test_the_fold_table_is_unicodes() -> None:
    from corpuscheck.checks.duplicate.exact import _NO_FOLD, _bmp_folds

    table = _bmp_folds()
    for code in range(0x10000):
        folded = chr(code).casefold()
        one = len(folded) == 1 and ord(folded) < 0x10000
        assert table[code] == (ord(folded) if one else _NO_FOLD), code
