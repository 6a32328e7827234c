"""The quality score of each document: its formula and its column in the documents table."""

from __future__ import annotations

import doctest

import corpuscheck.quality
from corpuscheck.model import Finding, Severity
from corpuscheck.pipeline import check
from corpuscheck.quality import quality_score
from corpuscheck.schemas import table_schema
from corpuscheck.tables import document_rows, documents_frame


def _finding(rule: str, severity: Severity) -> Finding:
    return Finding(rule, severity, "m", doc_id="d")


def test_docstring_examples():
    result = doctest.testmod(corpuscheck.quality)
    assert result.attempted > 0 and result.failed == 0


def test_more_and_worse_findings_score_lower():
    error, warning, info = (
        _finding("artifact.placeholder", Severity.ERROR),
        _finding("artifact.markup", Severity.WARNING),
        _finding("language.uncertain", Severity.INFO),
    )
    assert quality_score(2000, []) == quality_score(2000, [info]) == 1.0
    assert 1.0 > quality_score(2000, [warning]) > quality_score(2000, [error])
    assert quality_score(2000, [error]) > quality_score(2000, [error, warning])
    assert quality_score(500, [error]) == quality_score(
        1000, [error]
    )  # short texts are not excused
    assert quality_score(10_000, [error]) > quality_score(1000, [error])
    assert quality_score(100, [_finding("structure.unreadable", Severity.ERROR)]) == 0.0


def test_the_documents_table_has_the_score_and_the_schema_declares_it(seeds):
    fields = {f["name"]: f for f in table_schema("documents")["fields"]}
    assert fields["quality_score"]["type"] == "number"
    result = check(seeds)
    frame = documents_frame(document_rows(result.corpus.documents, result.findings))
    scores = dict(zip(frame["id"].to_list(), frame["quality_score"].to_list(), strict=True))
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    by_seed = {k[:3]: v for k, v in scores.items()}
    # The native French seed comes last when sorting the worst first.
    assert by_seed["003"] == max(by_seed.values())
    assert by_seed["000"] < 1.0 and by_seed["001"] < 1.0
