"""wordfreq's frequency tables, kept once per installation in a form that loads faster.

wordfreq ships each table as gzip-compressed msgpack, one list of words per
frequency bucket, and ``wordfreq.get_frequency_dict`` makes the
``{word: frequency}`` dict from it word by word. A French corpus needs seven
such tables (2.5 million entries) and 21 small ones (0.8 million), and every
worker process of every build made them again: about 1.3 CPU s, a second of
which is decompressing, unpacking and making the dicts word by word. The same
dicts read back with :mod:`marshal` (Python's own format for its compiled
files) take about two thirds of that: making the dicts is the floor.

So the first process that needs a table makes it with wordfreq, as before,
and writes it beside the others in the user's cache folder
(``$XDG_CACHE_HOME/corpuscheck/word-tables``, ``~/.cache`` when unset;
``CORPUSCHECK_WORD_TABLES`` names another folder). Each file is named by
what its table depends on (wordfreq's code, the data file it reads, the
Python that wrote it: :func:`_key`), starts with a magic string and the
SHA-256 of its payload, and is written to a temporary name and renamed into
place: a reader sees a whole file or none. A file that is missing,
truncated, corrupt or of another format is made again, never trusted; a
folder that cannot be written only means wordfreq is read every time.

pyspellchecker's dictionary is kept the same way (:func:`spelling_counts`), and so
are tables the checks derive from these (:func:`derived_table`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import mmap
import os
import sys
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T", bound=dict[str, Any])

MAGIC = b"corpuscheck word table 1\n"
"""The first bytes of every file: the format's name and version."""

FOLDER_ENV = "CORPUSCHECK_WORD_TABLES"
"""An environment variable naming the folder of the stored tables (the default is under the
user's cache folder)."""

DIGEST_SIZE = hashlib.sha256().digest_size

UNUSED_AFTER = 30 * 24 * 3600
"""Seconds after which a file of a table under another key may be removed (see
:func:`write_table`); a file is written once per installation and then only read."""


def frequency_table(lang: str, wordlist: str, folder: Path | None = None) -> dict[str, float]:
    """``wordfreq.get_frequency_dict(lang, wordlist)``: the same dict, from the stored copy.

    Read from ``folder`` (:func:`table_folder` when None) when a sound copy is
    there; otherwise made by wordfreq and stored for the next process.
    """
    from wordfreq import get_frequency_dict

    key = _key(lang, wordlist)
    if key is None:  # no data file of its own (wordfreq picks a near language)
        return get_frequency_dict(lang, wordlist)
    # Positional, as wordfreq calls it: its cache then holds one table, not two.
    return _stored(folder, f"{lang}-{wordlist}", key, lambda: get_frequency_dict(lang, wordlist))


def spelling_counts(lang: str, folder: Path | None = None) -> dict[str, int] | None:
    """The word counts of pyspellchecker's dictionary for ``lang``, as its checker holds them.

    The very dict ``SpellChecker(language=lang).word_frequency.dictionary``
    holds (lower-cased, in its order), from the stored copy; None when no
    dictionary ships for ``lang``. Making the checker reads a compressed JSON
    file and lower-cases its 140,000 words (0.15 CPU s for French, in every
    worker); the counts read back take a fifth of that.
    """
    key = _spelling_key(lang)
    if key is None:
        return None

    def counts() -> dict[str, int]:
        from spellchecker import SpellChecker

        return dict(SpellChecker(language=lang, distance=1).word_frequency.dictionary)

    return _stored(folder, f"spelling.{lang}", key, counts)


def derived_table(
    name: str, described: object, make: Callable[[], T], folder: Path | None = None
) -> T | None:
    """A table the checks derive from others, ``make()``'s, stored as ``name`` like them.

    ``described`` is what the table depends on (the keys of the tables it
    is made from, how it is made): its digest names the stored file. None
    when it is not stored and the folder cannot be written: the caller does
    without it, as making it in every process would cost more than it spares.
    """
    chosen = folder or table_folder()
    key = _digest(name, described)
    if not (chosen / f"{name}-{key}.table").exists() and not _writable(chosen):
        return None
    return _stored(chosen, name, key, make)


