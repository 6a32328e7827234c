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
behind without holding the table in memory. The tables' rows are made into
frames and CSV here: in a thread, polars and pyarrow went back and forth for
the interpreter so often that it took three times as long, and held the rest
up. Only the Parquet writer's own work on a chunk made already (encoding and
zstd, most of a chunk's time) goes to another thread: pyarrow lets go of the
interpreter once for the whole of it.
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

PARQUET_CHUNKS_WAITING = 2
"""Chunks (of either table) made into Arrow tables and waiting to be written as Parquet, at most."""


class OrderedJobs:
    """Runs jobs in one thread, in the order they are given; a failure is raised here.

    A job that fails is raised (with its own type and message) by a later
    :meth:`submit` or by :meth:`wait`; the jobs queued after it are skipped.
    With ``most``, :meth:`submit` waits while that many jobs are queued or
    running: jobs that hold their data (a chunk of a table) then hold a
    bounded amount of it, however far behind the thread falls.
    """

    def __init__(self, name: str, most: int | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"corpuscheck-{name}")
        self._pending: deque[Future[None]] = deque()
        self._failed = False
        self._most = most

    def submit(self, job: Callable[..., None], *args: Any) -> None:
        """Queue ``job(*args)``, after raising the failure of a job already done, if any."""
        while self._pending and (
            self._pending[0].done() or (self._most is not None and len(self._pending) >= self._most)
        ):
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
    which reads it back from the file; each chunk of the Parquet file, made
    into an Arrow table here, is written by ``parquet``.
    """

    def __init__(self, root: Path, table: str, deflater: OrderedJobs, parquet: OrderedJobs) -> None:
        self.table = table
        self.csv_path = root / data_path(table, "csv")
        self.parquet_path = root / data_path(table, "parquet")
        self.deflated = DeflatedFile(data_path(table, "csv"))
        self.rows: list[dict[str, Any]] = []
        self.chars = 0
        self.written = 0
        self._deflater = deflater
        self._parquet_jobs = parquet
        self._parquet: Any = None  # made, written and closed in the thread of ``parquet``
        self._csv: Any = None

    def add(self, row: dict[str, Any], chars: int = 0) -> None:
        self.rows.append(row)
        self.chars += chars
        if len(self.rows) >= CHUNK_ROWS or self.chars >= CHUNK_CHARS:
            self.flush()

    def flush(self, *, last: bool = False) -> None:
        if not self.rows and not (last and self.written == 0):
            return
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
        self._parquet_jobs.submit(
            self._write_parquet, frame.to_arrow().cast(arrow_schema(self.table))
        )
        self.written += len(self.rows)
        self.rows, self.chars = [], 0

    def _write_parquet(self, data: Any) -> None:
        # In the thread of the Parquet jobs, one chunk after the other: the same
        # writer gets the same chunks in the same order as when written here.
        import pyarrow.parquet as pq

        if self._parquet is None:
            self._parquet = pq.ParquetWriter(
                self.parquet_path, data.schema, compression="zstd", compression_level=3
            )
        self._parquet.write_table(data)

    def _close_parquet(self) -> None:
        if self._parquet is not None:
            self._parquet.close()

    def close(self) -> None:
        self.flush(last=True)
        self._parquet_jobs.submit(self._close_parquet)
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
        # Two chunks at most wait for it (each holds its rows as an Arrow table).
        self.parquet = OrderedJobs("parquet", most=PARQUET_CHUNKS_WAITING)
        self.documents = TableFile(root, "documents", self.deflater, self.parquet)
        self.findings = TableFile(root, "findings", self.deflater, self.parquet)
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

        Writing the last chunks of the Parquet files may go on: :meth:`written`
        waits for it. Deflating the CSV files may go on too: :meth:`deflated`
        waits for it, when the zip is written, after the descriptor and the
        card and beside the report.
        """
        try:
            self.documents.close()
            self.findings.close()
        except BaseException:
            self.abort()
            raise

    def written(self) -> None:
        """Wait until both tables' files are complete (after :meth:`finish`).

        Raises what writing the Parquet files raised.
        """
        try:
            self.parquet.wait()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        """Stop writing and deflating and close the files unfinished (the build failed)."""
        self.parquet.abort()
        self.deflater.abort()
        for table in (self.documents, self.findings):
            table.release()

    def discard(self) -> None:
        """Free the deflated copies of the tables (after the zip, or a failure)."""
        self.parquet.abort()
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
