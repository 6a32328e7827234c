"""Turn documents and findings into the two published tables.

Column names, order and types come from the table schemas in
:mod:`corpuscheck.schemas`; nothing here restates them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from corpuscheck.model import SEVERITY_VALUES, Document, Finding
from corpuscheck.quality import quality_score
from corpuscheck.schemas import table_schema

if TYPE_CHECKING:
    import polars as pl

# polars is imported where a frame is made, not with this module: the rows are
# made in processes that never make a frame (a build's workers, forked from the
# building process before it needs polars).
_POLARS_TYPES: dict[str, str] = {
    "string": "String",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "Boolean",
    "date": "Date",
    "object": "String",  # JSON text
}


def _patterns(table: str) -> dict[str, re.Pattern[str]]:
    """Compiled ``pattern`` constraints of ``table``'s string fields (matched whole)."""
    return {
        f["name"]: re.compile(f["constraints"]["pattern"])
        for f in table_schema(table)["fields"]
        if f["type"] == "string" and "pattern" in f.get("constraints", {})
    }


def polars_schema(table: str) -> dict[str, Any]:
    """Polars dtypes of ``table``'s columns, from its table schema."""
    import polars as pl

    return {f["name"]: getattr(pl, _POLARS_TYPES[f["type"]]) for f in table_schema(table)["fields"]}


def parse_date(value: str) -> dt.date | None:
    """A plain ISO 8601 date (``2025-05-19``, what a Table Schema date is), else None.

    >>> parse_date("2025-05-19"), parse_date("2025-13-45"), parse_date("19/05/2025")
    (datetime.date(2025, 5, 19), None, None)
    """
    value = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def document_rows(
    documents: Iterable[Document], findings: Iterable[Finding]
) -> list[dict[str, Any]]:
    """One row per document: metadata as declared (strings), text and computed fields.

    ``quality_score`` is :func:`corpuscheck.quality.quality_score` of the
    document's findings.
    """
    by_doc: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_doc.setdefault(f.doc_id, []).append(f)
    return [document_row(doc, by_doc.get(doc.id, [])) for doc in documents]


def document_row(doc: Document, findings: Iterable[Finding]) -> dict[str, Any]:
    """The row of one document (see :func:`document_rows`); findings about others are ignored.

    What a streaming build calls once per document, with the document's own findings.
    """
    doc_id = doc.id
    own = [f for f in findings if f.doc_id == doc_id]
    counts = dict.fromkeys(SEVERITY_VALUES.values(), 0)
    for f in own:
        counts[SEVERITY_VALUES[f.severity]] += 1
    row: dict[str, Any] = {"id": doc_id, "file_name": doc.file, "text": doc.text}
    row["original_text"] = doc.original if doc.original != doc.text else None
    row.update({k: (v or None) for k, v in doc.metadata.items()})
    # A stub (see Document.stub) carries its text's digest and length; a document
    # from a build's stage, its digest (see corpuscheck.stage.Shipped).
    row["sha256"] = (
        doc.computed.get("sha256")
        or hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
    )
    length = doc.computed.get("length", len(doc.text))
    row["length"] = length
    row["detected_language"] = doc.computed.get("detected_language")
    row["detected_language_probability"] = doc.computed.get("detected_language_probability")
    row["errors"] = counts["error"]
    row["warnings"] = counts["warning"]
    row["infos"] = counts["info"]
    row["quality_score"] = quality_score(length, own)
    return row


def documents_frame(rows: list[dict[str, Any]], *, raw: bool = False) -> pl.DataFrame:
    """The documents table as a polars DataFrame.

    With ``raw`` every metadata column stays the string that was declared (for
    validation); otherwise values are typed as the schema says, and a value
    that does not parse or break its field's pattern (an invalid date, a URL
    that is not one) becomes null, so that the published table is valid: the
    metadata checks report the value as it was declared.
    """
    import polars as pl

    schema = polars_schema("documents")
    # Made column by column: polars builds a frame from lists in a fraction of the
    # time it takes from a dict per row (a build makes one per chunk of 5,000 rows).
    columns = {n: [r.get(n) for r in rows] for n in schema}
    if raw:
        types = {n: (pl.String if t is pl.Date else t) for n, t in schema.items()}
        return pl.DataFrame(columns, schema=types)
    # Only the date and pattern columns are looked at: the others pass as they are.
    for n, t in schema.items():
        if t is pl.Date:
            columns[n] = [parse_date(v) if isinstance(v, str) else v for v in columns[n]]
    for n, pattern in _patterns("documents").items():
        if schema[n] is not pl.Date:
            fits = pattern.fullmatch
            columns[n] = [None if isinstance(v, str) and not fits(v) else v for v in columns[n]]
    return pl.DataFrame(columns, schema=schema)


_EVIDENCE_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode
"""A finding's evidence as the findings table holds it: what ``json.dumps`` with these
options gives, without making an encoder per finding."""


def finding_id(finding: Finding) -> str:
    """A readable, stable id: where the finding is and which rule fired."""
    where = finding.doc_id or finding.file or "corpus"
    span = "" if finding.start is None else f"@{finding.start}-{finding.end}"
    return f"{where}:{finding.rule}{span}"


def findings_frame(findings: Iterable[Finding]) -> pl.DataFrame:
    """The findings table, one row per finding, ids made unique by a counter."""
    return findings_rows_frame(finding_rows(findings, Counter()))


def finding_rows(findings: Iterable[Finding], seen: Counter[str]) -> list[dict[str, Any]]:
    """Rows of the findings table; ``seen`` counts the ids given so far, to make them unique."""
    rows = []
    severities = SEVERITY_VALUES
    evidence_json = _EVIDENCE_JSON
    for f in findings:
        base = finding_id(f)
        seen[base] += 1
        fid = base if seen[base] == 1 else f"{base}#{seen[base]}"
        rows.append(
            {
                "finding_id": fid,
                "doc_id": f.doc_id,
                "file": f.file,
                "rule": f.rule,
                "severity": severities[f.severity],
                "start": f.start,
                "end": f.end,
                "excerpt": f.excerpt,
                "message": f.message,
                "fixed": f.fixed,
                "replacement": f.replacement,
                "evidence": evidence_json(f.evidence),
            }
        )
    return rows


def findings_rows_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """The findings table of rows made by :func:`finding_rows`."""
    import polars as pl

    schema = polars_schema("findings")
    # Column by column, as documents_frame.
    return pl.DataFrame({n: [r.get(n) for r in rows] for n in schema}, schema=schema)
