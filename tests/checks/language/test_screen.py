"""The screen in front of the language model: it passes only what the model would not flag."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.language.foreign_passage import (
    MIN_LETTERS,
    MIN_WORDS,
    PARAGRAPH_PROBABILITY,
    REFERENCE_CEILING,
    foreign_passage,
)
from corpuscheck.checks.language.identify import identify
from corpuscheck.checks.language.screen import (
    _WORD_PIECES,
    COMMON_ZIPF,
    MARGIN,
    Screen,
    _bmp_letters,
    _is_letter,
    _words_and_starts,
    reads_as,
    telling_words,
)
from corpuscheck.checks.structure.layout import paragraphs, sentences
from corpuscheck.checks.translation.passages import PASSAGE_LANGUAGES
from corpuscheck.checks.translation.resources import zipf
from corpuscheck.clean import clean_document
from corpuscheck.config import Config
from corpuscheck.model import Document

DEVSET = Path(__file__).resolve().parents[2] / "devset"


def _texts() -> list[str]:
    """Every document of the development set: its corpus, clean genres and news briefs."""
    files = sorted(DEVSET.glob("corpus/*.txt"))
    files += sorted(DEVSET.glob("genres/*/*.txt")) + sorted(DEVSET.glob("briefs/*/*.txt"))
    return [file.read_text(encoding="utf-8", errors="replace") for file in files]


def test_telling_words_are_common_and_three_times_rarer_in_each_passage_language() -> None:
    words = sorted(telling_words("fr") or ())
    assert len(words) > 10_000
    # wordfreq asked through zipf (its tokenizer, not the table read directly).
    for word in words[::500]:
        own = zipf(word, "fr")
        assert own >= COMMON_ZIPF
        for other in PASSAGE_LANGUAGES:
            assert own - zipf(word, other) >= MARGIN, (word, other)


def test_words_shared_with_a_passage_language_are_not_telling() -> None:
    words = telling_words("fr") or frozenset()
    assert {"avec", "fichier", "les", "être", "dossier"} <= words
    # Spanish and Portuguese de, English version and file, Italian che: not telling.
    assert not {"de", "version", "file", "che", "la", "en"} & words


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_telling_word_leans_to_another_language(lang: str) -> None:
    # The screen does not ask whether a telling word leans: none may.
    from corpuscheck.checks.translation.passages import leaning_words

    words = set(filter(str.islower, telling_words(lang) or ()))
    assert len(words) > 10_000
    assert not leaning_words(lang).among(words)


def test_a_language_without_a_table_is_never_screened() -> None:
    assert telling_words("xx") is None
    assert not reads_as("Le fichier est enregistré avec les autres.", "xx")


FOREIGN = [
    "The file is saved with the others in the folder before the archive accepts it.",
    "Die Datei wird mit den anderen im Ordner gespeichert, bevor das Archiv sie annimmt.",
    "El archivo se guarda con los demás en la carpeta antes de que el archivo lo acepte.",
    "Il file viene salvato con gli altri nella cartella prima che l'archivio lo accetti.",
    "O arquivo é salvo com os outros na pasta antes que o arquivo o aceite.",
    "Het bestand wordt met de andere in de map opgeslagen voordat het archief het accepteert.",
    "La ciutat de Barcelona és la capital de Catalunya i té molts habitants.",
    "Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae.",
]


@pytest.mark.parametrize("text", FOREIGN)
def test_text_in_another_language_is_not_read_as_french(text: str) -> None:
    assert not reads_as(text, "fr")


def test_french_prose_is_read_as_french() -> None:
    assert reads_as("Le fichier est enregistré avec les autres dans le dossier.", "fr")
    assert reads_as("Les négociations reprendront la semaine prochaine, selon le ministre.", "fr")


LETTERS = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzéèàçôù"), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(LETTERS, max_size=20), st.lists(LETTERS, min_size=1, max_size=5))
def test_words_that_are_not_telling_never_make_a_text_read_as_the_language(
    words: list[str], extra: list[str]
) -> None:
    telling = telling_words("fr") or frozenset()
    added = [word for word in extra if word not in telling]
    text = " ".join(words)
    if not reads_as(text, "fr"):
        assert not reads_as(" ".join([*words, *added]), "fr")
    # Order and punctuation do not matter, only the words.
    assert reads_as(text, "fr") == reads_as(", ".join(reversed(words)) + ".", "fr")


def test_no_text_the_screen_passes_is_a_passage_for_the_model() -> None:
    """Over every paragraph and sentence of the development set long enough to be judged."""
    passed = judged = 0
    for text in _texts():
        for paragraph in paragraphs(text):
            for span in (paragraph, *sentences(paragraph)):
                if len(span.words) < MIN_WORDS or sum(map(str.isalpha, span.text)) < MIN_LETTERS:
                    continue
                judged += 1
                if not reads_as(span.text, "fr"):
                    continue
                passed += 1
                guesses = identify(span.text, k=5)
                language, probability = guesses[0]
                own = dict(guesses).get("fr", 0.0)
                # The laxest bar a passage must clear (a paragraph's).
                assert not (
                    language != "fr"
                    and probability >= PARAGRAPH_PROBABILITY
                    and own <= REFERENCE_CEILING
                ), span.text
                assert own > 0.3, span.text  # far from the ceiling, not near it
    # The screen is worth having: it spares the model most of the texts.
    assert passed > 0.6 * judged > 1000


def test_the_screen_changes_no_finding_of_the_development_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = []
    for i, text in enumerate(_texts()):
        doc = Document(f"d{i}", f"d{i}.txt", text, text, metadata={"language": "fr"})
        clean_document(doc)
        documents.append(doc)
    screened = [list(foreign_passage(doc, Config())) for doc in documents]
    monkeypatch.setattr(
        Screen, "spans_read_as", lambda self, starts, spans, lang: [False] * len(spans)
    )
    asked = [list(foreign_passage(doc, Config())) for doc in documents]
    assert screened == asked
    assert sum(map(len, asked)) > 5  # the development set has passages to find


def test_a_paragraph_half_in_another_language_is_not_screened() -> None:
    # The model reads this as German: English's small words are many, but the German
    # words lean to German.
    text = (
        "The package is then checked by the archive software before it is accepted into the "
        "distribution, and the maintainer is told by mail. Der Präsident sagte am Montag, "
        "dass die Gespräche nächste Woche weitergehen."
    )
    assert identify(text, 1)[0][0] == "de"
    assert not reads_as(text, "en")


def _surely_french(text: str) -> bool:
    language, probability = identify(text, 1)[0]
    return language == "fr" and probability >= 0.9


def test_no_french_paragraph_with_a_foreign_sentence_that_the_screen_passes_is_read_as_foreign() -> (
    None
):
    """Each French paragraph of the development set, with a foreign sentence before or after."""
    french = [
        paragraph.text
        for text in _texts()
        for paragraph in paragraphs(text)
        if len(paragraph.words) >= 15 and _surely_french(paragraph.text)
    ]
    assert len(french) > 500
    passed = 0
    for i, paragraph in enumerate(french):
        foreign = FOREIGN[i % len(FOREIGN)]
        mixed = f"{paragraph} {foreign}" if i % 2 else f"{foreign} {paragraph}"
        if reads_as(mixed, "fr"):
            passed += 1
            language, probability = identify(mixed, 1)[0]
            assert language == "fr" or probability < 0.5, mixed
    assert passed > 0  # the screen is put to the test, not only bypassed


def test_a_document_s_spans_are_judged_from_its_counts_as_from_their_own_words() -> None:
    """Every paragraph and sentence of the development set, at its offset, at a wrong one,
    and cut inside a word: the running counts answer as reading the span's words does."""
    asked = 0
    for text in _texts():
        screen = Screen(text)
        for paragraph in paragraphs(text):
            for span in (paragraph, *sentences(paragraph)):
                expected = reads_as(span.text, "fr")
                assert screen.reads_as(span.text, "fr", span.start) == expected, span.text
                assert screen.reads_as(span.text, "fr", span.start + 1) == expected
                # Cut inside a word, a span is read word by word, against the
                # document's leaning words as the spans that are not.
                inner = span.text[1:-1]
                assert screen.reads_as(inner, "fr", span.start + 1) == screen.reads_as(inner, "fr")
                asked += 1
    assert asked > 5000


