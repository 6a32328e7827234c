"""The language resources: lexicons that compile and match their examples, data-only languages."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.registry import load_checks
from corpuscheck.checks.structure.layout import quick_lower
from corpuscheck.checks.translation import resources as res
from corpuscheck.checks.translation.calques import lexicon
from corpuscheck.checks.translation.transliteration import _known_groups
from corpuscheck.checks.translation.untranslated import exonyms
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document
from tests.conftest import real_texts

CALQUES = lexicon("fr")


def _haystack(regex: re.Pattern[str], text: str) -> str:
    return text if regex.flags & re.IGNORECASE else res.fold_case(text)


EXONYMS = exonyms("fr")


def test_the_calque_lexicon_is_broad() -> None:
    assert len(CALQUES) >= 60
    assert {e.source_language for e in CALQUES} == {"en", "de"}
    assert sum(e.severity.value == "warning" for e in CALQUES) >= 50


@pytest.mark.parametrize("entry", CALQUES, ids=[f"{e.line}: {e.source}" for e in CALQUES])
def test_every_calque_matches_its_example(entry) -> None:
    assert entry.example, "every entry needs an example sentence"
    assert list(res.lexicon_matches(entry.regex, _haystack(entry.regex, entry.example))), (
        entry.pattern
    )
    assert entry.suggestion and entry.source and entry.note


@pytest.mark.parametrize("entry", EXONYMS, ids=[f"{e.line}: {e.pattern}" for e in EXONYMS])
def test_every_exonym_matches_its_example(entry) -> None:
    assert list(res.lexicon_matches(entry.regex, entry.example)), entry.pattern
    assert entry.target_form


def test_a_spelling_belongs_to_one_name_group() -> None:
    spellings: Counter[str] = Counter()
    for row in res.read_tsv("fr", "names.tsv"):
        group = {
            row["name"].lower(),
            *(v.strip().lower() for v in row["variants"].split(",") if v.strip()),
        }
        spellings.update(group)
    assert [s for s, n in spellings.items() if n > 1] == []
    assert _known_groups("fr")["kyiv"] == "Kiev"


def test_the_french_profile() -> None:
    fr = res.profile("fr")
    assert fr is not None
    assert fr.preferred_quotes == ("«", "»")
    assert fr.default_sources == ("en", "de")
    assert {"er", "faire", "être", "avoir", "prendre", "det"} <= set(fr.macros)
    raw = json.loads(
        resources.files("corpuscheck").joinpath("data/fr/language.json").read_text("utf-8")
    )
    assert raw["language"] == "fr"


def test_a_bad_pattern_names_its_line() -> None:
    with pytest.raises(ValueError, match="unknown macro"):
        res.compile_pattern("{nope} x", {})


@pytest.mark.parametrize("language", ["es", "xx", "", "fr-CA"])
def test_languages_without_resources_get_no_findings(language: str) -> None:
    text = "Le président a salué le Deal de cessez-le-feu, “schâchés” non “. Kiev et Kyiv."
    doc = Document("d", "d.txt", text, text, metadata={"language": language})
    checks = [
        c for c in load_checks().values() if c.category == "translation" and c.scope == "document"
    ]
    found = [f for c in checks for f in c.func(doc, Config())]
    assert bool(found) == (language == "fr-CA")  # fr-CA uses the fr resources


def test_adding_a_language_is_a_data_addition(monkeypatch: pytest.MonkeyPatch) -> None:
    """Serve a small Spanish profile and lexicon: the checks use them with no code change."""
    real = res._data_text
    data = {
        "language.json": json.dumps(
            {
                "language": "es",
                "wordfreq": "es",
                "spelling": "es",
                "default_sources": ["en"],
                "quotes": {
                    "preferred": ["«", "»"],
                    "pairs": [["«", "»"], ["“", "”"]],
                    "foreign": ["“", "”", '"'],
                },
                "of": ["de", "del"],
                "determiners": ["el", "la", "los", "las", "un", "una"],
                "closing_blockers": ["el", "la", "de"],
                "macros": {},
            }
        ),
        "calques.tsv": "pattern\tsource\tsource_language\tsuggestion\tseverity\tnote\texample\n"
        "hacer sentido\tmake sense\ten\ttener sentido\twarning\tcalque\tEsto hace sentido.\n",
    }
    monkeypatch.setattr(
        res, "_data_text", lambda lang, name: data.get(name) if lang == "es" else real(lang, name)
    )
    for cached in (res.profile, lexicon):
        cached.cache_clear()
    try:
        text = "Esto no puede hacer sentido, dijo el ministro sobre the talks."
        doc = Document("d", "d.txt", text, text, metadata={"language": "es"})
        rules = sorted(
            f.rule
            for c in load_checks().values()
            if c.scope == "document" and c.category == "translation"
            for f in c.func(doc, Config())
        )
        assert rules == ["translation.calque", "translation.untranslated_word"]
    finally:
        monkeypatch.undo()
        for cached in (res.profile, lexicon):
            cached.cache_clear()


def test_checks_are_deterministic(seeds) -> None:
    from corpuscheck.read import read_corpus

    def run() -> list[tuple]:
        corpus = read_corpus(seeds)
        out = []
        for doc in corpus.documents:
            doc.text = doc.original
            for c in load_checks().values():
                if c.category == "translation":
                    subject = (
                        doc if c.scope == "document" else Corpus(corpus.root, corpus.documents)
                    )
                    out.extend(
                        (f.rule, f.doc_id, f.start, f.end, f.message)
                        for f in c.apply(subject, Config())
                    )
        return out

    assert run() == run()


@pytest.mark.parametrize(
    ("declared", "detected", "expected"),
    [
        ("fr", "en", "fr"),
        ("it", "fr", "fr"),
        ("", "fr", "fr"),
        ("it", "", "it"),
        ("fr-CA", "", "fr"),
    ],
)
def test_the_language_checked(declared: str, detected: str, expected: str) -> None:
    doc = Document("d", "d.txt", "", metadata={"language": declared})
    if detected:
        doc.computed["detected_language"] = detected
    assert res.document_language(doc) == expected


WORD_LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "nl")
"""The languages the word checks look words up in (targets, sources, foreign passages)."""


def _same_figure(word: str, lang: str) -> None:
    import wordfreq

    expected = wordfreq.zipf_frequency(word.replace("’", "'"), lang)
    # repr, not ==: a -0.0 against a 0.0 would change the evidence written out.
    assert repr(res.zipf.__wrapped__(word, lang)) == repr(expected), (word, lang)


PLAIN_LATIN = [lang for lang in res.LATIN_LANGUAGES if res._word_frequencies(lang, "small")]


def test_most_languages_are_read_from_their_tables() -> None:
    assert all(res._word_frequencies(lang) is not None for lang in WORD_LANGUAGES)
    assert len(PLAIN_LATIN) >= 20  # not Turkish, Romanian, Serbo-Croatian: more preprocessing


@pytest.mark.parametrize("lang", sorted({*WORD_LANGUAGES, *PLAIN_LATIN}))
def test_a_run_of_plain_letters_is_one_wordfreq_token_itself(lang: str) -> None:
    # The premise of the table look-up: wordfreq would look the word up as it is.
    from wordfreq.tokens import lossy_tokenize

    for letter in res.PLAIN_LETTERS:
        for word in (letter, letter * 3, f"a{letter}e", f"{letter}ion"):
            assert lossy_tokenize(word, lang) == [word], (word, lang)


def test_every_pair_of_plain_letters_stays_one_token() -> None:
    from wordfreq.tokens import lossy_tokenize

    for first in res.PLAIN_LETTERS:
        words = [first + second for second in res.PLAIN_LETTERS]
        tokens = lossy_tokenize(" ".join(words), "fr")
        assert tokens == words, first


@pytest.mark.parametrize("lang", ["fr", "en", "de"])
def test_table_figures_are_wordfreqs_for_listed_words(lang: str) -> None:
    import wordfreq

    listed = list(wordfreq.iter_wordlist(lang))
    for word in listed[::97] + listed[:300]:
        _same_figure(word, lang)


TABLES = [*((lang, "best") for lang in WORD_LANGUAGES), *((lang, "small") for lang in PLAIN_LATIN)]


@pytest.mark.parametrize(("lang", "wordlist"), TABLES)
def test_the_figure_of_every_frequency_of_every_table_is_wordfreqs(
    lang: str, wordlist: str
) -> None:
    # zipf_of_frequency redoes wordfreq's arithmetic: compared for each frequency a table
    # holds (one plain word of each), and for a word it lacks.
    import wordfreq

    table = res._word_frequencies(lang, wordlist)
    assert table is not None
    one_word_of: dict[float, str] = {}
    for word, frequency in table.items():
        if frequency not in one_word_of and res._PLAIN_WORD.fullmatch(word):
            one_word_of[frequency] = word
    assert len(one_word_of) > 200
    for frequency, word in one_word_of.items():
        expected = wordfreq.zipf_frequency(word, lang, wordlist)
        assert repr(res.zipf_of_frequency(frequency)) == repr(expected), (word, lang)
    absent = "qqqqqqqqqqqqqqqq"
    assert absent not in table
    expected = wordfreq.zipf_frequency(absent, lang, wordlist)
    assert repr(res.zipf_of_frequency(None)) == repr(expected)


@given(
    st.text(alphabet=res.PLAIN_LETTERS, min_size=1, max_size=12)
    | st.text(alphabet=res.PLAIN_LETTERS + "-'’ßÉAİ ", min_size=0, max_size=12)
    | st.sampled_from(["l'homme", "aujourd’hui", "cessez-le-feu", "straße", "the talks", ""]),
    st.sampled_from(WORD_LANGUAGES),
)
@settings(max_examples=300, deadline=None)
def test_table_figures_are_wordfreqs_for_any_word(word: str, lang: str) -> None:
    _same_figure(word, lang)


@given(
    st.text(alphabet=res.PLAIN_LETTERS, min_size=1, max_size=10)
    | st.sampled_from(["tjener", "und", "schâchés", "l'homme", "já", "ﬁn"]),
    st.sampled_from(res.LATIN_LANGUAGES),
)
@settings(max_examples=300, deadline=None)
def test_small_list_figures_are_wordfreqs(word: str, lang: str) -> None:
    import wordfreq

    expected = wordfreq.zipf_frequency(word.replace("’", "'"), lang, wordlist="small")
    assert repr(res.table_zipf(word, lang, "small")) == repr(expected), (word, lang)


def _common_words() -> list[str]:
    import wordfreq

    return [w for lang in ("fr", "en", "de", "sv") for w in wordfreq.top_n_list(lang, 200)]


WORDISH = st.text(alphabet=res.PLAIN_LETTERS[:40] + "-'’ ßÉAİﬁ.1²", min_size=0, max_size=14) | (
    st.tuples(
        st.lists(st.sampled_from(_common_words()), min_size=1, max_size=3),
        st.sampled_from(["-", "'", "’", " ", "-l'"]),
    ).map(lambda parts: parts[1].join(parts[0]))
)


@given(WORDISH, st.sampled_from(TABLES))
@settings(max_examples=500, deadline=None)
def test_the_figure_of_any_word_in_any_table_is_wordfreqs(
    word: str, table: tuple[str, str]
) -> None:
    # Words of several tokens are figured from their tokens' frequencies, as wordfreq does.
    import wordfreq

    lang, wordlist = table
    expected = wordfreq.zipf_frequency(word.replace("’", "'"), lang, wordlist)
    assert repr(res.table_zipf(word, lang, wordlist)) == repr(expected), (word, lang)


@given(WORDISH)
@settings(max_examples=200, deadline=None)
def test_wordfreqs_tokens_are_the_same_in_every_language_read_from_its_table(word: str) -> None:
    from wordfreq.tokens import lossy_tokenize

    tokens = {tuple(lossy_tokenize(word, lang)) for lang in sorted({*WORD_LANGUAGES, *PLAIN_LATIN})}
    assert len(tokens) == 1, (word, tokens)


def test_languages_with_more_preprocessing_are_left_to_wordfreq() -> None:
    assert res._word_frequencies("tr") is None  # dotted and dotless i
    assert res.zipf("istanbul", "tr") > 0


MORE_PREPROCESSING = [lang for lang in res.LATIN_LANGUAGES if lang not in PLAIN_LATIN]


def test_the_languages_of_more_preprocessing_keep_most_plain_letters() -> None:
    assert sorted(MORE_PREPROCESSING) == ["ro", "sh", "tr"]
    for lang in MORE_PREPROCESSING:
        kept = res._kept_plain_words(lang, "small")
        assert kept is not None
        left_out = {c for c in res.PLAIN_LETTERS if not kept[0].fullmatch(c)}
        assert left_out == {"ro": {"ş", "ţ"}, "tr": {"ș", "ț"}, "sh": set()}[lang]


@pytest.mark.parametrize("lang", MORE_PREPROCESSING)
def test_a_run_of_kept_plain_letters_is_one_wordfreq_token_itself(lang: str) -> None:
    # The premise of reading their tables: wordfreq would look the word up as it is.
    from wordfreq.tokens import lossy_tokenize

    kept = res._kept_plain_words(lang, "small")
    assert kept is not None
    letters = [c for c in res.PLAIN_LETTERS if kept[0].fullmatch(c)]
    for letter in letters:
        words = [letter, letter * 3, f"a{letter}e", f"{letter}ion"]
        words += [letter + second for second in letters]
        assert lossy_tokenize(" ".join(words), lang) == words, (letter, lang)


@pytest.mark.parametrize("lang", MORE_PREPROCESSING)
@pytest.mark.parametrize("wordlist", ["small", "best"])
def test_the_figures_of_kept_plain_words_are_wordfreqs(lang: str, wordlist: str) -> None:
    # Every word of the table made of kept letters, a word of each kept letter, and
    # words it lacks, against wordfreq; the others are still asked of wordfreq.
    import wordfreq

    kept = res._kept_plain_words(lang, wordlist)
    assert kept is not None
    pattern, table = kept
    listed = [word for word in table if pattern.fullmatch(word)]
    assert len(listed) > 20_000
    letters = [c for c in res.PLAIN_LETTERS if pattern.fullmatch(c)]
    words = listed[:: 1 if wordlist == "small" else 7] + letters + [f"qq{c}zq" for c in letters]
    for word in words:
        expected = wordfreq.zipf_frequency(word, lang, wordlist)
        assert repr(res.table_zipf(word, lang, wordlist)) == repr(expected), (word, lang)
    assert res._word_frequencies(lang, wordlist) is None


def test_every_pair_of_plain_letters_across_a_hyphen_is_two_tokens() -> None:
    # The premise of cutting a hyphenated word of plain letters at its hyphens.
    from wordfreq.tokens import lossy_tokenize

    for first in res.PLAIN_LETTERS:
        words = [f"{first}-{second}" for second in res.PLAIN_LETTERS]
        tokens = lossy_tokenize(" ".join(words), "fr")
        assert tokens == [piece for word in words for piece in word.split("-")], first


@given(st.text(alphabet=res.PLAIN_LETTERS[:30] + "-", min_size=1, max_size=16))
@example("cessez-le-feu")
@example("a-b-c-d")
@settings(max_examples=300, deadline=None)
def test_wordfreqs_tokens_of_a_hyphenated_word_are_its_pieces(word: str) -> None:
    from wordfreq.tokens import lossy_tokenize

    tokens = tuple(lossy_tokenize(word, "fr"))
    if res._HYPHENATED_PLAIN_WORD.fullmatch(word):
        assert tokens == tuple(word.split("-"))
    assert res._wordfreq_tokens.__wrapped__(word) == tokens


LEXICON_ENTRIES = [*CALQUES, *EXONYMS]


def _all_examples() -> str:
    return "\n".join(e.example for e in LEXICON_ENTRIES)


@pytest.mark.parametrize("entry", LEXICON_ENTRIES, ids=[e.pattern[:40] for e in LEXICON_ENTRIES])
def test_every_match_holds_a_required_string(entry) -> None:
    # The premise of skipping a text without them: then no match is lost.
    needed = res.required_strings(entry.regex)
    haystack = _haystack(entry.regex, _all_examples())
    for m in entry.regex.finditer(haystack):
        for group in needed:
            assert any(s in m.group() for s in group), (group, m.group())


def test_plain_letters_match_where_they_fold() -> None:
    # Every character a plain letter matches ignoring case is one that folds to it, in the
    # folding of a single character and of a whole text alike, and every such character is.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    lowered = [c.lower() for c in every]
    for letter in sorted(res.PLAIN_CASE):
        matched = {m.start() for m in re.finditer(re.escape(letter), every, re.IGNORECASE)}
        assert matched == {i for i, low in enumerate(lowered) if low == letter}, letter
        assert all(res.fold_case(every[i]) == letter for i in matched), letter


@pytest.mark.parametrize("entry", CALQUES, ids=[f"{e.line}: {e.source}" for e in CALQUES])
def test_every_match_holds_a_folded_required_string(entry) -> None:
    # The premise of screening the folded text, for the case-insensitive patterns too.
    needed = res.folded_required_strings(entry.regex)
    text = _all_examples() + "\n" + _all_examples().upper() + "\n" + _all_examples().title()
    haystack = _haystack(entry.regex, text)
    folded = res.fold_case(text)
    for m in entry.regex.finditer(haystack):
        for group in needed:
            assert any(s in folded[m.start() : m.end()] for s in group), (group, m.group())


CASE_INSENSITIVE = [e for e in CALQUES if e.regex.flags & re.IGNORECASE]


@given(
    st.sampled_from(CASE_INSENSITIVE),
    st.lists(st.sampled_from(["lower", "upper", "İ", "\u212a", "ſ", "Σ", "\u0307"]), max_size=200),
)
@settings(max_examples=300, deadline=None)
def test_a_case_insensitive_entry_is_screened_by_its_folded_strings(entry, changes) -> None:
    # Letters in any case, and characters that fold to two or to none, put in the example.
    text = list(entry.example)
    for n, change in enumerate(changes):
        at = (n * 7919) % len(text)
        if change in ("lower", "upper"):
            text[at] = getattr(text[at], change)()
        else:
            text[at] = change
    written = "".join(text)
    screen = res.LexiconScreen.of((e.regex for e in CALQUES), folded=True)
    index = CALQUES.index(entry)
    if list(entry.regex.finditer(written)):
        assert index in screen.candidates(res.fold_case(written))


def test_most_lexicon_entries_have_required_strings() -> None:
    with_strings = [e for e in LEXICON_ENTRIES if res.required_strings(e.regex)]
    assert len(with_strings) >= 0.9 * len(LEXICON_ENTRIES)


@given(
    st.lists(st.sampled_from(LEXICON_ENTRIES), min_size=1, max_size=3),
    st.sampled_from(LEXICON_ENTRIES),
)
@settings(max_examples=200, deadline=None)
def test_lexicon_matches_are_those_of_the_pattern(examples, entry) -> None:
    text = " et ".join(e.example for e in examples)
    haystack = _haystack(entry.regex, text)
    expected = [
        m.span()
        for m in entry.regex.finditer(haystack)
        if not m.start()
        or not (haystack[m.start() - 1].isalnum() or haystack[m.start() - 1] in "_-")
    ]
    assert [m.span() for m in res.lexicon_matches(entry.regex, haystack)] == expected


def test_case_insensitive_patterns_have_no_required_strings() -> None:
    # A literal k of a case-insensitive pattern matches the Kelvin sign: no substring test.
    assert res.required_strings(re.compile("kilo", re.IGNORECASE)) == ()
    # Optional parts and strings shorter than three letters are not required.
    assert res.required_strings(re.compile("(?:ab|cd)efgh+ijk(?:lmn)?")) == (("efg",), ("ijk",))
    assert res.required_strings(re.compile("x?(?:une|deux)y*")) == (("une", "deux"),)
    assert res.required_strings(re.compile("(?:une|x)bcd")) == (("bcd",),)  # x: too short


def _screened(entries, text: str, *, folded: bool = False) -> list[int]:
    # The definition: the entries each of whose required groups has a string in the text.
    required = res.folded_required_strings if folded else res.required_strings
    return [
        i
        for i, e in enumerate(entries)
        if all(any(s in text for s in g) for g in required(e.regex))
    ]


@given(
    st.lists(st.sampled_from(LEXICON_ENTRIES), max_size=3),
    st.lists(
        st.sampled_from(["la ", "Moscou", "place", "\u2019", "é", "pour", "É", " "]), max_size=5
    ),
)
@settings(max_examples=200, deadline=None)
def test_a_lexicon_screen_keeps_the_entries_a_text_may_match(examples, extra) -> None:
    text = " et ".join(e.example for e in examples) + "".join(extra)
    for entries, folded in ((CALQUES, True), (EXONYMS, False)):
        screen = res.LexiconScreen.of((e.regex for e in entries), folded=folded)
        kept = screen.candidates(res.fold_case(text) if folded else text)
        assert kept == _screened(entries, res.fold_case(text) if folded else text, folded=folded)
        for i, e in enumerate(entries):
            # As the calque check runs it: a case-insensitive pattern on the text as written.
            haystack = _haystack(e.regex, text) if folded else text
            if list(res.lexicon_matches(e.regex, haystack)):
                assert i in kept, e.pattern
            if i in kept:
                spans = [m.span() for m in screen.matches(i, haystack)]
                assert spans == _word_start_spans(e.regex, haystack), e.pattern


def _word_start_spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    # The definition of a lexicon's matches: the pattern's, those that start a word.
    return [
        m.span()
        for m in regex.finditer(text)
        if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-")
    ]


def _windowed_spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]] | None:
    # The matches found in the windows alone, used even where searching the text costs less.
    plan = res.search_plan(regex)
    starts = res._window_starts(text, plan, cost=0)
    if starts is None:
        return None
    found = res._matches_at(regex, text, starts)
    return [
        m.span()
        for m in found
        if not m.start() or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_-")
    ]


def test_a_lexicon_screen_and_its_matches_over_real_text() -> None:
    # Exhaustive over real prose: the screen keeps the entries whose required groups the
    # text holds, and each kept entry's matches are its pattern's, as each check asks them.
    texts = real_texts()
    assert len(texts) > 300
    screens = [(CALQUES, res.LexiconScreen.of((e.regex for e in CALQUES), folded=True), True)]
    screens.append((EXONYMS, res.LexiconScreen.of(e.regex for e in EXONYMS), False))
    searched = 0
    for text in texts:
        for entries, screen, folded in screens:
            for screened in {res.fold_case(text)} if folded else {text, res.fold_case(text)}:
                kept = screen.candidates(screened)
                assert kept == _screened(entries, screened, folded=folded)
                for i in kept:
                    haystack = _haystack(entries[i].regex, text) if folded else screened
                    expected = _word_start_spans(entries[i].regex, haystack)
                    assert [m.span() for m in screen.matches(i, haystack)] == expected
                    assert _windowed_spans(entries[i].regex, haystack) in (None, expected)
                    assert [m.span() for m in res.lexicon_matches(entries[i].regex, haystack)] == (
                        expected
                    )
                    searched += bool(expected)
    assert searched > 50


@given(st.lists(st.text(alphabet="abcdéf", min_size=3, max_size=8), min_size=1, max_size=12))
def test_start_prefixes_start_every_leading_string(leading: list[str]) -> None:
    prefixes = res.start_prefixes(tuple(leading))
    assert prefixes is not None
    assert all(s.startswith(prefixes) for s in leading)
    assert len(prefixes) <= len(set(leading))
    assert all(len(p) >= res.MIN_REQUIRED for p in prefixes)


WINDOWED = [
    re.compile(r"(?:x|ab)[\s\u00a0]+y[\w-]*[\s\u00a0]+point(?![\w-])"),
    re.compile(r"(?:a|ont)\s+un\s+point\s*[.,]"),
    re.compile(r"pour\s+point(?= ?[,:])|(?<=[,;(])\s?pour point"),
    re.compile(r"(?:(?:x|y)\w* ){0,2}point"),
]


@given(
    st.lists(
        st.sampled_from(["x", "y", "ab", "a", "ont", "un", "pour", "point", "-", ",", "(", "é"])
        | st.text(alphabet=" \n\u00a0\t", min_size=1, max_size=7)
        | st.text(alphabet="yz-", min_size=1, max_size=24),
        max_size=30,
    ),
    st.sampled_from(WINDOWED),
)
@settings(max_examples=400, deadline=None)
def test_matches_in_windows_are_those_of_the_pattern(parts: list[str], regex) -> None:
    # Runs of spaces and of word characters about their caps, on both sides of a window.
    text = "".join(parts)
    plan = res.search_plan(regex)
    assert "point" in plan.window_strings
    windowed = _windowed_spans(regex, text)
    assert windowed is None or windowed == _word_start_spans(regex, text)
    assert [m.span() for m in res.lexicon_matches(regex, text)] == _word_start_spans(regex, text)


def test_matches_in_windows_at_the_caps() -> None:
    # Every width of the runs a match spans before its required string, about the caps:
    # a match as wide as the reach is found, a wider run voids the windows.
    space, word = res._RUN_CAPS["space"], res._RUN_CAPS["word"]
    inside = re.compile(r"(?:x|ab)[\s\u00a0]+[\w-]*[\s\u00a0]+point(?![\w-])")
    first = re.compile(r"[\w-]*[\s\u00a0]+point(?![\w-])")  # a run opens the match
    optional = re.compile(r"(?:ab[\s\u00a0]+)?point")  # a match may open with the string
    assert res.search_plan(inside).reach == 2 + space + word + space
    assert res.search_plan(first).reach == word + space
    tried = windowed = 0
    for regex in (inside, first, optional):
        for before in range(space + 3):
            for between in range(word + 3):
                for after in range(1, space + 3):
                    text = f"un point, ab{' ' * before}{'z' * between}{chr(160) * after}point."
                    spans = _windowed_spans(regex, text)
                    tried += 1
                    windowed += spans is not None
                    assert spans in (None, _word_start_spans(regex, text)), text
    assert windowed > tried / 3


def test_search_plans_of_lexicon_patterns() -> None:
    plan = res.search_plan(re.compile(r"(?:a|ont)\s+un\s+point"))
    assert (plan.prefixes, plan.window_strings) == (None, ("point",))
    assert plan.reach == 3 + res._RUN_CAPS["space"] + 2 + res._RUN_CAPS["space"]
    # Only runs of one class of spaces or of word characters have a cap.
    assert res.search_plan(re.compile(r"a.*point")).window_strings == ()
    assert res.search_plan(re.compile(r"a[\d\s.]*point")).window_strings == ()
    # Where they are fewer than the window's strings, where its leading strings stand.
    assert res.search_plan(re.compile(r"sommet (?:point|place)")).prefixes == ("sommet p",)
    assert res.search_plan(re.compile(r"sommet (?:point|place)")).window_strings == ()
    regex = re.compile(r"(?:réunion|sommet)\s+rencontres")
    assert res.search_plan(regex).window_strings == ("rencontres",)
    # A window is searched only where a match's first character stands.
    first = res.search_plan(re.compile(r"(?:x|a?b+)\s+point")).first
    assert first is not None and first.pattern == "[abx]"
    assert res.search_plan(re.compile(r"(?<=,)x\s+point")).first is None
    assert res.search_plan(re.compile(r"\w+\s+point")).first is None
    windowed = [e for e in LEXICON_ENTRIES if res.search_plan(e.regex).window_strings]
    assert len(windowed) >= 20


def test_a_lexicon_screen_without_required_strings_keeps_everything() -> None:
    screen = res.LexiconScreen.of([re.compile("kilo", re.IGNORECASE), re.compile("a|b")])
    assert screen.candidates("") == screen.candidates("rien") == [0, 1]


@pytest.mark.parametrize("entry", LEXICON_ENTRIES, ids=[e.pattern[:40] for e in LEXICON_ENTRIES])
def test_every_match_starts_with_a_leading_string(entry) -> None:
    # The premise of trying a pattern only where one of them stands.
    starts = res.leading_strings(entry.regex)
    haystack = _haystack(entry.regex, _all_examples())
    for m in entry.regex.finditer(haystack):
        assert starts is None or m.group().startswith(starts), (starts, m.group())


def test_leading_strings_of_alternations_and_shared_starts() -> None:
    assert res.leading_strings(re.compile("(?:réunion|rencontre) x")) == ("réunion", "rencontre")
    assert res.leading_strings(re.compile("abc(?:de|fg)h")) == ("abcde", "abcfg")
    assert res.leading_strings(re.compile("(?:abc|x?yz)")) is None
    assert res.leading_strings(re.compile("ab")) is None  # too short to look for
    assert res.leading_strings(re.compile("abc", re.IGNORECASE)) is None


@given(
    st.text(alphabet=st.sampled_from(list("abcdeéèfilnorstuàç'-É1")), min_size=1, max_size=12)
    | st.sampled_from(["cédération", "schâchés", "bonjuor", "dévelopement", "fédération", "x"])
)
@settings(max_examples=300, deadline=None)
def test_suggestion_candidates_are_pyspellcheckers(word: str) -> None:
    checker = res._suggester("fr")
    assert res._candidates(checker, word) == checker.candidates(word)
    # As the suggestion asks them: looked up in the dictionary's words as a set.
    assert res._candidates(checker, word, res._spelling_words("fr")) == checker.candidates(word)


def test_the_suggester_is_pyspellcheckers_own_checker() -> None:
    # Made from the stored counts, it holds what SpellChecker(language="fr") holds, field by field.
    from spellchecker import SpellChecker, WordFrequency

    own = SpellChecker(language="fr", distance=1)
    ours = res._suggester("fr")
    for field in SpellChecker.__slots__:
        if field != "_word_frequency":
            assert getattr(ours, field) == getattr(own, field), field
    for field in WordFrequency.__slots__:
        assert getattr(ours.word_frequency, field) == getattr(own.word_frequency, field), field
    assert type(ours.word_frequency.dictionary) is type(own.word_frequency.dictionary)
    assert list(ours.word_frequency.dictionary.items()) == list(
        own.word_frequency.dictionary.items()
    )
    for word in ("cédération", "bonjuor", "dévelopement", "fédération", "schâchés"):
        assert ours.candidates(word) == own.candidates(word)
        others = (own.candidates(word) or set()) - {word}
        expected = max(sorted(others), key=own.word_usage_frequency) if others else None
        assert res._suggestion(word, "fr") == expected


@given(
    st.text(alphabet=st.sampled_from(list("abcdeéèfilnorstuàçÉİΣ'’-1")), min_size=1, max_size=12)
    | st.sampled_from(["cédération", "renégocierions", "ukrainiennes", "x", "ΣΑΣ", "İstanbul"])
)
@settings(max_examples=300, deadline=None)
def test_edits_are_pyspellcheckers(word: str) -> None:
    checker = res._suggester("fr")
    assert res._edits(checker, word) == checker.edit_distance_1(word)


def test_lower_casing_is_idempotent_character_by_character() -> None:
    # Why _candidates need not lower-case the edits of a lower-cased word when
    # the checker's letters are lower-case: every character of a lower-cased
    # string lower-cases to itself.
    everything = "".join(map(chr, range(0x110000)))
    lowered = everything.lower()
    assert all(c.lower() == c for c in set(lowered))
    letters = "".join(res._suggester("fr").word_frequency.letters)
    assert letters.lower() == letters


def _defined_is_known(word: str, target: res.Profile) -> bool:
    """is_known's definition, one affix of the profile after another."""
    if not word or res._known_plain(word, target):
        return True
    for prefix in target.prefixes:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= 4 and res._known_plain(rest, target):
            return True
    for suffix in target.suffixes:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4 and res._known_plain(stem, target):
            return True
    return False


