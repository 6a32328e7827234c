"""Foreign sentences: the fast judge gives what the plain definition gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation import passages
from corpuscheck.checks.translation.passages import (
    FOREIGN_SHARE,
    MIN_WORDS,
    PASSAGE_LANGUAGES,
    WINDOW,
    WINDOW_FOREIGN,
    foreign_sentences,
    in_foreign_sentence,
)
from corpuscheck.checks.translation.resources import profile, zipf
from corpuscheck.checks.translation.text import sentence_spans, tokenize


def defined_foreign_sentences(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """The definition, word by word: every counted word of every sentence, seven look-ups each."""
    target = profile(lang)
    if target is None or not target.wordfreq:
        return ()
    wordlist = target.wordfreq

    def leans(word: str) -> bool:
        here = zipf(word, wordlist)
        return max(zipf(word, o) for o in PASSAGE_LANGUAGES if o != wordlist) - here >= 1.0

    tokens = tokenize(text, target.elisions)
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        words = [
            t
            for t in tokens
            if start <= t.start < end
            and len(t.lower) > 1
            and not (
                t.elided
                or t.technical
                or t.touches_digit
                or (t.capitalised and not t.sentence_initial)
            )
        ]
        if len(words) < MIN_WORDS:
            continue
        flags = [leans(w.lower) for w in words]
        if sum(flags) >= FOREIGN_SHARE * len(words):
            out.append((start, end))
            continue
        for i in range(len(words) - WINDOW + 1):
            if sum(flags[i : i + WINDOW]) >= WINDOW_FOREIGN:
                out.append((words[i].start, words[i + WINDOW - 1].end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(out):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


WORDS = re.split(
    r"\s+",
    "le la est un paquet serveur avec pour dans the is known to work well in many cases "
    "with from this that has been der die und ist nicht auch sind el los pero para perché "
    "questo sono não você zijn niet het Paris London l’eau qu’il aujourd’hui a-t-il "
    "download install file-system x é 1er",
)

TEXTS = st.lists(
    st.tuples(
        st.sampled_from(WORDS),
        st.booleans(),
        st.sampled_from([" ", " ", " ", ". ", ", ", "! ", "\n", " « ", " » ", "… ", " (", ") "]),
    ),
    max_size=70,
).map(lambda parts: "".join((w.capitalize() if up else w) + sep for w, up, sep in parts))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_judge_gives_what_the_definition_gives(text: str) -> None:
    for lang in ("fr", "en"):
        assert foreign_sentences(text, lang) == defined_foreign_sentences(text, lang)


def test_an_english_sentence_and_an_english_stretch() -> None:
    text = (
        "Le paquet est prêt. It is known to work well in many cases. "
        "Voir la page du manuel pour les détails de la configuration : this is the file "
        "that has been used for the server, merci pour tout.\n"
        "Une phrase en français, avec Paris et London."
    )
    found = [text[s:e] for s, e in foreign_sentences(text, "fr")]
    # The second: the stretches of eight words with six leaning, merged.
    assert found == [
        "It is known to work well in many cases.",
        "configuration : this is the file that has been used for the server, merci pour",
    ]
    assert foreign_sentences(text, "fr") == defined_foreign_sentences(text, "fr")


def test_french_text_and_languages_without_a_list() -> None:
    text = "Le paquet est construit puis envoyé sur le serveur de l’archive."
    assert foreign_sentences(text, "fr") == ()
    assert foreign_sentences("It is known to work well in many cases.", "xx") == ()


def test_words_are_judged_as_the_definition_judges_them() -> None:
    # Plain words are read from the frequency tables; others (a hyphen, an
    # apostrophe) through wordfreq itself.
    for word in ("the", "server", "serveur", "zijn", "file-system", "aujourd'hui", "xqzt"):
        here = zipf(word, "fr")
        defined = max(zipf(word, o) for o in PASSAGE_LANGUAGES if o != "fr") - here >= 1.0
        assert passages._leans_foreign(word, "fr") is defined


def test_offsets_inside_spans() -> None:
    spans = ((3, 8), (12, 20))
    assert [in_foreign_sentence(spans, i) for i in (2, 3, 7, 8, 12, 19, 20)] == [
        False,
        True,
        True,
        False,
        True,
        True,
        False,
    ]
    assert not in_foreign_sentence((), 5)


def _listed_words() -> list[str]:
    import wordfreq

    return [w for lang in ("fr", "en", "de", "es") for w in wordfreq.top_n_list(lang, 300)]


@settings(max_examples=200, deadline=None)
@given(
    st.sets(
        st.sampled_from([*WORDS, *_listed_words(), "xqzt", "schâchés", "a", "é"])
        | st.text(alphabet="abeintsé’'-", max_size=7),
        max_size=40,
    ),
    st.sampled_from(["fr", "en", "de", "xx"]),
)
def test_words_judged_together_are_judged_as_one_by_one(words: set[str], lang: str) -> None:
    expected = {w: True for w in words if len(w) > 1 and passages._leans_foreign(w, lang)}
    assert passages._leaning(words, lang) == expected


def test_the_judge_gives_what_the_definition_gives_on_real_documents() -> None:
    """Every document of the development set: its corpus, genres and news briefs."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "devset"
    files = sorted(root.glob("corpus/*.txt")) + sorted(root.glob("genres/*/*.txt"))
    files += sorted(root.glob("briefs/*/*.txt"))
    found = 0
    for file in files:
        text = file.read_text(encoding="utf-8", errors="replace")
        spans = foreign_sentences(text, "fr")
        assert spans == defined_foreign_sentences(text, "fr"), file.name
        found += len(spans)
    assert len(files) > 300 and found > 20


def test_the_screen_of_frequent_words_rests_on_ordered_tables_and_rising_figures() -> None:
    # _frequent_elsewhere reads the head of each table, down to FREQUENT: wordfreq's
    # tables list words by falling frequency. A word outside it has a figure of at
    # most the ceiling's: figures never fall as frequencies rise.
    from itertools import pairwise

    from corpuscheck.checks.translation.resources import zipf_of_frequency

    lookups = passages._frequency_lookups("fr")
    assert lookups is not None
    frequencies: set[float] = {passages.FREQUENT}
    for table in lookups:
        values = list(table.values())
        assert all(a >= b for a, b in pairwise(values))
        frequencies.update(values)
    figures = [zipf_of_frequency(f) for f in sorted(frequencies)]
    assert figures == sorted(figures) and zipf_of_frequency(None) <= figures[0]
    frequent, ceiling = passages._frequent_elsewhere("fr")
    assert ceiling == zipf_of_frequency(passages.FREQUENT)
    assert frequent == {w for t in lookups[1:] for w, f in t.items() if f >= passages.FREQUENT}


def test_the_words_of_real_documents_are_judged_together_as_one_by_one() -> None:
    from pathlib import Path

    from corpuscheck.checks.translation.text import tokenize

    root = Path(__file__).resolve().parents[2]
    words: set[str] = set()
    for file in sorted(root.glob("devset/**/*.txt")) + sorted(root.glob("pinned/**/*.txt")):
        words.update(tokenize(file.read_text(encoding="utf-8", errors="replace")).lowers)
    assert len(words) > 20_000
    expected = {w: True for w in words if len(w) > 1 and passages._leans_foreign(w, "fr")}
    assert passages._leaning(words, "fr") == expected
    assert len(expected) > 1_000
