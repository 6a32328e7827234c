"""Documents from records: one row of a JSONL or Parquet file is one document.

A record holds the text in one column (``--text-column``, default
``text``), the document id in another (``--id-column``, default ``id``),
and anything else is the document's metadata: the columns ``language``,
``title``, ``source``... go through the same metadata checks as a
``metadata.csv`` row. A record's place is its file and its line (JSONL) or
row (Parquet, counted from 1), which is where annotations and SARIF point.

A document published from a record is named ``<id>.txt`` in the
``file_name`` column of the documents table, the name it would have in a
corpus folder. A record without a text, with a text that is not a string,
or without an id (then named after its place) is a finding, never a crash.
"""

from __future__ import annotations

import json
import re
from typing import Any

from corpuscheck.model import METADATA_FIELDS, Document, Finding, Severity


def _cell(value: Any) -> str:
    """A metadata value as the string a ``metadata.csv`` cell would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def safe_id(value: str) -> str:
    """An id usable as a file name: no ``/`` or ``\\``, not empty.

    >>> safe_id("news/2025/1"), safe_id("")
    ('news_2025_1', '_')
    """
    return re.sub(r"[/\\]", "_", value) or "_"


def record_document(
    record: Any,
    place: tuple[str, int],
    shown: str,
    text_column: str,
    id_column: str,
) -> tuple[Document, list[Finding]]:
    """The document of one record; ``place`` is (file, line or row), ``shown`` how to name it."""
    where = f"{shown}:{place[1]}"
    if not isinstance(record, dict):
        doc = Document(f"{_stem(shown)}-{place[1]}", "", "", readable=False)
        doc.file = f"{doc.id}.txt"
        doc.metadata = dict.fromkeys(METADATA_FIELDS, "")
        doc.computed["place"] = place
        message = f"{where} is not a record (an object with named fields)"
        return doc, [doc.finding("structure.unreadable", Severity.ERROR, message)]
    raw_id = record.get(id_column)
    doc_id = safe_id(_cell(raw_id)) if raw_id not in (None, "") else f"{_stem(shown)}-{place[1]}"
    value = record.get(text_column)
    text = value if isinstance(value, str) else ""
    metadata = {k: _cell(v) for k, v in record.items() if k not in (text_column, id_column)}
    for name in METADATA_FIELDS:
        metadata.setdefault(name, "")
    findings: list[Finding] = []
    readable = isinstance(value, str)
    doc = Document(doc_id, f"{doc_id}.txt", text, text)
    doc.metadata = metadata
    doc.readable = readable
    doc.computed["place"] = place
    if not readable:
        what = "has no" if value is None else f"has a {type(value).__name__}, not a string, as"
        findings.append(
            doc.finding(
                "structure.unreadable",
                Severity.ERROR,
                f"{where} {what} {text_column!r} column",
                evidence={"column": text_column},
            )
        )
    elif not text.strip():
        findings.append(
            doc.finding(
                "structure.empty",
                Severity.ERROR,
                f"{where}: the text is {'empty' if not text else 'whitespace only'}",
                evidence={"characters": len(text)},
            )
        )
    return doc, findings


def _stem(shown: str) -> str:
    name = shown.rsplit("/", 1)[-1]
    return safe_id(name.split(".", 1)[0])