def test_words_known_through_their_affixes_are_those_of_the_definition() -> None:
    fr = res.profile("fr")
    assert fr is not None
    words = _devset_words() | {"", "re", "anti", "es", "x", "sss", "ressss", "antiné", "néos"}
    judged = [w for w in words if res.is_known(w, fr) != _defined_is_known(w, fr)]
    assert judged == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["re", "ré", "anti", "inter", "négoc", "ier", "ions", "s", "es", "x", "é", "a"]
        ),
        max_size=6,
    ).map("".join)
)
def test_any_word_known_through_its_affixes_is_known_by_the_definition(word: str) -> None:
    fr = res.profile("fr")
    assert fr is not None
    assert res.is_known(word, fr) == _defined_is_known(word, fr)


def _devset_words() -> set[str]:
    """The lower-cased words of every text of the development set, as the checks see them."""
    from pathlib import Path

    from corpuscheck.checks.translation.text import tokenize

    root = Path(__file__).resolve().parents[2] / "devset"
    words: set[str] = set()
    for file in sorted(root.glob("**/*.txt")):
        text = file.read_text(encoding="utf-8", errors="replace")
        words.update(tokenize(text, res.profile("fr").elisions).lowers)  # type: ignore[union-attr]
    return words


def test_words_known_together_are_those_known_one_by_one() -> None:
    fr = res.profile("fr")
    assert fr is not None
    words = _devset_words() | {"", "aujourd'hui", "aujourd’hui", "c'est", "re-négocier", "x"}
    assert len(words) > 10_000
    assert res.known_among(words, fr) == {w for w in words if res.is_known(w, fr)}


