"""Sentences written in another language: foreign passages, not untranslated words.

A whole sentence or paragraph in English or Spanish inside a French document
is a foreign passage (the language checks report those); the translation
checks look for words left inside French sentences, so they skip sentences
that read as foreign.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from corpuscheck.checks.translation.resources import profile, zipf
from corpuscheck.checks.translation.text import Token, sentence_spans, tokenize

PASSAGE_LANGUAGES: tuple[str, ...] = ("en", "de", "es", "it", "pt", "nl")
"""Languages whose words make a sentence foreign (wordfreq lists)."""

FOREIGN_SHARE = 0.5
"""A sentence is foreign when at least this share of its common words lean to another language."""

MIN_WORDS = 4
"""Shorter sentences are not judged."""

WINDOW = 8
"""Inside a sentence, a stretch of this many words..."""

WINDOW_FOREIGN = 6
"""...with this many leaning to another language is a foreign passage too (an English
sentence run into French one by a link or a list, without a full stop between them)."""


@lru_cache(maxsize=1 << 17)
def _leans_foreign(word: str, target: str) -> bool:
    """True when ``word`` is at least one Zipf point more frequent in a passage language.

    Memoised: a pure function of its arguments, asked about every word of
    every sentence, with seven table look-ups each.
    """
    here = zipf(word, target)
    elsewhere = max(zipf(word, lang) for lang in PASSAGE_LANGUAGES if lang != target)
    return elsewhere - here >= 1.0


def _counted(t: Token) -> bool:
    return not (
        t.elided or t.technical or t.touches_digit or (t.capitalised and not t.sentence_initial)
    )


@lru_cache(maxsize=8)
def foreign_sentences(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """The spans of the sentences of ``text`` that read as another language than ``lang``.

    >>> text = "Le paquet est prêt. It is known to work well in many cases. Fin."
    >>> [text[s:e] for s, e in foreign_sentences(text, "fr")]
    ['It is known to work well in many cases.']
    """
    target = profile(lang)
    if target is None or not target.wordfreq:
        return ()
    wordlist = target.wordfreq
    tokens = tokenize(text, target.elisions)
    out: list[tuple[int, int]] = []
    i = 0
    for start, end in sentence_spans(text):
        words: list[Token] = []
        while i < len(tokens) and tokens[i].start < end:
            if tokens[i].start >= start and _counted(tokens[i]) and len(tokens[i].lower) > 1:
                words.append(tokens[i])
            i += 1
        if len(words) < MIN_WORDS:
            continue
        leans = [_leans_foreign(w.lower, wordlist) for w in words]
        if sum(leans) >= FOREIGN_SHARE * len(words):
            out.append((start, end))
            continue
        for k in range(len(words) - WINDOW + 1):
            if sum(leans[k : k + WINDOW]) >= WINDOW_FOREIGN:
                out.append((words[k].start, words[k + WINDOW - 1].end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(out):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def in_foreign_sentence(spans: tuple[tuple[int, int], ...], start: int) -> bool:
    """True when offset ``start`` falls inside one of ``spans`` (sorted)."""
    if not spans:
        return False  # most documents: asked for every token
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start < spans[i][1]
