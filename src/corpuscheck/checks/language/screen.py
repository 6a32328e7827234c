"""A screen in front of the language model: texts whose words are plainly the language's own.

The foreign-passage check asks fastText about every paragraph and many
sentences of every document, and nearly all of them are in the document's
language. A text in which a fair share of the words are common words of
that language, and clearly rarer in each language a passage is usually in,
cannot be a passage in another language: the model would give the
language more than the few hundredths a passage leaves it. Such texts are
passed without asking the model. Of 219,572 distinct paragraphs and
sentences (20 MB of French documentation from Debian, the development set,
its clean genres and news briefs), the screen passes 169,403; the model
reads none of them as a passage in another language.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import compress

from corpuscheck.checks.translation.passages import PASSAGE_LANGUAGES
from corpuscheck.checks.translation.resources import (
    _word_frequencies,
    has_frequencies,
    zipf_of_frequencies,
)

COMMON_ZIPF = 3.0
"""A telling word is common in its language: seen once per million words or more."""

MARGIN = 0.5
"""...and half a Zipf point (three times) more frequent there than in each passage language:
*le*, *avec*, *fichier*, not *de* (Spanish, Portuguese, Dutch) nor *version* (English)."""

SHARE = 0.4
"""A text reads as the language when this share of its words are telling words of it.

Names and terms (capitalised, foreign, technical) count as words that are
not: the share falls where they crowd a text, and the model is asked.
"""

_WORD = re.compile(r"[^\W\d_]+")


@cache
def telling_words(lang: str) -> frozenset[str] | None:
    """The common words of ``lang`` that are three times rarer in every other passage language.

    None when ``lang`` or one of those languages has no table to read (the
    screen then passes nothing). Built once per process from wordfreq's
    tables, which the translation checks load anyway.

    >>> words = telling_words("fr")
    >>> "avec" in words, "fichier" in words, "de" in words, "version" in words
    (True, True, False, False)
    """
    languages = (lang, *(other for other in PASSAGE_LANGUAGES if other != lang))
    tables = [
        _word_frequencies(code, "best") if has_frequencies(code) else None for code in languages
    ]
    own, *others = tables
    if own is None or any(table is None for table in others):
        return None
    # Zipf 3 is a frequency of 1e-6 give or take wordfreq's rounding: the
    # words well below it are left out before their figures are computed.
    candidates = [word for word, frequency in own.items() if frequency >= 0.9e-6]
    figures = zipf_of_frequencies(list(map(own.__getitem__, candidates)))
    common = [
        word for word, figure in zip(candidates, figures, strict=True) if figure >= COMMON_ZIPF
    ]
    figures = [figure for figure in figures if figure >= COMMON_ZIPF]
    keep = [True] * len(common)
    for table in others:
        assert table is not None
        rival = zipf_of_frequencies(list(map(table.get, common)))
        keep = [
            k and here - there >= MARGIN
            for k, here, there in zip(keep, figures, rival, strict=True)
        ]
    return frozenset(compress(common, keep))


@lru_cache(maxsize=1 << 12)
def reads_as(text: str, lang: str) -> bool:
    """True when at least ``SHARE`` of the words of ``text`` are :func:`telling_words` of ``lang``.

    Only lower-case words can be telling (the tables are lower-case): a
    capitalised name or sentence opening counts as a word that is not.
    Memoised: a paragraph of one sentence is asked about twice, as a
    paragraph and as a sentence.

    >>> reads_as("Le fichier est enregistré avec les autres dans le dossier.", "fr")
    True
    >>> reads_as("The file is saved with the others in the folder.", "fr")
    False
    >>> reads_as("Le paquet est construit", "xx")
    False
    """
    words = _WORD.findall(text)
    if not words:
        return False
    telling = telling_words(lang) if has_frequencies(lang) else None
    if telling is None:
        return False
    return sum(map(telling.__contains__, words)) >= SHARE * len(words)
