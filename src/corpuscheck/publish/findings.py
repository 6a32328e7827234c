"""Read the published findings table back, a row group at a time.

After a streaming build, :attr:`BuildResult.findings` is a
:class:`FindingsTable`: iterating it reads ``data/findings.parquet`` batch by
batch and yields :class:`~corpuscheck.model.Finding` objects, so the views of
``--output-format`` see the same findings as the package without a build
holding them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from corpuscheck.model import Finding, Severity


def finding_of(row: dict[str, Any]) -> Finding:
    """The finding of one row of the findings table."""
    return Finding(
        rule=row["rule"],
        severity=Severity(row["severity"]),
        message=row["message"] or "",
        doc_id=row["doc_id"],
        file=row["file"],
        start=row["start"],
        end=row["end"],
        excerpt=row["excerpt"] or "",
        replacement=row["replacement"],
        fixed=bool(row["fixed"]),
        evidence=json.loads(row["evidence"]) if row["evidence"] else {},
    )


class FindingsTable(Sequence[Finding]):
    """The findings of a published findings table, read when iterated."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._length: int | None = None

    def __iter__(self) -> Iterator[Finding]:
        import pyarrow.parquet as pq

        with pq.ParquetFile(self.path) as table:
            for batch in table.iter_batches(batch_size=10_000):
                for row in batch.to_pylist():
                    yield finding_of(row)

    def __len__(self) -> int:
        if self._length is None:
            import pyarrow.parquet as pq

            with pq.ParquetFile(self.path) as table:
                self._length = table.metadata.num_rows
        return self._length

    @overload
    def __getitem__(self, i: int) -> Finding: ...
    @overload
    def __getitem__(self, i: slice) -> list[Finding]: ...
    def __getitem__(self, i: int | slice) -> Finding | list[Finding]:
        # Views index rarely; reading up to the item keeps memory bounded.
        if isinstance(i, slice):
            return list(self)[i]
        if i < 0:
            i += len(self)
        for n, finding in enumerate(self):
            if n == i:
                return finding
        raise IndexError(i)
