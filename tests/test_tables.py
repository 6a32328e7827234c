"""The frames of the two published tables, made column by column (corpuscheck.tables)."""

from __future__ import annotations

import hashlib
import json
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
from corpuscheck.quality import quality_score
from corpuscheck.tables import (
    _patterns,
    document_row,
    documents_frame,
    finding_id,
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


def former_document_row(doc: Document, findings: list[Finding]) -> dict[str, Any]:
    """document_row as it was: a Counter of the severities' values, the text hashed here."""
    own = [f for f in findings if f.doc_id == doc.id]
    counts = Counter(f.severity.value for f in own)
    row: dict[str, Any] = {"id": doc.id, "file_name": doc.file, "text": doc.text}
    row["original_text"] = doc.original if doc.original != doc.text else None
    row.update({k: (v or None) for k, v in doc.metadata.items()})
    row["sha256"] = hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
    length = doc.computed.get("length", len(doc.text))
    row["length"] = length
    row["detected_language"] = doc.computed.get("detected_language")
    row["detected_language_probability"] = doc.computed.get("detected_language_probability")
    row["errors"] = counts["error"]
    row["warnings"] = counts["warning"]
    row["infos"] = counts["info"]
    row["quality_score"] = quality_score(length, own)
    return row


def former_finding_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    """finding_rows as it was: json.dumps per finding, the severity's ``.value``."""
    seen: Counter[str] = Counter()
    rows = []
    for f in findings:
        base = finding_id(f)
        seen[base] += 1
        rows.append(
            {
                "finding_id": base if seen[base] == 1 else f"{base}#{seen[base]}",
                "doc_id": f.doc_id,
                "file": f.file,
                "rule": f.rule,
                "severity": f.severity.value,
                "start": f.start,
                "end": f.end,
                "excerpt": f.excerpt,
                "message": f.message,
                "fixed": f.fixed,
                "replacement": f.replacement,
                "evidence": json.dumps(f.evidence, ensure_ascii=False, sort_keys=True, default=str),
            }
        )
    return rows


def former_findings_rows_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=polars_schema("findings"), orient="row")


def same(a: pl.DataFrame, b: pl.DataFrame) -> None:
    assert a.schema == b.schema
    assert a.equals(b, null_equal=True)
    assert a.to_arrow() == b.to_arrow()


@pytest.fixture(scope="module")
def devset() -> tuple[list[Document], dict[str | None, list[Finding]]]:
    """The development set checked in one process, as a build's stage hands it over."""
    result = check(DEVSET, Config(jobs=1, cache=None))
    by_doc: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        by_doc.setdefault(f.doc_id, []).append(f)
    return result.corpus.documents, by_doc


def test_rows_are_those_of_the_former_definitions(devset) -> None:
    docs, by_doc = devset
    assert all("sha256" in d.computed for d in docs)  # kept by the stage
    for doc in docs:
        own = by_doc.get(doc.id, [])
        with_others = [*own, *by_doc.get(None, [])[:2]]
        row = document_row(doc, with_others)
        assert row == former_document_row(doc, with_others)
        assert list(row) == list(former_document_row(doc, with_others))  # the same order
        hashed = Document(doc.id, doc.file, doc.original, doc.text, dict(doc.metadata))
        assert document_row(hashed, own)["sha256"] == row["sha256"]  # hashed when not kept
        assert finding_rows(own, Counter()) == former_finding_rows(own)


evidence = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(),
        st.dates(),  # made text by default=str
    ),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@given(st.dictionaries(st.text(max_size=6), evidence, max_size=4))
def test_evidence_is_the_json_it_was(found: dict[str, Any]) -> None:
    f = Finding("artifact.markup", Severity.INFO, "m", doc_id="d", evidence=found)
    assert finding_rows([f, f], Counter()) == former_finding_rows([f, f])


@pytest.fixture(scope="module")
def devset_rows(devset) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    docs, by_doc = devset
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
