"""Read JSON Lines files: ``.jsonl``, ``.jsonl.gz`` and ``.jsonl.zst``, one record a line.

Files are read line by line through the decompressor, never whole. A line
that is not valid JSON (or not UTF-8) is a finding at its line; blank lines
are skipped. See :mod:`corpuscheck.read.records` for what a record becomes.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from corpuscheck.model import METADATA_FIELDS, Document, Finding, Severity
from corpuscheck.read.records import record_document

SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson")


def is_jsonl(path: Path) -> bool:
    return path.name.endswith(SUFFIXES)


def open_lines(path: Path) -> IO[bytes]:
    """The decompressed bytes of ``path``, as a stream."""
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if path.name.endswith(".zst"):
        import zstandard

        raw = open(path, "rb")  # noqa: SIM115 - closed with the reader
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, closefd=True))
    return open(path, "rb")


def read_jsonl(
    path: Path, shown: str, text_column: str, id_column: str
) -> Iterator[tuple[Document, list[Finding]]]:
    """Each record of the JSONL file ``path`` as a document with its findings."""
    with open_lines(path) as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as err:
                yield bad_line(str(path), shown, number, err)
                continue
            yield record_document(record, (str(path), number), shown, text_column, id_column)


def bad_line(place: str, shown: str, number: int, err: Exception) -> tuple[Document, list[Finding]]:
    """The unreadable document of a line that is not JSON, with its finding."""
    doc_id = f"{shown.rsplit('/', 1)[-1].split('.', 1)[0]}-{number}"
    doc = Document(doc_id, f"{doc_id}.txt", "", readable=False)
    doc.metadata = dict.fromkeys(METADATA_FIELDS, "")
    doc.computed["place"] = (place, number)
    message = f"{shown}:{number} is not valid JSON: {err}"
    evidence = {"error": type(err).__name__}
    return doc, [doc.finding("structure.unreadable", Severity.ERROR, message, evidence=evidence)]
