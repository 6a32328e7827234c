"""Words of the source language left untranslated in the document."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import compress, repeat
from operator import ge, not_, or_

from corpuscheck.checks.registry import document_check
from corpuscheck.checks.translation.passages import foreign_sentences
from corpuscheck.checks.translation.resources import (
    _PLAIN_WORD,
    LexiconScreen,
    Profile,
    _word_frequencies,
    compile_pattern,
    has_frequencies,
    in_dictionary,
    known_words,
    profile,
    read_tsv,
    source_languages,
    target_profile,
    word_lines,
    zipf,
    zipf_of_frequencies,
)
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.checks.translation.text import (
    Token,
    Tokens,
    WordMemo,
    tokenize,
    tokens_among,
    word_uses,
)
from corpuscheck.config import Config
from corpuscheck.model import Document, Finding, Severity

COMMON_IN_SOURCE = 3.0
"""A source word must be at least this frequent (Zipf) in its language to count."""

STRONG_GAP = 2.0
"""How much more frequent (Zipf) in the source than in the target a word on its own must be."""

WEAK_GAP = 1.0
"""The gap for a word that only counts next to another source word (``of the``)."""

TARGET_CEILING = 4.5
"""A word on its own this frequent in the target language is the target's word (``but``)."""

NAME_WORD = 4.0
"""A capitalised source word at least this frequent in its language is a common word, not a name."""

UNLISTED_CEILING = 3.5
"""A word missing from the target's dictionary but this frequent in target text is a loanword."""

UNKNOWN_CAPITAL = 3.5
"""A capitalised word absent from the target list needs this Zipf in a source to be reported."""

LOANWORD = 2.5
"""A word this frequent (Zipf) in the target language is in use there as a loanword."""

LOANWORD_ALONE = 3.3
"""A word on its own this frequent in the target language is a loanword it uses (*review*,
*patch*, *software*): left alone unless it stands in a run of source words..."""

TERM_USES = 3
"""A source word the document uses this often on its own is its term, not a slip."""

GRAMMAR_WORD = 6.0
"""...unless it is one of the source language's grammar words (*und*, *the*)."""

CAPITALISES_NOUNS = frozenset({"de", "lb"})
"""Source languages that write every noun with a capital (German, Luxembourgish)."""

EXONYMS = "exonyms.tsv"

SEVERITY = Severity.INFO
"""Not precise alone on held-out text (manuals use English terms on purpose): it counts
through the document verdict, ``translation.garbled``."""


@dataclass(frozen=True, slots=True)
class Exonym:
    """A source-language name that the target language writes its own way."""

    line: int
    regex: re.Pattern[str]
    pattern: str
    source_language: str
    target_form: str
    note: str
    example: str


@cache
def exonyms(lang: str) -> tuple[Exonym, ...]:
    """The exonym list of ``lang`` (``data/<lang>/exonyms.tsv``), compiled once."""
    target = profile(lang)
    macros = dict(target.macros) if target else {}
    out: list[Exonym] = []
    for n, row in enumerate(read_tsv(lang, EXONYMS), start=1):
        pattern = row.get("pattern", "")
        if not pattern:
            continue
        try:
            regex = compile_pattern(pattern, macros, ignore_case=False)
        except (re.error, ValueError) as err:
            raise ValueError(f"{lang}/{EXONYMS} entry {n} ({pattern!r}): {err}") from err
        out.append(
            Exonym(
                n,
                regex,
                pattern,
                row.get("source_language", ""),
                row.get("french", "") or row.get("target", ""),
                row.get("note", ""),
                row.get("example", ""),
            )
        )
    return tuple(out)


@cache
def _exonym_screen(lang: str) -> LexiconScreen:
    return LexiconScreen.of(tuple(entry.regex for entry in exonyms(lang)))


@dataclass(frozen=True, slots=True)
class _Score:
    word: str
    target: float
    source: float
    source_language: str

    @property
    def gap(self) -> float:
        return self.source - self.target

    def evidence(self, target_lang: str, sources: Sequence[str]) -> dict[str, object]:
        out: dict[str, object] = {"word": self.word, f"zipf_{target_lang}": self.target}
        for lang in sources:
            out[f"zipf_{lang}"] = zipf(self.word, lang)
        out["source_language"] = self.source_language
        return out


def _score(word: str, target: Profile, sources: Sequence[str]) -> _Score:
    assert target.wordfreq is not None
    return _score_in(word, target.wordfreq, tuple(sources))


