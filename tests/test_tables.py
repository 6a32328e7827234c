"""The frames of the two published tables, made column by column (corpuscheck.tables)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.config import Config
from corpuscheck.model import METADATA_FIELDS, Document, Finding, Severity
from corpuscheck.pipeline import check
from corpuscheck.tables import (
    _patterns,
    document_row,
    documents_frame,
    finding_rows,
    findings_rows_frame,
    parse_date,
    polars_schema,
)

DEVSET = Path(__file__).parent / "devset" / "corpus"


def former_documents_frame(rows: list[dict[str, Any]], *, raw: bool = False) -> pl.DataFrame:
    """documents_frame as it was: a dict per row, handed to polars by rows."""
    schema = polars_schema("documents")
    names = list(schema)
    if raw:
        types = {n: (pl.String if t is pl.Date else t) for n, t in schema.items()}
        return pl.DataFrame(
            [{n: r.get(n) for n in names} for r in rows], schema=types, orient="row"
        )
    patterns = _patterns("documents")
    dates = [n for n, t in schema.items() if t is pl.Date]
    matched = [(n, p) for n, p in patterns.items() if schema[n] is not pl.Date]
    typed = []
    for r in rows:
        row = {n: r.get(n) for n in names}
        for n in dates:
            value = row[n]
            if isinstance(value, str):
                row[n] = parse_date(value)
        for n, pattern in matched:
            value = row[n]
            if isinstance(value, str) and not pattern.fullmatch(value):
                row[n] = None
        typed.append(row)
    return pl.DataFrame(typed, schema=schema, orient="row")


def former_findings_rows_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=polars_schema("findings"), orient="row")


def same(a: pl.DataFrame, b: pl.DataFrame) -> None:
    assert a.schema == b.schema
    assert a.equals(b, null_equal=True)
    assert a.to_arrow() == b.to_arrow()


@pytest.fixture(scope="module")
def devset_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    result = check(DEVSET, Config(jobs=1, cache=None))
    by_doc: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        by_doc.setdefault(f.doc_id, []).append(f)
    docs = result.corpus.documents
    rows = [document_row(d, by_doc.get(d.id, [])) for d in docs]
    findings = [r for d in docs for r in finding_rows(by_doc.get(d.id, []), Counter())]
    return rows, findings


def test_the_development_set_gives_the_same_frames(devset_rows) -> None:
    rows, findings = devset_rows
    assert len(rows) > 100 and len(findings) > 100
    for raw in (False, True):
        same(documents_frame(rows, raw=raw), former_documents_frame(rows, raw=raw))
    same(findings_rows_frame(findings), former_findings_rows_frame(findings))
    # As a build hands them over, in chunks, and as none.
    same(documents_frame(rows[:7]), former_documents_frame(rows[:7]))
    same(documents_frame([]), former_documents_frame([]))
    same(findings_rows_frame([]), former_findings_rows_frame([]))


# Declared metadata as it comes: valid, broken, empty, odd.
values = st.one_of(
    st.sampled_from(
        [
            "",
            "fr",
            "pt-BR",
            "english",
            "2025-05-19",
            "2025-13-45",
            "19/05/2025",
            " 2024-02-29 ",
            "https://example.org/a",
            "http://",
            "ftp://x",
            "=HYPERLINK(1)",
        ]
    ),
    st.text(max_size=12),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({k: values for k in METADATA_FIELDS}), max_size=8))
def test_any_metadata_gives_the_same_frames(metadata: list[dict[str, str]]) -> None:
    rows, findings = [], []
    for n, declared in enumerate(metadata):
        doc = Document(f"d{n}", f"d{n}.txt", "Un texte.", "Un texte.", metadata=declared)
        doc.computed["detected_language_probability"] = 0.5 if n % 2 else None
        found = [doc.finding("artifact.markup", Severity.WARNING, declared["title"], 0, 2)]
        rows.append(document_row(doc, found))
        findings += finding_rows(found, Counter())
    for raw in (False, True):
        same(documents_frame(rows, raw=raw), former_documents_frame(rows, raw=raw))
    same(findings_rows_frame(findings), former_findings_rows_frame(findings))
