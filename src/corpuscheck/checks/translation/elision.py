"""Word-for-word joins that French grammar forbids: a missing elision, an English possessive."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, repeat
from operator import add, itemgetter

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.translation.passages import foreign_sentences, in_foreign_sentence
from corpuscheck.checks.translation.resources import target_profile, zipf
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.checks.translation.text import tokenize
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

ELIDED = frozenset(
    {"le", "la", "de", "que", "ne", "se", "je", "me", "te", "ce", "jusque", "lorsque", "puisque"}
)
"""Words French writes with an apostrophe before a vowel: *l’*, *d’*, *qu’*..."""

VOWELS = frozenset("aeiouéèêëàâäîïôöûüœæ")

NOT_ELIDING = frozenset(
    {
        "oui",
        "ouate",
        "ouistiti",
        "onze",
        "onzième",
        "onzièmes",
        "et",
        "ou",
        "où",
        "à",
        "avec",
        "en",
        "y",
    }
)
"""Words before which French does not elide (*le onze*, *la une*), or after which a short word
stands as itself (*de à*, quoted forms): left alone."""

COMMON = 3.0
"""The word after must be this frequent (Zipf) in French: *que il*, not *que umount*."""

_POSSESSIVE = re.compile(r"\b([A-Z][\w-]+)['’]s(?![\w’'])(?![ \u00a0][A-Z])")
"""A name with 's, not heading a title (*Administrator's Handbook*). Opening with ``\b``, it
gets no quick start from the regular-expression engine: a text without 's is not searched."""

_FIRST = itemgetter(0)


@document_check("translation.word_order")
@recorded("translation.word_order")
def word_order(doc: Document, config: Config) -> Iterator[Finding]:
    """Joins a French writer never makes: *que il* for *qu’il*, *de Trump’s*: a word-for-word join.

    A missing elision (*le avion*, *que il*, *ne est*: an article, a
    pronoun or *que* before a lower-case word starting with a vowel) and an
    English possessive on a name (*Trump’s plan*) inside a French sentence.
    Words before which French does not elide (*onze*, *oui*, *un* after *de*:
    *de un à trois*) are left alone, and so are words that are not common
    French words (*de uname*: a command keeps its form), titles (*the
    Administrator's Handbook*) and sentences in another language.

    >>> from corpuscheck.model import Document
    >>> text = "Les analystes disent que il faut attendre. Le plan de Trump’s équipe."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [text[f.start:f.end] for f in word_order(doc, Config())]
    ['que il', 'Trump’s']
    """
    target = target_profile(doc)
    if target is None or target.code != "fr":
        return
    text = doc.text
    tokens = tokenize(text, target.elisions)
    foreign = foreign_sentences(text, target.code)
    found: list[tuple[int, int, str]] = []
    words, lowers, starts, ends = tokens.words, tokens.lowers, tokens.starts, tokens.ends
    technical = tokens.technical
    # Only the tokens of the words that elide and come before a word opening
    # with a vowel, each with the token after it, read from the token columns.
    # Chosen in C loops: the words that elide are common (77,000 tokens of the
    # benchmark corpus's 1,054-document slice), few of them before a vowel (256).
    eliding = tokens.among(ELIDED)
    if eliding and eliding[-1] == len(words) - 1:
        eliding.pop()  # the last word: none after it
    following_first = map(_FIRST, map(words.__getitem__, map(add, eliding, repeat(1))))
    for i in compress(eliding, map(VOWELS.__contains__, following_first)):
        j = i + 1
        if text[ends[i] : starts[j]] != " ":
            continue
        word, following = words[j], lowers[j]
        if following in NOT_ELIDING or technical[j]:
            continue
        if following in ("un", "une", "uns") and lowers[i] in ("de", "le", "la"):
            continue  # de un à trois, la une, le un: the number and the front page
        if len(word.split("-")[0]) < 2 or zipf(following, target.wordfreq or target.code) < COMMON:
            continue  # de uname, que exec: a command's name keeps its form
        if technical[i] or in_foreign_sentence(foreign, starts[i]):
            continue
        found.append((starts[i], ends[j], "missing elision"))
    for m in _POSSESSIVE.finditer(text) if "'s" in text or "’s" in text else ():
        if not in_foreign_sentence(foreign, m.start()):
            found.append((m.start(), m.end(), "English possessive"))
    for start, end, why in sorted(found):
        yield doc.finding(
            "translation.word_order",
            Severity.INFO,
            f"{text[start:end]!r}: {why}, a word-for-word join French does not make",
            start,
            end,
            evidence={"words": text[start:end], "reason": why},
        )