@lru_cache(maxsize=1 << 16)
def _score_in(word: str, wordlist: str, sources: tuple[str, ...]) -> _Score:
    # Memoised: asked for nearly every token of every document; a score is immutable.
    best_lang, best = sources[0], -1.0
    for lang in sources:
        value = zipf(word, lang)
        if value > best:
            best_lang, best = lang, value
    return _Score(word, zipf(word, wordlist), best, best_lang)


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """True when only spaces separate two tokens (or nothing, after an elision)."""
    return _spaced(text[left.end : right.start])


def _spaced(between: str) -> bool:
    """True when ``between`` (the characters between two tokens) is spaces alone, or nothing."""
    return between == "" or (between.strip(" \u00a0\u202f") == "" and "\n" not in between)


@document_check("translation.untranslated_word")
@recorded("translation.untranslated_word")
def untranslated_word(doc: Document, config: Config) -> Iterator[Finding]:
    """Source-language words left untranslated: frequent in the source language, rare in the document's.

    The source languages are ``translated_from`` in metadata.csv, else English
    and German. A lower-case word is reported when it is common in a source
    language (Zipf ≥ 3 in wordfreq) and at least 2 Zipf points rarer in the
    document's language, or 1 point rarer when the language's spelling
    dictionary does not know it either and the document uses it only once
    (*server*, *download*; a word used again is the writer's term). French
    loanwords such as *week-end*, *meeting* or *deal* are in the dictionary
    or frequent enough in French text to pass. Short or very common words (*the*, *in*) count only in a
    run of source words (*of the*). Name particles between two capitalised
    words (*Ursula von der Leyen*) and source words next to a capitalised
    common source word (a title: *Bank of America*, *Pirates of the
    Caribbean*) are left alone. So are whole sentences in another language
    (a foreign passage, which the language checks report) and pieces of
    addresses (*docs.example.org*).

    Capitalised words inside a sentence are names unless a French noun phrase
    is built on them: *Poutine Deal de cessez-le-feu*, *l’Air Force de
    l’Ukraine* (a common source-language noun followed by *de* and a
    lower-case word). A capitalised word unknown in French but common in the
    source (*Bundeskanzler*) is reported too, and so are the source-language
    forms of names that French writes its own way (*Moscow*, *pape Leo*),
    listed in the language's ``exonyms.tsv``. The evidence gives the Zipf
    frequencies in each language, or the exonym entry.

    >>> from corpuscheck.model import Document
    >>> text = "Le président a félicité le Deal de cessez-le-feu et the talks."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [text[f.start:f.end] for f in untranslated_word(doc, Config())]
    ['Deal', 'the talks']
    """
    target = target_profile(doc)
    if target is None or not target.wordfreq:
        return
    sources = source_languages(doc, target)
    if not sources:
        return
    tokens = tokenize(doc.text, target.elisions)
    skipped = _skipped(tokens, foreign_sentences(doc.text, target.code))
    found, reported = _lower_case_runs(doc, tokens, target, sources, skipped)
    for run in _capital_runs_to_judge(doc.text, tokens, target, tuple(sources)):
        if not any(t.index in reported or t.index in skipped for t in run):
            found.extend(_capitalised_run(doc, tokens, run, target, sources))
    taken = [(f.start or 0, f.end or 0) for f in found]
    for f in _exonyms(doc, tokens, target, sources, skipped):
        start, end = f.start or 0, f.end or 0
        if not any(s < end and start < e for s, e in taken):
            found.append(f)
    yield from sorted(found, key=Finding.sort_key)


def _skipped(tokens: Tokens, foreign: tuple[tuple[int, int], ...]) -> set[int]:
    """The indexes of the tokens not judged: pieces of addresses or code, words of foreign sentences."""
    skipped = set(tokens.indexes(tokens.technical)) if any(tokens.technical) else set()
    if foreign:
        starts = tokens.starts
        for start, end in foreign:
            skipped.update(range(bisect_left(starts, start), bisect_left(starts, end)))
    return skipped


@cache
def _weak_words(lang: str, sources: tuple[str, ...]) -> WordMemo[_Score]:
    """The memo of :func:`_weak_score` for a language (a profile's code) and its sources."""
    return WordMemo(
        partial(_weak_score, lang=lang, sources=sources),
        judge_all=partial(_weak_among, lang=lang, sources=sources),
    )


