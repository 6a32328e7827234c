"""Lower-case words that exist in no language involved: machine-translation non-words."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache, partial
from itertools import compress, repeat
from operator import eq, le

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.translation.passages import foreign_sentences, in_foreign_sentence
from corpuscheck.checks.translation.resources import (
    DEFAULT_SOURCES,
    Profile,
    in_dictionary,
    in_other_language,
    is_known,
    known_among,
    profile,
    source_languages,
    suggestion,
    target_profile,
    zipf,
)
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.checks.translation.text import WordMemo, tokenize, tokens_among, word_uses
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

SEVERITY = Severity.INFO
"""Not precise alone on held-out text (names, neologisms, typos of careful writers): it
counts through the document verdict, ``translation.garbled``."""

MIN_LENGTH = 4
"""Shorter words are too often abbreviations or symbols to judge."""


@document_check("translation.non_word")
@recorded("translation.non_word")
def non_word(doc: Document, config: Config) -> Iterator[Finding]:
    """Lower-case words found in no dictionary: non-words a translation produced (*schâchés*).

    A word is a non-word when it is absent from wordfreq's list for the
    document's language, from pyspellchecker's dictionary for it and from the
    maintainers' ``known_words.txt``, is not a known word with one of the
    language's prefixes or suffixes (*renégocier*, *ukrainiennes*), and is not
    a word of a source language either (that is an untranslated word).
    Capitalised words are names and are left alone, and so are words touching
    a digit (*1er*) and words used more than once in the document (a
    translation's non-words are one-offs; a repeated word is a term, such as
    a neologism the dictionaries do not know yet). Each part of a hyphenated
    word is judged on its own. Only words shaped like the language's (an
    accent, or one of its endings in ``word_shape``) are reported, so that
    commands and symbols (*dput*, *umask*) are not; nor are words inside a
    sentence in another language or inside an address.
    The evidence says where the word was looked up and, when one word is a
    single edit away, suggests it.

    >>> from corpuscheck.model import Document
    >>> text = "Les espoirs de Trump ont été schâchés, et la cédération de l’Ukraine."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [(text[f.start:f.end], f.evidence.get("suggestion")) for f in non_word(doc, Config())]
    [('schâchés', None), ('cédération', 'fédération')]
    """
    target = target_profile(doc)
    if target is None or (not target.wordfreq and not target.spelling):
        return
    others = tuple(dict.fromkeys((*source_languages(doc, target), *DEFAULT_SOURCES)))
    others = tuple(lang for lang in others if lang != target.code)
    tokens = tokenize(doc.text, target.elisions)
    # A term the writer uses again is a term, not a slip: only words used once
    # can be non-words, and only those of MIN_LENGTH characters or more can
    # hold a part that long. Each of those words is looked up once per process.
    unknown = _unknown_words(target.code).among(_candidate_words(doc.text, target.elisions))
    if not unknown:
        return
    foreign = foreign_sentences(doc.text, target.code)
    for token in tokens_among(tokens, unknown):
        if token.technical or in_foreign_sentence(foreign, token.start):
            continue
        if token.elided or token.touches_digit or token.text != token.text.lower():
            continue
        for part, start, end in token.parts:
            word = part.lower().replace("’", "'")
            if len(word) < MIN_LENGTH or not word.replace("'", "").isalpha():
                continue
            if _known(word, target.code) or not _target_shaped(word, target):
                continue  # dput, umask, iconv: commands and symbols, not the language's words
            if any(zipf(word, lang) > 0 for lang in others):
                continue
            if in_other_language(word, target.code):
                continue  # tjener: a Norwegian word, not a non-word
            evidence: dict[str, object] = {
                "word": word,
                f"zipf_{target.code}": 0.0,
                "in_dictionary": in_dictionary(word, target),
                "dictionaries": [
                    name
                    for name, used in (
                        (f"wordfreq:{target.wordfreq}", target.wordfreq),
                        (f"pyspellchecker:{target.spelling}", target.spelling),
                    )
                    if used
                ],
                "also_absent_in": list(others),
            }
            near = suggestion(word, target)
            if near:
                evidence["suggestion"] = near
            hint = f" (did you mean {near!r}?)" if near else ""
            yield doc.finding(
                "translation.non_word",
                SEVERITY,
                f"{part!r} is not a {target.code} word: in no dictionary{hint}",
                start,
                end,
                evidence=evidence,
            )


def _candidate_words(text: str, elisions: frozenset[str]) -> set[str]:
    """The words (``lower``) of ``text`` used once and at least :data:`MIN_LENGTH` long.

    Chosen in C loops over the document's word counts: a Python step per
    distinct word, and each of them looked up in the memo of unknown words
    (whose every entry was once judged), cost more than the few words kept.
    A part of a word is no longer than the word: lower-casing lengthens a
    character or not whatever its neighbours, and ’ becomes ' in both.
    """
    uses = word_uses(text, elisions)
    once = list(compress(uses.keys(), map(eq, uses.values(), repeat(1))))
    return set(compress(once, map(le, repeat(MIN_LENGTH), map(len, once))))


@cache
def _unknown_words(lang: str) -> WordMemo[bool]:
    """The words that are not :func:`is_known` in the language of code ``lang``, memoised."""
    return WordMemo(
        lambda word: None if _known(word, lang) else True,
        judge_all=partial(_unknown_among, lang=lang),
    )


def _unknown_among(words: AbstractSet[str], lang: str) -> dict[str, bool]:
    """The words of ``words`` that are not known, judged together (:func:`known_among`)."""
    target = profile(lang)
    if target is None:
        return dict.fromkeys(words, True)
    return dict.fromkeys(words - known_among(words, target), True)


@lru_cache(maxsize=1 << 12)
def _known(word: str, lang: str) -> bool:
    """:func:`is_known` in the language of code ``lang`` (which has a profile)."""
    target = profile(lang)
    return target is not None and is_known(word, target)


def _target_shaped(word: str, target: Profile) -> bool:
    """True when the word looks like one of the language's: an accent, or one of its endings.

    A translation's non-words are the language's words gone wrong
    (*schâchés*, *cédération*); a lower-case string with neither an accent
    nor a familiar ending (*dput*, *setgid*) is a command or a symbol.
    Without a ``word_shape`` in the profile, every word qualifies.
    """
    if not target.shape_marks and not target.shape_endings:
        return True
    if any(c in target.shape_marks for c in word):
        return True
    return word.endswith(target.shape_endings)
