"""The document verdict: does this document read as machine-translated?

Each span check of the translation category is a weak signal on its own:
an English word in a French manual is often the writer's term, a word in no
dictionary often a name or a neologism. The verdict weighs them together with
a logistic regression whose weights are data (``data/<lang>/garbled.json``,
fitted by ``scripts/fit_garbled.py`` on the tuning part of the development
set), so that one weak signal alone does not make a document garbled, and
several together do.

The signals are counted per document, then passed through ``log1p`` so that
the tenth untranslated word weighs less than the first. Untranslated words
that many documents of the corpus share are the corpus's jargon (*grob* in a
music manual, *output* in a spreadsheet's help), not slips: they are left out
of the count, which needs the whole corpus, hence a corpus-level check.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from corpuscheck.checks.registry import CorpusCheck, corpus_check
from corpuscheck.checks.structure.layout import lower_case
from corpuscheck.checks.translation.passages import foreign_sentences, in_foreign_sentence
from corpuscheck.checks.translation.resources import _data_text, target_profile, zipf
from corpuscheck.checks.translation.signals import KEY, Signal, signals_of
from corpuscheck.checks.translation.text import sentence_spans
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Finding, Severity

WEIGHTS = "garbled.json"

JARGON_DOCUMENTS = 3
"""An untranslated word found in at least this many documents is the corpus's jargon..."""

JARGON_SHARE = 0.02
"""...or in this share of them, whichever is more."""

COMMON_SOURCE_WORD = 4.5
"""An untranslated word this frequent (Zipf) in its language is an everyday word (*troops*,
*statement*), the mark of a translation; rarer ones are often a field's terms (*socket*)."""

FEATURES: tuple[str, ...] = (
    "untranslated_common",
    "untranslated",
    "non_word",
    "calque",
    "quote_structure",
    "transliteration",
    "nous_for_us",
    "word_order",
    "english_syntax",
    "grammar",
    "news_signals",
    "news_grammar",
    "news_said",
    "news_english_quotes",
)
"""The verdict's inputs, in the order of the weights."""

_WEEKDAY = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b", re.IGNORECASE)
_REPORTING_VERBS = (
    r"(?:déclaré|annoncé|indiqué|affirmé|ajouté|dit|précisé|"
    r"estimé|averti|dénoncé|assuré|expliqué|confirmé|salué|promis|rapporté)"
)
_REPORTED = re.compile(
    "|".join(rf"\b{aux}\s+{_REPORTING_VERBS}\b" for aux in ("a", "ont", "avait", "avaient"))
    + r"|\bselon\b",
    re.IGNORECASE,
)
"""Reported speech: *a déclaré*, *ont indiqué*, *selon*. One alternative per auxiliary, so that
each opens with a letter: its lower-case shadow (:func:`_shadow`) is then looked for where
those letters stand, not tried at every position."""
_DATELINE = re.compile(r"\A[A-ZÀ-Ý][A-ZÀ-Ý' .-]{2,40}\s[—–-]\s")
_OFFICIAL = re.compile(
    r"\b(?:président|présidente|ministre|gouvernement|porte-parole|sénateur|députés?|"
    r"responsables?|autorités|armée|police)\b",
    re.IGNORECASE,
)
_CODE = re.compile(r"\w\(|\w[_=<>{}]\w")
"""A function call or an identifier (*datenum(*, *max_size*): the mark of documentation."""

CODE_MARKS = 3
"""A text with this many is documentation about code, whatever dates it names."""

NEWS_WORDS = 1500
"""News briefs are short; a long text with dates and officials is more often a report."""

NEWS_GRAMMAR_CHARS = 1000
"""In dated news, Grammalecte reads the sentences that start in this many first characters
(a brief, or an article's lead): it costs about 0.05 s per kilobyte, some fifty times the
other checks, so a budget bounds it per document. Agreement errors spread through a
translation; its start tells."""


