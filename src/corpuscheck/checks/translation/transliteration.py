"""One name spelled several ways: in a document, and across the corpus."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache, partial
from itertools import compress, repeat
from operator import ge, not_
from typing import Any, NamedTuple

from corpuscheck.checks.registry import CorpusCheck, corpus_check, document_check
from corpuscheck.checks.translation.resources import (
    _PLAIN_WORD,
    Profile,
    _word_frequencies,
    has_frequencies,
    in_dictionary,
    read_tsv,
    strip_accents,
    target_profile,
    zipf,
    zipf_of_frequencies,
)
from corpuscheck.checks.translation.signals import recorded
from corpuscheck.checks.translation.text import Tokens, WordMemo, tokenize
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Finding, Severity
from corpuscheck.spill import Spill

SEVERITY = Severity.INFO
"""Not precise alone on held-out text (two people of one family name, a name and its
adjective): it counts through the document verdict, ``translation.garbled``."""

MIN_SKELETON = 4
"""Shorter skeletons (Jan, Yann, Ian) join too many different names."""

MIN_CORPUS_SKELETON = 6
"""Across a corpus, names meet more strangers: only longer skeletons are grouped."""

EVIDENCE_DOCUMENTS = 10
"""Documents named per spelling in a corpus finding's evidence (the first, by id); the
count says how many there are. Naming them all made every finding of a common name
as long as the corpus, and the findings table grow with its square."""

COMMON_WORD = 4.0
"""A capitalised word at least this frequent (Zipf) in any language is a word, not a name."""

_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    (r"['’\-]", ""),
    (r"tsch|tch|sch|sh|ch", "s"),  # Ч and Ш: ch/tch/tsch, sh/ch/sch
    (r"ph", "f"),
    (r"ck|q", "k"),
    (r"ks|x", "x"),
    (r"w", "v"),
    (r"[jy]", "i"),
    (r"z", "s"),
    (r"ou", "u"),
    (r"gu(?=[ei])", "g"),
    (r"ie", "i"),
    (r"(.)\1+", r"\1"),
)
"""The skeleton's rules, applied in this order (:func:`skeleton`)."""


@lru_cache(maxsize=1 << 14)
def skeleton(name: str) -> str:
    """A transliteration skeleton: spellings of one foreign name share it.

    Lower-case, no accents, then: ch/tch/tsch/sh/sch → s, w → v, j and y → i,
    z → s, ou → u, ie → i, doubled letters once.

    >>> [skeleton(n) for n in ("Zelensky", "Zelenskyy", "Selenskyj")]
    ['selenski', 'selenski', 'selenski']
    >>> skeleton("Volodymyr") == skeleton("Wolodymyr"), skeleton("Kiev") == skeleton("Kyiv")
    (True, True)
    """
    # Kept for the last names seen: a corpus spells the same few names again and again.
    # The rules of literal strings are str.replace, which replaces as re.sub does (from the
    # left, without overlaps) for a fraction of its cost; a choice between literals is a
    # replace per literal, in the pattern's order, which comes to the same here; the other
    # patterns are tried only on names holding what they need. The tests hold this to
    # _SKELETON_RULES.
    out = strip_accents(name).lower().replace("'", "").replace("’", "").replace("-", "")
    if "h" in out:
        out = _HUSHING.sub("s", out)
    out = out.replace("ph", "f").replace("ck", "k").replace("q", "k").replace("ks", "x")
    out = out.replace("w", "v").replace("j", "i").replace("y", "i").replace("z", "s")
    out = out.replace("ou", "u")
    if "gu" in out:
        out = _HARD_G.sub("g", out)
    return _DOUBLED.sub(r"\1", out.replace("ie", "i"))


_HUSHING, _HARD_G, _DOUBLED = (re.compile(_SKELETON_RULES[i][0]) for i in (1, 9, 11))
"""The rules that are patterns, compiled once (``re.sub`` with a string looks its pattern up
in a cache each time)."""


