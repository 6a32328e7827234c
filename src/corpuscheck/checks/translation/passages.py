"""Sentences written in another language: foreign passages, not untranslated words.

A whole sentence or paragraph in English or Spanish inside a French document
is a foreign passage (the language checks report those); the translation
checks look for words left inside French sentences, so they skip sentences
that read as foreign.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache, partial
from itertools import compress, islice, repeat, takewhile
from operator import and_, ge, itemgetter, le, lt, not_, or_, sub

from corpuscheck.checks.translation.resources import (
    _PLAIN_WORD,
    _word_frequencies,
    has_frequencies,
    profile,
    zipf,
    zipf_of_frequencies,
    zipf_of_frequency,
)
from corpuscheck.checks.translation.text import WordMemo, sentence_spans, tokenize

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

    Memoised: a pure function of its arguments. The first passage language
    with a Zipf figure one point above the target's answers (the largest
    could only be larger). :func:`_leaning` judges many words at once.
    """
    lookups = _frequency_lookups(target)
    if lookups is None or not _PLAIN_WORD.fullmatch(word):
        own = zipf(word, target)
        return any(zipf(word, lang) - own >= 1.0 for lang in _others(target))
    # A plain word: each language's figure is its frequency's (table_zipf).
    here, *others = zipf_of_frequencies([frequencies.get(word) for frequencies in lookups])
    return any(figure - here >= 1.0 for figure in others)


def _leaning(words: AbstractSet[str], target: str) -> dict[str, bool]:
    """The words of more than a letter that :func:`_leans_foreign`, judged together.

    The plain words are read from the tables language by language in C
    loops (their frequencies, the Zipf figure of each, whether it is a point
    above the target's); the others are asked of :func:`_leans_foreign` one
    by one. A Python step per word and language was most of the time; now
    it is the look-ups in seven large tables, so a word is first screened
    with its target figure alone (:func:`_frequent_elsewhere`).
    """
    longer = list(compress(words, map(lt, repeat(1), map(len, words))))
    lookups = _frequency_lookups(target)
    if lookups is None:
        return dict.fromkeys((w for w in longer if _leans_foreign(w, target)), True)
    is_plain = list(map(bool, map(_PLAIN_WORD.fullmatch, longer)))
    plain = list(compress(longer, is_plain))
    others = compress(longer, map(not_, is_plain))
    leaning = dict.fromkeys((w for w in others if _leans_foreign(w, target)), True)
    # A word no passage language has at FREQUENT or more has a figure of at most
    # the ceiling's in each (figures never fall as frequencies rise, the tests
    # check it): it leans only where the ceiling is a point above its figure in
    # the target. Most words are common enough in the target to be left there.
    frequent, ceiling = _frequent_elsewhere(target)
    here = zipf_of_frequencies(list(map(lookups[0].get, plain)))
    above = map(ge, map(sub, repeat(ceiling), here), repeat(1.0))  # as the judge reckons
    may_lean = list(map(or_, map(frequent.__contains__, plain), above))
    plain = list(compress(plain, may_lean))
    here = list(compress(here, may_lean))
    figures = [zipf_of_frequencies(list(map(f.get, plain))) for f in lookups[1:]]
    leans: Iterator[bool] = iter(())
    for i, figure in enumerate(figures):
        above = map(ge, map(sub, figure, here), repeat(1.0))
        leans = above if i == 0 else map(or_, leans, above)
    leaning.update(dict.fromkeys(compress(plain, leans), True))
    return leaning


FREQUENT = 1e-5
"""A word this frequent in a passage language (Zipf 4) is among :func:`_frequent_elsewhere`'s."""


