"""Every registered check, on any text: no exception, every span inside the text.

Hypothesis draws texts from French prose's alphabet mixed with what damaged
corpora hold (mojibake, controls, entities, quotes, lone surrogates, NUL),
cleans them as a build does (texts as the reader gives them: any Unicode
but lone surrogates) and runs each check of the registry on them,
document checks one document at a time and corpus checks over two documents.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuscheck.checks.registry import load_checks
from corpuscheck.clean import clean_document
from corpuscheck.config import Config
from corpuscheck.model import METADATA_FIELDS, Corpus, Document

PIECES = [
    *"abcdeéèêàçôûïœ’«» —…,.;:!?\n\t\r\"'()[]-0123456789ÉÀXNUM",
    "Ã©",
    "â€™",
    "&amp;",
    "&#233;",
    "\x00",
    "\x1b[31m",
    "\x85",
    "\ufeff",
    "\u200b",
    "\ufffd",
    "XNUMX",
    "<p>",
    "http://x.example/a",
    " Le gouvernement a annoncé lundi une série de mesures. ",
    " The government said on Monday it would act. ",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    # No lone surrogates: the reader never yields one (a bad byte becomes a
    # Windows-1252 character), and the cleaner's own fuzz test covers them.
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHECKS = load_checks()


def document(doc_id: str, text: str) -> Document:
    doc = Document(doc_id, f"{doc_id}.txt", text, text)
    doc.metadata = dict.fromkeys(METADATA_FIELDS, "") | {"language": "fr"}
    clean_document(doc)
    return doc


def assert_inside(findings, docs: dict[str, Document]) -> None:
    for finding in findings:
        if finding.start is None:
            continue
        doc = docs[finding.doc_id]
        assert 0 <= finding.start <= finding.end <= len(doc.original), finding


@pytest.mark.parametrize("name", [n for n, c in CHECKS.items() if c.scope == "document"])
@FUZZ
@given(text=TEXTS)
def test_document_check_on_any_text(name, text):
    doc = document("d", text)
    findings = list(CHECKS[name].apply(doc, Config()))
    assert_inside(findings, {"d": doc})


@pytest.mark.parametrize("name", [n for n, c in CHECKS.items() if c.scope == "corpus"])
@FUZZ
@given(first=TEXTS, second=TEXTS)
def test_corpus_check_on_any_texts(name, first, second):
    docs = {"a": document("a", first), "b": document("b", second)}
    rows = [{"file_name": "a.txt", "language": "fr"}, {"file_name": "b.txt", "title": first}]
    corpus = Corpus(".", list(docs.values()), rows)
    findings = list(CHECKS[name].apply(corpus, Config()))
    assert_inside([f for f in findings if f.doc_id is not None], docs)