@cache
def _known_groups(lang: str) -> dict[str, str]:
    """``names.tsv``: every listed spelling (lower-case) → the group's name."""
    groups: dict[str, str] = {}
    for row in read_tsv(lang, "names.tsv"):
        name = row.get("name", "")
        if not name:
            continue
        for spelling in [name, *row.get("variants", "").split(",")]:
            spelling = spelling.strip()
            if spelling:
                groups.setdefault(spelling.lower(), name)
    return groups


class _Occurrence(NamedTuple):
    """A name where it stands. A named tuple, not a frozen dataclass: as immutable, and a few
    times cheaper to make (a document has a dozen names, a corpus hundreds of thousands)."""

    key: str  # "names.tsv:Kiev" or "skeleton:kiv"
    form: str
    start: int
    end: int


@cache
def _common_words(lang: str) -> WordMemo[bool]:
    """Words at least ``COMMON_WORD`` frequent in ``lang`` (a word list's code), English or German.

    A memo: each word is looked up once per process, the new words of a
    document together (:func:`_common_among`).
    """
    langs = tuple(sorted({lang, "en", "de"}))
    return WordMemo(partial(_common, langs=langs), judge_all=partial(_common_among, langs=langs))


def _common(word: str, langs: tuple[str, ...]) -> bool | None:
    """True when ``word`` is at least ``COMMON_WORD`` frequent in one of ``langs``, else None."""
    return True if any(zipf(word, w) >= COMMON_WORD for w in langs) else None


def _common_among(words: AbstractSet[str], langs: tuple[str, ...]) -> dict[str, bool]:
    """The words of ``words`` that are :func:`_common` in ``langs``, judged together.

    The plain words' figures are read from the languages' tables in C loops,
    as :func:`~corpuscheck.checks.translation.resources.table_zipf` reads
    them; the others (a hyphen, an apostrophe) are judged one by one.
    """
    tables = [_word_frequencies(w, "best") if has_frequencies(w) else None for w in langs]
    if None in tables:
        return {word: True for word in words if _common(word, langs)}
    asked = list(words)
    is_plain = list(map(bool, map(_PLAIN_WORD.fullmatch, asked)))
    plain = list(compress(asked, is_plain))
    figures = [zipf_of_frequencies(list(map(table.get, plain))) for table in tables if table]
    best = map(max, *figures) if len(figures) > 1 else figures[0]
    common = dict.fromkeys(compress(plain, map(ge, best, repeat(COMMON_WORD))), True)
    common.update((w, True) for w in compress(asked, map(not_, is_plain)) if _common(w, langs))
    return common


_OCCURRENCES = "name_occurrences"
"""Key of ``Document.computed`` where the per-document check leaves the names it found."""


def _corpus_occurrences(doc: Document, target: Profile) -> list[_Occurrence]:
    """The names the corpus check groups: those the document check found, when it ran."""
    kept = doc.computed.get(_OCCURRENCES)
    if kept is None:
        return name_occurrences(doc, target, MIN_CORPUS_SKELETON)
    return [
        _Occurrence(key, form, start, end)
        for key, form, start, end in kept
        if not key.startswith("skeleton:") or len(key) - len("skeleton:") >= MIN_CORPUS_SKELETON
    ]


def name_occurrences(doc: Document, target: Profile, min_skeleton: int) -> list[_Occurrence]:
    """The capitalised names of a document, each keyed by its group.

    A token is a name when it is capitalised, has four letters or more and
    is not a common word, or when ``names.tsv`` lists it. A name followed by
    a common capitalised word (*Kyiv Independent*) is part of the name of
    something else, which keeps its own spelling: it is left out.
    """
    text = doc.text
    tokens = tokenize(text, target.elisions)
    known = _known_groups(target.code)
    words, lowers, starts, ends = tokens.words, tokens.lowers, tokens.starts, tokens.ends
    # Whether a word is common is asked once per process (set operations on the
    # document's candidate words); the forms used inside sentences only when a
    # word of the dictionary opens one.
    mid_sentence_forms: set[str] | None = None
    capitalised = tokens.indexes(tokens.capitalised)  # a tenth of the tokens
    candidates = _candidates(tokens, capitalised)
    common = _common_words(target.wordfreq or target.code).among({lowers[i] for i in candidates})
    out: list[_Occurrence] = []
    for i in candidates:
        form, lower = words[i], lowers[i]
        group = known.get(form.lower())
        if group is None:
            if lower in common:
                continue
            if tokens.sentence_initial[i] and in_dictionary(lower, target):
                if mid_sentence_forms is None:
                    mid_sentence_forms = _mid_sentence_forms(tokens, capitalised)
                if form not in mid_sentence_forms:
                    continue  # a word capitalised because it opens the sentence
        if _in_compound_name(text, tokens, i, target):
            continue
        if group is not None:
            out.append(_Occurrence(f"names.tsv:{group}", form, starts[i], ends[i]))
            continue
        key = skeleton(form)
        if len(key) >= min_skeleton:
            out.append(_Occurrence(f"skeleton:{key}", form, starts[i], ends[i]))
    return out


