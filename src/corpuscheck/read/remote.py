"""Read a corpus from object storage or any file system pyarrow knows, by URI.

``corpuscheck build s3://bucket/news/ --out dist`` (or ``gs://``, ``hdfs://``,
``file://``) lists the Parquet and JSONL files under the URI with
:func:`pyarrow.fs.FileSystem.from_uri` and streams them as the local readers
do: Parquet a batch of rows at a time, JSONL line by line through the
decompressor its extension names. Credentials come from the environment, as
for any pyarrow program (``AWS_PROFILE``, ``GOOGLE_APPLICATION_CREDENTIALS``).
A record's place is the file's URI and its line or row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from corpuscheck.model import Corpus, Document, Finding
from corpuscheck.read.records import record_document

SUFFIXES = (".parquet", ".jsonl", ".jsonl.gz", ".jsonl.zst", ".ndjson")


def is_uri(path: str) -> bool:
    """A URI with a scheme, not a local path.

    >>> is_uri("s3://bucket/news"), is_uri("news/data"), is_uri("C:/corpus")
    (True, False, False)
    """
    scheme, sep, _ = path.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.isalnum()


def _lines(stream: Any) -> Iterator[bytes]:
    """The lines of a pyarrow input stream, read a block at a time."""
    pending = b""
    while block := stream.read(1 << 20):
        pending += block
        *complete, pending = pending.split(b"\n")
        for line in complete:
            yield line + b"\n"
    if pending:
        yield pending


def open_uri(uri: str, text_column: str, id_column: str) -> tuple[Corpus, Iterator[Any]]:
    """The corpus at ``uri`` and its documents; raises CorpusFolderError when there are none."""
    import pyarrow.fs as pafs

    from corpuscheck.read.corpus import CorpusFolderError

    try:
        fs, root = pafs.FileSystem.from_uri(uri)
        info = fs.get_file_info(root)
        if info.type == pafs.FileType.File:
            files = [root]
        elif info.type == pafs.FileType.Directory:
            listed = fs.get_file_info(pafs.FileSelector(root, recursive=True))
            files = sorted(i.path for i in listed if i.type == pafs.FileType.File)
            files = [f for f in files if f.endswith(SUFFIXES)]
        else:
            raise CorpusFolderError(f"nothing at {uri}")
    except (OSError, ValueError) as err:
        raise CorpusFolderError(f"cannot read {uri}: {err}") from err
    if not files:
        raise CorpusFolderError(f"no Parquet or JSONL file under {uri}")
    scheme = uri.split("://", 1)[0]
    return Corpus(uri, [], None, uri.rstrip("/").rsplit("/", 1)[-1]), _documents(
        fs, scheme, root, files, text_column, id_column
    )


def _documents(
    fs: Any, scheme: str, root: str, files: list[str], text_column: str, id_column: str
) -> Iterator[tuple[Document, list[Finding]]]:
    import json

    import pyarrow.parquet as pq

    for path in files:
        shown = path[len(root) :].lstrip("/") or path.rsplit("/", 1)[-1]
        place = f"{scheme}://{path}"
        if path.endswith(".parquet"):
            row = 0
            with pq.ParquetFile(fs.open_input_file(path)) as table:
                for batch in table.iter_batches(batch_size=256):
                    for record in batch.to_pylist():
                        row += 1
                        yield record_document(record, (place, row), shown, text_column, id_column)
            continue
        from corpuscheck.read.jsonl import bad_line

        with fs.open_input_stream(path, compression="detect") as stream:
            for number, line in enumerate(_lines(stream), start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except ValueError as err:
                    yield bad_line(place, shown, number, err)
                    continue
                yield record_document(record, (place, number), shown, text_column, id_column)
