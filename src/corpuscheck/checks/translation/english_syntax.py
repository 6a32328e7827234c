"""English syntax and typography kept in French sentences: the source's order, not its words.

A word-for-word translation keeps the source's order where French has its
own, whatever the words: a reporting clause after a quotation without
inversion (*« ... », le ministre a dit*), a comma inside the closing
guillemet (*..., »*), numbers written the English way (*1.3 %*, *20,000
personnes*), a currency sign before the amount (*$92 milliards*), *a.m.* and
*p.m.* hours, an English function word between two French words (*and*,
*the*, *which*), and English grammar in French words: a future reported in
the present after a past verb (*a dit que le pays va investir*, for *said it
will*), a negation doubled (*n'a pas offert aucune*, for *not any*). No
lexicon of calques: the patterns are of punctuation, digits, the order of a
subject and its verb, tenses, and English grammar words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import groupby

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.translation.passages import foreign_sentences, in_foreign_sentence
from corpuscheck.checks.translation.resources import (
    Profile,
    source_languages,
    target_profile,
    zipf,
)
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.checks.translation.text import word_uses
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

_SPACE = r"[ \u00a0\u202f]"
_SPEECH = (
    r"(?:dit|déclaré|annoncé|indiqué|affirmé|ajouté|précisé|expliqué|estimé|averti|assuré|"
    r"écrit|répondu|confirmé|souligné|insisté|noté|poursuivi|conclu|raconté|lancé|confié)"
)
_SUBJECT = (
    r"(?:il|elle|ils|elles|on"
    r"|(?:le|la|les|l['’]|un|une|des|son|sa|ses|leur|leurs)"
    rf"{_SPACE}?[\w'’-]+(?:{_SPACE}[\w'’-]+){{0,3}}"
    rf"|[A-ZÀ-Ý][\w'’-]+(?:{_SPACE}[A-ZÀ-Ý][\w'’-]+){{0,2}})"
)
_REPORTING_AFTER_QUOTE = re.compile(
    rf"[»”]{_SPACE}*,?{_SPACE}*({_SUBJECT}{_SPACE}+(?:a|ont|avait|avaient){_SPACE}+{_SPEECH})"
    rf"(?!{_SPACE}+(?:que|qu['’]|si|à{_SPACE}+propos))\b"
)
"""After a quotation French inverts the reporting verb (*», a dit le ministre*, *», a-t-il
dit*); the subject before it is the source's order (*», le ministre a dit*)."""

_COMMA_IN_GUILLEMETS = re.compile(rf",{_SPACE}*»")
"""French closes the guillemet before the comma (*», a-t-il dit*); English puts it inside."""

_DECIMAL_POINT = re.compile(
    rf"(?<![\w.,])\d{{1,3}}\.\d{{1,2}}(?=(?:{_SPACE}?%|{_SPACE}+(?:pour{_SPACE}+cent|points?|"
    rf"millions?|milliards?|dollars?|euros?)\b))"
)
"""A decimal point in a percentage or an amount (*1.3 %*): French writes a comma (*1,3 %*)."""

_THOUSANDS_COMMA = re.compile(
    rf"(?<![\w.,])\d{{1,3}}(?:,\d{{3}})+(?![\w.,])(?={_SPACE}+(?:de{_SPACE}+|d['’])?"
    r"[a-zà-ÿ]{4,})"
)
"""A comma between thousands before a noun (*20,000 personnes*): French writes a space; in
French the comma is the decimal mark, and *20,000 personnes* cannot be a decimal."""

_CURRENCY_FIRST = re.compile(
    rf"[$£](?<![\w$£][$£]){_SPACE}?\d+(?:[.,]\d+)?(?={_SPACE}*(?:millions?|milliards?|billions?)\b)"
)
"""The currency sign before the amount (*$92 milliards*): French writes *92 milliards de
dollars*. Only before a word of amount, so that *$1* of a shell script is left alone."""

_FUNCTION_WORDS = (
    "and|the|of|with|from|is|are|was|were|has|have|been|this|these|which|who|would|will|"
    "however|because|while|into|about|after|before|their|its|our|than"
)


def _by_first_letter(words: Iterable[str]) -> str:
    """An alternation of ``words`` grouped by their first letters: the same strings, but the
    regular-expression engine tries one group after a space, not every word.

    >>> _by_first_letter(["and", "are", "the"])
    'a(?:nd|re)|t(?:he)'
    """
    groups = groupby(sorted(words), key=lambda word: word[0])
    return "|".join(
        first + "(?:" + "|".join(sorted((w[1:] for w in ws), key=len, reverse=True)) + ")"
        for first, ws in groups
    )