@settings(max_examples=300, deadline=None)  # the first example loads the word tables
@given(st.sets(st.text(st.sampled_from("aeinrstuéèàç'’-ʼ"), max_size=10), max_size=8))
def test_any_words_known_together_are_those_known_one_by_one(words: set[str]) -> None:
    fr = res.profile("fr")
    assert fr is not None
    assert res.known_among(words, fr) == {w for w in words if res.is_known(w, fr)}


def _in_other_language_by_definition(word: str, target: str) -> bool:
    return res._in_other_language_tables(word, target)


def test_the_other_languages_words_are_those_the_tables_give_for_every_devset_word() -> None:
    # Every word of the development set, its hyphenated parts, and every word
    # of each small list (those sampled), asked through the sorted lines and
    # of each language's table in turn.
    words = _devset_words()
    words |= {part for word in words for part in word.split("-")}
    for lang in res.LATIN_LANGUAGES:
        table = res._word_frequencies(lang, "small") or res._kept_plain_words(lang, "small")[1]
        words.update(list(table)[::50])
    words |= {"", "tjener", "schâchés", "straße", "şarkı", "ţară", "l'homme", "a-t-il", "x"}
    assert len(words) > 30_000
    for target in ("fr", "en", "ro"):
        assert res._other_language_words(target) is not None
        fast = {w for w in words if res.in_other_language.__wrapped__(w, target)}  # type: ignore[attr-defined]
        assert fast == {w for w in words if _in_other_language_by_definition(w, target)}, target
        assert len(fast) > 5_000


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=res.PLAIN_LETTERS, min_size=1, max_size=8)
    | st.text(alphabet="aeinrstuéèàçşţșțıİß'’-", max_size=8),
    st.sampled_from(["fr", "en", "tr", "de"]),
)
def test_any_word_is_in_another_language_as_the_tables_say(word: str, target: str) -> None:
    fast = res.in_other_language.__wrapped__(word, target)  # type: ignore[attr-defined]
    assert fast == _in_other_language_by_definition(word, target)