_SAID = re.compile(
    r"\b(?:a|ont|avait|avaient)[ \u00a0]+dit\b(?![ \u00a0]+(?:de\b|d['’]))"
    r"|\b(?:a|avait)-t-(?:il|elle|on)[ \u00a0]+dit\b|\b(?:ont|avaient)-(?:ils|elles)[ \u00a0]+dit\b"
)
"""*Dire* in the past as the reporting verb (*a dit*, *ont dit les pompiers*): *said*, word for
word. French news reports with *a déclaré*, *a indiqué*, *a affirmé*, *selon*...; it uses *a dit*
too, but seldom more than once (*a dit de* is an order, not a report)."""


def said(text: str) -> int:
    """How many times ``text`` reports speech with *dire* in the past.

    >>> said("« Non », a dit le ministre. Les pompiers ont dit que le feu était contenu.")
    2
    >>> said("Il lui a dit de partir, selon son avocat.")
    0
    >>> said("« Nous gagnerons », a-t-il dit à ses partisans.")
    1
    """
    return len(_SAID.findall(text))


_GUILLEMETS = re.compile(r"«[^«»\n]*»")
_ENGLISH_QUOTATION = re.compile(r"“[^“”«»\n]+”")


def english_quotation(text: str, lang: str = "fr") -> bool:
    """True when ``text`` quotes in English marks (“ ”) in a sentence of ``lang``, outside
    guillemets (French nests them: « … “ … ” … »).

    >>> english_quotation("“Nous gagnerons”, a dit le ministre.")
    True
    >>> english_quotation("Il a salué une décision « qui met fin à l’“hypocrisie” ».")
    False
    >>> english_quotation("Le paquet est prêt. It is known as a “facet-based classification” here.")
    False
    """
    # Blank the guillemets' insides (same length) so that offsets still match the text.
    blanked = _GUILLEMETS.sub(lambda m: " " * len(m.group()), text)
    foreign = foreign_sentences(text, lang)
    return any(
        not in_foreign_sentence(foreign, m.start()) for m in _ENGLISH_QUOTATION.finditer(blanked)
    )


@lru_cache(maxsize=8)
def _news_kind(text: str) -> tuple[bool, bool]:
    """Whether ``text`` reads as news (:func:`news_prose`) and as dated news (:func:`dated_news`).

    Its marks are a dateline, a weekday, reported speech and officials, and
    none in a long or code-laden text. Each is looked for only while it can
    still change the answer, and each pattern's lower-case shadow first
    (:func:`_found`). Kept for the last few texts: the verdict asks both.
    """
    if code_marks(text, CODE_MARKS) >= CODE_MARKS or _more_words_than(text, NEWS_WORDS):
        return False, False
    lowered = _lowered(text)
    dated = bool(_DATELINE.match(text)) + _weekday(text, lowered)
    # Two marks make news: reported speech and officials are asked only while they can
    # change that, officials first (fewer texts name them, and their words are found
    # without a regular expression, see _from_shadow).
    if dated >= 2:
        news = True
    elif dated:
        news = _found(_OFFICIAL, text, lowered) or _found(_REPORTED, text, lowered)
    else:
        news = _found(_OFFICIAL, text, lowered) and _found(_REPORTED, text, lowered)
    return news, news and dated > 0


def _more_words_than(text: str, words: int) -> bool:
    """``len(text.split()) > words``, without splitting a text too short to have that many:
    each word but the last needs a character of white space after it, and
    numpy counts those that may be without making the words. A text that may
    have more is split into ``words + 1`` pieces at most.

    >>> _more_words_than("un deux trois", 2), _more_words_than("un\\xa0deux ", 2)
    (True, False)
    """
    if len(text) <= 2 * words or _white_space_at_most(text) < words:
        return False
    return len(text.split(maxsplit=words)) > words


def _white_space_at_most(text: str) -> int:
    """At least as many as the characters of ``text`` that are white space (``str.isspace``,
    where ``str.split`` cuts): those up to U+0020 and from U+0085 on.

    >>> _white_space_at_most("un deux\\xa0trois\\n"), _white_space_at_most("l’été")
    (3, 3)
    """
    import numpy as np

    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    return int(np.count_nonzero(units <= 0x20)) + int(np.count_nonzero(units >= 0x85))


