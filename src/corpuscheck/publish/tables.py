"""Write the ``documents`` and ``findings`` tables as the documents stream past.

:class:`PackageWriter` is a sink of the pipeline: it receives the
corpus-level findings first, then each document with its findings, in
order, and appends them to ``data/*.csv`` and ``data/*.parquet`` in chunks
(a Parquet row group per chunk), so memory holds one chunk whatever the
corpus size. A chunk ends after :data:`CHUNK_ROWS` rows or
:data:`CHUNK_CHARS` characters of text, whichever comes first: both depend
only on the data, so the same corpus gives the same files.

The CSV files are deflated for the package's zip as they grow, in a thread
(:class:`OrderedJobs`, see :class:`corpuscheck.publish.archive.DeflatedFile`):
zlib lets go of the interpreter while it works, so deflating runs beside the
pipeline's work on the next documents and then on the report, on a core that
would otherwise wait. It reads each chunk back from the file, so it may lag
behind without holding the table in memory. The tables themselves are written
here: in a thread, polars and pyarrow went back and forth for the interpreter
so often that writing them took three times as long, and held the rest up.
"""

from __future__ import annotations

import contextlib
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corpuscheck.model import Corpus, Document, Finding
from corpuscheck.publish.archive import DeflatedFile
from corpuscheck.publish.csvfile import spreadsheet_safe_frame
from corpuscheck.publish.datapackage import data_path

CHUNK_ROWS = 5_000
"""Rows of a table buffered before they are written (a Parquet row group)."""

CHUNK_CHARS = 2_000_000
"""Characters of text buffered before the documents are written."""


class OrderedJobs:
    """Runs jobs in one thread, in the order they are given; a failure is raised here.

    A job that fails is raised (with its own type and message) by a later
    :meth:`submit` or by :meth:`wait`; the jobs queued after it are skipped.
    """

    def __init__(self, name: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"corpuscheck-{name}")
        self._pending: deque[Future[None]] = deque()
        self._failed = False

    def submit(self, job: Callable[..., None], *args: Any) -> None:
        """Queue ``job(*args)``, after raising the failure of a job already done, if any."""
        while self._pending and self._pending[0].done():
            self._take(self._pending.popleft())
        self._pending.append(self._pool.submit(self._run, job, *args))

    def _run(self, job: Callable[..., None], *args: Any) -> None:
        # In the thread. After a failure the file is broken: the jobs queued behind it are
        # skipped (the failure, earlier in the queue, is what gets raised).
        if self._failed:
            return
        try:
            job(*args)
        except BaseException:
            self._failed = True
            raise

    def wait(self) -> None:
        """Wait for every job; then the thread ends."""
        try:
            while self._pending:
                self._take(self._pending.popleft())
        finally:
            self._pool.shutdown(wait=True)

    def abort(self) -> None:
        """Drop the jobs not started, wait for the one running (a build that failed)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pending.clear()

    def _take(self, future: Future[None]) -> None:
        try:
            future.result()
        except BaseException:
            self.abort()
            raise


class TableFile:
    """One table appended chunk by chunk to its CSV and Parquet files.

    Each chunk of the CSV file is then deflated for the zip by ``deflater``,
    which reads it back from the file.
    """

    def __init__(self, root: Path, table: str, deflater: OrderedJobs) -> None:
        self.table = table
        self.csv_path = root / data_path(table, "csv")
        self.parquet_path = root / data_path(table, "parquet")
        self.deflated = DeflatedFile(data_path(table, "csv"))
        self.rows: list[dict[str, Any]] = []
        self.chars = 0
        self.written = 0
        self._deflater = deflater
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
        self._csv.flush()  # for the deflater, which reads it back
        self._deflater.submit(self.deflated.catch_up, self.csv_path, self._csv.tell())
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
        self._deflater.submit(self.deflated.close)

    def release(self) -> None:
        """Close the files without finishing them (the build failed and drops them)."""
        for handle in (self._parquet, self._csv):
            if handle is not None:
                with contextlib.suppress(Exception):
                    handle.close()
        self.deflated.discard()


class PackageWriter:
    """The pipeline's sink that writes the two tables of the package under ``root/data``.

    It also keeps what the descriptor needs: the number of documents and of
    findings, and the license every document declares (if they agree).
    """

    def __init__(self, root: Path) -> None:
        (root / "data").mkdir(exist_ok=True)
        self.root = root
        # It goes on beside the report after the last document (see deflated()).
        self.deflater = OrderedJobs("deflate")
        self.documents = TableFile(root, "documents", self.deflater)
        self.findings = TableFile(root, "findings", self.deflater)
        self.document_count = 0
        self.finding_count = 0
        self.licenses: set[str] = set()
        self.corpus: Corpus | None = None

    def warm(self) -> None:
        """Import what writing the tables needs (polars, pyarrow's Parquet writer)."""
        import pyarrow.parquet  # noqa: F401

        from corpuscheck.publish.parquet import arrow_schema
        from corpuscheck.tables import documents_frame, findings_rows_frame

        for table, frame in (("documents", documents_frame), ("findings", findings_rows_frame)):
            frame([]).to_arrow().cast(arrow_schema(table))

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
        """Write what is left of both tables.

        Deflating them may go on: :meth:`deflated` waits for it, when the zip
        is written, after the descriptor and the card and beside the report.
        """
        try:
            self.documents.close()
            self.findings.close()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Stop deflating and close the files unfinished (the build failed)."""
        self.deflater.abort()
        for table in (self.documents, self.findings):
            table.release()

    def discard(self) -> None:
        """Free the deflated copies of the tables (after the zip, or a failure)."""
        self.deflater.abort()
        for table in (self.documents, self.findings):
            table.deflated.discard()

    def deflated(self) -> dict[str, DeflatedFile]:
        """The CSV tables deflated for the zip, by their path in the package, once done.

        After :meth:`finish`; raises what deflating them raised.
        """
        self.deflater.wait()
        return {t.deflated.name: t.deflated for t in (self.documents, self.findings)}

    @property
    def common_license(self) -> str | None:
        """The license all documents declare, or None when they differ or one declares none."""
        if len(self.licenses) != 1 or "" in self.licenses:
            return None
        return next(iter(self.licenses))