_FUNCTION_WORD = re.compile(
    r"(?<![\w'’-])([a-zà-ÿ][\w'’-]*),? " f"({_FUNCTION_WORDS}) " r"([a-zà-ÿ][\w'’-]*)"
)
"""An English function word between two French words (*logements, and plusieurs*): the
source's grammar showing through. A content word left in is ``untranslated_word``'s."""

NAMING = frozenset({"le", "la", "les", "un", "une", "des", "du", "de", "l", "d", "mot", "clé"})
"""Before these the English word is named, not used (*le while correspondant*)."""

FRENCH_ZIPF = 3.0
"""Each neighbour must be a French word at least this common, and more French than English."""


def _french(word: str) -> bool:
    w = word.lower()
    return w not in NAMING and zipf(w, "fr") >= FRENCH_ZIPF and zipf(w, "fr") > zipf(w, "en")


_AM_PM = re.compile(rf"(?<![\w.])\d{{1,2}}(?::\d{{2}})?{_SPACE}?[ap]\.m\.(?!\w)", re.IGNORECASE)
"""English hours (*9 a.m.*): French writes *9 h*."""

_REPORTED_FUTURE = re.compile(
    rf"(?:a(?<=\ba)|o(?<=\bo)nt|a(?<=\ba)vait|a(?<=\ba)vaient){_SPACE}+(?:dit|déclaré|affirmé|annoncé|assuré|indiqué|expliqué|"
    rf"estimé|précisé|ajouté|averti|promis|répondu|prévenu|signalé|écrit){_SPACE}+qu(?:e{_SPACE}+|['’])"
    rf"(?:[^\s,.;:!?«»“”]+{_SPACE}+){{0,6}}?((?:va|vont){_SPACE}+(?:[a-zà-ÿ]+ment{_SPACE}+)?"
    rf"(?:(?:se|le|la|les|lui|leur|y|en){_SPACE}+|[sl]['’])?[a-zà-ÿ]+(?:er|ir|re|oir)\b)"
)
"""A future reported in the present after a past reporting verb (*a dit que le pays va
investir*): the English *said it will*, where French moves to the past (*allait investir*,
*investirait*)."""

_NOT_ANY = re.compile(
    rf"n(?<=\bn)(?:['’]|e{_SPACE}+)[\w'’-]+(?:{_SPACE}+[\w'’-]+)?{_SPACE}+"
    rf"(pas{_SPACE}+(?:[a-zà-ÿ'’-]+{_SPACE}+)?aucune?s?)\b"
)
"""*Ne ... pas aucun*: the English *not any*; French negates once (*n'a offert aucune*).

Written ``n(?<=\\bn)`` for ``\\bn``, the same matches: a pattern that opens with a letter is
tried only where the letter stands, one that opens with ``\\b`` or a look-behind at every
position. So are :data:`_CURRENCY_FIRST` (the sign, then what may not stand before it) and
:data:`_REPORTED_FUTURE` (each auxiliary's first letter, then the word boundary before it)."""

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_REPORTING_AFTER_QUOTE, "reporting clause in English order after a quotation"),
    (_COMMA_IN_GUILLEMETS, "comma inside the closing guillemet"),
    (_DECIMAL_POINT, "decimal point"),
    (_THOUSANDS_COMMA, "comma between thousands"),
    (_CURRENCY_FIRST, "currency sign before the amount"),
    (_AM_PM, "English hour"),
    (_REPORTED_FUTURE, "future reported in the present after a past reporting verb"),
    (_NOT_ANY, "negation doubled as in English 'not any'"),
)


