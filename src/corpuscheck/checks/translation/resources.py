"""Per-language resources of the translation checks, loaded once per process.

Everything a check knows about a language comes from data, so adding a target
language is a data addition, not new code:

* ``corpuscheck/data/<lang>/language.json``: the language profile (which
  wordfreq list and spelling dictionary to use, the quotation marks the
  language expects, its elided articles, determiners...). A language without a
  profile gets no translation findings at all.
* ``corpuscheck/data/<lang>/calques.tsv``: the lexicon of literal calques
  (see :mod:`corpuscheck.checks.translation.calques`).
* ``corpuscheck/data/<lang>/names.tsv``: known groups of transliteration
  variants of one name (see :mod:`corpuscheck.checks.translation.transliteration`).
* ``corpuscheck/data/<lang>/known_words.txt``: words the frequency list and
  the dictionary miss but that are fine in that language.

Word frequencies are wordfreq's bundled lists; spelling dictionaries are the
ones pyspellchecker ships. Nothing is downloaded at run time.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from corpuscheck.checks.structure.layout import quick_lower
from corpuscheck.model import Document

DEFAULT_SOURCES: tuple[str, ...] = ("en", "de")
"""Source languages assumed when metadata.csv gives no ``translated_from``
and the language profile names none."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What the translation checks know about one target language."""

    code: str
    wordfreq: str | None
    spelling: str | None
    default_sources: tuple[str, ...]
    quote_pairs: tuple[tuple[str, str], ...]
    preferred_quotes: tuple[str, str] | None
    foreign_quotes: frozenset[str]
    elisions: frozenset[str]
    determiners: frozenset[str]
    of_words: frozenset[str]
    name_particles: frozenset[str]
    closing_blockers: frozenset[str]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    shape_marks: frozenset[str]
    shape_endings: tuple[str, ...]
    macros: Mapping[str, str]


def base_language(code: str) -> str:
    """The primary subtag of a language code, lower-cased.

    >>> base_language("fr-CA"), base_language(" EN_us "), base_language("")
    ('fr', 'en', '')
    """
    return code.strip().lower().replace("_", "-").split("-", 1)[0]


def _data_text(lang: str, name: str) -> str | None:
    path = resources.files("corpuscheck").joinpath("data", lang, name)
    if not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


@cache
def profile(lang: str) -> Profile | None:
    """The profile of language ``lang`` (a base code such as ``fr``), or None.

    >>> profile("fr").preferred_quotes
    ('«', '»')
    >>> profile("xx") is None
    True
    """
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return None
    text = _data_text(lang, "language.json")
    if text is None:
        return None
    raw: dict[str, Any] = json.loads(text)
    quotes: dict[str, Any] = raw.get("quotes", {})
    preferred = quotes.get("preferred")
    return Profile(
        code=lang,
        wordfreq=raw.get("wordfreq"),
        spelling=raw.get("spelling"),
        default_sources=tuple(raw.get("default_sources", DEFAULT_SOURCES)),
        quote_pairs=tuple((str(a), str(b)) for a, b in quotes.get("pairs", [])),
        preferred_quotes=(str(preferred[0]), str(preferred[1])) if preferred else None,
        foreign_quotes=frozenset(quotes.get("foreign", [])),
        elisions=frozenset(raw.get("elisions", [])),
        determiners=frozenset(raw.get("determiners", [])),
        of_words=frozenset(raw.get("of", [])),
        name_particles=frozenset(raw.get("name_particles", [])),
        closing_blockers=frozenset(raw.get("closing_blockers", [])),
        prefixes=tuple(sorted(raw.get("prefixes", []), key=len, reverse=True)),
        suffixes=tuple(sorted(raw.get("suffixes", []), key=len, reverse=True)),
        macros=dict(raw.get("macros", {})),
        shape_marks=frozenset(raw.get("word_shape", {}).get("marks", "")),
        shape_endings=tuple(raw.get("word_shape", {}).get("endings", [])),
    )


def target_profile(doc: Document) -> Profile | None:
    """The profile of the document's language, or None (then translation checks do nothing)."""
    lang = document_language(doc)
    return profile(lang) if lang else None


def document_language(doc: Document) -> str:
    """The document's language: declared in metadata.csv, else as detected, else ''.

    A declared language without resources gives way to the detected one when
    that one has resources (a French text declared ``it`` by mistake is still
    checked as French); the detection is the language check's, published in
    ``doc.computed``.
    """
    declared = base_language(doc.metadata.get("language", ""))
    detected = base_language(str(doc.computed.get("detected_language", "")))
    if declared and (profile(declared) is not None or not detected):
        return declared
    return detected or declared


def source_languages(doc: Document, target: Profile) -> tuple[str, ...]:
    """The languages the document may have been translated from.

    ``translated_from`` in metadata.csv (several may be given, separated by
    commas, semicolons or spaces), else the profile's default sources. The
    target language itself and languages without a frequency list are left
    out.

    >>> from corpuscheck.model import Document
    >>> fr = profile("fr")
    >>> source_languages(Document("d", "d.txt", "", metadata={"translated_from": "de"}), fr)
    ('de',)
    >>> source_languages(Document("d", "d.txt", ""), fr)
    ('en', 'de')
    """
    declared = doc.metadata.get("translated_from", "")
    codes = [base_language(c) for c in re.split(r"[,;\s]+", declared) if c.strip()]
    if not codes:
        codes = list(target.default_sources)
    out: list[str] = []
    for code in codes:
        if code and code != target.code and code not in out and has_frequencies(code):
            out.append(code)
    return tuple(out)


@cache
def has_frequencies(lang: str) -> bool:
    """True when wordfreq ships a frequency list for ``lang``."""
    import wordfreq

    return lang in wordfreq.available_languages()


def _fold_apostrophes(word: str) -> str:
    return word.replace("’", "'").replace("ʼ", "'")