def _mid_sentence_forms(tokens: Tokens, capitalised: list[int]) -> set[str]:
    """The capitalised words used inside a sentence, from ``capitalised``, the indexes of the
    capitalised tokens: their columns are read at those indexes only, in C loops, not along
    every token.

    >>> tokens = tokenize("Le Chat voit Paris. Paris dort.")
    >>> sorted(_mid_sentence_forms(tokens, tokens.indexes(tokens.capitalised)))
    ['Chat', 'Paris']
    """
    initial = map(tokens.sentence_initial.__getitem__, capitalised)
    return set(compress(map(tokens.words.__getitem__, capitalised), map(not_, initial)))


def _candidates(tokens: Tokens, capitalised: list[int]) -> list[int]:
    """The indexes, among ``capitalised`` (those of the capitalised tokens), of the tokens of
    four letters or more, not elided."""
    words, elided = tokens.words, tokens.elided
    return [i for i in capitalised if not elided[i] and len(words[i]) >= 4]


def _in_compound_name(text: str, tokens: Tokens, i: int, target: Profile) -> bool:
    """True when a common capitalised word follows token ``i``: *Kyiv Independent*, *Kiev Post*.

    Only the word after counts: the word before a name is often a first name
    that is also a common word (*Boris Yeltsin*, *Leo Tolstoy*).
    """
    after = i + 1
    if after >= len(tokens) or text[tokens.ends[i] : tokens.starts[after]] != " ":
        return False
    if not tokens.capitalised[after] or tokens.sentence_initial[after]:
        return False
    lower = tokens.lowers[after]
    lang = target.wordfreq or target.code
    return bool(_common_words(lang).among({lower})) and (
        tokens.words[after].lower() not in _known_groups(target.code)
    )


def _spelling(form: str) -> str:
    """A form lower-cased, with no accent on its first letter (Élysée and Elysée agree).

    A participle's agreement is no spelling of a name: Indexé and Indexées agree;
    nor is a hyphen or a plural: Script-Fu and ScriptFu, Calque and Calques.
    """
    spelling = strip_accents(form[:1]).lower() + form[1:].lower()
    spelling = re.sub(r"(?<=\wé)(?:e|s|es)$", "", spelling)
    # Typography is no transliteration: Script-Fu and ScriptFu, Calque and Calques.
    return re.sub(r"(?<=\w{3})s$", "", re.sub(r"[-'’ ]", "", spelling))


def _has_word(forms: Counter[str], target: Profile) -> bool:
    """True when a form is a word of the language's dictionary, not a name.

    *Préférences* beside *Preferences* is a label left untranslated, not a
    name spelled two ways.
    """
    return any(in_dictionary(f.lower(), target) for f in forms)


def _distinct(forms: Counter[str]) -> bool:
    """True when the forms are really different spellings, not a case or capital-accent difference."""
    # One form is one spelling: most groups, told apart without a regular expression.
    return len(forms) > 1 and len({_spelling(f) for f in forms}) > 1


