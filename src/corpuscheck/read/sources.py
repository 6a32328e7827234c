"""Open whatever the user pointed at as a stream of documents.

:func:`open_source` chooses the reader by the path:

================================================  ==================================
a folder of ``*.txt`` and ``metadata.csv``        :mod:`corpuscheck.read.corpus` (default)
``*.jsonl``, ``*.jsonl.gz``, ``*.jsonl.zst``      :mod:`corpuscheck.read.jsonl`
a folder of JSONL files (and no ``*.txt``)        the same, file after file
``*.parquet``, or a folder of them, or of         :mod:`corpuscheck.read.parquet`
``data/*.parquet`` (a Hugging Face dataset)
a folder saved by ``datasets``' ``save_to_disk``  the same (Arrow stream files)
a URI (``s3://``, ``gs://``, ``file://``)         :mod:`corpuscheck.read.remote`
================================================  ==================================

Every reader returns a :class:`Source`: the corpus as known before reading
any document (root, manifest, the manifest's findings), an iterator of
``(document, findings)`` and, when known, the number of documents. Files
are read a line or a batch of rows at a time, never whole.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpuscheck.model import Corpus, Document, Finding

if TYPE_CHECKING:
    from corpuscheck.config import Config


@dataclass(slots=True)
class Source:
    """A corpus opened for streaming."""

    corpus: Corpus
    documents: Iterator[tuple[Document, list[Finding]]]
    total: int | None = None


def open_source(path: str | Path, config: Config) -> Source:
    """The reader for ``path``; raises :class:`CorpusFolderError` when it cannot be read."""
    from corpuscheck.read.corpus import CorpusFolderError, scan_corpus
    from corpuscheck.read.jsonl import is_jsonl, read_jsonl
    from corpuscheck.read.parquet import arrow_files, is_saved_dataset, parquet_files, read_tables
    from corpuscheck.read.remote import is_uri, open_uri

    text, ident = config.text_column, config.id_column
    if is_uri(str(path)):
        corpus, documents = open_uri(str(path), text, ident)
        return Source(corpus, documents)
    source = Path(path)
    if source.is_file() and not source.is_symlink():
        if is_jsonl(source):
            return Source(_corpus(source), read_jsonl(source, source.name, text, ident))
        if source.suffix in (".parquet", ".arrow"):
            return Source(_corpus(source), read_tables([source], source, text, ident))
        raise CorpusFolderError(
            f"{path} is a file that is not JSONL (.jsonl, .jsonl.gz, .jsonl.zst) or Parquet: "
            "pass a corpus folder, a JSONL or Parquet file, or a dataset folder"
        )
    if source.is_dir() and not source.is_symlink():
        try:
            names = os.listdir(source)
        except OSError as err:
            raise CorpusFolderError(f"cannot list {path}: {err.strerror or err}") from err
        if not any(name.endswith(".txt") for name in names):
            if is_saved_dataset(source):
                files = arrow_files(source)
                return Source(_corpus(source), read_tables(files, source, text, ident))
            tables = parquet_files(source)
            if tables:
                return Source(_corpus(source), read_tables(tables, source, text, ident))
            jsonl = sorted(source / name for name in names if is_jsonl(Path(name)))
            if jsonl:
                return Source(_corpus(source), _each_jsonl(jsonl, text, ident))
    corpus, documents, total = scan_corpus(source, config.max_document_bytes)
    return Source(corpus, documents, total)


def _corpus(source: Path) -> Corpus:
    """The corpus of a record input: no manifest (the metadata is in the records)."""
    return Corpus(str(source), [], None, source.name)


def _each_jsonl(
    files: list[Path], text: str, ident: str
) -> Iterator[tuple[Document, list[Finding]]]:
    from corpuscheck.read.jsonl import read_jsonl

    for file in files:
        yield from read_jsonl(file, file.name, text, ident)
