"""Detect each document's language and compare it with the declared one."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any

from corpuscheck.checks.language.identify import identify
from corpuscheck.checks.registry import document_check
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

SECOND_OPINION = 0.5
"""fastText's probability for the declared language that overrules langdetect's mismatch."""

LANGDETECT_SEED = 0
"""langdetect samples at random; a fixed seed makes its answers repeatable."""


@cache
def _factory() -> Any:
    """langdetect's detector factory with its 55 language profiles, made once per process.

    The seed is fixed before any detection. The profiles are read as
    langdetect reads them (same files, same order, same figures), but each
    n-gram's row of probabilities is made when a text first holds it
    (:class:`NgramProbabilities`): langdetect would make all 87,000 rows
    first, a quarter of a CPU second, for a detection that needs a few
    hundred.
    """
    import json
    import os

    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    DetectorFactory.seed = LANGDETECT_SEED
    factory = DetectorFactory()
    entries = os.listdir(PROFILES_DIRECTORY)
    profiles: list[tuple[dict[str, int], list[int]]] = []
    for entry in entries:
        path = os.path.join(PROFILES_DIRECTORY, entry)
        if entry.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
        factory.langlist.append(data["name"])
        profiles.append((data["freq"], data["n_words"]))
    # As langdetect's load_profile: one column per directory entry.
    factory.word_lang_prob_map = NgramProbabilities(profiles, len(entries))
    return factory


class NgramProbabilities(dict[str, list[float]]):
    """langdetect's ``word_lang_prob_map``, each row made on first use.

    A row is what langdetect's ``DetectorFactory.add_profile`` makes: for an
    n-gram of one to three characters, its count in each language's profile
    over that profile's number of n-grams of its length; zeros for the
    languages that do not have it (and for longer keys, which no text asks).
    """

    def __init__(self, profiles: list[tuple[dict[str, int], list[int]]], columns: int) -> None:
        super().__init__()
        self._profiles = profiles
        self._columns = columns
        self._ngrams = frozenset().union(*(frequencies for frequencies, _ in profiles))

    def __contains__(self, ngram: object) -> bool:
        return ngram in self._ngrams

    def __missing__(self, ngram: str) -> list[float]:
        if ngram not in self._ngrams:
            raise KeyError(ngram)
        row = [0.0] * self._columns
        length = len(ngram)
        if 1 <= length <= 3:
            for index, (frequencies, counts) in enumerate(self._profiles):
                count = frequencies.get(ngram)
                if count is not None:
                    row[index] = 1.0 * count / counts[length - 1]
        self[ngram] = row
        return row


SAMPLE_CHARS = 2000
"""Longer texts are judged on three slices of this total size (start, middle, end)."""


def sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """Up to ``size`` characters from the start, middle and end of ``text``.

    langdetect's cost grows with the text while its answer settles after a
    few hundred words; three slices still catch a document that changes
    language part way.

    >>> len(sample("mot " * 5000)) <= SAMPLE_CHARS + 2
    True
    >>> sample("court")
    'court'
    """
    if len(text) <= size:
        return text
    third = size // 3
    middle = (len(text) - third) // 2
    return "\n".join((text[:third], text[middle : middle + third], text[-third:]))


CONFIDENT_AGREEMENT = 0.90
"""fastText probability for the declared language above which langdetect is not asked."""


def detect_language(text: str) -> list[tuple[str, float]]:
    """Return langdetect's (language, probability) guesses, best first.

    Deterministic: the same text always gives the same answer.

    >>> detect_language("Le président a déclaré que les négociations continueraient.")[0][0]
    'fr'
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(sample(text))
    try:
        return [(str(p.lang), float(p.prob)) for p in detector.get_probabilities()]
    except LangDetectException:
        return []


@lru_cache(maxsize=256)
def _valid_tag(code: str) -> bool:
    """A registered language tag in any case or separator (``fr``, ``FR``, ``fr_FR``).

    Memoised: a corpus declares a handful of values, each asked for every document.
    """
    import langcodes

    return bool(langcodes.tag_is_valid(code.strip().replace("_", "-")))


