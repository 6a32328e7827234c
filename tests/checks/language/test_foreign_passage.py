"""The language a document is judged against, and the passages in another one."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.language.foreign_passage import (
    DECLARED_SHARE,
    GUESS_FLOOR,
    MIN_LETTERS,
    MIN_WORDS,
    PARAGRAPH_PROBABILITY,
    REFERENCE_CEILING,
    SENTENCE_PROBABILITY,
    Guesses,
    Passage,
    _has_letters,
    _too_short,
    document_language,
    foreign_passages,
    merged_passages,
)
from corpuscheck.checks.language.identify import identify
from corpuscheck.checks.structure.layout import Span, paragraphs, sentence_pieces, sentences
from tests.conftest import real_texts

FRENCH = (
    "Le paquet est construit puis envoyé sur le serveur de l'archive, où il est vérifié "
    "par le logiciel de l'archive avant d'être accepté dans la distribution."
)
ENGLISH = (
    "The package is then checked by the archive software before it is accepted into the "
    "distribution, and the maintainer is told by mail."
)


def test_one_language_is_the_documents() -> None:
    text = f"{FRENCH}\n\n{FRENCH}"
    assert document_language(paragraphs(text), "fr") == "fr"
    assert document_language(paragraphs(text), "") == "fr"


def test_a_wholly_english_text_declared_french_is_english() -> None:
    text = f"{ENGLISH}\n\n{ENGLISH}"
    assert document_language(paragraphs(text), "fr") == "en"


def test_the_declared_language_holds_from_a_quarter_of_the_letters() -> None:
    # One French paragraph against three English ones: a quarter of the text.
    text = "\n\n".join([FRENCH, ENGLISH, ENGLISH, ENGLISH])
    assert document_language(paragraphs(text), "fr") == "fr"
    assert document_language(paragraphs(text), "") == "en"
    # Against six, less than a quarter: the document is English.
    text = "\n\n".join([FRENCH, *[ENGLISH] * 6])
    assert document_language(paragraphs(text), "fr") == "en"


def test_nothing_identified() -> None:
    assert document_language(paragraphs("12 345\n\n678"), "fr") is None


def test_an_english_paragraph_in_a_french_document() -> None:
    text = f"{FRENCH}\n\n{ENGLISH}\n\n{FRENCH}"
    found = foreign_passages(text, "fr")
    assert [(p.language, p.unit, text[p.start : p.end]) for p in found] == [
        ("en", "paragraph", ENGLISH)
    ]


def defined_judge(span: Span, reference: str, threshold: float) -> Passage | None:
    """The definition: fastText's five best guesses, the document's language among them or 0."""
    if len(span.words) < MIN_WORDS or sum(map(str.isalpha, span.text)) < MIN_LETTERS:
        return None
    guesses = identify(span.text, k=5)
    if not guesses:
        return None
    language, probability = guesses[0]
    own = dict(guesses).get(reference, 0.0)
    if language == reference or probability < threshold or own > REFERENCE_CEILING:
        return None
    return Passage(span.start, span.end, language, probability, own, len(span.words), "")


def defined_foreign_passages(text: str, reference: str) -> list[Passage]:
    """Each paragraph judged, else each of its sentences; adjacent ones in one language merged."""
    found: list[Passage] = []
    for paragraph in paragraphs(text):
        whole = defined_judge(paragraph, reference, PARAGRAPH_PROBABILITY)
        if whole is not None:
            found.append(replace(whole, unit="paragraph"))
            continue
        for sentence in sentences(paragraph):
            passage = defined_judge(sentence, reference, SENTENCE_PROBABILITY)
            if passage is not None:
                found.append(replace(passage, unit="sentence"))
    return merged_passages(text, found)  # merging is not what changed


def defined_document_language(text: str, declared: str) -> str | None:
    confident = []
    for unit in paragraphs(text):
        guesses = identify(unit.text, k=5)
        if guesses and guesses[0][1] >= 0.5:
            confident.append((guesses[0][0], unit))
    if not confident:
        return None
    weights: Counter[str] = Counter()
    for language, unit in confident:
        weights[language] += sum(map(str.isalpha, unit.text))
    if declared and weights[declared] >= DECLARED_SHARE * sum(weights.values()):
        return declared
    return weights.most_common(1)[0][0]


SENTENCES = [
    FRENCH,
    ENGLISH,
    "The president said the négociations would continue next week with the ministre.",
    "Der Präsident sagte am Montag, dass die Gespräche nächste Woche weitergehen.",
    "El presidente dijo que las conversaciones continuarían la semana próxima.",
    "Voir la page du manuel.",
    "LE PRÉSIDENT A DÉCLARÉ QUE LES NÉGOCIATIONS CONTINUERAIENT LA SEMAINE PROCHAINE.",
    "12 345 678",
]

TEXTS = st.lists(
    st.tuples(st.sampled_from(SENTENCES), st.sampled_from([" ", "\n", "\n\n", " M. "])),
    max_size=8,
).map(lambda parts: "".join(sentence + sep for sentence, sep in parts))


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.sampled_from(["fr", "en", ""]))
def test_passages_are_found_as_defined(text: str, declared: str) -> None:
    known: Guesses = {}
    units = paragraphs(text)
    assert document_language(units, declared, known) == defined_document_language(text, declared)
    for reference in ("fr", "en", "de"):
        defined = defined_foreign_passages(text, reference)
        assert foreign_passages(text, reference) == defined
        assert foreign_passages(text, reference, known) == defined


def test_the_figure_of_the_documents_language_below_the_floor_is_exact() -> None:
    # fastText gives French 0.015 here: below the floor the guesses are asked
    # with, so the evidence asks again without it.
    english = SENTENCES[2]
    text = f"{FRENCH}\n\n{english}\n\n{FRENCH}"
    french = dict(identify(english, k=5))["fr"]
    assert 0 < french < GUESS_FLOOR
    assert "fr" not in dict(identify(english, 5, GUESS_FLOOR))
    [passage] = foreign_passages(text, "fr", {})
    assert (passage.language, passage.reference_probability) == ("en", french)


ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=80)


@settings(max_examples=500)
@given(
    ANY_TEXT
    | st.text(alphabet=st.sampled_from(list("aZ é’«2²½Ⅻ一\ud800")), max_size=60)
    | st.text(alphabet=st.sampled_from(list("aZ é’«2½一 ")), min_size=60, max_size=200)
)
def test_letters_are_counted_as_isalpha_counts_them(text: str) -> None:
    # Long texts too: their first characters are counted first.
    for count in (0, 1, 10, 25, MIN_LETTERS, 70):
        assert _has_letters(text, count) == (sum(map(str.isalpha, text)) >= count)


def test_the_passages_of_real_texts_are_found_as_defined() -> None:
    """Every text of the development set and the pinned slice, against French and English:
    the paragraphs too short to judge, and those of one sentence, have their sentences
    skipped (:func:`foreign_passages`), with the same passages as judging each."""
    texts = real_texts()
    assert len(texts) > 300
    found = 0
    for text in texts:
        for reference in ("fr", "en"):
            passages = foreign_passages(text, reference)
            assert passages == defined_foreign_passages(text, reference), text[:200]
            found += reference == "fr" and len(passages)
    assert found > 5  # passages are there to be found


PARAGRAPH_PIECES = st.text(alphabet="ab É.!?»« \n\u00a0\u202f2²’", max_size=80)


@settings(max_examples=500)
@given(PARAGRAPH_PIECES | st.sampled_from(SENTENCES))
def test_a_sentence_is_never_longer_than_its_paragraph(text: str) -> None:
    """Why a paragraph too short to judge has no sentence judged: its sentences are cut at
    white space, so each has no more characters, words or letters than the paragraph."""
    text = text.replace("a", "mot ").replace("b", "Phrase ")
    for paragraph in paragraphs(text):
        pieces = sentence_pieces(paragraph.text)
        for start, sentence in pieces:
            assert paragraph.text[start : start + len(sentence)] == sentence
            assert len(sentence) <= len(paragraph.text)
            assert len(sentence.split()) <= len(paragraph.text.split())
            assert sum(map(str.isalpha, sentence)) <= sum(map(str.isalpha, paragraph.text))
            assert not _too_short(paragraph.text) or _too_short(sentence)


def test_every_sentence_of_a_short_real_paragraph_is_short() -> None:
    for text in real_texts():
        for paragraph in paragraphs(text):
            if _too_short(paragraph.text):
                assert all(_too_short(sentence) for _, sentence in sentence_pieces(paragraph.text))


def test_the_sentences_bar_is_the_higher() -> None:
    # A paragraph that is one sentence is not judged again as a sentence: what fell
    # short of the paragraph's bar falls short of the sentence's.
    assert SENTENCE_PROBABILITY >= PARAGRAPH_PROBABILITY