@cache
def _frequent_elsewhere(target: str) -> tuple[frozenset[str], float]:
    """The words at least :data:`FREQUENT` frequent in a passage language other than ``target``,
    and the Zipf figure of that frequency (the ceiling of every other word's figures there).

    Read from the head of each table, which wordfreq lists by falling frequency (the tests
    check it): some 7,000 words of each, not the hundreds of thousands.
    """
    lookups = _frequency_lookups(target)
    assert lookups is not None
    words: set[str] = set()
    for frequencies in lookups[1:]:
        head = sum(1 for _ in takewhile(partial(le, FREQUENT), frequencies.values()))
        words.update(islice(frequencies, head))
    return frozenset(words), zipf_of_frequency(FREQUENT)


@cache
def leaning_words(target: str) -> WordMemo[bool]:
    """The words of more than a letter that :func:`_leans_foreign` from ``target``, memoised."""
    return WordMemo(
        lambda word: True if len(word) > 1 and _leans_foreign(word, target) else None,
        judge_all=partial(_leaning, target=target),
    )


_FIRST = itemgetter(0)


def _others(target: str) -> tuple[str, ...]:
    return tuple(lang for lang in PASSAGE_LANGUAGES if lang != target)


@cache
def _frequency_lookups(target: str) -> tuple[dict[str, float], ...] | None:
    """The word frequencies of the target, then of each passage language.

    None when one of them cannot be read from wordfreq's table (a language
    without a list, or whose words wordfreq rewrites before looking them up):
    then :func:`zipf` answers word by word.
    """
    lookups: list[dict[str, float]] = []
    for lang in (target, *_others(target)):
        frequencies = _word_frequencies(lang, "best") if has_frequencies(lang) else None
        if frequencies is None:
            return None
        lookups.append(frequencies)
    return tuple(lookups)


@lru_cache(maxsize=8)
def foreign_sentences(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """The spans of the sentences of ``text`` that read as another language than ``lang``.

    A sentence of at least four counted words (not elided, technical, next
    to a digit or a capitalised name) is foreign when half of them lean to
    a passage language; inside a longer sentence, eight words in a row of
    which six lean are a foreign stretch.

    >>> text = "Le paquet est prêt. It is known to work well in many cases. Fin."
    >>> [text[s:e] for s, e in foreign_sentences(text, "fr")]
    ['It is known to work well in many cases.']
    """
    target = profile(lang)
    if target is None or not target.wordfreq:
        return ()
    wordlist = target.wordfreq
    tokens = tokenize(text, target.elisions)
    # Only the words of prose count (not elided, technical, next to a digit
    # or a capitalised name: :attr:`Tokens.prose`), and only they are judged:
    # each distinct one once per process, which is most of the time here
    # (seven tables read per word), and a document's new words are mostly
    # names and pieces of code. Most documents have few words that lean, and
    # a sentence needs two to be foreign (half of four words, or six of
    # eight): only those sentences are looked at closely.
    lowers, starts, prose = tokens.lowers, tokens.starts, tokens.prose
    leaning = leaning_words(wordlist).having(set(compress(lowers, prose)))
    if not leaning:
        return ()
    spans = sentence_spans(text)
    span_starts = list(map(_FIRST, spans))
    hits: dict[int, int] = {}
    # The prose tokens of the words that lean (the word may lean, not this token).
    for i in compress(tokens.numbers, map(and_, prose, map(leaning.__contains__, lowers))):
        k = bisect.bisect_right(span_starts, starts[i]) - 1
        if k >= 0 and starts[i] < spans[k][1]:
            hits[k] = hits.get(k, 0) + 1
    out: list[tuple[int, int]] = []
    for k, count in hits.items():
        if count < 2:
            continue
        start, end = spans[k]
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end, lo=first)
        words = [i for i in compress(range(first, last), prose[first:last]) if len(lowers[i]) > 1]
        if len(words) < MIN_WORDS:
            continue
        leans = [lowers[i] in leaning for i in words]
        if sum(leans) >= FOREIGN_SHARE * len(words):
            out.append((start, end))
            continue
        for i in range(len(words) - WINDOW + 1):
            if sum(leans[i : i + WINDOW]) >= WINDOW_FOREIGN:
                out.append((starts[words[i]], tokens.ends[words[i + WINDOW - 1]]))
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
