"""Open whatever the user pointed at as a stream of documents.

:func:`open_source` chooses the reader by the path:

* a folder of ``*.txt`` files with ``metadata.csv`` (the default,
  :mod:`corpuscheck.read.corpus`);

Every reader returns a :class:`Source`: the corpus as known before reading
any document (root, manifest, the manifest's findings), an iterator of
``(document, findings)`` and, when known, the number of documents.
"""

from __future__ import annotations

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
    from corpuscheck.read.corpus import scan_corpus

    corpus, documents, total = scan_corpus(path)
    return Source(corpus, documents, total)