def _weak_among(words: AbstractSet[str], lang: str, sources: tuple[str, ...]) -> dict[str, _Score]:
    """The words of ``words`` that :func:`_weak_score` scores, with their scores, judged together.

    A word rarer than :data:`COMMON_IN_SOURCE` in every source is never
    scored, and most words a document brings are (three in four of a French
    corpus's): the plain words' figures are read from the sources' tables in
    C loops (as :func:`~corpuscheck.checks.translation.resources.table_zipf`
    reads them), those below are left out, and only the rest are judged one
    by one. A Python step per word was most of the check's time.
    """
    rest: Iterator[str] | AbstractSet[str] = words
    tables = [_word_frequencies(s, "best") if has_frequencies(s) else None for s in sources]
    if tables and None not in tables:
        asked = list(words)
        is_plain = list(map(bool, map(_PLAIN_WORD.fullmatch, asked)))
        plain = list(compress(asked, is_plain))
        figures = [zipf_of_frequencies(list(map(table.get, plain))) for table in tables if table]
        best = map(max, *figures) if len(figures) > 1 else figures[0]
        common = compress(plain, map(ge, best, repeat(COMMON_IN_SOURCE)))
        rest = iter([*common, *compress(asked, map(not_, is_plain))])
    scored: dict[str, _Score] = {}
    for word in rest:
        score = _weak_score(word, lang, sources)
        if score is not None:
            scored[word] = score
    return scored


def _weak_score(word: str, lang: str, sources: tuple[str, ...]) -> _Score | None:
    """The score of a lower-cased word that may be a source word, or None when it cannot be.

    What :func:`_lower_case_runs` asks of the word alone, whatever its place,
    in a document of language ``lang`` (a profile's code).
    """
    target = profile(lang)
    if target is None or target.wordfreq is None or word in known_words(lang):
        return None
    # The figures first, the score object (kept in _score_in's memo) only for the
    # few words that pass: one per distinct word of a corpus would be work for the
    # garbage collector.
    source = max(zipf(word, source_lang) for source_lang in sources)
    gap = source - zipf(word, target.wordfreq)
    if source < COMMON_IN_SOURCE or gap < WEAK_GAP:
        return None
    if in_dictionary(word, target) and gap < STRONG_GAP:
        return None
    return _score_in(word, target.wordfreq, sources)


def _lower_case_runs(
    doc: Document,
    tokens: Tokens,
    target: Profile,
    sources: Sequence[str],
    skipped: set[int],
) -> tuple[list[Finding], set[int]]:
    """Lower-case source words, alone or in runs (*the talks*); and the tokens reported."""
    text = doc.text
    uses = word_uses(text, target.elisions)
    # The words of the document that may be source words, judged once per process...
    # (A set, not the keys' view: taking the memo's seen words from a view walks them all.)
    candidates = _weak_words(target.code, tuple(sources)).among(set(uses))
    # ...then the tokens of those words that stand where a source word can.
    weak: dict[int, _Score] = {}
    for t in tokens_among(tokens, candidates) if candidates else ():
        if t.elided or t.touches_digit or t.index in skipped:
            continue
        body = t.text[1:] if (t.sentence_initial or t.after_opening) else t.text
        if body == body.lower():
            weak[t.index] = candidates[t.lower]

    def strong(t: Token, s: _Score) -> bool:
        if len(t.lower) < 3 or (s.target >= LOANWORD_ALONE and s.source < GRAMMAR_WORD):
            return False
        if uses[t.lower] >= TERM_USES:
            return False  # the document's own term: the command *time*, the option *none*
        listed = in_dictionary(t.lower, target)
        if s.gap >= STRONG_GAP and s.target < TARGET_CEILING:
            return not (listed and s.gap < STRONG_GAP + 1)
        # A source word the target's dictionary does not know, not common in
        # target text either: server, download (a loanword such as deal or
        # email is common enough in French text to pass). Used twice or more,
        # it is the writer's term (root, desktop in a technical text).
        return (
            not listed
            and s.gap >= WEAK_GAP
            and s.target < UNLISTED_CEILING
            and s.source >= UNKNOWN_CAPITAL
            and uses[t.lower] < 2
        )

    found: list[Finding] = []
    reported: set[int] = set()
    end = 0  # runs do not overlap: a run starts at or after the end of the one before
    for i, first_score in weak.items():
        if i < end:
            continue
        run, scores = [tokens[i]], [first_score]
        j = i + 1
        while j in weak and _adjacent(text, tokens[j - 1], tokens[j]):
            run.append(tokens[j])
            scores.append(weak[j])
            j += 1
        end = j
        # Whether the run would be reported first, from its scores: most are not, and
        # then where it stands (between capitals, in quotes, glossed) need not be read.
        if len(run) >= 2 and any(s.gap >= STRONG_GAP for s in scores):
            rule = "run"
        elif len(run) == 1 and strong(run[0], scores[0]):
            rule = "frequency"
        else:
            continue
        if _between_capitals(text, tokens, run[0], run[-1]) and (
            all(t.lower in target.name_particles for t in run)
            or any(
                _title_word(_score(tokens[k].lower, target, sources))
                for k in (run[0].index - 1, run[-1].index + 1)
            )
        ):
            continue  # Ursula von der Leyen; Bank of America (a title of source words)
        if _quoted_on_purpose(text, run[0], run[-1]):
            continue  # « made in France », « fake news »: a foreign term quoted as such
        if _glossed(text, run[0], run[-1]):
            continue  # l'apprentissage profond (deep learning): the original term, given on purpose
        reported.update(t.index for t in run)
        found.append(_finding(doc, target, sources, run[0], run[-1], scores, rule))
    return found, reported


