"""Write the ``documents`` and ``findings`` tables as the documents stream past.

:class:`PackageWriter` is a sink of the pipeline: it receives the
corpus-level findings first, then each document with its findings, in
order, and appends them to ``data/*.csv`` and ``data/*.parquet`` in chunks
(a Parquet row group per chunk), so memory holds one chunk whatever the
corpus size. A chunk ends after :data:`CHUNK_ROWS` rows or
:data:`CHUNK_CHARS` characters of text, whichever comes first: both depend
only on the data, so the same corpus gives the same files.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from corpuscheck.model import Corpus, Document, Finding
from corpuscheck.publish.csvfile import spreadsheet_safe_frame
from corpuscheck.publish.datapackage import data_path

CHUNK_ROWS = 5_000
"""Rows of a table buffered before they are written (a Parquet row group)."""

CHUNK_CHARS = 2_000_000
"""Characters of text buffered before the documents are written."""


class TableFile:
    """One table appended chunk by chunk to its CSV and Parquet files."""

    def __init__(self, root: Path, table: str) -> None:
        self.table = table
        self.csv_path = root / data_path(table, "csv")
        self.parquet_path = root / data_path(table, "parquet")
        self.rows: list[dict[str, Any]] = []
        self.chars = 0
        self.written = 0
        self._parquet: Any = None
        self._csv: Any = None

    def add(self, row: dict[str, Any], chars: int = 0) -> None:
        self.rows.append(row)
        self.chars += chars
        if len(self.rows) >= CHUNK_ROWS or self.chars >= CHUNK_CHARS:
            self.flush()

    def flush(self, *, last: bool = False) -> None:
        if not self.rows and not (last and self.written == 0):
            return
        import pyarrow.parquet as pq

        from corpuscheck.publish.parquet import arrow_schema
        from corpuscheck.tables import documents_frame, findings_rows_frame

        frame = (
            documents_frame(self.rows)
            if self.table == "documents"
            else findings_rows_frame(self.rows)
        )
        if self._csv is None:
            self._csv = open(self.csv_path, "wb")  # noqa: SIM115 - closed in close()
        spreadsheet_safe_frame(frame).write_csv(
            self._csv, include_header=self.written == 0, line_terminator="\n"
        )
        data = frame.to_arrow().cast(arrow_schema(self.table))
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(
                self.parquet_path, data.schema, compression="zstd", compression_level=3
            )
        self._parquet.write_table(data)
        self.written += len(self.rows)
        self.rows, self.chars = [], 0

    def close(self) -> None:
        self.flush(last=True)
        if self._parquet is not None:
            self._parquet.close()
        if self._csv is not None:
            self._csv.close()


class PackageWriter:
    """The pipeline's sink that writes the two tables of the package under ``root/data``.

    It also keeps what the descriptor needs: the number of documents and of
    findings, and the license every document declares (if they agree).
    """

    def __init__(self, root: Path) -> None:
        (root / "data").mkdir(exist_ok=True)
        self.root = root
        self.documents = TableFile(root, "documents")
        self.findings = TableFile(root, "findings")
        self.document_count = 0
        self.finding_count = 0
        self.licenses: set[str] = set()
        self.corpus: Corpus | None = None

    def start(self, corpus: Corpus, findings: list[Finding]) -> None:
        self.corpus = corpus
        self._findings(findings)

    def document(self, doc: Document, findings: list[Finding], row: dict[str, Any]) -> None:
        self.documents.add(row, len(doc.text))
        self.document_count += 1
        if len(self.licenses) < 2:
            self.licenses.add(doc.metadata.get("license", "").strip())
        self._findings(findings)

    def _findings(self, findings: list[Finding]) -> None:
        from corpuscheck.tables import finding_rows

        # Finding ids are made unique within a document (or the corpus-level
        # group): where the id starts.
        for row in finding_rows(findings, Counter()):
            self.findings.add(row)
        self.finding_count += len(findings)

    def finish(self) -> None:
        self.documents.close()
        self.findings.close()

    @property
    def common_license(self) -> str | None:
        """The license all documents declare, or None when they differ or one declares none."""
        if len(self.licenses) != 1 or "" in self.licenses:
            return None
        return next(iter(self.licenses))
