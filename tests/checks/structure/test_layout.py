"""Lines, paragraphs and sentences with their offsets (checks.structure.layout)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.structure.layout import (
    _SENTENCE_BREAK,
    ABBREVIATIONS,
    CLOSING,
    SENTENCE_END,
    TEXTS_KEPT,
    Span,
    _ends_abbreviation,
    _lines,
    _paragraphs,
    _sentence_breaks,
    ends_sentence,
    paragraphs,
    sentence_pieces,
    sentences,
)
from tests.conftest import real_files, real_texts

TEXT = st.text(alphabet=st.sampled_from(list("Ab c.\n«»É?")), max_size=60)


def test_each_caller_gets_a_list_of_its_own() -> None:
    # The paragraphs of the last texts are kept for the next check that asks:
    # one check changing its list must not change another's.
    text = "Titre\nUne phrase.\n\nAutre paragraphe."
    first = paragraphs(text)
    first.clear()
    assert [p.text for p in paragraphs(text)] == ["Titre", "Une phrase.", "Autre paragraphe."]


def test_a_batch_s_paragraphs_are_made_once_in_a_build() -> None:
    # The language checks ask for the paragraphs of every document of a batch,
    # then the other checks ask again, document by document.
    from corpuscheck.checks.runner import process_documents
    from corpuscheck.config import Config
    from corpuscheck.model import Document
    from corpuscheck.pipeline import BATCH_SIZE

    assert TEXTS_KEPT >= BATCH_SIZE + 2
    texts = [f"Le document numéro {i} parle du paquet.\n\nIl est construit." for i in range(16)]
    batch = [(Document(f"d{i}", f"d{i}.txt", t, t), []) for i, t in enumerate(texts)]
    _paragraphs.cache_clear()
    list(process_documents(batch, Config()))
    assert _paragraphs.cache_info().misses == len(texts)


@given(TEXT)
def test_kept_paragraphs_are_those_of_a_fresh_split(text: str) -> None:
    assert paragraphs(text) == list(_paragraphs.__wrapped__(text))
    assert all(text[p.start : p.end] == p.text for p in paragraphs(text))


SENTENCE_BREAK = re.compile(
    rf"(?<=[{SENTENCE_END}])((?:[\s\u00a0\u202f]?[{re.escape(CLOSING)}])*)\s+(?=[«“\"(\[]?\s?[A-ZÀ-ÖØ-ÞŒ0-9])"
)
"""A sentence break: after a sentence's last mark, its closing quotes and brackets, spaces."""


def defined_sentences(paragraph: Span) -> list[Span]:
    """The definition: the text cut after each sentence break that follows no abbreviation."""
    found = []
    start = 0
    text = paragraph.text
    for match in SENTENCE_BREAK.finditer(text):
        before = re.search(r"(\w+)\.$", text[: match.start()])
        if before and (before[1] in ABBREVIATIONS or len(before[1]) == 1):
            continue
        end = match.start() + len(match.group(1))
        piece = text[start:end].rstrip()
        if piece:
            found.append(Span(paragraph.start + start, paragraph.start + start + len(piece), piece))
        start = match.end()
    piece = text[start:].rstrip()
    if piece:
        found.append(Span(paragraph.start + start, paragraph.start + start + len(piece), piece))
    return found


PIECES = "Il pleut|M|cf|Dupont|M. D|cf. (|pleut. O|x|é|3|.|!|…| |  |\n|«|»|)|(|\u00a0|\u202f|A|»."
SENTENCE_TEXT = st.lists(st.sampled_from(PIECES.split("|")), max_size=30).map("".join)


@settings(max_examples=500)
@given(SENTENCE_TEXT, st.integers(min_value=0, max_value=50))
def test_sentences_are_cut_as_defined(text: str, start: int) -> None:
    paragraph = Span(start, start + len(text), text)
    assert sentences(paragraph) == defined_sentences(paragraph)
    assert [(s.start - start, s.text) for s in sentences(paragraph)] == sentence_pieces(text)


@settings(max_examples=500)
@given(
    SENTENCE_TEXT | st.lists(st.sampled_from(["a", ". ", ".", " A", "»", "\n", "1"])).map("".join)
)
def test_breaks_found_from_the_marks_are_the_pattern_s(text: str) -> None:
    """Tried at each mark of a text with one kind, searched for in the others: the same."""
    found = [(match.span(), match.span(1)) for match in _sentence_breaks(text)]
    assert found == [(match.span(), match.span(1)) for match in _SENTENCE_BREAK.finditer(text)]


@settings(max_examples=1000)
@given(
    st.lists(st.sampled_from(["M", "cf", "Mme", "pleut", "x", "_", "é", "²", "3", " ", "."])).map(
        "".join
    )
)
def test_an_abbreviation_is_found_as_defined(text: str) -> None:
    """The word before each full stop, as the former definition found it (a pattern searched
    in the text before the full stop)."""
    for dot in (index for index, char in enumerate(text) if char == "."):
        before = re.search(r"(\w+)$", text[:dot])
        defined = bool(before) and (before[1] in ABBREVIATIONS or len(before[1]) == 1)
        assert _ends_abbreviation(text, dot) == defined


ENDS_SENTENCE = re.compile(rf"[{SENTENCE_END}][{re.escape(CLOSING)}\s]*$|[:;][\s»”\"]*$")
"""What ends a sentence, as a pattern searched in the line (the former definition)."""