def _title_word(score: _Score) -> bool:
    """A capitalised neighbour that is a common source word: the run is part of a title."""
    return score.source >= NAME_WORD and score.gap >= WEAK_GAP


def _between_capitals(text: str, tokens: Sequence[Token], first: Token, last: Token) -> bool:
    if first.index == 0 or last.index + 1 >= len(tokens):
        return False
    before, after = tokens[first.index - 1], tokens[last.index + 1]
    return (
        before.capitalised
        and after.capitalised
        and _adjacent(text, before, first)
        and _adjacent(text, last, after)
    )


def _capital_runs(text: str, tokens: Tokens) -> Iterator[list[Token]]:
    """Runs of adjacent capitalised words inside sentences."""
    run: list[Token] = []
    for t in map(tokens.__getitem__, _mid_sentence_capitals(tokens)):
        if run and (run[-1].index + 1 != t.index or not _adjacent(text, run[-1], t)):
            yield run
            run = []
        run.append(t)
    if run:
        yield run


def _capital_runs_to_judge(
    text: str, tokens: Tokens, target: Profile, sources: tuple[str, ...]
) -> Iterator[list[Token]]:
    """The runs of :func:`_capital_runs` that :func:`_capitalised_run` can report, in order.

    A run is reported for a word of it that is an unknown capital, or for
    the complement after its last word, which opens with one of the
    language's *de*: a run holding neither is left out. Most capitals are
    names standing alone (19,000 runs of the benchmark corpus's 1,054-document
    slice, 29 reported); the words that can make a run reported are found
    in C loops over the capitals, and only their runs are made, by walking
    from each over its adjacent capitals.
    """
    capitals = _mid_sentence_capitals(tokens)
    if not capitals:
        return
    lowers, starts, ends = tokens.lowers, tokens.starts, tokens.ends
    unknown = map(
        _unknown_capital,
        map(lowers.__getitem__, capitals),
        repeat(target.code),
        repeat(sources),
    )
    nexts = [*lowers[1:], ""]  # the word after each ("" after the last)
    before_of = map(target.of_words.__contains__, map(nexts.__getitem__, capitals))
    live = compress(capitals, map(or_, unknown, before_of))
    is_capital = set(capitals)
    last = -1  # the last word of the run made before
    for i in live:
        if i <= last:
            continue  # in that run
        first = i
        while first - 1 in is_capital and _spaced(text[ends[first - 1] : starts[first]]):
            first -= 1
        last = i
        while last + 1 in is_capital and _spaced(text[ends[last] : starts[last + 1]]):
            last += 1
        yield list(map(tokens.__getitem__, range(first, last + 1)))


