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
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from corpuscheck.checks.registry import corpus_check
from corpuscheck.checks.translation.resources import _data_text, target_profile, zipf
from corpuscheck.checks.translation.signals import Signal, signals_of
from corpuscheck.checks.translation.text import sentence_spans, tokenize
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
    "grammar",
)
"""The verdict's inputs, in the order of the weights."""

_RULE_OF_FEATURE = {
    "untranslated": "translation.untranslated_word",
    "non_word": "translation.non_word",
    "calque": "translation.calque",
    "quote_structure": "translation.quote_structure",
    "transliteration": "translation.inconsistent_transliteration",
    "nous_for_us": "translation.nous_for_us",
    "word_order": "translation.word_order",
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


def _counted(rule: str, signal: Signal, shared: frozenset[str]) -> bool:
    """A signal the verdict counts: not jargon, not a style remark."""
    if rule in ("translation.untranslated_word", "translation.non_word"):
        return _word_key(signal) not in shared
    if rule == "translation.calque":
        return signal[3] != "info"
    if rule == "translation.quote_structure":
        return signal[3] != "straight"
    return True


def counts(
    doc: Document, signals: Mapping[str, list[Signal]], shared: frozenset[str]
) -> dict[str, int]:
    """How many times each signal fired in one document (jargon and style left out).

    Grammar errors are counted only in the sentences another signal made suspect
    (not a non-word: Grammalecte misreads the words around one it does not know),
    and non-words only beside another signal.
    """
    kept = {
        rule: [s for s in found if _counted(rule, s, shared)] for rule, found in signals.items()
    }
    out: dict[str, int] = {}
    untranslated = {_word_key(s) for s in kept.get("translation.untranslated_word", [])}
    common = {w for w in untranslated if _everyday(w)}
    out["untranslated_common"] = len(common)
    out["untranslated"] = len(untranslated - common)
    out["non_word"] = len({_word_key(s) for s in kept.get("translation.non_word", [])})
    for feature in ("calque", "quote_structure", "transliteration", "nous_for_us", "word_order"):
        out[feature] = len(kept.get(_RULE_OF_FEATURE[feature], []))
    # Grammalecte misreads a sentence around a word it does not know: non-words make no suspects.
    suspects = [
        (s[0], s[1]) for rule, v in kept.items() if rule != "translation.non_word" for s in v
    ]
    out["grammar"] = len(suspect_grammar(doc, suspects))
    if not any(n for k, n in out.items() if k != "non_word"):
        # Alone, words in no dictionary are a careful writer's typos and neologisms
        # (a manual's *vesrions*, *swinguée*); beside other garble they are the translation's.
        out["non_word"] = 0
    out["technical"] = _technical_words(doc)
    return out


def _everyday(words: str) -> bool:
    """True for a run of source words, or a word common in English or German."""
    parts = words.split()
    return len(parts) > 1 or any(zipf(words, lang) >= COMMON_SOURCE_WORD for lang in ("en", "de"))


def _technical_words(doc: Document) -> int:
    """How many words of the document are pieces of code, options or addresses."""
    from corpuscheck.checks.translation.untranslated import TECHNICAL

    kept = doc.computed.get(TECHNICAL)
    if isinstance(kept, int):
        return kept
    target = target_profile(doc)
    elisions = target.elisions if target else frozenset()
    return sum(t.technical for t in tokenize(doc.text, elisions))


def suspect_grammar(doc: Document, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Grammalecte's grammar errors in the sentences that hold one of ``spans``."""
    if not spans:
        return []
    from corpuscheck.checks.translation import grammar

    if not grammar.available():
        return []
    found: list[tuple[int, int, str]] = []
    for start, end in sentence_spans(doc.text):
        if not any(s < end and e > start for s, e in spans):
            continue
        for a, b, rule in grammar.grammar_errors(doc.text[start:end]):
            a, b = start + a, start + b
            # An error on the suspect word itself only echoes it (Grammalecte does not know it).
            if not any(s <= b and e >= a for s, e in spans):
                found.append((a, b, rule))
    return found


def features(doc_counts: Mapping[str, int]) -> dict[str, float]:
    """The verdict's inputs: ``log1p`` of each count (the first signals weigh the most)."""
    return {k: math.log1p(doc_counts.get(k, 0)) for k in FEATURES}


def corpus_features(
    corpus: Corpus, config: Config
) -> Iterator[tuple[Document, dict[str, int], dict[str, float]]]:
    """Each checkable document with its signal counts and the verdict's inputs."""
    docs: list[tuple[Document, dict[str, list[Signal]]]] = []
    documents_with: Counter[str] = Counter()
    for doc in corpus.documents:
        if not doc.readable or not doc.text.strip():
            continue
        target = target_profile(doc)
        if target is None or model(target.code) is None:
            continue
        signals = signals_of(doc, config)
        docs.append((doc, signals))
        words = {
            _word_key(s)
            for rule in ("translation.untranslated_word", "translation.non_word")
            for s in signals.get(rule, [])
        }
        documents_with.update(words)
    shared = jargon(documents_with, len(corpus.documents))
    for doc, signals in docs:
        doc_counts = counts(doc, signals, shared)
        yield doc, doc_counts, features(doc_counts)


@corpus_check("translation.garbled")
def garbled(corpus: Corpus, config: Config) -> Iterable[Finding]:
    """The document reads as machine-translated: its translation signals, weighed together.

    A logistic regression over the signals of the span checks (untranslated
    words, non-words, calques, misplaced curly quotes and guillemets, names
    spelled two ways, « nous » for *US*), each counted in the document, with
    weights fitted on a labelled tuning set and shipped as data
    (``data/<lang>/garbled.json``). Untranslated words and non-words that
    many documents of the corpus share are its jargon and do not count. The
    document is reported once, when the probability reaches the model's
    threshold; the evidence gives each signal's count, weight and
    contribution, the probability and the threshold. The span findings stay
    as infos that show where the signals are.

    Example: a news brief with *troops*, *les nous sanctions* and a quotation
    closed after *le”* is garbled; a manual using *output* in every chapter
    is not.
    """
    for doc, doc_counts, values in corpus_features(corpus, config):
        target = target_profile(doc)
        assert target is not None
        fitted = model(target.code)
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
        yield doc.finding(
            "translation.garbled",
            Severity.WARNING,
            f"reads as machine-translated (p = {p:.2f}): "
            + ", ".join(f"{k.replace('_', ' ')} ×{doc_counts[k]}" for k in leading),
            evidence=_evidence(p, fitted, contributions),
        )


def _evidence(p: float, fitted: Model, contributions: dict[str, Any]) -> dict[str, Any]:
    return {
        "probability": round(p, 4),
        "threshold": fitted.threshold,
        "bias": round(fitted.bias, 4),
        "signals": contributions,
        "model": f"logistic regression fitted on {fitted.fitted_on}",
    }