@document_check("translation.inconsistent_transliteration")
@recorded("translation.inconsistent_transliteration")
def inconsistent_transliteration(doc: Document, config: Config) -> Iterator[Finding]:
    """One name spelled in several ways in a document: Kiev and Kyiv, Zelensky and Zelenskyy.

    Spellings are grouped when they share a transliteration skeleton
    (Zelensky, Zelenskyy and Selenskyj all give *selenski*; Andrei and
    Andreï) or when the language's ``names.tsv`` lists them in one group
    (Kiev, Kyiv). Case, and an accent on a capital (Élysée, Elysée), do not
    make another spelling. Each
    spelling other than the most frequent one is reported at its first use;
    the evidence counts every spelling of the group.

    >>> from corpuscheck.model import Document
    >>> text = "Kiev a répondu. Le président Zelensky est à Kyiv, dit Zelenskyy."
    >>> doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    >>> [text[f.start:f.end] for f in inconsistent_transliteration(doc, Config())]
    ['Kyiv', 'Zelenskyy']
    """
    target = target_profile(doc)
    if target is None:
        return
    groups: dict[str, list[_Occurrence]] = defaultdict(list)
    occurrences_found = name_occurrences(doc, target, MIN_SKELETON)
    # Kept for the corpus-level check, which would otherwise tokenize every
    # document a second time (MIN_SKELETON <= MIN_CORPUS_SKELETON: a superset).
    doc.computed[_OCCURRENCES] = list(map(tuple, occurrences_found))
    for occ in occurrences_found:
        groups[occ.key].append(occ)
    found: list[Finding] = []
    for key, occurrences in groups.items():
        forms = Counter(o.form for o in occurrences)
        if not _distinct(forms) or _has_word(forms, target):
            continue
        first_at = {o.form: o for o in reversed(occurrences)}
        order = sorted(forms, key=lambda f: (-forms[f], first_at[f].start))
        majority = order[0]
        for form in order[1:]:
            if _spelling(form) == _spelling(majority):
                continue
            occ = first_at[form]
            found.append(
                doc.finding(
                    "translation.inconsistent_transliteration",
                    SEVERITY,
                    f"{form!r} spells the name also written {majority!r} in this document "
                    f"({', '.join(f'{f} ×{forms[f]}' for f in order)})",
                    occ.start,
                    occ.end,
                    evidence={
                        "variants": {f: forms[f] for f in order},
                        "majority": majority,
                        "group": key.split(":", 1)[1],
                        "grouped_by": key.split(":", 1)[0],
                        "offsets": [o.start for o in occurrences if o.form == form],
                    },
                )
            )
    yield from sorted(found, key=Finding.sort_key)