_CODE_SIGNS = "(_=<>{}"
"""The characters after the first of every match of :data:`_CODE`."""


def code_marks(text: str, enough: int) -> int:
    """How many matches :data:`_CODE` has in ``text`` (as ``findall`` counts them), counting no
    further than ``enough``.

    :data:`_CODE` opens with any letter, so that searching it tries every
    position of the text; each match has one of a few signs as its second
    character (:func:`_sign_places`). Each sign found past the last match
    is asked whether a match starts just before it: the leftmost match from
    there, as ``findall`` takes them.

    >>> code_marks("f(x) = max_size(a) et b=c", 9), code_marks("f(x) g(y) h(z)", 2)
    (4, 2)
    """
    count, end = 0, 0
    for at in _sign_places(text):
        if at <= end:
            continue
        found = _CODE.match(text, at - 1)
        if found:
            count, end = count + 1, found.end()
            if count >= enough:
                break
    return count


def _sign_places(text: str) -> list[int]:
    """Where the characters of :data:`_CODE_SIGNS` stand in ``text`` past its first, in order.

    Each sign's places come from ``str.find``: a regular expression's set of
    characters is tried at every position, some twenty times slower, and
    most texts have a few signs.

    >>> _sign_places("(a_b(c)")
    [2, 4]
    """
    places = []
    for sign in _CODE_SIGNS:
        at = text.find(sign, 1)
        while at >= 0:
            places.append(at)
            at = text.find(sign, at + 1)
    places.sort()
    return places


_CASE_TRAPS = ("İ", "ı", "ſ")
"""Characters that the news patterns, ignoring case, take for *i* or *s*, and that ``str.lower``
does not turn into one (İ becomes two characters, ı and ſ stay)."""


def _lowered(text: str) -> str | None:
    """``text.lower()``, where every match of a news pattern (written in lower case, case
    ignored) reads as the pattern writes it; None when the text holds a
    character for which that is not so (:data:`_CASE_TRAPS`).

    >>> _lowered("Lundi, le PRÉSIDENT"), _lowered("Dİ")
    ('lundi, le président', None)
    """
    if any(trap in text for trap in _CASE_TRAPS):
        return None
    return lower_case(text)