@lru_cache(maxsize=1 << 18)
def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in ``lang`` (0 when absent or no list).

    The Zipf scale is log10 of occurrences per billion words: 7 is "the",
    3 is a word seen once per million words, 0 means absent.

    A word of plain lower-case letters is looked up in wordfreq's own table
    (:func:`_word_frequencies`); anything else (a hyphen, an apostrophe, a
    capital, several words) goes through ``wordfreq.zipf_frequency``, which
    tokenises it first. Both give the same number.

    >>> zipf("bonjour", "fr") > 4
    True
    >>> zipf("schâchés", "fr")
    0.0
    """
    if not has_frequencies(lang):
        return 0.0
    return table_zipf(word, lang, "best")


def table_zipf(word: str, lang: str, wordlist: str) -> float:
    """``wordfreq.zipf_frequency(word, lang, wordlist)``, read from the table when it can be.

    A word of plain lower-case letters is its own single wordfreq token, so
    its figure depends on its frequency alone (:func:`zipf_of_frequency`),
    computed once per frequency; every other word of that frequency is a
    dict look-up. Any other word is cut into wordfreq's tokens once
    (:func:`_wordfreq_tokens`, the same in every language whose table is
    read) and its figure computed from theirs, as wordfreq does.
    """
    frequencies = _word_frequencies(lang, wordlist)
    if frequencies is None:
        kept = _kept_plain_words(lang, wordlist)
        if kept is not None and kept[0].fullmatch(word):
            return zipf_of_frequencies([kept[1].get(word)])[0]
        return _wordfreq_zipf(word, lang, wordlist)
    if not _PLAIN_WORD.fullmatch(word):
        tokens = _wordfreq_tokens(word)
        if tokens is None:
            return _wordfreq_zipf(word, lang, wordlist)
        return zipf_of_token_frequencies(list(map(frequencies.get, tokens)))
    frequency = frequencies.get(word)
    value = _ZIPF_OF_FREQUENCY.get(frequency)
    if value is None:
        value = _ZIPF_OF_FREQUENCY[frequency] = zipf_of_frequency(frequency)
    return value


@lru_cache(maxsize=1 << 16)
def _wordfreq_tokens(word: str) -> tuple[str, ...] | None:
    """wordfreq's tokens of ``word`` in a language whose table is read; None when it has numbers.

    wordfreq's tokenizer depends on a language only through its
    preprocessing, which is the plain one in every language whose table is
    read (:func:`_word_frequencies`): one tokenization serves them all.
    Numbers are left to wordfreq (it smashes digits and weighs them).
    """
    if _HYPHENATED_PLAIN_WORD.fullmatch(word):
        # A hyphen is a word break to wordfreq's tokenizer, and a run of plain
        # letters one token, itself: its tokenizer (a few dozen µs a word)
        # need not be asked. The tests hold this to it for every pair of letters.
        return tuple(word.split("-"))
    from wordfreq.numbers import smash_numbers
    from wordfreq.tokens import lossy_tokenize

    tokens = tuple(lossy_tokenize(_fold_apostrophes(word), _PLAIN_LANGUAGE))
    return None if any(smash_numbers(t) != t for t in tokens) else tokens


_PLAIN_LANGUAGE = "fr"
"""A language of plain preprocessing, whose tokenization is every such language's."""


def zipf_of_frequencies(frequencies: list[float | None]) -> list[float]:
    """:func:`zipf_of_frequency` of each table frequency, from the memo: C loops, no step per word."""
    for frequency in set(frequencies).difference(_ZIPF_OF_FREQUENCY):
        _ZIPF_OF_FREQUENCY[frequency] = zipf_of_frequency(frequency)
    return list(map(_ZIPF_OF_FREQUENCY.__getitem__, frequencies))


def zipf_of_frequency(frequency: float | None) -> float:
    """``wordfreq.zipf_frequency`` of a word that is one token, from its table frequency (None: absent).

    >>> zipf_of_frequency(None), zipf_of_frequency(1e-6)
    (0.0, 3.0)
    """
    return zipf_of_token_frequencies([frequency])


def zipf_of_token_frequencies(frequencies: list[float | None]) -> float:
    """``wordfreq.zipf_frequency`` of a word from its tokens' table frequencies (None: absent).

    wordfreq's own arithmetic, operation for operation (``zipf_frequency``
    and ``_word_frequency`` of wordfreq 3.1): the minimum is Zipf 0; a word
    without tokens, or with one absent, gets the minimum as it is; otherwise
    the frequencies are combined as ``1 / (0 + 1/f1 + 1/f2 ...)``, floored
    at the minimum and rounded to three significant digits. Asking wordfreq
    cost 25 µs a word and language. The tests compare it with wordfreq for
    every frequency of every table the checks read, and for any word.

    >>> zipf_of_token_frequencies([1e-6, 1e-6]), zipf_of_token_frequencies([1e-6, None])
    (2.7, 0.0)
    """
    minimum = 10.0**0.0 / 1e9  # wordfreq.zipf_to_freq(0.0)
    if not frequencies or None in frequencies:
        return round(math.log(minimum, 10) + 9, 2)
    one_over_result = 0.0
    for frequency in frequencies:
        one_over_result += 1.0 / frequency  # type: ignore[operator]  # None excluded above
    unrounded = max(1.0 / one_over_result, minimum)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(math.log(round(unrounded, leading_zeroes + 3), 10) + 9, 2)


def _wordfreq_zipf(word: str, lang: str, wordlist: str) -> float:
    import wordfreq

    return float(wordfreq.zipf_frequency(_fold_apostrophes(word), lang, wordlist))


def _plain_letters() -> str:
    """Lower-case Latin letters that wordfreq's preprocessing (NFC, case folding) leaves alone."""
    letters = (chr(code) for code in range(0x61, 0x250))
    return "".join(
        c
        for c in letters
        if c.isalpha()
        and c.islower()
        and c.casefold() == c
        and unicodedata.normalize("NFC", c) == c
    )


PLAIN_LETTERS = _plain_letters()
"""Letters of which a run is one wordfreq token, itself (not ``ß``: folded to ``ss``)."""

_PLAIN_WORD = re.compile(f"[{re.escape(PLAIN_LETTERS)}]+")
_HYPHENATED_PLAIN_WORD = re.compile(
    f"[{re.escape(PLAIN_LETTERS)}]+(?:-[{re.escape(PLAIN_LETTERS)}]+)+"
)

_ZIPF_OF_FREQUENCY: dict[float | None, float] = {}
"""A table frequency (None when absent) → the Zipf figure wordfreq gives (the same in every table)."""

_PLAIN_PREPROCESSING = {
    "tokenizer": "regex",
    "normal_form": "NFC",
    "remove_marks": False,
    "dotless_i": False,
    "diacritics_under": None,
    "transliteration": None,
    "lookup_transliteration": None,
}


@cache
def _word_frequencies(lang: str, wordlist: str = "best") -> dict[str, float] | None:
    """wordfreq's ``{token: frequency}`` table of ``lang``, the very one ``zipf_frequency`` reads.

    None for a language whose preprocessing is more than NFC and case
    folding (Turkish dotted i, Serbian transliteration, Chinese...): there a
    word's token may differ from the word, so only wordfreq can look it up.
    Read from the copy stored once per installation
    (:func:`~corpuscheck.checks.translation.stored_tables.frequency_table`).
    """
    from corpuscheck.checks.translation.stored_tables import frequency_table

    if not _plain_preprocessing(lang):
        return None
    return frequency_table(lang, wordlist)


@cache
def _plain_preprocessing(lang: str) -> bool:
    """Whether wordfreq's preprocessing of ``lang`` is NFC and case folding alone, so that
    :func:`_word_frequencies` reads its table (known without loading it)."""
    from wordfreq.language_info import get_language_info

    info = get_language_info(lang)
    return all(info.get(k) == v for k, v in _PLAIN_PREPROCESSING.items())


