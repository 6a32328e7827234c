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
trusted.

A corpus check may keep, in :class:`CorpusMemo`, what it worked out from a
few documents under a key of their contents (``duplicate.near`` keeps each
candidate pair's verification under the two texts' digests), so a rebuild
does not read back and compare the pairs it compared last time. A memo
holds what the last build used: builds of two corpora sharing one cache
take turns.

The cache does not grow forever: an entry read is touched, and at the end
of a build :func:`prune` removes what no build touched for
:data:`PRUNE_AFTER` seconds: the entries of documents removed or edited,
of older checks or settings. Two builds sharing the cache at once do not
remove each other's entries, as both touch them while running.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import stat
import time
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from corpuscheck.config import Config
from corpuscheck.model import Document, Finding

MAGIC = b"ccache1\n"
"""The first bytes of every entry: the format's name and version."""

DEFAULT_NAME = ".corpuscheck-cache"
"""The cache folder's name, beside the output folder."""

MEMO_FOLDER = "corpus"
"""The subfolder of the corpus checks' :class:`CorpusMemo` files."""

PRUNE_AFTER = 24 * 3600
"""Seconds an entry may go unused before a build removes it: long enough for any build
sharing the cache at the same time, and a CI cache is pruned on its next run."""


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
        value = _read_entry(path)
        if value is None:
            self._discard(path)
            return None
        self.hits += 1
        _touch(path)
        return value

    def _discard(self, path: Path) -> None:
        self.misses += 1
        with contextlib.suppress(OSError):
            path.unlink()

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, atomically; a cache that cannot be written is skipped."""
        _write_entry(self._path(key), value)


def _touch(path: Path) -> None:
    """Mark an entry as used now, so that :func:`prune` keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _read_entry(path: Path) -> Any:
    """The value stored at ``path``; None when it is missing, truncated or corrupt."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 32
    payload = data[head:]
    if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : head] != hashlib.sha256(payload).digest():
        return None
    try:
        return pickle.loads(payload)
    except Exception:
        return None


def _write_entry(path: Path, value: Any) -> None:
    """Write ``value`` to ``path`` atomically, with its checksum; skipped when it cannot be."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    # Named by the entry and this process, not by mkstemp's random tries: one
    # process writes one entry at a time, and two processes have two names.
    tmp = path.parent / f".{path.name[:8]}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileNotFoundError:  # the entry's folder, made on first need: one call, not two
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, flags, 0o666)
        with os.fdopen(fd, "wb") as f:
            f.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        # A full disk or a read-only cache only costs the next build time.


class CorpusMemo:
    """What one corpus check worked out before, by a key of the documents it depends on.

    One file per check and checks signature, read whole when opened and
    written back by :meth:`save` with only the entries this build used, so
    it holds what the current corpus needs and nothing more. Without a cache
    folder it is an empty memo that keeps nothing. A corrupt file is an
    empty memo: every value is worked out again.
    """

    def __init__(self, folder: Path | None, name: str, config: Config) -> None:
        self.path: Path | None = None
        self._before: dict[Hashable, Any] = {}
        self._used: dict[Hashable, Any] = {}
        if folder is not None:
            signature = checks_signature(config)[:16]
            self.path = Path(folder) / MEMO_FOLDER / f"{name}-{signature}"
            stored = _read_entry(self.path)
            if isinstance(stored, dict):
                self._before = stored

    def get(self, key: Hashable) -> Any:
        """The value kept under ``key`` (by this build or an earlier one), or None."""
        if key in self._used:
            return self._used[key]
        value = self._before.pop(key, None)
        if value is not None:
            self._used[key] = value
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Keep the entries used by this build for the next one (atomically)."""
        if self.path is not None:
            _write_entry(self.path, self._used)


_ENTRY = re.compile(r"[0-9a-f]{64}")
_TEMPORARY = re.compile(r"\.[0-9a-zA-Z._-]{1,8}\.[0-9a-zA-Z_]+\.tmp")
_MEMO = re.compile(r"[a-z_.]+-[0-9a-f]{16}")


def _is_ours(path: Path) -> bool:
    """Whether ``path`` is a file this module writes: an entry, a memo or a temporary file.

    >>> _is_ours(Path("ab") / ("ab" * 32)), _is_ours(Path("ab") / "notes.txt")
    (True, False)
    >>> _is_ours(Path("corpus") / "duplicate.near-0123456789abcdef")
    True
    """
    name, parent = path.name, path.parent.name
    if _TEMPORARY.fullmatch(name):
        return True
    if parent == MEMO_FOLDER:
        return bool(_MEMO.fullmatch(name))
    return bool(_ENTRY.fullmatch(name)) and name[:2] == parent


def prune(folder: Path, older_than: float = PRUNE_AFTER) -> int:
    """Remove the cache entries not used for ``older_than`` seconds; the number removed.

    Entries, memo files and temporary files left by a killed build alike;
    whatever cannot be removed is left.
    """
    limit = time.time() - older_than
    removed = 0
    for path in Path(folder).glob("*/*"):
        if not _is_ours(path):
            continue  # a cache folder given by hand may hold other files: never touched
        try:
            status = path.stat()
            if stat.S_ISREG(status.st_mode) and status.st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