NEEDS: dict[re.Pattern[str], tuple[str, ...] | re.Pattern[str]] = {
    _REPORTING_AFTER_QUOTE: ("»", "”"),
    _COMMA_IN_GUILLEMETS: ("»",),
    _DECIMAL_POINT: re.compile(
        rf"\.(?<=\d\.)\d(?:\d?{_SPACE}?%|\d?{_SPACE}+(?:pour|point|million|milliard|dollar|euro))"
    ),
    _THOUSANDS_COMMA: re.compile(r",(?<=\d,)\d{3}"),
    _CURRENCY_FIRST: ("$", "£"),
    # No other character is m to IGNORECASE. One search for the point, where two substrings
    # were two passes over the text, each stopping at every point.
    _AM_PM: re.compile(r"\.[mM]\."),
    _REPORTED_FUTURE: re.compile(rf"v(?:a|ont){_SPACE}"),
    _NOT_ANY: ("aucun",),
    _FUNCTION_WORD: re.compile(f" (?:{_by_first_letter(_FUNCTION_WORDS.split('|'))}) "),
}
"""What every match of a pattern holds: one of these strings, or a match of this pattern.

A text without it is not searched. Most of the patterns open with a
look-behind or ``\\b``, which leaves the regular-expression engine no quick
start: searched in full, each costs a step per character of every text. A
screen opens with a literal, and most French texts hold none of
what it asks for (a number with a decimal point before ``%``, *va* or
*vont*, *aucun*, an English function word between spaces).

The numbers' screens open with the point or the comma, the digit before it
asked by a look-behind (``\\d\\.`` written ``\\.(?<=\\d\\.)``, the same
matches), and the future's with its *v* (``(?:va|vont)`` written
``v(?:a|ont)``): the engine then looks for one character, fast, where a
leading ``\\d`` or alternation is a set of characters asked at every one."""


def may_match(regex: re.Pattern[str], text: str) -> bool:
    """False when ``text`` lacks what every match of ``regex`` (one of :data:`NEEDS`) holds.

    >>> may_match(_NOT_ANY, "Il n’a pas offert de garantie."), may_match(_NOT_ANY, "pas aucune")
    (False, True)
    """
    needed = NEEDS[regex]
    if isinstance(needed, tuple):
        return any(s in text for s in needed)
    return needed.search(text) is not None


ENGLISH_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split("|"))


def _may_hold_function_word(text: str, target: Profile) -> bool:
    """False when ``text`` holds no match of :data:`_FUNCTION_WORD`: first asked of its words.

    A match holds an English function word between two spaces, which is a
    word of the text on its own (in lower case already): a text none of
    whose words (:func:`~corpuscheck.checks.translation.text.word_uses`,
    shared) is one of them holds none, and is not searched for a space
    followed by one, a step at every space. Most French texts hold none.
    """
    if ENGLISH_FUNCTION_WORDS.isdisjoint(word_uses(text, target.elisions)):
        return False
    return may_match(_FUNCTION_WORD, text)


@document_check("translation.english_syntax")
@recorded("translation.english_syntax")
def english_syntax(doc: Document, config: Config) -> Iterator[Finding]:
    """English order or typography inside a French sentence: *« ... », le ministre a dit*.

    Machine translation keeps the source's order where French has its own:
    the subject before the reporting verb after a quotation (French inverts:
    *», a dit le ministre*), a comma inside the closing guillemet, numbers
    written the English way (*1.3 %*, *20,000 personnes*, *$92 milliards*)
    hours in *a.m.*/*p.m.*, an English function word between two French
    words (*logements, and plusieurs*), a future reported in the present
    after a past verb (*a dit que le groupe va investir*: French says *allait
    investir*), and *ne ... pas aucun* (*not any*). Sentences in another
    language are left alone; only for documents translated from English or
    of unknown source.

    >>> from corpuscheck.model import Document
    >>> text = "« Nous restons », le ministre a dit. Le yen a perdu 0.8 % mardi."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [text[f.start:f.end] for f in english_syntax(doc, Config())]
    ['le ministre a dit', '0.8']
    """
    target = target_profile(doc)
    if target is None or target.code != "fr" or "en" not in source_languages(doc, target):
        return
    text = doc.text
    foreign = foreign_sentences(text, target.code)
    found: dict[int, tuple[int, str]] = {}
    for regex, why in PATTERNS:
        for m in regex.finditer(text) if may_match(regex, text) else ():
            start, end = m.span(1) if regex.groups else m.span()
            if start not in found and not in_foreign_sentence(foreign, start):
                found[start] = (end, why)
    for m in _FUNCTION_WORD.finditer(text) if _may_hold_function_word(text, target) else ():
        start, end = m.span(2)
        if _french(m.group(1)) and _french(m.group(3)) and not in_foreign_sentence(foreign, start):
            found.setdefault(start, (end, "English function word between French words"))
    for start, (end, why) in sorted(found.items()):
        yield doc.finding(
            "translation.english_syntax",
            Severity.INFO,
            f"{text[start:end]!r}: {why}, the English source's order or typography",
            start,
            end,
            evidence={"words": text[start:end], "reason": why},
        )