@cache
def _kept_plain_words(lang: str, wordlist: str) -> tuple[re.Pattern[str], dict[str, float]] | None:
    """For a language whose table :func:`_word_frequencies` leaves to wordfreq: the runs of
    the plain letters its preprocessing leaves alone, and its table; None when it has none.

    Turkish folds its capital i's apart and writes s and t with a cedilla,
    Romanian with a comma below, Serbo-Croatian transliterates Cyrillic:
    every other plain letter stays as it is, one character at a time, so a
    run of them is one token, itself, in wordfreq's regular-expression
    tokenizer, and its figure is its frequency's in the table (as
    :func:`table_zipf` reads it for the other languages). Asking wordfreq
    cost a few dozen µs a word for each of these languages in
    :func:`in_other_language`, where most non-words reach them.
    """
    from corpuscheck.checks.translation.stored_tables import frequency_table

    kept = _kept_letters(lang)
    if not kept:
        return None
    return re.compile(f"[{re.escape(kept)}]+"), frequency_table(lang, wordlist)


@cache
def _kept_letters(lang: str) -> str:
    """The plain letters that the preprocessing of ``lang`` leaves alone, for
    :func:`_kept_plain_words` ("" when its table cannot be read that way), found without
    loading the table."""
    from langcodes import Language
    from wordfreq.language_info import get_language_info
    from wordfreq.preprocess import preprocess_text

    if not has_frequencies(lang):
        return ""
    info = get_language_info(lang)
    if info.get("tokenizer") != "regex" or info.get("lookup_transliteration") is not None:
        return ""
    if info.get("normal_form") != "NFC" or info.get("remove_marks"):
        return ""
    language = Language.get(lang)
    return "".join(c for c in PLAIN_LETTERS if preprocess_text(c, language) == c)


LATIN_LANGUAGES: tuple[str, ...] = (
    "en",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "sv",
    "nb",
    "da",
    "fi",
    "pl",
    "cs",
    "ro",
    "ca",
    "hu",
    "tr",
    "lt",
    "lv",
    "sk",
    "sl",
    "sh",
    "id",
    "ms",
    "fil",
)
"""Languages written in the Latin alphabet with a wordfreq list, for :func:`in_other_language`."""


@lru_cache(maxsize=1 << 14)
def in_other_language(word: str, target: str) -> bool:
    """True when ``word`` is among the common words (wordfreq's small list) of another language.

    A word of letters that every one of those languages reads as it is
    (:func:`_other_language_words`) is looked for in the sorted list of
    their words; any other word is looked up language by language
    (:func:`_in_other_language_tables`, the definition).

    >>> in_other_language("tjener", "fr"), in_other_language("schâchés", "fr")
    (True, False)
    """
    listed = _other_language_words(target)
    if listed is not None and listed.letters.fullmatch(word):
        return in_sorted_lines(listed.lines, word)
    if listed is not None and listed.apostrophes.fullmatch(word):
        # A word of those letters and apostrophes is cut into the same tokens by every one
        # of those languages; a token in none of their lists makes its figure 0 in each.
        tokens = _wordfreq_tokens(word)
        if tokens is not None and not all(
            listed.apostrophes.fullmatch(token) and in_sorted_lines(listed.lines, token)
            for token in tokens
        ):
            return False
    return _in_other_language_tables(word, target)


def in_sorted_lines(lines: str, word: str) -> bool:
    """True when ``word`` is one of the lines of ``lines``: sorted words, each between two line
    breaks (``"\\na\\nb\\n"``), none holding one; found by bisection over the characters.

    Between two line breaks at ``low`` and ``high``, the line around the
    middle is compared with the word, and the search goes on before or
    after it: a few dozen short scans for a line break, where making the
    list of a million words would cost a tenth of a second.

    >>> in_sorted_lines("\\nbleu\\nrouge\\nvert\\n", "rouge"), in_sorted_lines("\\nbleu\\n", "blé")
    (True, False)
    """
    low, high = 0, len(lines) - 1
    while low < high:
        start = lines.rfind("\n", low, (low + high) // 2 + 1)
        end = lines.find("\n", start + 1)
        line = lines[start + 1 : end]
        if line == word:
            return True
        if line < word:
            low = end
        else:
            high = start
    return False


def _in_other_language_tables(word: str, target: str) -> bool:
    """:func:`in_other_language` asked of each language's small list in turn."""
    return any(table_zipf(word, lang, "small") > 0 for lang in LATIN_LANGUAGES if lang != target)


class OtherLanguageWords(NamedTuple):
    """The words of the small lists of :data:`LATIN_LANGUAGES` but a target, for
    :func:`in_other_language`."""

    letters: re.Pattern[str]
    """A run of the plain letters that every one of those languages reads as they are."""
    apostrophes: re.Pattern[str]
    """A run of those letters and apostrophes (``'``)."""
    lines: str
    """Their words made of those letters and of Zipf above 0, sorted, each once, each between
    two line breaks (:func:`in_sorted_lines`)."""


OTHER_WORDS_FORMAT = "other-language words as lines, with apostrophes 1"
"""The name and version of how :func:`_other_language_words` derives its list, in its key."""


@cache
def _other_language_words(target: str) -> OtherLanguageWords | None:
    """The words of the other Latin languages' small lists, one sorted list (None: not possible).

    :func:`in_other_language` is asked of few words (a document's candidate
    non-words), but the first asked loaded the small lists of all 24
    languages, 1 million entries, in every worker (0.21-0.28 CPU s). A word
    made of letters that each of those languages reads as it is (every
    plain letter but Romanian's ş and ţ and Turkish's ș and ț) is one token
    to wordfreq in each, and is in a language's list exactly when its
    table's figure for it is above 0 (:func:`table_zipf`). Those words of
    every table, sorted, one per line, are one string that loads in about a
    tenth of that time (0.027 CPU s) and is searched by bisection (a list of
    them took 0.11 s). Their words with apostrophes are listed too: a word holding
    one (a typo, *jusuq'à*) is in none of the lists when one of its tokens
    is in none, which the tests hold for the three languages whose
    preprocessing differs. It is stored once per installation
    (:func:`~corpuscheck.checks.translation.stored_tables.derived_table`),
    keyed by every table it is made from. None when a language's table
    cannot be read without wordfreq, or has no data file of its own, or when
    the list is not stored and cannot be.
    """
    from corpuscheck.checks.translation.stored_tables import _key, derived_table

    others = [lang for lang in LATIN_LANGUAGES if lang != target]
    letters = set(PLAIN_LETTERS)
    for lang in others:
        if not _plain_preprocessing(lang):
            letters &= set(_kept_letters(lang))
    if not letters:
        return None
    keys = [_key(lang, "small") for lang in others]
    if None in keys:
        return None
    pattern = re.compile(f"[{re.escape(''.join(sorted(letters)))}]+")
    apostrophes = re.compile(f"[{re.escape(''.join(sorted(letters)))}']+")

    def made() -> dict[str, str]:
        found: set[str] = set()
        for lang in others:
            table = _word_frequencies(lang, "small")
            if table is None:
                kept = _kept_plain_words(lang, "small")
                assert kept is not None  # its kept letters are some of ``letters``
                table = kept[1]
            listed = [word for word in table if apostrophes.fullmatch(word)]
            figures = zipf_of_frequencies(list(map(table.__getitem__, listed)))
            found.update(word for word, figure in zip(listed, figures, strict=True) if figure > 0)
        return {"lines": "\n" + "".join(f"{word}\n" for word in sorted(found))}

    described = (
        OTHER_WORDS_FORMAT,
        target,
        apostrophes.pattern,
        list(zip(others, keys, strict=True)),
    )
    stored = derived_table(f"other-words.{target}", described, made)
    return None if stored is None else OtherLanguageWords(pattern, apostrophes, stored["lines"])


@cache
def _spelling_words(lang: str) -> frozenset[str]:
    """The words of pyspellchecker's dictionary for ``lang`` (empty if none ships)."""
    checker = _suggester(lang)
    if checker is None:
        return frozenset()
    return frozenset(checker.word_frequency.dictionary.keys())


@cache
def _suggester(lang: str) -> Any:
    """pyspellchecker's checker for ``lang``, or None; loaded once, for the words and the suggestions.

    ``SpellChecker(language=lang, distance=1)``, its dictionary's counts
    read from the copy stored once per installation
    (:func:`~corpuscheck.checks.translation.stored_tables.spelling_counts`)
    and loaded as its constructor loads them (the tests compare every field).
    """
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    from corpuscheck.checks.translation.stored_tables import spelling_counts

    counts = spelling_counts(lang)
    if counts is None:
        return None
    checker = SpellChecker(language=None, distance=1)
    # What WordFrequency.load_json does once the words are lower-cased, which they are.
    checker.word_frequency._dictionary.update(counts)
    checker.word_frequency._update_dictionary()
    return checker


@cache
def known_words(lang: str) -> frozenset[str]:
    """Words maintainers declared fine in ``lang`` (``known_words.txt``), lower-cased."""
    text = _data_text(lang, "known_words.txt") or ""
    words = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(_fold_apostrophes(w) for w in words if w)


def in_dictionary(word: str, target: Profile) -> bool:
    """True when ``word`` (lower-case) is in the spelling dictionary or known words."""
    folded = _fold_apostrophes(word)
    if folded in known_words(target.code):
        return True
    return target.spelling is not None and folded in _spelling_words(target.spelling)


def is_known(word: str, target: Profile) -> bool:
    """True when ``word`` (lower-case) is a word of the target language.

    Known means: in the frequency list, in the spelling dictionary, in the
    maintainers' known words, or derived from a known word by one of the
    profile's prefixes or suffixes (``re`` + ``négocier``, ``ukrainien`` +
    ``nes``).

    >>> fr = profile("fr")
    >>> is_known("négociations", fr), is_known("renégocierions", fr), is_known("cédération", fr)
    (True, True, False)
    """
    if not word:
        return True
    if _known_plain(word, target):
        return True
    # The affixes the word has, found by their lengths (a slice and a set
    # look-up each), not by trying each of the profile's hundred or so.
    prefixes, prefix_lengths = _affixes(target.prefixes)
    for length in prefix_lengths:
        if len(word) - length < 4:
            break  # the rest would be too short, and is for every longer prefix
        if word[:length] in prefixes and _known_plain(word[length:], target):
            return True
    suffixes, suffix_lengths = _affixes(target.suffixes)
    for length in suffix_lengths:
        if len(word) - length < 4:
            break
        if word[-length:] in suffixes and _known_plain(word[:-length], target):
            return True
    return False


@lru_cache(maxsize=64)
def _affixes(affixes: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...]]:
    """The affixes as a set, and their lengths in ascending order."""
    return frozenset(affixes), tuple(sorted(set(map(len, affixes))))