PIECES = st.text(alphabet="ab éÉ1_.'\n-", max_size=40)


@settings(max_examples=300, deadline=None)
@given(PIECES, st.data())
def test_any_span_of_any_text_is_judged_as_its_own_words_judge_it(
    shape: str, data: st.DataObject
) -> None:
    # Letters stand for words the screen knows: a telling word, one leaning to
    # English, one of neither, so that every count and every edge is exercised.
    words = {"a": "fichier", "b": "the", "é": "Linux", "É": "avec"}
    text = "".join(words.get(char, char) for char in shape)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = text[start:end]
    screen = Screen(text)
    assert screen.reads_as(span, "fr", start) == screen.reads_as(span, "fr")
    cuts_a_word = [re.match(r"\w\w", text[max(at - 1, 0) : at + 1]) for at in (start, end)]
    if not any(cuts_a_word):
        # Not cut inside a word: the span alone reads the same.
        assert screen.reads_as(span, "fr", start) == reads_as(span, "fr")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab éÉ1_.'\n-\U0001d400", max_size=40), st.data())
def test_spans_judged_together_are_judged_as_their_own_words_judge_them(
    shape: str, data: st.DataObject
) -> None:
    """Many spans in one call, some where they are said to be, some not (shifted, before
    the text, beyond it), some cutting words, in texts with a letter beyond U+FFFF or none:
    each is judged as reading its own words judges it."""
    words = {"a": "fichier", "b": "the", "é": "Linux", "É": "avec"}
    text = "".join(words.get(char, char) for char in shape)
    screen = Screen(text)
    starts, spans = [], []
    for _ in range(data.draw(st.integers(0, 8))):
        start = data.draw(st.integers(0, len(text)))
        span = text[start : data.draw(st.integers(start, len(text)))]
        starts.append(start + data.draw(st.sampled_from([0, 0, 0, 1, -1, -len(text) - 2, 50])))
        spans.append(span)
    expected = [screen.reads_as(span, "fr") for span in spans]
    assert screen.spans_read_as(starts, spans, "fr") == expected
    assert screen.spans_read_as(starts, spans, "xx") == [False] * len(spans)
    # A start before the text is not taken from its end, as slices take it.
    whole = "avec le fichier"
    assert Screen(whole).spans_read_as([-15, 0], [whole, whole], "fr") == [True, True]