@cache
def _shadow(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (lower case, case ignored) without its word boundaries and case-sensitive: it
    matches a text's :func:`_lowered` wherever ``pattern`` matches the text.

    A pattern that opens with a word boundary and ignores case is tried at
    every position of a text; its shadow, literal words, only where their
    first letters stand: two to four times faster.
    """
    return re.compile(pattern.pattern.replace(r"\b", ""))


def _found(pattern: re.Pattern[str], text: str, lowered: str | None) -> bool:
    """``bool(pattern.search(text))``, asked only when its shadow is in ``lowered``, and from
    the shadow's first match on (:func:`_from_shadow`).

    >>> _found(_OFFICIAL, "Le ministre.", "le ministre."), _found(_OFFICIAL, "Les ministres", None)
    (True, False)
    """
    start = _from_shadow(pattern, lowered)
    return start is not None and bool(pattern.search(text, start))


def _from_shadow(pattern: re.Pattern[str], lowered: str | None) -> int | None:
    """Where ``pattern``'s first match in the text may start: where its shadow first matches
    ``lowered`` (None: nowhere), or 0 when there is no lower-case copy to tell.

    The shadow matches ``lowered`` wherever the pattern matches the text, at
    the same offsets: none of the pattern's matches starts before the shadow's
    first. Searched from there (its word boundary still sees the character
    before), the pattern, which ignores case and opens with a word boundary,
    is not tried at every position of the text before it.
    """
    if lowered is None:
        return 0
    words = _shadow_words(pattern)
    if words is not None:  # the shadow's first match starts where its first word does
        found = [at for at in map(lowered.find, words) if at >= 0]
        return min(found) if found else None
    shadow = _shadow(pattern).search(lowered)
    return None if shadow is None else shadow.start()


_WORD_CHOICE = re.compile(r"\\b\(\?:([^()\\]+)\)\\b")
"""A pattern that is a choice of words between word boundaries: ``\\b(?:lundi|mardi)\\b``."""


@cache
def _shadow_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words of ``pattern``'s shadow (:func:`_shadow`) when it is a choice of literal words,
    each maybe with an optional ending *s* (``députés?``), else None.

    Such a shadow matches where one of its words stands (the *s* being
    optional): its first match starts at the first of the words' first
    places, which ``str.find`` gives faster than the regular expression
    tries each position.

    >>> _shadow_words(_OFFICIAL)[5:8], _shadow_words(_REPORTED)
    (('sénateur', 'député', 'responsable'), None)
    """
    choice = _WORD_CHOICE.fullmatch(pattern.pattern)
    if choice is None:
        return None
    words = tuple(w.removesuffix("s?") for w in choice.group(1).split("|"))
    if not all(w.replace("-", "").isalpha() for w in words):
        return None
    return words


def _weekday(text: str, lowered: str | None) -> bool:
    """True when ``text`` names one weekday or two: news dates an event by a day or two; a page
    naming more is about the calendar.

    >>> _weekday("Mardi et mercredi, puis mardi.", None), _weekday("lundi, mardi, jeudi", None)
    (True, False)
    """
    start = _from_shadow(_WEEKDAY, lowered)
    if start is None:
        return False
    return 0 < len({d.lower() for d in _WEEKDAY.findall(text, start)}) <= 2


def news_prose(text: str) -> bool:
    """True when the text reads as news: at least two of a dateline, a weekday, reported speech
    and officials, in a short text.

    In news, every word is meant to be French: one slip is the translation's, where a manual's
    English word is often its writer's term. The verdict gives news signals their own weight.

    >>> news_prose("PARIS — Le ministre a déclaré mardi que le budget serait voté.")
    True
    >>> news_prose("Le paquet fournit la commande ls, selon la documentation.")
    False
    >>> news_prose("Selon la norme, la semaine va du lundi (1) au dimanche (7), mardi étant 2.")
    False
    """
    return _news_kind(text)[0]


def dated_news(text: str) -> bool:
    """News prose that dates its event (a dateline or a weekday): the text whose every sentence
    Grammalecte reads (:data:`NEWS_GRAMMAR_CHARS`), not only the suspect ones.

    A manual can name officials and quote someone; it seldom says on which day.

    >>> dated_news("PARIS — Le ministre a déclaré mardi que le budget serait voté.")
    True
    >>> dated_news("Selon les responsables, la version stable sort quand elle est prête.")
    False
    """
    return _news_kind(text)[1]


_RULE_OF_FEATURE = {
    "untranslated": "translation.untranslated_word",
    "non_word": "translation.non_word",
    "calque": "translation.calque",
    "quote_structure": "translation.quote_structure",
    "transliteration": "translation.inconsistent_transliteration",
    "nous_for_us": "translation.nous_for_us",
    "word_order": "translation.word_order",
    "english_syntax": "translation.english_syntax",
}
"""The span rule behind each signal (``grammar`` is Grammalecte's, see :mod:`.grammar`)."""


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic regression over :data:`FEATURES`."""

    bias: float
    weights: Mapping[str, float]
    threshold: float
    fitted_on: str

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in values.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@cache
def model(lang: str) -> Model | None:
    """The verdict's weights for ``lang`` (``data/<lang>/garbled.json``), or None."""
    text = _data_text(lang, WEIGHTS)
    if text is None:
        return None
    data = json.loads(text)
    return Model(
        float(data["bias"]),
        {k: float(v) for k, v in data["weights"].items()},
        float(data["threshold"]),
        str(data.get("fitted_on", "")),
    )


def jargon(counts: Mapping[str, int], documents: int) -> frozenset[str]:
    """The flagged words that enough documents share to be the corpus's own terms.

    >>> sorted(jargon({"grob": 5, "troops": 1}, 100))
    ['grob']
    """
    floor = max(JARGON_DOCUMENTS, math.ceil(JARGON_SHARE * documents))
    return frozenset(w for w, n in counts.items() if n >= floor)


def _word_key(signal: Signal) -> str:
    return signal[2].lower().replace("’", "'")


WORD_RULES = {"translation.untranslated_word": "untranslated", "translation.non_word": "non_word"}
"""Signals counted by distinct word, so that the corpus's jargon can be left out."""

ANY = ""
"""In an observation, a suspect that no jargon can excuse (a calque, a quote, « nous »)."""


@dataclass(frozen=True, slots=True)
class Observation:
    """What the verdict keeps of one document: small, picklable, no text.

    ``words`` are the untranslated words and non-words (lower-case);
    ``counts`` the other signals (style remarks left out); ``grammar`` each
    suspect sentence's number of Grammalecte errors with the words that made
    it suspect (:data:`ANY` for a signal that is not a word).
    """

    words: Mapping[str, tuple[str, ...]]
    counts: Mapping[str, int]
    grammar: tuple[tuple[int, tuple[str, ...]], ...]
    news: bool = False
    news_grammar: int = 0
    """Grammalecte's errors in the sentences of dated news that no other signal made suspect."""
    said: int = 0
    """In news prose, the reports with *dire* in the past (:func:`said`)."""
    english_quotes: bool = False
    """In news prose, a quotation in English marks (“ ”) outside guillemets
    (:func:`english_quotation`)."""
    everyday: tuple[str, ...] = ()
    """The untranslated words common in English or German (:func:`_everyday`), told apart in
    the worker so that the corpus's verdict needs no frequency table."""


def _style(rule: str, signal: Signal) -> bool:
    """A style remark, not garble: a calque native writers use too, straight quotes."""
    if rule == "translation.calque":
        return signal[3] == "info"
    if rule == "translation.quote_structure":
        return signal[3] == "straight"
    return False


def observe_document(doc: Document, config: Config) -> Observation | None:
    """The verdict's observation of one cleaned document (None: not judged).

    Grammalecte reads the suspect sentences of news prose only. Elsewhere (manuals, help
    pages) it fires on the slips of careful writers as much as on translations: on the
    evaluation's texts its errors outside news changed no verdict, and on 20 MB of clean
    Debian documentation they made 9 of 67 false alarms. It is also the costliest step.
    """
    if not doc.readable or not doc.text.strip():
        return None
    target = target_profile(doc)
    fitted = model(target.code) if target is not None else None
    if target is None or fitted is None:
        return None
    signals = signals_of(doc, config)
    words = {
        name: tuple(sorted({_word_key(s) for s in signals.get(rule, [])}))
        for rule, name in WORD_RULES.items()
    }
    counts = {
        feature: sum(not _style(rule, s) for s in signals.get(rule, []))
        for feature, rule in _RULE_OF_FEATURE.items()
        if rule not in WORD_RULES
    }
    # Grammalecte misreads a sentence around a word it does not know: non-words make no suspects.
    suspects = [
        (s[0], s[1], _word_key(s) if rule in WORD_RULES else ANY)
        for rule, found in signals.items()
        if rule != "translation.non_word"
        for s in found
        if not _style(rule, s)
    ]
    unknown = [(s[0], s[1]) for s in signals.get("translation.non_word", [])]
    everywhere = dated_news(doc.text)
    news = news_prose(doc.text)
    if not news:
        suspects = []  # outside news, grammar errors are no sign of translation
    suspect, elsewhere = sentence_grammar(doc, suspects, everywhere, unknown)
    return Observation(
        words,
        counts,
        suspect,
        news,
        elsewhere,
        said(doc.text) if news else 0,
        news and english_quotation(doc.text, target.code),
        tuple(w for w in words["untranslated"] if _everyday(w)),
    )


GRAMMAR_CAP = 5
"""The verdict counts at most this many grammar errors in a document (the tuning part's most is
three)."""


def sentence_grammar(
    doc: Document,
    suspects: list[tuple[int, int, str]],
    everywhere: bool = False,
    unknown: list[tuple[int, int]] | None = None,
) -> tuple[tuple[tuple[int, tuple[str, ...]], ...], int]:
    """Per suspect sentence, Grammalecte's grammar errors and the suspects' words; and with
    ``everywhere`` (dated news), its errors in the other sentences of the first
    :data:`NEWS_GRAMMAR_CHARS` characters, but those with a word in no dictionary
    (``unknown``), which Grammalecte misreads."""
    if not suspects and not everywhere:
        return (), 0
    from corpuscheck.checks.translation import grammar

    if not grammar.available():
        return (), 0
    out: list[tuple[int, tuple[str, ...]]] = []
    elsewhere = 0
    for start, end in sentence_spans(doc.text):
        inside = [(s, e, w) for s, e, w in suspects if s < end and e > start]
        if not inside and not (
            everywhere
            and start < NEWS_GRAMMAR_CHARS
            and not any(s < end and e > start for s, e in unknown or ())
        ):
            continue
        errors = 0
        for a, b, _ in grammar.grammar_errors(doc.text[start:end]):
            a, b = start + a, start + b
            # An error on the suspect word itself only echoes it (Grammalecte does not know it).
            if not any(s <= b and e >= a for s, e, _ in inside):
                errors += 1
        if errors and inside:
            out.append((errors, tuple(sorted({w for _, _, w in inside}))))
        elif errors:
            elsewhere += errors
    return tuple(out), elsewhere


def counts(observation: Observation, shared: frozenset[str]) -> dict[str, int]:
    """How many times each signal fired in one document (jargon and style left out).

    Grammar errors are counted only in the sentences another signal made suspect
    (not a non-word: Grammalecte misreads the words around one it does not know),
    and non-words only beside another signal.
    """
    out: dict[str, int] = {}
    untranslated = set(observation.words.get("untranslated", ())) - shared
    common = untranslated & set(observation.everyday)
    out["untranslated_common"] = len(common)
    out["untranslated"] = len(untranslated - common)
    out["non_word"] = len(set(observation.words.get("non_word", ())) - shared)
    out.update(observation.counts)
    out["grammar"] = min(
        GRAMMAR_CAP,
        sum(
            n for n, words in observation.grammar if any(w == ANY or w not in shared for w in words)
        ),
    )
    if not any(n for k, n in out.items() if k != "non_word"):
        # Alone, words in no dictionary are a careful writer's typos and neologisms
        # (a manual's *vesrions*, *swinguée*); beside other garble they are the translation's.
        out["non_word"] = 0
    # Dated news only: Grammalecte's errors where no other signal pointed.
    out["news_grammar"] = observation.news_grammar
    # In news prose each signal also counts here: there, one slip is enough to tell.
    out["news_signals"] = sum(out.values()) if observation.news else 0
    # Translationese of news that is no error in itself (*a dit*, “ ”): weights of their own,
    # outside news_signals, so that one alone does not condemn a brief; each counted once,
    # since a reporter writes *a dit* twice as easily as once.
    out["news_said"] = min(observation.said, 1)
    out["news_english_quotes"] = int(observation.english_quotes)
    return out


def _everyday(words: str) -> bool:
    """True for a run of source words, or a word common in English or German."""
    parts = words.split()
    return len(parts) > 1 or any(zipf(words, lang) >= COMMON_SOURCE_WORD for lang in ("en", "de"))


def features(doc_counts: Mapping[str, int]) -> dict[str, float]:
    """The verdict's inputs: ``log1p`` of each count (the first signals weigh the most)."""
    return {k: math.log1p(doc_counts.get(k, 0)) for k in FEATURES}


def judged(
    observations: Iterable[tuple[str, Observation]], documents: int
) -> Iterator[tuple[str, dict[str, int], dict[str, float]]]:
    """Each observed document's id, signal counts and the verdict's inputs."""
    kept = list(observations)
    documents_with: Counter[str] = Counter()
    for _, obs in kept:
        documents_with.update({w for words in obs.words.values() for w in words})
    shared = jargon(documents_with, documents)
    for doc_id, obs in kept:
        doc_counts = counts(obs, shared)
        yield doc_id, doc_counts, features(doc_counts)


@corpus_check("translation.garbled")
class Garbled(CorpusCheck):
    """The document reads as machine-translated: its translation signals, weighed together.

    A logistic regression over the signals of the span checks (untranslated
    words, everyday ones apart; non-words; calques; misplaced curly quotes
    and guillemets; names spelled two ways; « nous » for *US*; word-for-word
    joins; English order and typography, such as *« ... », le ministre a
    dit* or *1.3 %*; and in news, Grammalecte's grammar errors in the sentences
    those make suspect), each counted in the document, and in news prose (a short
    text with a dateline, a weekday, reported speech or officials) their sum
    once more, since one slip tells there; in dated news, Grammalecte's
    errors in its other sentences too (its first thousand characters);
    and in news, speech reported with *a dit* (*said*, word for word) and
    quotations in English marks (“ ” outside guillemets); with weights
    fitted on a
    labelled tuning set and shipped as data (``data/<lang>/garbled.json``).
    Untranslated words and non-words that many documents of the corpus share
    are its jargon and do not count. The document is reported once, when the
    probability reaches the model's threshold; the evidence gives each
    signal's count, weight and contribution, the probability and the
    threshold. The span findings stay as infos that show where the signals are.

    Example: a news brief with *troops*, *les nous sanctions* and a quotation
    closed after *le”* is garbled; a manual using *output* in every chapter
    is not.
    """

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.observed: list[tuple[str, Observation]] = []
        self.places: dict[str, tuple[str, str]] = {}  # doc id -> (file, language)
        self.documents = 0

    def observe(self, doc: Document) -> tuple[str, Observation] | None:
        obs = observe_document(doc, self.config)
        doc.computed.pop(KEY, None)  # the signals' spans: the observation is all that is kept
        target = target_profile(doc) if obs is not None else None
        if obs is None or target is None:
            return None
        # From the first judged document on, where a build's first worker forks the others
        # (each loaded it for itself when it first met news, a batch or more later).
        from corpuscheck.checks.translation import grammar

        grammar.load_where_installed()
        return target.code, obs

    def add(self, doc: Document, observation: tuple[str, Observation] | None) -> None:
        self.documents += 1
        if observation is None:
            return
        lang, obs = observation
        self.observed.append((doc.id, obs))
        self.places[doc.id] = (doc.file, lang)

    def finish(self, corpus: Corpus) -> Iterator[Finding]:
        for doc_id, doc_counts, values in judged(self.observed, self.documents):
            file, lang = self.places[doc_id]
            fitted = model(lang)
            assert fitted is not None
            p = fitted.probability(values)
            if p < fitted.threshold:
                continue
            contributions = {
                k: {
                    "count": doc_counts.get(k, 0),
                    "value": round(values[k], 4),
                    "weight": round(fitted.weights.get(k, 0.0), 4),
                    "contribution": round(fitted.weights.get(k, 0.0) * values[k], 4),
                }
                for k in FEATURES
            }
            fired = [k for k in FEATURES if doc_counts.get(k, 0)]
            leading = sorted(fired, key=lambda k: -contributions[k]["contribution"])
            yield Finding(
                "translation.garbled",
                Severity.WARNING,
                f"reads as machine-translated (p = {p:.2f}): "
                + ", ".join(f"{k.replace('_', ' ')} ×{doc_counts[k]}" for k in leading),
                doc_id=doc_id,
                file=file,
                evidence=_evidence(p, fitted, contributions),
            )


garbled = Garbled.run
"""Run the verdict on an in-memory corpus (tests, examples)."""


def _evidence(p: float, fitted: Model, contributions: dict[str, Any]) -> dict[str, Any]:
    return {
        "probability": round(p, 4),
        "threshold": fitted.threshold,
        "bias": round(fitted.bias, 4),
        "signals": contributions,
        "model": f"logistic regression fitted on {fitted.fitted_on}",
    }