def known_among(words: AbstractSet[str], target: Profile) -> set[str]:
    """The words of ``words`` (lower-case) that :func:`is_known`, judged together.

    Most words a document brings are in the frequency list or the spelling
    dictionary as they stand: those are found by set operations over the
    tables, in C loops. Only the rest (an apostrophe, a hyphen, a word known
    through a prefix or a suffix, an unknown one) are judged one by one.

    >>> sorted(known_among({"négociations", "renégocierions", "cédération"}, profile("fr")))
    ['négociations', 'renégocierions']
    """
    found: set[str] = set()
    plain = {word for word in words if "’" not in word and "ʼ" not in word}
    wordlist = target.wordfreq
    table = _word_frequencies(wordlist, "best") if wordlist and has_frequencies(wordlist) else None
    if table is not None:
        # A plain word's Zipf figure is its frequency's (table_zipf); the
        # tables hold no frequency whose figure is 0, but it is checked.
        listed = list(filter(_PLAIN_WORD.fullmatch, plain & table.keys()))
        figures = zipf_of_frequencies(list(map(table.__getitem__, listed)))
        found.update(compress(listed, map(bool, figures)))
    found |= plain & known_words(target.code)
    if target.spelling is not None:
        found |= plain & _spelling_words(target.spelling)
    found.update(word for word in words - found if is_known(word, target))
    return found


def _known_plain(word: str, target: Profile) -> bool:
    if target.wordfreq and zipf(word, target.wordfreq) > 0:
        return True
    return in_dictionary(word, target)


def suggestion(word: str, target: Profile) -> str | None:
    """The nearest dictionary word one edit away, when there is exactly one best."""
    if target.spelling is None:
        return None
    return _suggestion(word, target.spelling)


@lru_cache(maxsize=1 << 14)
def _suggestion(word: str, spelling: str) -> str | None:
    # Kept per word: a non-word comes back in many documents of a corpus (a
    # product's name, a recurring slip), and its edits cost a millisecond.
    if not _spelling_words(spelling):
        return None
    checker = _suggester(spelling)
    candidates = _candidates(checker, word, _spelling_words(spelling)) or set()
    candidates = {c for c in candidates if c != word}
    if not candidates:
        return None
    return str(max(sorted(candidates), key=lambda c: checker.word_usage_frequency(c)))


def _candidates(checker: Any, word: str, words: AbstractSet[str] | None = None) -> set[str] | None:
    """``checker.candidates(word)`` of a pyspellchecker checker at distance 1, faster.

    The same steps (the word itself when known or not to be checked, else
    the known words one edit away, else None), with the edits made in C
    loops (:func:`_edits`) and looked up in the dictionary as one set
    operation rather than word by word. They are lower-cased as
    pyspellchecker does only when its letters are not all lower-case: the
    word is lower-cased first, and a string of characters that lower-case
    to themselves is its own lower case (Python's lower-casing is
    idempotent, and context matters only for a capital sigma). ``words``,
    when given, are the dictionary's words as a set (:func:`_spelling_words`):
    looked up eight times faster than the dictionary's keys, which a set
    operation reaches through the keys view's slower path.
    """
    should_check = checker._check_if_should_check
    if checker.known([word]) or not should_check(word):
        return {word}
    edits = _edits(checker, word)
    letters = "".join(checker.word_frequency.letters)
    if letters.lower() != letters or checker._case_sensitive:
        edits = set(map(str.lower, edits))
    dictionary = checker.word_frequency.dictionary.keys() if words is None else words
    known = {w for w in edits & dictionary if should_check(w)}
    return known or None


