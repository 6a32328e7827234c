"""``--fix``: write the cleaner's safe repairs back into the corpus files.

Only documents the cleaner changed are rewritten, each atomically (a
temporary file renamed over the original), as UTF-8 without a byte-order
mark. Only the repairs that lose nothing are applied (:func:`is_safe`): a
mojibake sequence that ftfy can only turn into U+FFFD (a character was lost
before the text reached us) is left for a person to restore.

Every file rewritten keeps its original next to it as ``NAME.orig`` (never
overwritten: the first original is the one kept; ``*.orig`` files are not
documents, a build ignores them), and its unified diff is returned for the
command line to print. A second ``--fix`` finds nothing left to change. A
symbolic link, FIFO or anything but a regular file inside the corpus folder
is never read nor written through (see :mod:`corpuscheck.read.safe`), and
neither is a ``.orig`` that is not a regular file.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpuscheck.clean.repair import Repair
from corpuscheck.model import Corpus, Document
from corpuscheck.read.safe import UnsafeFile, lstat_inside, read_inside

BACKUP_SUFFIX = ".orig"

DIFF_LINES = 200
"""The most lines of diff shown for one file (the rest are counted)."""


@dataclass(frozen=True, slots=True)
class Fix:
    """A file rewritten by ``--fix``: where, where its original is kept, and the diff."""

    path: Path
    backup: Path
    diff: str
    refused: str | None = None
    """Why the file was left as it was (its ``.orig`` is not a regular file), or None."""

    def __str__(self) -> str:
        return str(self.path)

    def __fspath__(self) -> str:
        return str(self.path)


def is_safe(repair: Repair, original: str) -> bool:
    """True when a repair loses nothing and may be written back into the file.

    A repair is not safe when ftfy could only put U+FFFD where a character
    was lost (its lossy-sequence step, next to a U+FFFD): the file keeps the
    damage for a person to restore.

    >>> from corpuscheck.clean.repair import find_repairs
    >>> text = "Lâ€™Ukraine doesnâ€\ufffd have"
    >>> [(text[r.start:r.end], is_safe(r, text)) for r in find_repairs(text)]
    [('â€™', True), ('â€', False)]
    """
    if not any(step.endswith("replace_lossy_sequences") for step in repair.steps):
        return True
    around = original[max(0, repair.start - 1) : repair.end + 1]
    return "\ufffd" not in repair.replacement and "\ufffd" not in around


def fixed_text(doc: Document) -> str:
    """The document's original text with its safe repairs applied."""
    from corpuscheck.clean.repair import apply_repairs, find_repairs

    if doc.text == doc.original:
        return doc.text
    safe = [r for r in find_repairs(doc.original) if is_safe(r, doc.original)]
    text, _ = apply_repairs(doc.original, safe)
    return text


def write_fixes(corpus: Corpus) -> list[Fix]:
    """Rewrite each readable document whose safely repaired text differs from the file's bytes.

    Returns what was done to each such file, including those refused.
    """
    written = []
    for doc in corpus.documents:
        if not doc.readable:
            continue
        root = Path(corpus.root)
        new = fixed_text(doc).encode("utf-8")
        # Never through a link or onto anything but the regular file that was read.
        old = read_inside(root, doc.file)
        if old == new:
            continue
        backup = root / (doc.file + BACKUP_SUFFIX)
        try:
            keep_original(root, doc.file, old)
        except UnsafeFile as err:
            written.append(Fix(root / doc.file, backup, "", f"{err}: not fixed"))
            continue
        write_atomic(root / doc.file, new)
        written.append(Fix(root / doc.file, backup, unified_diff(doc.file, old, new)))
    return written


def keep_original(root: Path, name: str, data: bytes) -> None:
    """Write ``data`` to ``root/NAME.orig`` unless an original is kept there already.

    Raises :class:`UnsafeFile` when ``NAME.orig`` exists and is not a regular
    file (a link planted there must not be written through).
    """
    backup = name + BACKUP_SUFFIX
    if os.path.lexists(root / backup):
        lstat_inside(root, backup)  # a regular file: the oldest original, kept
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    mode = stat.S_IMODE(lstat_inside(root, name).st_mode)
    fd = os.open(root / backup, flags, mode)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        (root / backup).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half."""
    mode = stat.S_IMODE(lstat_inside(path.parent, path.name).st_mode) if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, mode)  # mkstemp makes the file private; keep the original's mode
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _visible(line: str) -> str:
    """A diff line safe to print on a terminal: controls and escapes written as ``\\xNN``."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", line)


def unified_diff(name: str, old: bytes, new: bytes) -> str:
    """The unified diff of a file's old bytes and new ones, at most :data:`DIFF_LINES` lines.

    >>> print(unified_diff("a.txt", "Lâ€™Ukraine\\n".encode(), "L’Ukraine\\n".encode()), end="")
    --- a/a.txt
    +++ b/a.txt
    @@ -1 +1 @@
    -Lâ€™Ukraine
    +L’Ukraine
    """
    from corpuscheck.read.decoding import decode_bytes

    before = decode_bytes(old).text.splitlines(keepends=True)
    after = new.decode("utf-8").splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
        body = line.rstrip("\r\n")
        lines.append(_visible(body if len(body) <= 2000 else body[:2000] + "…"))
        if len(lines) > DIFF_LINES:
            break
    shown = lines[:DIFF_LINES]
    if len(lines) > DIFF_LINES:
        shown.append("… (diff cut)")
    return "".join(f"{line}\n" for line in shown)


__all__ = ["BACKUP_SUFFIX", "Fix", "UnsafeFile", "fixed_text", "is_safe", "write_fixes"]
