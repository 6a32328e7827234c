"""Read Parquet files, Arrow stream files and Hugging Face dataset folders, by batches.

* a Parquet file, or a folder of them (``*.parquet``, or ``data/*.parquet``
  as the Hugging Face Hub lays a dataset out), read a batch of rows at a
  time (:meth:`pyarrow.parquet.ParquetFile.iter_batches`);
* a folder written by the ``datasets`` library's ``save_to_disk``:
  ``dataset_info.json``, ``state.json`` naming its Arrow stream files
  (``data-00000-of-00001.arrow``), read batch by batch with
  :func:`pyarrow.ipc.open_stream`; a ``DatasetDict`` folder
  (``dataset_dict.json``) is read split after split. The ``datasets``
  package is not needed.

Rows are counted from 1 in each file; see :mod:`corpuscheck.read.records`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from corpuscheck.model import Document, Finding
from corpuscheck.read.records import record_document

BATCH_ROWS = 256


def parquet_files(folder: Path) -> list[Path]:
    """The Parquet files of a folder: ``data/*.parquet`` first, else ``*.parquet``, sorted."""
    data = sorted((folder / "data").glob("**/*.parquet")) if (folder / "data").is_dir() else []
    return data or sorted(folder.glob("*.parquet"))


def is_saved_dataset(folder: Path) -> bool:
    """A folder written by ``datasets``' ``save_to_disk`` (a Dataset or a DatasetDict)."""
    return (folder / "state.json").is_file() or (folder / "dataset_dict.json").is_file()


def arrow_files(folder: Path) -> list[Path]:
    """The Arrow stream files of a saved dataset, in order (splits in their order)."""
    if (folder / "dataset_dict.json").is_file():
        splits = json.loads((folder / "dataset_dict.json").read_text("utf-8")).get("splits", [])
        return [f for split in splits for f in arrow_files(folder / split)]
    state = json.loads((folder / "state.json").read_text("utf-8"))
    return [folder / item["filename"] for item in state.get("_data_files", [])]


def _batches_of(path: Path) -> Iterator[Any]:
    if path.suffix == ".arrow":
        import pyarrow as pa

        with pa.memory_map(str(path)) as source:
            try:
                reader = pa.ipc.open_stream(source)
            except pa.ArrowInvalid:
                reader = pa.ipc.open_file(source)  # the Arrow file format
                for i in range(reader.num_record_batches):
                    yield reader.get_batch(i)
                return
            yield from reader
        return
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as table:
        yield from table.iter_batches(batch_size=BATCH_ROWS)


def read_tables(
    paths: list[Path], root: Path, text_column: str, id_column: str
) -> Iterator[tuple[Document, list[Finding]]]:
    """Each row of each Parquet or Arrow file as a document with its findings."""
    for path in paths:
        shown = path.relative_to(root).as_posix() if path != root else path.name
        row = 0
        for batch in _batches_of(path):
            for record in batch.to_pylist():
                row += 1
                yield record_document(record, (str(path), row), shown, text_column, id_column)