def _edits(checker: Any, word: str) -> set[str]:
    """``checker.edit_distance_1(word)``: the strings one edit away, made a place at a time.

    pyspellchecker makes each string in a Python step (comprehensions over
    the places and the letters); here the strings of one place, one per
    letter, are joined in C loops: a word of ten letters costs about twenty
    Python steps instead of a thousand.
    """
    word = word if checker._case_sensitive else word.lower()
    if checker._check_if_should_check(word) is False:
        return {word}
    letters = list(checker.word_frequency.letters)
    join = "".join
    edits: set[str] = set()
    for i in range(len(word) + 1):
        left, right = word[:i], word[i:]
        if right:
            rest = right[1:]
            edits.add(left + rest)  # a deletion
            if rest:
                edits.add(left + rest[0] + right[0] + rest[1:])  # a transposition
            edits.update(map(join, zip(repeat(left), letters, repeat(rest))))  # replacements
        edits.update(map(join, zip(repeat(left), letters, repeat(right))))  # insertions
    return edits


def strip_accents(text: str) -> str:
    """``text`` without combining marks: 'Sergueï' -> 'Serguei'.

    >>> strip_accents("Zélensky Kyïv")
    'Zelensky Kyiv'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def read_tsv(lang: str, name: str) -> list[dict[str, str]]:
    """The rows of ``data/<lang>/<name>``: a tab-separated file with a header.

    Lines starting with ``#`` and blank lines are comments.
    """
    text = _data_text(lang, name)
    if text is None:
        return []
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows: list[dict[str, str]] = []
    for row in reader:
        rows.append({k: (v or "").strip() for k, v in row.items() if k is not None})
    return rows


def compile_pattern(
    pattern: str, macros: Mapping[str, str], *, ignore_case: bool = True
) -> re.Pattern[str]:
    """Compile a lexicon pattern: macros, then ``'`` → either apostrophe, space → whitespace, ``~`` → word ending.

    With ``ignore_case`` the pattern is lower-cased (outside escapes) and
    compiled case-sensitively, to be run on :func:`fold_case` text: much
    faster than ``re.IGNORECASE``, which disables the literal-prefix search.
    A pattern holding a case-sensitive part (``(?-i:...)``) keeps
    ``re.IGNORECASE`` and runs on the text as written. Without
    ``ignore_case`` the pattern is case-sensitive and runs on the text as
    written.

    >>> rx = compile_pattern("{faire} la bonne chose", {"faire": "(?:faire|fait)"})
    >>> bool(rx.search(fold_case("pour FAIRE la bonne  chose")))
    True
    >>> bool(compile_pattern("adress~ l'enjeu", {}).search("adressé l’enjeu"))
    True
    >>> bool(compile_pattern("Maison[- ]Blanche", {}).search(fold_case("la Maison-Blanche")))
    True
    """

    def expand(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise ValueError(f"unknown macro {{{name}}} in pattern {pattern!r}")
        return macros[name]

    body = _conveniences(re.sub(r"\{(\w+)\}", expand, pattern))
    flags = 0
    if ignore_case:
        if "(?-i:" in body:
            flags = re.IGNORECASE
        else:
            body = _lower_literals(body)
    return re.compile(rf"(?:{body})(?![\w-])", flags)


def lexicon_matches(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of a compiled lexicon pattern that start a word.

    The left word boundary is checked here rather than in the pattern: a
    pattern that opens with a look-behind loses the regular-expression
    engine's fast search for its first characters. A text lacking what every
    match must hold (:func:`required_strings`) is not searched at all: most
    entries of a lexicon are absent from most documents, and a substring
    test is far cheaper than the search. A lexicon's checks ask
    :meth:`LexiconScreen.matches`, the same matches with that test made
    once for all the lexicon's entries.

    >>> rx = compile_pattern("faire", {})
    >>> [m.start() for m in lexicon_matches(rx, "défaire et faire")]
    [11]
    """
    for group in required_strings(regex):
        if not any(s in text for s in group):
            return
    yield from _word_start_matches(regex, text, search_plan(regex))


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """Where a lexicon pattern's matches may start, so that it is tried there only.

    Both are read from the pattern once; a text that holds its required
    strings is then searched in one of three ways, each giving exactly the
    matches of ``finditer``: from the places where a leading string stands
    (:func:`start_prefixes`), else in windows before the places where a
    string of its first required group stands (:func:`_window_starts`),
    else over the whole text.
    """

    prefixes: tuple[str, ...] | None
    """:func:`start_prefixes` of the pattern's leading strings, when it is tried where they stand."""
    window_strings: tuple[str, ...]
    """The pattern's first required group, when it is tried in windows before them."""
    reach: int
    """How far before one of ``window_strings`` a match holding it may start, at most."""
    first: re.Pattern[str] | None
    """A character class holding the first character of every match, when one is known."""


@lru_cache(maxsize=4096)
def search_plan(regex: re.Pattern[str]) -> SearchPlan:
    """The :class:`SearchPlan` of a compiled lexicon pattern.

    Windows are preferred when they are before fewer strings than the
    leading strings are: each string looked for is a scan of the text.

    >>> plan = search_plan(compile_pattern("{avoir} un point", {"avoir": "(?:a|ont)"}))
    >>> plan.prefixes, plan.window_strings, plan.reach, plan.first.pattern
    (None, ('point',), 13, '[ao]')
    """
    parsed = _parsed(regex.pattern, regex.flags)
    prefixes = start_prefixes(leading_strings(regex))
    required = required_strings(regex)
    width = _match_width(parsed) if required else None
    if width is None or (prefixes is not None and len(prefixes) <= len(required[0])):
        return SearchPlan(prefixes, (), 0, None)
    first = _first_characters(parsed)
    first_class = (
        None if first is None else re.compile(f"[{''.join(map(re.escape, sorted(first)))}]")
    )
    return SearchPlan(None, required[0], width - min(map(len, required[0])), first_class)


def _word_start_matches(
    regex: re.Pattern[str], text: str, plan: SearchPlan
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)``, tried only where ``plan`` says a match may start, keeping the
    matches that start a word."""
    if plan.prefixes is not None:
        found = _matches_at(regex, text, _start_positions(text, plan.prefixes))
    elif (starts := _window_starts(text, plan)) is not None:
        found = _matches_at(regex, text, starts)
    else:
        found = regex.finditer(text)
    for m in found:
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_-"):
            continue
        yield m


def _matches_at(
    regex: re.Pattern[str], text: str, positions: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern that matches nowhere but at ``positions`` (in order).

    The pattern is tried at each of them, from the end of the match before,
    as ``finditer`` tries every position: a pattern opening with an
    alternation of words gets no quick start from the regular-expression
    engine. Its matches are not empty.
    """
    end = 0
    for at in positions:
        if at < end:
            continue
        m = regex.match(text, at)
        if m is not None:
            yield m
            end = max(m.end(), at + 1)


def _start_positions(text: str, strings: tuple[str, ...]) -> list[int]:
    """Where one of ``strings`` stands in ``text``, in order."""
    if len(strings) == 1:
        return _positions(text, strings[0])
    found: set[int] = set()
    for string in strings:
        found.update(_positions(text, string))
    return sorted(found)