def test_the_other_languages_letters_leave_out_those_read_otherwise() -> None:
    listed = res._other_language_words("fr")
    assert listed is not None
    assert {c for c in res.PLAIN_LETTERS if not listed.letters.fullmatch(c)} == {"ş", "ţ", "ș", "ț"}
    lines = listed.lines
    assert lines.startswith("\n") and lines.endswith("\n")
    words = lines[1:-1].split("\n")
    assert words == sorted(set(words)) and all(words)


@settings(max_examples=300, deadline=None)
@given(st.sets(st.text(st.sampled_from("abé"), min_size=1, max_size=4)), st.text("abé", max_size=5))
def test_a_word_is_in_sorted_lines_when_it_is_one_of_them(words: set[str], word: str) -> None:
    lines = "\n" + "".join(f"{w}\n" for w in sorted(words))
    assert res.in_sorted_lines(lines, word) == (word in words)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aeiklmnorstuàéèçœ'", min_size=1, max_size=12))
def test_the_languages_of_more_preprocessing_cut_words_with_apostrophes_the_same(word: str) -> None:
    # What in_other_language assumes of a word with an apostrophe: Romanian, Turkish and
    # Serbo-Croatian (asked of wordfreq itself) cut it into the tokens the others do.
    from wordfreq.tokens import lossy_tokenize

    plain = res._wordfreq_tokens(word)
    for lang in MORE_PREPROCESSING:
        assert tuple(lossy_tokenize(word, lang)) == plain, (word, lang)