@corpus_check(
    "translation.inconsistent_transliteration_corpus",
    rules=["translation.inconsistent_transliteration"],
)
class InconsistentTransliterationCorpus(CorpusCheck):
    """One name spelled differently by different documents of the corpus: at each minority spelling.

    The same grouping as the per-document check (skeletons of six letters or
    more, and ``names.tsv``), over every document of one language. When at
    least two documents disagree, every occurrence of a spelling other than
    the corpus's most frequent one is reported, in the file that holds it;
    the evidence gives the corpus-wide count of each spelling, its number of
    documents and the first ten of them.

    >>> from corpuscheck.model import Corpus, Document
    >>> docs = [Document(f"d{i}", f"d{i}.txt", t, t, metadata={"language": "fr"})
    ...         for i, t in enumerate(["Zelensky a dit.", "Le président Zelensky.",
    ...                                "Le président Zelenskyy."])]
    >>> [(f.doc_id, f.excerpt) for f in inconsistent_transliteration_corpus(Corpus(".", docs), Config())]
    [('d2', 'Le président ⟦Zelenskyy⟧.')]
    """

    def __init__(self, config: Config) -> None:
        super().__init__(config)
        self.counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        self.documents: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        # Where each spelling stands, in a file: one excerpt per name of every document
        # would be the largest state of a build, and only minority spellings are reported.
        self.places: Spill | None = None  # opened on the first name: most observers add none

    def observe(self, doc: Document) -> list[tuple[str, str, str, int, int, str]]:
        """Each name the document spells: (language, group key, spelling, start, end, excerpt)."""
        if not doc.readable:
            return []
        target = target_profile(doc)
        if target is None:
            return []
        out = []
        for occ in _corpus_occurrences(doc, target):
            start, end = doc.span(occ.start, occ.end)
            out.append((target.code, occ.key, occ.form, start, end, doc.excerpt(start, end)))
        return out

    def add(self, doc: Document, observation: list[tuple[str, str, str, int, int, str]]) -> None:
        if not observation:
            return
        for lang, key, form, _, _, _ in observation:
            group = (lang, key)
            self.counts[group][form] += 1
            ids = self.documents[group][form]
            if not ids or ids[-1] != doc.id:  # a document's names come together
                ids.append(doc.id)
        if self.places is None:
            self.places = Spill()
        # One record per document, not per name: this runs in the process that feeds the
        # workers, where a pickle per name (nine per document) took a tenth of its time.
        self.places.append("", (doc.id, doc.file, observation))

    def finish(self, corpus: Corpus) -> Iterator[Finding]:
        reported = {
            group: (evidence, _summary(evidence))
            for group in sorted(self.counts)
            if (evidence := self._evidence(group))
        }
        found: list[tuple[tuple[Any, ...], int, Finding]] = []
        # Read back in the order they were added; ties of the sort key keep the order
        # of the groups, then of the places.
        order = {group: n for n, group in enumerate(reported)}
        for lang, key, doc_id, file, form, start, end, excerpt in self._places():
            group = (lang, key)
            if group not in reported:
                continue
            evidence, summary = reported[group]
            if _spelling(form) == _spelling(evidence["majority"]):
                continue
            finding = Finding(
                "translation.inconsistent_transliteration",
                SEVERITY,
                f"{form!r} is a minority spelling in the corpus, which mostly writes "
                f"{evidence['majority']!r}: {summary}",
                doc_id=doc_id,
                file=file,
                start=start,
                end=end,
                excerpt=excerpt,
                evidence=evidence,
            )
            found.append((finding.sort_key(), order[group], finding))
        if self.places is not None:
            self.places.close()
            self.places = None
        found.sort(key=lambda item: item[:2])
        for _, _, finding in found:
            yield finding

    def _places(self) -> Iterator[tuple[str, str, str, str, str, int, int, str]]:
        """Every name added, in order: (language, group key, document, file, spelling, start,
        end, excerpt)."""
        for doc_id, file, observation in self.places or ():
            for lang, key, form, start, end, excerpt in observation:
                yield lang, key, doc_id, file, form, start, end, excerpt

    def _evidence(self, group: tuple[str, str]) -> dict[str, Any] | None:
        """The evidence of a group whose documents disagree; None when they do not."""
        forms = self.counts[group]
        lang, key = group
        if not _distinct(forms):
            return None
        docs_by_form = self.documents[group]
        spellings_of: dict[str, set[str]] = defaultdict(set)
        for form, ids in docs_by_form.items():
            for doc_id in ids:
                spellings_of[doc_id].add(form)
        if len(spellings_of) < 2 or len({frozenset(v) for v in spellings_of.values()}) < 2:
            return None  # one document, or all alike: the per-document check says it
        order = sorted(forms, key=lambda f: (-forms[f], f))
        return {
            "language": lang,
            "group": key.split(":", 1)[1],
            "grouped_by": key.split(":", 1)[0],
            "majority": order[0],
            "variants": {f: _variant(forms[f], docs_by_form[f]) for f in order},
            "scope": "corpus",
        }


def _variant(count: int, documents: list[str]) -> dict[str, object]:
    """The evidence of one spelling: its count, its number of documents and the first of them.

    >>> _variant(3, ["b", "a", "c"])
    {'count': 3, 'document_count': 3, 'documents': ['a', 'b', 'c']}
    """
    first = sorted(documents)[:EVIDENCE_DOCUMENTS]
    return {"count": count, "document_count": len(documents), "documents": first}


def _summary(evidence: dict[str, Any]) -> str:
    """Each spelling with its count and documents, the majority first (the evidence's order)."""
    return ", ".join(
        f"{f} ×{v['count']} ({v['document_count']} doc.)" for f, v in evidence["variants"].items()
    )


inconsistent_transliteration_corpus = InconsistentTransliterationCorpus.run
"""Run the corpus check on an in-memory corpus (tests, examples)."""