_RUN_CAPS = {"space": 4, "word": 20}
"""The longest run of spaces, and of word characters, a window counts on (:func:`_match_width`)."""

_LONGER_RUN = re.compile(
    rf"[\s\u00a0]{{{_RUN_CAPS['space'] + 1}}}|[\w-]{{{_RUN_CAPS['word'] + 1}}}"
)
"""A run longer than its cap, which voids a window."""

_RUN_CLASSES = {"space": re.compile(r"[\s\u00a0]"), "word": re.compile(r"[\w-]")}

_WINDOW_COST = 8
"""About what trying a pattern at one position costs, in characters of a whole-text search."""


def _window_starts(text: str, plan: SearchPlan, cost: int = _WINDOW_COST) -> list[int] | None:
    """The places where a match of the plan's pattern may start, or None: search the whole text.

    A match holds a string of the first required group, consumed by the
    pattern's own literal characters; whatever the match consumes before
    it is at most ``reach`` characters, runs of spaces and of word
    characters counted at their caps (:func:`_match_width`). So a match
    starts within ``reach`` characters before a place where one of those
    strings stands, unless a run longer than its cap lies in the
    ``reach + 1`` characters before that place: the characters between the
    start and the string would then be more than the bounded parts and the
    capped runs can consume. Any such run, and windows that would cost
    more than the search they spare, give None.
    """
    if not plan.window_strings:
        return None
    places = _start_positions(text, plan.window_strings)
    reach = plan.reach
    if len(places) * (reach + 1) * cost > len(text):
        return None
    for place in places:
        if _LONGER_RUN.search(text, max(place - reach - 1, 0), place):
            return None
    starts: list[int] = []
    untried = 0
    for place in places:
        if plan.first is None:
            starts.extend(range(max(place - reach, untried), place + 1))
        else:  # a match starts with one of these characters: only where they stand
            found = plan.first.finditer(text, max(place - reach, untried), place + 1)
            starts.extend(m.start() for m in found)
        untried = place + 1
    return starts


def _match_width(items: list[tuple[Any, Any]]) -> int | None:
    """The most characters a match of a parsed pattern spans, runs counted at their caps.

    Each unbounded repetition of one class of spaces or of word characters
    counts as :data:`_RUN_CAPS` characters; any other unbounded repetition,
    or a construct not read here, gives None. Look-arounds and anchors
    consume nothing.
    """
    op = _regex_parser()
    width = 0
    for code, arg in items:
        if code in (op.LITERAL, op.NOT_LITERAL, op.IN, op.ANY):
            width += 1
        elif code in (op.AT, op.ASSERT, op.ASSERT_NOT):
            continue
        elif code is op.SUBPATTERN:
            inner = _match_width(list(arg[3]))
            if inner is None:
                return None
            width += inner
        elif code is op.BRANCH:
            branches = [_match_width(list(branch)) for branch in arg[1]]
            if None in branches:
                return None
            width += max(b for b in branches if b is not None)
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
            _, most, item = arg
            if most == op.MAXREPEAT:
                cap = _run_cap(list(item))
                if cap is None:
                    return None
                width += cap
            else:
                inner = _match_width(list(item))
                if inner is None:
                    return None
                width += most * inner
        else:
            return None
    return width