def _screens() -> list[tuple[res.LexiconScreen, bool]]:
    return [
        (res.LexiconScreen.of((e.regex for e in CALQUES), folded=True), True),
        (res.LexiconScreen.of(e.regex for e in EXONYMS), False),
    ]


def _kept_through_words(screen: res.LexiconScreen, text: str, folded: bool) -> None:
    screened = res.fold_case(text) if folded else text
    words = res.word_lines(text, res.profile("fr").elisions)  # type: ignore[union-attr]
    through_words = screen.candidates_in_words(screened, words)
    assert set(screen.candidates(screened)) <= set(through_words)
    assert through_words == sorted(set(through_words))


def test_the_words_of_real_texts_keep_every_entry_their_text_keeps() -> None:
    screens = _screens()
    assert all(screen.word_automaton is not None for screen, _ in screens)
    texts = real_texts()
    assert len(texts) > 300
    for text in texts:
        for screen, folded in screens:
            _kept_through_words(screen, text, folded)


@given(
    st.lists(st.sampled_from(LEXICON_ENTRIES), max_size=3),
    st.lists(
        st.sampled_from(["Moscou", "PLACE", "İ", "ſ", "\u212a", "Σ", "\u0301", "_", "1", "’", "-"])
        | st.sampled_from(["l’", "qu'", " ", "\n", "É", "Cessez-le-Feu", "NATO", "x-"]),
        max_size=8,
    ),
    st.randoms(use_true_random=False),
)
@settings(max_examples=300, deadline=None)
def test_the_words_of_a_text_keep_every_entry_its_text_keeps(examples, extra, random) -> None:
    parts = [e.example for e in examples] + extra
    random.shuffle(parts)
    text = "".join(parts)
    for screen, folded in _screens():
        _kept_through_words(screen, text, folded)