def test_the_table_s_letters_are_what_the_pattern_calls_letters() -> None:
    """Every character up to U+FFFF: the table and ``[^\\W\\d_]`` agree, and so does the
    definition beyond it."""
    table = _bmp_letters()
    for code in range(0x10000):
        char = chr(code)
        letter = bool(re.fullmatch(r"[^\W\d_]", char))
        assert bool(table[code]) == letter == _is_letter(char), hex(code)
    for code in range(0x10000, 0x110000, 7):
        char = chr(code)
        assert _is_letter(char) == bool(re.fullmatch(r"[^\W\d_]", char)), hex(code)


def test_the_words_of_real_texts_are_the_pattern_s() -> None:
    """Every text of the development set, and every line of them with a letter beyond
    U+FFFF put in (the pattern's path)."""
    for text in _texts():
        pieces = _WORD_PIECES.split(text)
        expected = (pieces[1::2], [sum(map(len, pieces[:i])) for i in range(1, len(pieces), 2)])
        words, starts, _ = _words_and_starts(text)
        assert (words, starts.tolist()) == expected
        wide = text[:200] + "\U0001d400" + text[200:400]
        pieces = _WORD_PIECES.split(wide)
        assert _words_and_starts(wide)[0] == pieces[1::2]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet="aé1_ \n’«\U0001d400\U00010330\u00b2", max_size=30))
def test_a_document_s_words_are_the_pattern_s(text: str) -> None:
    # Letters beyond U+FFFF (mathematical 𝐀, Gothic 𐌰) are read by the pattern itself.
    pieces = _WORD_PIECES.split(text)
    screen = Screen(text)
    assert screen._words == pieces[1::2]
    assert screen._starts.tolist() == [sum(map(len, pieces[:i])) for i in range(1, len(pieces), 2)]


def test_words_beyond_the_basic_plane_are_words() -> None:
    text = "Le fichier \U0001d400\U0001d401 est enregistré avec les autres dans le dossier."
    assert Screen(text)._words[2] == "\U0001d400\U0001d401"


def test_word_figures_starting_afresh_answer_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from corpuscheck.checks.language import screen
    from corpuscheck.checks.translation.passages import leaning_words

    texts = _texts()[:40]
    whole = screen._word_figures("fr")
    expected = [sorted(whole.among(set(t.split())).items()) for t in texts]
    kept = whole.judged({word for found in expected for word, _ in found})
    assert all(kept[word] == figure for found in expected for word, figure in found)
    monkeypatch.setattr(screen, "FIGURES_KEPT", 50)
    small = screen.WordFigures(telling_words("fr") or frozenset(), leaning_words("fr"))
    for text, found in zip(texts, expected, strict=True):
        words = set(text.split())
        figures = small.judged(words)
        assert words <= figures.keys()
        assert sorted((word, figures[word]) for word in words if figures[word]) == found
        # Each word of the text in order, as many starting afresh on the way.
        listed = text.split()[::-1]
        assert small.of_words(listed).tolist() == list(map(whole.judged(words).get, listed))
    assert len(small.marks) <= max(50, max(len(set(t.split())) for t in texts))


def test_word_figures_lean_where_the_leaning_words_say() -> None:
    from corpuscheck.checks.language import screen
    from corpuscheck.checks.translation.passages import leaning_words

    words = {word for text in _texts()[:40] for word in _words_and_starts(text)[0]}
    figures = screen.WordFigures(telling_words("fr") or frozenset(), leaning_words("fr"))
    leaning = {word for word, figure in figures.judged(words).items() if figure >= screen._LEANS}
    assert leaning == leaning_words("fr").among(set(filter(str.islower, words))).keys()
    assert len(leaning) > 10
