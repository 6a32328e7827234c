"""Write a table as Parquet, with the same bytes for the same table.

The Arrow types come from the table schema (never from whatever polars picks),
and nothing time- or machine-dependent goes into the file, so building the
same corpus twice gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from corpuscheck.schemas import table_schema

_ARROW_TYPES: dict[str, Any] = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
    "object": pa.string(),  # JSON text
}


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of ``table``, from its table schema.

    >>> arrow_schema("findings").field("start").type
    DataType(int64)
    """
    return pa.schema(
        [pa.field(f["name"], _ARROW_TYPES[f["type"]]) for f in table_schema(table)["fields"]]
    )


def write_parquet(frame: pl.DataFrame, path: Path, table: str) -> None:
    """Write ``frame``, the table named ``table``, to ``path`` as Parquet."""
    data = frame.to_arrow().cast(arrow_schema(table))
    pq.write_table(data, path, compression="zstd", compression_level=3)