def test_what_a_string_within_words_assumes_of_every_character() -> None:
    # A letter to str.isalpha is one to the tokenizer; a character that folds into a
    # lower-case letter (not a sigma) is a letter whose lower case that is; only a hyphen
    # folds into a hyphen.
    from corpuscheck.checks.translation.text import WORD

    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        c = chr(code)
        if c.isalpha():
            assert WORD.fullmatch(c), hex(code)
        folded = res.fold_case(c)
        if folded.isalpha() and folded.lower() == folded and folded not in "σς":
            assert c.isalpha() and c.lower() == folded, hex(code)
        if folded == "-":
            assert c == "-"


@given(st.text(st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"]), max_size=12))
@settings(max_examples=500, deadline=None)
def test_a_word_without_a_sigma_is_lower_cased_letter_by_letter(word: str) -> None:
    if not any(c in "Σσς" for c in word):
        assert word.lower() == "".join(c.lower() for c in word)


def test_strings_within_words() -> None:
    assert res._within_words("cessez-le-feu", folded=True)
    assert not res._within_words("-feu", folded=True)
    assert not res._within_words("cessez--feu", folded=True)
    assert not res._within_words("l'homme", folded=True)
    assert not res._within_words("Moscow", folded=True)
    assert res._within_words("Moscow", folded=False)
    assert not res._within_words("ΣΑ", folded=False)
    assert not res._within_words("", folded=False)
    screen = res.LexiconScreen.of([re.compile("point d'honneur")])
    assert screen.word_automaton is None  # an apostrophe: the text is searched
    assert screen.candidates_in_words("un point d'honneur", "") == [0]


def _fold_case_by_str_lower(text: str) -> str:
    """fold_case's definition: str.lower, character by character where that lengthens."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


@given(
    st.text(
        st.sampled_from(list("aAzZ ’'«»\n-éÉàÀçÇœŒßẞİıΣσςΟΔ\u212a\u2126ǅǆⅫ𐐀𐐨\ud800ÿŸ"))
        | st.characters(codec="utf-8"),
        max_size=40,
    )
)
@example("L’ÉTÉ À Paris ΟΔΟΣ İstanbul \u212a ǅ Ⅻ 𐐀 \ud800")
@settings(max_examples=600, deadline=None)
def test_fold_case_is_str_lower_character_by_character(text: str) -> None:
    assert res.fold_case(text) == _fold_case_by_str_lower(text)


def test_fold_case_of_real_texts_is_its_definition() -> None:
    for text in real_texts():
        assert res.fold_case(text) == _fold_case_by_str_lower(text)


def test_lower_case_by_bytes_leaves_no_character_unchanged_that_str_lower_changes() -> None:
    # Every character: alone, and inside French prose, the quick path is str.lower, or
    # declines.
    for code in range(0x110000):
        char = chr(code)
        for text in (char, f"Éa{char}b’"):
            folded = quick_lower(text)
            assert folded is None or folded == text.lower(), hex(code)
