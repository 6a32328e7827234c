"""Per-document results kept between builds, so a rebuild checks only what changed.

``corpuscheck build SEEDS --out OUT`` keeps, in ``.corpuscheck-cache`` beside
``OUT`` (``--cache DIR`` elsewhere, ``--no-cache`` not at all), the result of
the per-document stage for every document: the cleaned document, its
findings and the corpus checks' observations. A document is looked up under
a key that covers everything its result depends on:

* the document as read: its id, file name, text (the file's bytes as
  decoded, with the findings reading gave, e.g. an invalid byte), and its
  metadata row;
* whether its document checks run (``check --since`` only cleans the others);
* corpuscheck's version and every registered check's name and ``version``
  (see :func:`corpuscheck.checks.registry.document_check`): a check whose
  behaviour changes bumps its version and its old results are not reused;
* the configuration that changes findings (:meth:`Config.fingerprint`).

The corpus checks (duplicates, metadata, spellings across documents) run on
every build, from the cached observations, so their findings are those of a
build without cache: a rebuild gives the same bytes.

Entries are safe to share: each is one file named by its key, written to a
temporary file and renamed into place, so two builds using one cache at once
see either no entry or a whole one. Each starts with a magic string and the
SHA-256 of its payload; an entry that is truncated, corrupt or of another
format is ignored (and removed) and the document processed again, never
trusted. Entries are never removed otherwise: delete the folder to reclaim
the space.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

from corpuscheck.config import Config
from corpuscheck.model import Document, Finding

MAGIC = b"ccache1\n"
"""The first bytes of every entry: the format's name and version."""

DEFAULT_NAME = ".corpuscheck-cache"
"""The cache folder's name, beside the output folder."""


def default_cache(out: Path) -> Path:
    """The cache folder of a build into ``out``: ``.corpuscheck-cache`` beside it.

    >>> default_cache(Path("site/dist")).as_posix()
    'site/.corpuscheck-cache'
    """
    return out.parent / DEFAULT_NAME


def checks_signature(config: Config) -> str:
    """A digest of what the checks are: corpuscheck's version, each check's name and version."""
    from corpuscheck import __version__
    from corpuscheck.checks.registry import load_checks

    parts = [f"corpuscheck {__version__}", config.fingerprint()]
    parts += sorted(f"{c.scope}:{c.name}:{c.version}" for c in load_checks().values())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _finding_data(f: Finding) -> list[Any]:
    return [f.rule, f.severity.value, f.message, f.start, f.end, f.replacement, f.fixed]


class ResultCache:
    """The cache folder of one build: :meth:`key`, :meth:`get`, :meth:`put`."""

    def __init__(self, folder: Path, config: Config) -> None:
        self.folder = Path(folder)
        self.signature = checks_signature(config)
        self.hits = 0
        self.misses = 0

    def key(self, doc: Document, found: list[Finding], checked: bool) -> str:
        """The key of a document as read, with the findings reading gave."""
        digest = hashlib.sha256()
        digest.update(self.signature.encode())
        head = {
            "id": doc.id,
            "file": doc.file,
            "readable": doc.readable,
            "checked": checked,
            "metadata": doc.metadata,
            "read": [_finding_data(f) for f in found],
        }
        digest.update(json.dumps(head, sort_keys=True, default=str).encode("utf-8"))
        digest.update(b"\0")
        digest.update(doc.original.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> Any:
        """The entry under ``key``, or None when there is none or it cannot be trusted."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        head = len(MAGIC) + 32
        payload = data[head:]
        if (
            data[: len(MAGIC)] != MAGIC
            or data[len(MAGIC) : head] != hashlib.sha256(payload).digest()
        ):
            self._discard(path)
            return None
        try:
            value = pickle.loads(payload)
        except Exception:
            self._discard(path)
            return None
        self.hits += 1
        return value

    def _discard(self, path: Path) -> None:
        self.misses += 1
        with contextlib.suppress(OSError):
            path.unlink()

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, atomically; a cache that cannot be written is skipped."""
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:8]}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            pass  # a full disk or a read-only cache only costs the next build time