def _base(code: str) -> str:
    """The primary language subtag, lower-cased: 'fr-CA' -> 'fr'; langdetect's 'zh-cn' -> 'zh'."""
    return code.strip().lower().replace("_", "-").split("-", 1)[0]


@document_check(
    "language.detection",
    rules=["language.mismatch", "language.uncertain", "language.undeclared"],
    batch_first=True,  # fastText's tables, kept in the processor's caches across a batch
)
def language_detection(doc: Document, config: Config) -> Iterator[Finding]:
    """The declared language (metadata.csv) disagrees with the language detected in the text.

    Detection is fastText's bundled identifier first: when it reads the
    declared language with probability >= 0.90 the document passes. Otherwise
    langdetect (fixed seed, so the same text always gets the same answer)
    judges it. The detected language and its probability are published
    as columns of the documents table. A declared value that is no language
    code at all is left to ``metadata.invalid_language_code``. A mismatch is
    confirmed with fastText's identifier (:mod:`corpuscheck.checks.language.identify`):
    when it reads the declared language, the finding is ``language.uncertain``. Texts shorter than
    ``language_min_chars`` are not judged; a best guess below
    ``language_min_probability`` is reported as uncertain, not as a mismatch.

    >>> from corpuscheck.model import Document
    >>> text = "The president said on Monday that the talks would continue next week."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [f.rule for f in language_detection(doc, Config())]
    ['language.mismatch']
    """
    text = doc.text.strip()
    declared = doc.metadata.get("language", "").strip()
    if len(text) < config.language_min_chars:
        return
    if declared and _valid_tag(declared):
        # fastText is ten times faster than langdetect; when it reads the
        # declared language with confidence, langdetect could only add an
        # info-level doubt, so it is asked only when fastText does not agree.
        first = identify(sample(text), k=1)
        if first and first[0][0] == _base(declared) and first[0][1] >= CONFIDENT_AGREEMENT:
            doc.computed["detected_language"] = first[0][0]
            doc.computed["detected_language_probability"] = round(first[0][1], 4)
            return
    guesses = detect_language(text)
    if not guesses:
        return
    lang, prob = guesses[0]
    doc.computed["detected_language"] = _base(lang)
    doc.computed["detected_language_probability"] = round(prob, 4)
    evidence = {
        "detector": "langdetect",
        "seed": LANGDETECT_SEED,
        "detected": _base(lang),
        "probability": round(prob, 4),
        "candidates": {_base(code): round(p, 4) for code, p in guesses[:3]},
        "declared": declared,
    }
    if not declared:
        yield doc.finding(
            "language.undeclared",
            Severity.INFO,
            f"no language declared in metadata.csv; detected {_base(lang)} ({prob:.2f})",
            evidence=evidence,
        )
        return
    if not _valid_tag(declared):
        # Not a language code at all ("english", "xx"): metadata.invalid_language_code
        # reports the value; comparing it with the text would report it twice.
        return
    if prob < config.language_min_probability:
        yield doc.finding(
            "language.uncertain",
            Severity.INFO,
            f"language detection is uncertain: {_base(lang)} at {prob:.2f}",
            evidence=evidence,
        )
        return
    if _base(lang) != _base(declared):
        # A second opinion: fastText's identifier on the same sample. When it
        # finds the declared language, the two detectors disagree and the text
        # (often short, or full of names) is not clearly in another language.
        second = identify(sample(text), k=3)
        evidence["second_opinion"] = {code: round(p, 4) for code, p in second}
        if second and second[0][0] == _base(declared) and second[0][1] >= SECOND_OPINION:
            yield doc.finding(
                "language.uncertain",
                Severity.INFO,
                f"langdetect reads {_base(lang)!r} ({prob:.2f}) but fastText reads the declared "
                f"{_base(declared)!r} ({second[0][1]:.2f})",
                evidence=evidence,
            )
            return
        yield doc.finding(
            "language.mismatch",
            Severity.ERROR,
            f"declared language {declared!r} but the text reads as {_base(lang)!r} ({prob:.2f})",
            evidence=evidence,
        )