def _first_characters(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters one of which every match of a parsed pattern starts with; None when unknown.

    Read as far as the first character a match consumes: literals,
    classes of listed characters, groups, alternations and repetitions
    (one that may be skipped adds what follows it). A look-around, an
    anchor, a class of categories or a negated one gives None, and so does
    a pattern that may match nothing.
    """
    op = _regex_parser()
    if not items:
        return None
    (code, arg), rest = items[0], items[1:]
    if code is op.LITERAL:
        return {chr(arg)}
    if code is op.IN:
        if not all(kind is op.LITERAL for kind, _ in arg):
            return None
        return {chr(value) for _, value in arg}
    if code is op.SUBPATTERN and not arg[1] and not arg[2]:  # a group, no flags changed
        return _first_characters([*arg[3], *rest])
    if code is op.BRANCH:
        found: set[str] = set()
        for branch in arg[1]:
            first = _first_characters([*branch, *rest])
            if first is None:
                return None
            found |= first
        return found
    if code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT):
        fewest, _, item = arg
        first = _first_characters([*item, *rest])
        if first is None:
            return None
        if fewest == 0:
            after = _first_characters(rest)
            return None if after is None else first | after
        return first
    return None


def _run_cap(item: list[tuple[Any, Any]]) -> int | None:
    """The cap of an unbounded repetition of ``item``: one character of spaces or of word characters."""
    op = _regex_parser()
    if len(item) != 1 or item[0][0] not in (op.IN, op.LITERAL):
        return None
    code, arg = item[0]
    members = arg if code is op.IN else [(code, arg)]
    categories = {"space": {op.CATEGORY_SPACE}, "word": {op.CATEGORY_WORD, op.CATEGORY_DIGIT}}
    for kind, cap in _RUN_CAPS.items():
        if all(
            (kind_code is op.LITERAL and _RUN_CLASSES[kind].fullmatch(chr(value)))
            or (kind_code is op.CATEGORY and value in categories[kind])
            for kind_code, value in members
        ):
            return cap
    return None


def _positions(text: str, string: str) -> list[int]:
    """Where ``string`` stands in ``text``, overlapping occurrences included, in order."""
    positions = []
    at = text.find(string)
    while at >= 0:
        positions.append(at)
        at = text.find(string, at + 1)
    return positions


def start_prefixes(leading: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Fewer strings to look for than ``leading``, one of which starts each of them.

    The strings sharing their first :data:`MIN_REQUIRED` characters give
    way to their longest common start: the 29 forms of *faire* are looked
    for as six strings (``fai``, ``fer``, ``font``, ``fass``...). Each string looked for
    is a scan of the text; a place where a prefix stands but no leading
    string does costs one failed try of the pattern.

    >>> start_prefixes(("appeler", "appelle", "appelé", "sommet"))
    ('appel', 'sommet')
    >>> start_prefixes(None) is None
    True
    """
    if leading is None:
        return None
    by_start: dict[str, list[str]] = {}
    for string in leading:
        by_start.setdefault(string[:MIN_REQUIRED], []).append(string)
    return tuple(_common_start(strings) for strings in by_start.values())


def _common_start(strings: list[str]) -> str:
    """The longest string every one of ``strings`` starts with."""
    first, last = min(strings), max(strings)  # in sorted order: where these two part, all do
    size = 0
    while size < len(first) and first[size] == last[size]:
        size += 1
    return first[:size]


@lru_cache(maxsize=4096)
def leading_strings(regex: re.Pattern[str]) -> tuple[str, ...] | None:
    """The strings one of which every match of ``regex`` starts with; None when not known.

    Read from the parsed pattern: a run of literal characters, or an
    alternation each branch of which starts with one. Strings shorter than
    :data:`MIN_REQUIRED` give None (they stand everywhere in a text), and so
    do case-insensitive patterns (see :func:`required_strings`).

    >>> leading_strings(compile_pattern("(?:réunion|sommet) a lieu", {}))
    ('réunion', 'sommet')
    >>> leading_strings(compile_pattern("{avoir} un point", {"avoir": "(?:a|ont)"})) is None
    True
    """
    if regex.flags & re.IGNORECASE:
        return None
    found = _leading(_parsed(regex.pattern, regex.flags))
    if not found or min(map(len, found)) < MIN_REQUIRED:
        return None
    return tuple(dict.fromkeys(found))


def _leading(items: list[tuple[Any, Any]]) -> list[str] | None:
    """:func:`leading_strings` of one parsed sequence (``(opcode, argument)`` pairs)."""
    op = _regex_parser()
    if not items:
        return None
    code, arg = items[0]
    if code is op.LITERAL:
        run = []
        for code, arg in items:
            if code is not op.LITERAL:
                break
            run.append(chr(arg))
        # The parser moves the common start of an alternation's branches out of it.
        after = _leading(items[len(run) :])
        return ["".join(run) + rest for rest in after] if after else ["".join(run)]
    if code is op.SUBPATTERN and not arg[1] and not arg[2]:  # a group, no flags changed
        return _leading(list(arg[3]))
    if code is op.BRANCH:
        found: list[str] = []
        for branch in arg[1]:
            leading = _leading(list(branch))
            if leading is None:
                return None
            found += leading
        return found
    return None


@dataclass(frozen=True, eq=False)
class LexiconScreen:
    """Which patterns of a lexicon a text may match, and their matches.

    Most entries of a lexicon are absent from most documents. Every string
    that some entry requires (:func:`required_strings`) goes into one
    Aho-Corasick automaton, which finds those present in a text in a single
    pass; an entry is a candidate when each of its groups has a string
    there. Built once per lexicon; an entry with nothing required is always
    a candidate. A screen of ``folded`` texts (:func:`fold_case`) knows what
    the case-insensitive patterns require too
    (:func:`folded_required_strings`). (Leaving the common strings, *que*,
    *les*, *pour*, out of the automaton and testing them with ``in`` spares
    the automaton reporting each of their occurrences, but costs more than
    it spares.)

    >>> screen = LexiconScreen.of([compile_pattern("faire la bonne chose", {}), compile_pattern("au final", {})])
    >>> screen.candidates("il faut faire la bonne chose"), screen.candidates("au final, non")
    ([0], [1])
    """

    automaton: Any
    """pyahocorasick's automaton of every required string, or None when none is."""
    always: frozenset[int]
    """The entries that require nothing."""
    by_string: Mapping[str, tuple[int, ...]]
    """The entries whose first group holds a string, by string."""
    groups: tuple[tuple[frozenset[str], ...], ...]
    """Each entry's groups: a match holds a string of each."""
    regexes: tuple[re.Pattern[str], ...]
    """The entries' compiled patterns."""
    plans: tuple[SearchPlan, ...]
    """Each entry's :class:`SearchPlan`: where its matches may start."""
    later: Mapping[int, tuple[frozenset[str], ...]]
    """The entries of more than one group, with their groups after the first."""
    word_automaton: Any = None
    """pyahocorasick's automaton of every required string lower-cased, each leading to the
    strings it is the lower case of; None when a string may stand outside a word
    (:func:`_within_words`)."""

    @classmethod
    def of(cls, regexes: Iterable[re.Pattern[str]], *, folded: bool = False) -> LexiconScreen:
        """The screen of a lexicon's compiled patterns, in their order, for texts as given or
        ``folded``."""
        import ahocorasick

        patterns = tuple(regexes)
        always: set[int] = set()
        by_string: dict[str, list[int]] = {}
        groups: list[tuple[frozenset[str], ...]] = []
        for i, regex in enumerate(patterns):
            required = folded_required_strings(regex) if folded else required_strings(regex)
            groups.append(tuple(frozenset(g) for g in required))
            if not required:
                always.add(i)
            for string in required[0] if required else ():
                by_string.setdefault(string, []).append(i)
        automaton = word_automaton = None
        strings = sorted({s for entry in groups for g in entry for s in g})
        if by_string:
            automaton = ahocorasick.Automaton()
            for string in strings:
                automaton.add_word(string, string)
            automaton.make_automaton()
            if all(_within_words(string, folded=folded) for string in strings):
                lowered: dict[str, list[str]] = {}
                for string in strings:
                    lowered.setdefault(string.lower(), []).append(string)
                word_automaton = ahocorasick.Automaton()
                for low, originals in lowered.items():
                    word_automaton.add_word(low, tuple(originals))
                word_automaton.make_automaton()
        indexed = {string: tuple(entries) for string, entries in by_string.items()}
        plans = tuple(search_plan(regex) for regex in patterns)
        later = {i: entry[1:] for i, entry in enumerate(groups) if len(entry) > 1}
        return cls(
            automaton,
            frozenset(always),
            indexed,
            tuple(groups),
            patterns,
            plans,
            later,
            word_automaton,
        )

    def candidates(self, text: str) -> list[int]:
        """The indexes of the patterns whose required strings are all in ``text``, in order.

        An entry found through a string of its first group holds that group:
        only its later groups, when it has any, are then looked at. The
        strings found and the entries they lead to are gathered in C loops.
        """
        if self.automaton is None:
            return sorted(self.always)
        return self._candidates_holding(set(map(_SECOND, self.automaton.iter(text))))

    def candidates_in_words(self, text: str, words: str) -> list[int]:
        """:meth:`candidates` of ``text`` (as the screen reads it, maybe folded), or some more,
        from ``words``: the lower-case forms of the words of the text as written
        (:func:`word_lines`).

        Every string the screen looks for is made of letters, maybe joined by
        hyphens (:func:`_within_words`): where it stands in a text, it stands
        inside a word, and its lower case inside that word's. So the strings
        whose lower case is in none of the words are in none of the text, and
        the entries that require them are not candidates. The words of a
        document, each once, are under half its characters, and one line of
        them serves every screen. (An entry more, that the text does not
        hold, only has its pattern tried and matching nothing.)
        """
        if self.word_automaton is None:
            return self.candidates(text)
        found_lower = map(_SECOND, self.word_automaton.iter(words))
        return self._candidates_holding(set().union(*found_lower))

    def _candidates_holding(self, found: set[str]) -> list[int]:
        """The indexes of the patterns each of whose groups has a string in ``found``, in order."""
        maybe = self.always.union(*filter(None, map(self.by_string.get, found)))
        later = self.later
        return sorted(
            i for i in maybe if i not in later or not any(map(found.isdisjoint, later[i]))
        )

    def matches(self, index: int, text: str) -> Iterator[re.Match[str]]:
        """:func:`lexicon_matches` of pattern ``index`` in a text it is a candidate for.

        The required strings are not looked for again: :meth:`candidates`
        found them.
        """
        return _word_start_matches(self.regexes[index], text, self.plans[index])


def _within_words(string: str, *, folded: bool) -> bool:
    """True when wherever ``string`` stands in a text (``folded``: in its :func:`fold_case`),
    it stands inside one word of :func:`~corpuscheck.checks.translation.text.tokenize`,
    and its lower case inside that word's ``lower``.

    So it is when it is letters, maybe joined by single hyphens: a word is a
    run of letters (a letter to ``str.isalpha`` is one to the tokenizer) with
    the runs that a hyphen joins to it. Lower-casing a word lower-cases each
    of its letters alone, but a capital sigma at a word's end: no sigma, then.
    In a folded text, each character stands for its own lower case, or for
    itself when that is longer (``İ``): the string must be in lower case,
    and then the characters that fold into it are those whose lower case it
    is. The tests hold this against every character.

    >>> _within_words("cessez-le-feu", folded=True), _within_words("Moscow", folded=False)
    (True, True)
    >>> _within_words("Moscow", folded=True), _within_words("x-", folded=False)
    (False, False)
    """
    if not string or any(c in "Σσς" for c in string):
        return False
    if folded and string.lower() != string:
        return False
    return all(part.isalpha() for part in string.split("-"))


@lru_cache(maxsize=2)
def word_lines(text: str, elisions: frozenset[str]) -> str:
    """The lower-case forms of the words of ``text`` (``lower`` of its tokens), each once, one
    per line: what :meth:`LexiconScreen.candidates_in_words` reads, made once per document.
    """
    from corpuscheck.checks.translation.text import word_uses

    return "\n".join(word_uses(text, elisions))


@lru_cache(maxsize=4096)
def required_strings(regex: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """What every match of ``regex`` holds: one string of each group; () when nothing is known.

    Read from the parsed pattern: each run of literal characters outside
    optional parts is a group of its own; an alternation that every match
    goes through gives one group, a string from each branch. Case-insensitive
    patterns get (): their literals match other characters too (``k``
    matches the Kelvin sign).

    >>> required_strings(compile_pattern("{faire} la bonne chose", {"faire": "(?:faire|fait)"}))
    (('bonne',), ('chose',), ('fai',))
    >>> required_strings(compile_pattern("(?:réunion|sommet) a lieu", {}))
    (('réunion', 'sommet'), ('lieu',))
    """
    if regex.flags & re.IGNORECASE:
        return ()
    groups = _required(_parsed(regex.pattern, regex.flags))
    # Strings of one or two letters are in every text: testing them is time lost.
    # The longest first: the rarest, so that a text without them is left soonest.
    kept = (g for g in dict.fromkeys(groups) if min(map(len, g)) >= MIN_REQUIRED)
    return tuple(sorted(kept, key=lambda g: -min(map(len, g))))


@lru_cache(maxsize=4096)
def folded_required_strings(regex: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """What every match of ``regex`` holds in the case-folded text (:func:`fold_case`).

    :func:`required_strings` for a case-sensitive pattern, which runs on
    the folded text. A case-insensitive pattern runs on the text as
    written; its literal runs, lower-cased, stand in the folded text where
    it matches when they are made of letters that fold plainly
    (:data:`PLAIN_CASE`): the characters such a letter matches ignoring
    case are those :func:`fold_case` turns into it.

    >>> rx = compile_pattern("téléphon~ avec (?-i:[A-Z])", {})
    >>> required_strings(rx), folded_required_strings(rx)
    ((), (('téléphon',), ('avec',)))
    """
    if not regex.flags & re.IGNORECASE:
        return required_strings(regex)
    groups = _required(_parsed(regex.pattern, regex.flags))
    lowered = (tuple(dict.fromkeys(s.lower() for s in g)) for g in groups)
    kept = (
        g
        for g in dict.fromkeys(lowered)
        if all(PLAIN_CASE.issuperset(s) for s in g) and min(map(len, g)) >= MIN_REQUIRED
    )
    return tuple(sorted(kept, key=lambda g: -min(map(len, g))))


PLAIN_CASE = frozenset("abcdefghjklmnopqrtuvwxyzàâäçèéêëîïôöùûüÿæœ")
"""Letters that a case-insensitive pattern matches exactly where :func:`fold_case` gives them.

Not ``i`` (it matches the dotted capital İ, which lower-cases to two
characters and is kept as it is) or ``s`` (it matches the long s ſ, which
is lower-case already): the tests compare each letter's matches with the
folding of every character."""

_SECOND = itemgetter(1)

MIN_REQUIRED = 3
"""Required strings shorter than this are not tested (``la``, ``de``: in every text)."""


@cache
def _regex_parser() -> Any:
    """The standard library's own parser of regular expressions (``re._parser``, untyped)."""
    import importlib

    return importlib.import_module("re._parser")


@lru_cache(maxsize=1024)
def _parsed(pattern: str, flags: int) -> list[tuple[Any, Any]]:
    """The parse of a pattern, read by :func:`required_strings` and :func:`leading_strings`.

    Kept so that each lexicon pattern is parsed once (its macros make some a
    thousand characters long), not once for each of the two.
    """
    return list(_regex_parser().parse(pattern, flags))


def _required(items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """:func:`required_strings` of one parsed sequence (``(opcode, argument)`` pairs)."""
    op = _regex_parser()  # it holds the opcodes too
    groups: list[tuple[str, ...]] = []
    run: list[str] = []
    for code, arg in [*items, (None, None)]:
        if code is op.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            groups.append(("".join(run),))
        run = []
        if code is op.SUBPATTERN and not arg[1] and not arg[2]:  # a group, no flags changed
            groups.extend(_required(list(arg[3])))
        elif code is op.BRANCH:
            # Every match goes through one branch: the best group of each, together.
            options = [_required(list(branch)) for branch in arg[1]]
            if all(options):
                best = [max(found, key=lambda g: min(map(len, g))) for found in options]
                groups.append(tuple(dict.fromkeys(s for group in best for s in group)))
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT) and arg[0] >= 1:
            groups.extend(_required(list(arg[2])))
    return groups


def fold_case(text: str) -> str:
    """``text`` lower-cased character by character, so that offsets do not move.

    >>> fold_case("ÉTAT"), len(fold_case("İstanbul")) == len("İstanbul")
    ('état', True)
    """
    folded = None if text.isascii() else quick_lower(text)
    if folded is not None:
        return folded
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


_CONVENIENCES = {"'": "['’]", " ": r"[\s\u00a0]+", "~": r"[\w-]*"}


def _conveniences(body: str) -> str:
    """Rewrite ``'``, space and ``~`` outside character classes and escapes."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            out.append(body[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if body[i + 1 : i + 2] == "]":  # a literal ] first in the class
                out.append("]")
                i += 1
        else:
            out.append(_CONVENIENCES.get(char, char))
        i += 1
    return "".join(out)


def _lower_literals(body: str) -> str:
    """Lower-case a regular expression's letters, leaving escapes (``\\W``, ``\\S``) alone."""
    out: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(body[i : i + 2])
            i += 2
            continue
        out.append(body[i].lower() if len(body[i].lower()) == 1 else body[i])
        i += 1
    return "".join(out)