def _writable(folder: Path) -> bool:
    """Whether files can be written into ``folder``, made when missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _stored(folder: Path | None, name: str, key: str, make: Callable[[], T]) -> T:
    """The dict stored as ``name`` under ``key``, or ``make()``'s, then stored."""
    path = (folder or table_folder()) / f"{name}-{key}.table"
    found = read_table(path)
    if found is not None:
        return cast(T, found)
    value = make()
    write_table(path, value)
    return value


def table_folder() -> Path:
    """Where the stored tables are: ``CORPUSCHECK_WORD_TABLES``, else under the user's cache folder."""
    chosen = os.environ.get(FOLDER_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "corpuscheck", "word-tables")


def read_table(path: Path) -> dict[str, Any] | None:
    """The table stored at ``path``, or None when it is missing or not sound.

    The file is mapped, not read into a buffer of its own: the dict is made
    straight from the page cache, which every process shares.
    """
    try:
        with (
            open(path, "rb") as file,
            mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data,
            memoryview(data) as view,
        ):
            return _table_of(view)
    except (OSError, ValueError):  # missing, unreadable, empty (mmap refuses 0 bytes)
        return None


def _table_of(data: memoryview) -> dict[str, Any] | None:
    """The table in a file's bytes, when they are whole and of this format."""
    start = len(MAGIC) + DIGEST_SIZE
    if len(data) < start or data[: len(MAGIC)] != MAGIC:
        return None
    payload = data[start:]
    if hashlib.sha256(payload).digest() != data[len(MAGIC) : start]:
        return None
    try:
        table = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return table if isinstance(table, dict) else None


def write_table(path: Path, table: dict[str, Any]) -> bool:
    """Store ``table`` at ``path`` whole or not at all; False when it could not be written.

    Written to a temporary name of this thread beside it, then renamed into
    place. The files of the same table under other keys are removed once
    no process has written them for :data:`UNUSED_AFTER` seconds: an older
    wordfreq's, not those of another installation of the same user (another
    virtual environment), which would then write its own again, and the two
    would take turns.
    """
    payload = marshal.dumps(table)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as out:
            out.write(MAGIC + hashlib.sha256(payload).digest())
            out.write(payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    name = path.name.rsplit("-", 1)[0]
    for old in path.parent.glob(f"{name}-*.table"):
        with contextlib.suppress(OSError):
            if old != path and time.time() - old.stat().st_mtime > UNUSED_AFTER:
                old.unlink()
    return True


@cache
def _key(lang: str, wordlist: str) -> str | None:
    """What the table of ``lang`` depends on, as a short digest; None without a data file of its own.

    wordfreq's code (its arithmetic of buckets to frequencies: the size and
    time of its module's file, which an upgrade replaces), the data file's
    name, size and modification time, and the Python that writes the file
    (:mod:`marshal`'s format may change between versions). Asking
    ``importlib.metadata`` for wordfreq's version would cost more than the
    rest of the key.
    """
    import wordfreq

    files = wordfreq.available_languages(wordlist)
    if lang not in files:
        return None
    code = os.stat(wordfreq.__file__)
    data = os.stat(files[lang])
    return _digest(
        code.st_size,
        code.st_mtime_ns,
        os.path.basename(files[lang]),
        data.st_size,
        data.st_mtime_ns,
    )


@cache
def _spelling_key(lang: str) -> str | None:
    """What pyspellchecker's counts for ``lang`` depend on (as :func:`_key`); None without a file."""
    import spellchecker

    package = os.path.dirname(spellchecker.__file__)
    try:
        code = os.stat(os.path.join(package, "spellchecker.py"))
        data = os.stat(os.path.join(package, "resources", f"{lang.lower()}.json.gz"))
    except OSError:
        return None
    return _digest(
        "pyspellchecker", lang, code.st_size, code.st_mtime_ns, data.st_size, data.st_mtime_ns
    )


def _digest(*described: object) -> str:
    """A short name for what a stored file depends on: ``described``, the file format's
    version and the Python that writes it (marshal's format is Python's own)."""
    parts = [
        MAGIC.decode(),
        *described,
        sys.implementation.name,
        list(sys.version_info[:2]),
        marshal.version,
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]