def _exonyms(
    doc: Document,
    tokens: Tokens,
    target: Profile,
    sources: Sequence[str],
    skipped: set[int],
) -> Iterator[Finding]:
    text = doc.text
    entries = exonyms(target.code)
    screen = _exonym_screen(target.code)
    candidates = screen.candidates_in_words(text, word_lines(text, target.elisions))
    if not candidates:
        return
    # Which token starts or ends where: made for the first match (most candidates have none).
    starting: dict[int, int] = {}
    ending: dict[int, int] = {}
    for index in candidates:
        entry = entries[index]
        if entry.source_language and entry.source_language not in sources:
            continue
        for m in screen.matches(index, text):
            if not starting:
                starting = dict(zip(tokens.starts, range(len(tokens)), strict=True))
                ending = dict(zip(tokens.ends, range(len(tokens)), strict=True))
            i, j = starting.get(m.start(), -1), ending.get(m.end(), -1)
            if i < 0 or j < 0 or i in skipped:
                continue
            first, last = tokens[i], tokens[j]
            if _glued_to_name(text, tokens, first, last, target):
                continue
            yield doc.finding(
                "translation.untranslated_word",
                SEVERITY,
                f"{m.group()!r} is the {entry.source_language} name; "
                f"{target.code} writes {entry.target_form!r}",
                m.start(),
                m.end(),
                evidence={
                    "words": m.group(),
                    "rule": "exonym",
                    "source_language": entry.source_language,
                    "suggestion": entry.target_form,
                    "lexicon": f"{target.code}/{EXONYMS}",
                    "entry": entry.line,
                    "note": entry.note,
                },
            )


def _glued_to_name(
    text: str, tokens: Sequence[Token], first: Token, last: Token, target: Profile
) -> bool:
    """True when a capitalised word touches the match: it is part of a longer name."""
    if first.index > 0:
        before = tokens[first.index - 1]
        name_before = not before.sentence_initial or not in_dictionary(before.lower, target)
        if before.capitalised and text[before.end : first.start] == " " and name_before:
            return True
    if last.index + 1 < len(tokens):
        after = tokens[last.index + 1]
        if after.capitalised and text[last.end : after.start] == " ":
            return True
    return False


def _finding(
    doc: Document,
    target: Profile,
    sources: Sequence[str],
    first: Token,
    last: Token,
    scores: list[_Score],
    rule: str,
) -> Finding:
    words = doc.text[first.start : last.end]
    best = max(scores, key=lambda s: s.gap)
    evidence: dict[str, object] = {"words": words, "rule": rule}
    evidence.update(best.evidence(target.code, sources))
    if len(scores) > 1:
        evidence["tokens"] = [s.word for s in scores]
    message = (
        f"{words!r} looks untranslated from {best.source_language}: Zipf "
        f"{best.source:.1f} in {best.source_language}, {best.target:.1f} in {target.code}"
    )
    return doc.finding(
        "translation.untranslated_word",
        SEVERITY,
        message,
        first.start,
        last.end,
        evidence=evidence,
    )


def _mid_sentence_capitals(tokens: Tokens) -> list[int]:
    """The indexes of the capitalised words inside sentences, read from the token columns.

    Not opening a sentence, nor after an opening, nor elided, nor next to a
    digit, and longer than a letter.
    """
    initial, opened, elided = tokens.sentence_initial, tokens.after_opening, tokens.elided
    digit, words = tokens.touches_digit, tokens.words
    return [
        i
        for i in tokens.indexes(tokens.capitalised)
        if not (initial[i] or opened[i] or elided[i] or digit[i]) and len(words[i]) > 1
    ]


def _capitalised_run(
    doc: Document,
    tokens: Tokens,
    run: list[Token],
    target: Profile,
    sources: Sequence[str],
) -> Iterator[Finding]:
    text = doc.text
    known = known_words(target.code)

    # A capitalised word unknown in the target but common in a source: Bundeskanzler.
    for t in run:
        if _unknown_capital(t.lower, target.code, tuple(sources)):
            s = _score(t.lower, target, sources)
            yield _finding(doc, target, sources, t, t, [s], "unknown-capitalised")
    if not _followed_by_of(text, tokens, run[-1].index, target):
        return  # (most runs: names; what follows needs a complement)

    # A common source noun phrase heading a French noun phrase: Deal de cessez-le-feu.
    scores = [_score(t.lower, target, sources) for t in run]

    def common(s: _Score) -> bool:
        return s.source >= NAME_WORD and s.source >= s.target - 0.3 and s.word not in known

    tail = len(run)
    while tail > 0 and common(scores[tail - 1]):
        tail -= 1
    english = run[tail:]
    english_scores = scores[tail:]
    if not english:
        return
    if any(s.target == 0 for s in english_scores):
        return  # already reported above
    foreign = any(_anomalous_capital(s, target, sources) for s in english_scores)
    whole = tail == 0 and len(english) >= 2 and _after_determiner(text, tokens, run[0], target)
    if foreign or whole:
        first, last = english[0], english[-1]
        yield _finding(doc, target, sources, first, last, english_scores, "capitalised-noun-phrase")


