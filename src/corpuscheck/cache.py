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

Entries are rows of one SQLite database, ``results.sqlite`` in the cache
folder, written a batch of documents at a time: one file for the whole
cache, not one per document. Creating a file is a filesystem's costliest
step (about half a millisecond of system time each on the benchmark's
machine, more than a twentieth of a build's CPU when every document made
one). SQLite's locks let two builds use one cache at once: each sees
either no entry or a whole one. Each entry starts with a magic string and
the SHA-256 of its payload; an entry that is corrupt or of another format
is ignored (and removed) and the document processed again, never trusted;
a database that cannot be opened or read is left alone for the build (every
document processed) and removed by its end, so the next build starts a new one.

A corpus check may keep, in :class:`CorpusMemo`, what it worked out from a
few documents under a key of their contents (``duplicate.near`` keeps each
candidate pair's verification under the two texts' digests), so a rebuild
does not read back and compare the pairs it compared last time. A memo
holds what the last build used: builds of two corpora sharing one cache
take turns.

The cache does not grow forever: an entry read is marked used (at most
once every :data:`TOUCH_EVERY` seconds), and at the end of a build
:func:`prune` removes what no build used for :data:`PRUNE_AFTER` seconds:
the entries of documents removed or edited, of older checks or settings.
Two builds sharing the cache at once do not remove each other's entries,
as both mark them used while running.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import sqlite3
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

TOUCH_EVERY = 3600
"""Seconds after which an entry read is marked used again: a rebuild soon after the last
build writes nothing."""

RESULTS_FILE = "results.sqlite"
"""The database of the per-document entries, in the cache folder."""

KEYS_PER_QUERY = 500
"""Keys looked up by one query at most (SQLite bounds the parameters of a statement)."""

BUSY_SECONDS = 30.0
"""How long a process waits for another's write to the database before it goes without
(a document not cached is only processed again)."""


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
    """The cache folder of one build: :meth:`key`, :meth:`get_many`, :meth:`put_many`.

    Each process opens the database for a batch and closes it after
    (:meth:`close`): a connection must not cross a fork, and the worker
    processes are forked from one that ran a batch. Every failure of the
    database (locked too long, read-only, full disk, corrupt) costs only
    time: an entry not read is computed, one not written is computed again
    next time.
    """

    def __init__(self, folder: Path, config: Config) -> None:
        self.folder = Path(folder)
        self.signature = checks_signature(config)
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._unusable = False

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

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is None and not self._unusable:
            try:
                self._db = _open_results(self.folder)
            except (sqlite3.Error, OSError):
                self._unusable = True  # this build goes without; prune() mends a corrupt file
        return self._db

    def close(self) -> None:
        """Close the database until the next call (before a process forks, after a batch)."""
        if self._db is not None:
            db, self._db = self._db, None
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def get(self, key: str) -> Any:
        """The entry under ``key``, or None when there is none or it cannot be trusted."""
        return self.get_many([key]).get(key)

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        """The trusted entries among ``keys``, by key (one query); each found is marked used."""
        db = self._connection()
        found: dict[str, Any] = {}
        if db is None or not keys:
            self.misses += len(keys)
            return found
        wanted = sorted(set(keys))
        rows = []
        try:
            for at in range(0, len(wanted), KEYS_PER_QUERY):
                part = wanted[at : at + KEYS_PER_QUERY]
                marks = ",".join("?" * len(part))
                rows += db.execute(
                    f"SELECT key, value, used FROM entries WHERE key IN ({marks})", part
                ).fetchall()
        except sqlite3.Error:
            self.misses += len(keys)
            return found
        now = time.time()
        stale: list[str] = []
        untrusted: list[str] = []
        for key, data, used in rows:
            value = _entry_value(data)
            if value is None:
                untrusted.append(key)
                continue
            found[key] = value
            if used < now - TOUCH_EVERY:
                stale.append(key)
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        if stale or untrusted:
            self._write(
                [
                    ("UPDATE entries SET used = ? WHERE key = ?", [(now, k) for k in stale]),
                    ("DELETE FROM entries WHERE key = ?", [(k,) for k in untrusted]),
                ]
            )
        return found

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key``; a cache that cannot be written is skipped."""
        self.put_many([(key, value)])

    def put_many(self, items: list[tuple[str, Any]]) -> None:
        """Store each ``(key, value)``, in one transaction."""
        if not items or self._connection() is None:
            return
        now = time.time()
        rows = [(key, _entry_data(value), now) for key, value in items]
        self._write([("INSERT OR REPLACE INTO entries (key, value, used) VALUES (?, ?, ?)", rows)])

    def _write(self, statements: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        db = self._connection()
        if db is None:
            return
        try:
            # Taking the write lock first: a transaction that read first and then
            # wanted to write could not wait for another writer (a deadlock).
            db.execute("BEGIN IMMEDIATE")
            try:
                for sql, rows in statements:
                    if rows:
                        db.executemany(sql, rows)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            return  # locked too long, read-only, full: only a later build's time


def _open_results(folder: Path) -> sqlite3.Connection:
    """The database of a cache folder, made when missing; in autocommit mode."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(
        folder / RESULTS_FILE, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
    )
    try:
        # A rollback journal kept between transactions (PERSIST), not a write-ahead log:
        # a log and its index are deleted when the last connection closes, and made again
        # by the next, two files a batch. Not synced: a cache lost to a power cut is only
        # time, and a corrupt database is removed by prune().
        db.execute("PRAGMA journal_mode=PERSIST")
        db.execute("PRAGMA synchronous=OFF")
        # When an entry was used before the entry itself: pruning reads it without
        # following each row's pages of payload.
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries"
            " (key TEXT PRIMARY KEY, used REAL NOT NULL, value BLOB NOT NULL)"
        )
    except BaseException:
        db.close()
        raise
    return db