LINE_ENDS = st.text(
    alphabet=st.sampled_from(list(".!?…:;»\"”’')] \u00a0\t\u2028\n\rab«(")), max_size=12
)


@given(LINE_ENDS)
@settings(max_examples=1000)
def test_ends_sentence_reads_from_the_end_what_the_pattern_finds(line: str) -> None:
    assert ends_sentence(line) == bool(ENDS_SENTENCE.search(line.rstrip()))


def test_ends_sentence_reads_from_the_end_what_the_pattern_finds_on_real_lines() -> None:
    files = real_files()
    found = [
        (ends_sentence(line), bool(ENDS_SENTENCE.search(line.rstrip())))
        for f in files
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines()
    ]
    assert len(found) > 10_000
    assert all(new == former for new, former in found)
    assert 1_000 < sum(new for new, _ in found) < len(found) - 1_000


def test_white_space_is_the_same_to_the_pattern_and_to_str() -> None:
    # ends_sentence reads white space with str.isspace where the pattern had \s.
    every = "".join(map(chr, range(0x110000)))
    assert [m.group() for m in re.finditer(r"\s", every)] == [c for c in every if c.isspace()]


def defined_lines(text: str) -> list[Span]:
    """The former definition: each line's span made from its text with its line break."""
    found = []
    start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        found.append(Span(start, start + len(body), body))
        start += len(line)
    return found


def defined_paragraphs(text: str) -> list[Span]:
    """The former definition: each line's span made from its text, each paragraph's from the
    text between its first line's start and its last line's end."""
    lines = defined_lines(text)
    found: list[Span] = []
    current: list[Span] = []
    for line in [*lines, Span(len(text), len(text), "")]:
        blank = not line.text.strip()
        starts_anew = bool(current) and (
            ends_sentence(current[-1].text)
            or bool(re.match(r"[\W\d_]*(?:[A-ZÀ-ÖØ-ÞŒ]|$)|[-–—•*«“\"]", line.text.lstrip()))
        )
        if (blank or starts_anew) and current:
            first, last = current[0].start, current[-1].end
            found.append(Span(first, last, text[first:last]))
            current = []
        if not blank:
            current.append(line)
    return found


TEXT_WITH_BREAKS = st.text(alphabet=st.sampled_from(list("Ab c.\n\r«»É?\u2028\x0c ")), max_size=60)


@settings(max_examples=500)
@given(TEXT_WITH_BREAKS)
def test_paragraphs_are_those_of_the_former_definition(text: str) -> None:
    assert list(_paragraphs.__wrapped__(text)) == defined_paragraphs(text)


@settings(max_examples=500)
@given(TEXT_WITH_BREAKS | st.text(st.sampled_from(list("ab \n\u2028\x0b\x0c\x1c\x1d\x1e\x85"))))
def test_lines_are_those_of_the_former_definition(text: str) -> None:
    assert list(_lines.__wrapped__(text)) == defined_lines(text)
    assert all(type(line) is Span for line in _lines.__wrapped__(text))


def test_paragraphs_and_sentences_of_real_texts_are_those_of_the_definitions() -> None:
    """Every paragraph and sentence of the development set and the pinned texts."""
    texts = real_texts()
    sentences_seen = 0
    for text in texts:
        assert list(_lines.__wrapped__(text)) == defined_lines(text)
        found = list(_paragraphs.__wrapped__(text))
        assert found == defined_paragraphs(text)
        for paragraph in found:
            cut = sentences(paragraph)
            assert cut == defined_sentences(paragraph)
            sentences_seen += len(cut)
    assert sentences_seen > 15_000


def test_a_span_is_its_fields() -> None:
    span = Span(3, 5, "ab")
    assert (span.start, span.end, span.text, span.words) == (3, 5, "ab", ["ab"])
    assert span == Span(3, 5, "ab") and span != Span(3, 5, "ac")


def test_the_latin_lower_case_table_is_str_lower() -> None:
    from corpuscheck.checks.structure.layout import _LATIN_LOWER, lower_case

    for code in range(256):
        char = chr(code)
        assert len(char.lower()) == 1 and _LATIN_LOWER[code] == ord(char.lower()), hex(code)
        for text in (char, f"Éa{char}B ", f"{char}’x"):  # Latin-1, then wider
            assert lower_case(text) == text.lower(), hex(code)
    for text in real_texts():
        assert lower_case(text) == text.lower()


_SEPARATED = st.text(
    st.sampled_from(list("aeAE \u0301\u0327\u0308\u2000\u212b\uac00\u1161\u11a8\n\r\x0b\x85\u2028"))
    | st.characters(codec="utf-8"),
    max_size=30,
)


@given(_SEPARATED)
@settings(max_examples=600, deadline=None)
def test_each_line_of_a_text_in_nfc_is_in_nfc(text: str) -> None:
    # What caption credits rely on to read the lines of such a text as they are.
    import unicodedata

    from corpuscheck.checks.structure.layout import is_nfc, lines

    normalised = unicodedata.normalize("NFC", text)
    assert is_nfc(normalised) and is_nfc(text) == unicodedata.is_normalized("NFC", text)
    for line in lines(normalised):
        assert unicodedata.is_normalized("NFC", line.text), line