@lru_cache(maxsize=1 << 16)
def _unknown_capital(word: str, lang: str, sources: tuple[str, ...]) -> bool:
    """A capitalised word absent from the target language but common in a source (lower-cased)."""
    target = profile(lang)
    if target is None or target.wordfreq is None:
        return False
    return (
        zipf(word, target.wordfreq) == 0
        and max(zipf(word, source_lang) for source_lang in sources) >= UNKNOWN_CAPITAL
        and word not in known_words(lang)
        and not in_dictionary(word, target)
    )


def _anomalous_capital(score: _Score, target: Profile, sources: Sequence[str]) -> bool:
    """A capital that the source language would not write on this common word.

    English capitalises names only, so a capitalised English common noun
    inside a French sentence (*Deal*) is a leftover. German capitalises every
    noun, so a German loanword that French uses (*les Länder*, *le Reich*:
    Zipf ≥ 2.5 in French) is simply spelled as in German.
    """
    for lang in sources:
        gap = zipf(score.word, lang) - score.target
        if gap < WEAK_GAP:
            continue
        if lang in CAPITALISES_NOUNS and score.target >= LOANWORD:
            continue
        return True
    return False


_OPENING = '«“"„‘'
_CLOSING = '»”"“’'


def _quoted_on_purpose(text: str, first: Token, last: Token) -> bool:
    """True when the words stand in a short quotation or between italics markers.

    A foreign term quoted as such (« made in France », “fake news”, *output*
    or _output_) is given on purpose: the quotation holds at most eight words
    and no end of sentence.
    """
    if text[first.start - 1 : first.start] in ("*", "_") and text[last.end : last.end + 1] in (
        "*",
        "_",
    ):
        return True
    before = text[max(0, first.start - 60) : first.start]
    after = text[last.end : last.end + 60]
    opening = max(before.rfind(c) for c in _OPENING)
    if opening < 0 or re.search(r"[.!?;\n]", before[opening + 1 :]):
        return False
    if any(c in before[opening + 1 :] for c in "»”"):
        return False
    closing = re.search(r"[»”\"“’]", after)
    if closing is None or re.search(r"[.!?;\n]", after[: closing.start()]):
        return False
    inside = before[opening + 1 :] + text[first.start : last.end] + after[: closing.start()]
    return len(inside.split()) <= 8


_GLOSS_BEFORE = re.compile(
    r"(?:\bou|\bappelée?s?|\bdite?s?|\bnommée?s?|\ben anglais|\bc['’]est-à-dire)"
    r"[ \u00a0\u202f]*:?[ \u00a0\u202f]*$",
    re.I,
)
_GLOSS_AFTER = re.compile(r"^(?:[ \u00a0\u202f]*\(|,?[ \u00a0\u202f]+ou[ \u00a0\u202f])", re.I)


def _glossed(text: str, first: Token, last: Token) -> bool:
    """True when the words are the original term of a gloss, or the gloss itself.

    In brackets (*l’apprentissage profond (deep learning)*, *(failed, en
    échec)*), followed by its gloss in brackets or after « ou » (*Virtual
    Private Network, ou VPN*), or after « ou », « appelé », « dit », « en
    anglais » (*le réseau privé, ou virtual private network*).
    """
    before = text[max(0, first.start - 80) : first.start]
    after = text[last.end : last.end + 80]
    opened = before.rfind("(")
    if opened > before.rfind(")") and ")" in after:
        closed = after.index(")")
        if not re.search(r"[.!?\n]", after[:closed]):
            return True
    return bool(_GLOSS_BEFORE.search(before) or _GLOSS_AFTER.match(after))


def _followed_by_of(text: str, tokens: Tokens, last: int, target: Profile) -> bool:
    """``de``/``du``/``des``/``d’`` then a lower-case word or an article: a French complement.

    ``last`` is the index of the last token before; read from the token columns.
    """
    of, nxt = last + 1, last + 2
    if nxt >= len(tokens):
        return False
    starts, ends = tokens.starts, tokens.ends
    if not _spaced(text[ends[last] : starts[of]]) or tokens.lowers[of] not in target.of_words:
        return False
    if not _spaced(text[ends[of] : starts[nxt]]):
        return False
    word = tokens.words[nxt]
    return word == word.lower() or (tokens.elided[nxt] and tokens.lowers[nxt] in target.determiners)


def _after_determiner(text: str, tokens: Sequence[Token], first: Token, target: Profile) -> bool:
    if first.index == 0:
        return False
    before = tokens[first.index - 1]
    return _adjacent(text, before, first) and before.lower in target.determiners
