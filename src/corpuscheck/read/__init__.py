"""Step 1 of the pipeline: read a corpus folder into documents.

Every ``*.txt`` file of the folder becomes a :class:`~corpuscheck.model.Document`
whose id is the file's stem, and ``metadata.csv`` (when present) supplies each
document's metadata. Nothing here raises on a user's file: a file that cannot be
read, is not valid UTF-8, starts with a byte-order mark or is empty becomes a
finding and the rest of the corpus is still read.
"""

from __future__ import annotations

from corpuscheck.read.corpus import CorpusFolderError, read_corpus
from corpuscheck.read.decoding import decode_bytes

__all__ = ["CorpusFolderError", "decode_bytes", "read_corpus"]