def _entry_data(value: Any) -> bytes:
    """``value`` as an entry: the magic string, the SHA-256 of the payload, the payload."""
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + hashlib.sha256(payload).digest() + payload


def _entry_value(data: Any) -> Any:
    """The value of an entry's bytes; None when they are truncated, corrupt or not an entry."""
    if not isinstance(data, bytes):
        return None
    head = len(MAGIC) + 32
    payload = data[head:]
    if data[: len(MAGIC)] != MAGIC or data[len(MAGIC) : head] != hashlib.sha256(payload).digest():
        return None
    try:
        return pickle.loads(payload)
    except Exception:
        return None


def _read_entry(path: Path) -> Any:
    """The value stored at ``path``; None when it is missing, truncated or corrupt."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _entry_value(data)


def _write_entry(path: Path, value: Any) -> None:
    """Write ``value`` to ``path`` atomically, with its checksum; skipped when it cannot be."""
    data = _entry_data(value)
    # Named by the entry and this process, not by mkstemp's random tries: one
    # process writes one entry at a time, and two processes have two names.
    tmp = path.parent / f".{path.name[:8]}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileNotFoundError:  # the file's folder, made on first need: one call, not two
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, flags, 0o666)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
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

    The database's entries, then the files: memos, temporary files left by a
    killed build, and the entries of the earlier one-file-per-entry layout,
    which no build reads any more. Whatever cannot be removed is left.
    """
    limit = time.time() - older_than
    removed = _prune_results(Path(folder), limit)
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


def _prune_results(folder: Path, limit: float) -> int:
    """Remove the database's entries last used before ``limit``; a corrupt database entirely."""
    if not (folder / RESULTS_FILE).is_file():
        return 0
    try:
        db = _open_results(folder)
        try:
            return db.execute("DELETE FROM entries WHERE used < ?", (limit,)).rowcount
        finally:
            db.close()
    except sqlite3.OperationalError:
        return 0  # locked, read-only: the next build prunes
    except sqlite3.DatabaseError:
        # Not a database, or a damaged one: gone, so that the next build makes a new one.
        for name in (RESULTS_FILE, f"{RESULTS_FILE}-journal"):
            with contextlib.suppress(OSError):
                (folder / name).unlink()
        return 0
