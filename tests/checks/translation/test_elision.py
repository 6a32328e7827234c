"""word_order over the token columns finds what its definition, token by token, finds."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.checks.translation.elision import (
    COMMON,
    ELIDED,
    NOT_ELIDING,
    VOWELS,
    word_order,
)
from corpuscheck.checks.translation.passages import foreign_sentences, in_foreign_sentence
from corpuscheck.checks.translation.resources import profile, zipf
from corpuscheck.checks.translation.text import tokenize
from corpuscheck.config import Config
from corpuscheck.model import Document
from tests.conftest import real_files


def defined_missing_elisions(text: str) -> list[tuple[int, int]]:
    """The definition: every token of an eliding word, with the token after it."""
    target = profile("fr")
    assert target is not None
    tokens = list(tokenize(text, target.elisions))
    foreign = foreign_sentences(text, "fr")
    found = []
    for left, right in pairwise(tokens):
        if left.lower not in ELIDED or text[left.end : right.start] != " ":
            continue
        if right.text[:1] not in VOWELS or right.lower in NOT_ELIDING or right.technical:
            continue
        if right.lower in ("un", "une", "uns") and left.lower in ("de", "le", "la"):
            continue
        if len(right.text.split("-")[0]) < 2 or zipf(right.lower, "fr") < COMMON:
            continue
        if left.technical or in_foreign_sentence(foreign, left.start):
            continue
        found.append((left.start, right.end))
    return found


WORDS = [
    *("le", "la", "de", "que", "ne", "Le", "jusque", "il", "est", "avion", "une", "un"),
    *("onze", "uname", "a-t-il", "écrit", "the", "is", "known", "to", "work", "in", "l’avion"),
    *("www.x.org", "Écrit", "ouvert", "ici", "/usr", "exec"),
]
TEXTS = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", " ", ". ", ", ", "  ", "\n"])),
    max_size=60,
).map(lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_missing_elisions_are_their_definition(text: str) -> None:
    doc = Document("d", "d.txt", text, text, metadata={"language": "fr"})
    found = [
        (f.start, f.end)
        for f in word_order(doc, Config())
        if f.evidence["reason"] == "missing elision"
    ]
    assert found == defined_missing_elisions(text)


def test_missing_elisions_of_real_texts_are_their_definition() -> None:
    # Every text of the development set and of the pinned slice.

    files = real_files()
    assert len(files) > 300
    found_in_all = 0
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        doc = Document(f.name, f.name, text, text, metadata={"language": "fr"})
        found = [
            (finding.start, finding.end)
            for finding in word_order(doc, Config())
            if finding.evidence["reason"] == "missing elision"
        ]
        assert found == defined_missing_elisions(text), f.name
        found_in_all += len(found)
    assert found_in_all > 5
