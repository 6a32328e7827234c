"""Open a file of the corpus folder without ever leaving it.

A corpus folder comes from whoever opened the pull request, and whatever a
build reads is published (the package, the zip, the report, Pages). So a file
is read only when it is a regular file that sits directly in the corpus folder:
a symbolic link (wherever it points), a FIFO, a device, a socket or a folder is
refused before anything is opened, and the check is repeated on the open file
descriptor, so a file swapped for a link between the look and the read is
refused too.

>>> import tempfile, os
>>> from pathlib import Path
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "a.txt").write_text("bonjour")
>>> os.symlink("/etc/passwd", root / "p.txt")
>>> read_inside(root, "a.txt")
b'bonjour'
>>> read_inside(root, "p.txt")
Traceback (most recent call last):
...
corpuscheck.read.safe.UnsafeFile: p.txt is a symbolic link; corpuscheck reads only regular files inside the corpus folder
"""

from __future__ import annotations

import os
import stat


class UnsafeFile(OSError):
    """A file of the corpus folder that is not read: a link, a FIFO, a device, a folder.

    ``kind`` says which (``symlink``, ``fifo``, ``device``, ``socket``,
    ``directory``, ``outside``, ``other``).
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.strerror = message

    def __str__(self) -> str:
        return str(self.strerror)


def kind_of(mode: int) -> str:
    """A word for what a ``st_mode`` is, for messages and findings.

    >>> kind_of(stat.S_IFLNK), kind_of(stat.S_IFIFO), kind_of(stat.S_IFREG)
    ('symlink', 'fifo', 'file')
    """
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "other"


_DESCRIPTION = {
    "symlink": "a symbolic link",
    "directory": "a folder",
    "fifo": "a FIFO (named pipe)",
    "device": "a device",
    "socket": "a socket",
    "other": "not a regular file",
}


def refusal(name: str, kind: str) -> UnsafeFile:
    """The error for a file of kind ``kind`` that is not read."""
    if kind == "outside":
        what = "outside the corpus folder"
        return UnsafeFile(f"{name} is {what}; corpuscheck reads only files inside it", kind)
    what = _DESCRIPTION.get(kind, "not a regular file")
    return UnsafeFile(
        f"{name} is {what}; corpuscheck reads only regular files inside the corpus folder", kind
    )


def check_name(name: str) -> None:
    """Refuse a name that would reach outside the folder (``..``, ``/``, NUL).

    >>> check_name("../../etc/passwd")
    Traceback (most recent call last):
    ...
    corpuscheck.read.safe.UnsafeFile: ../../etc/passwd is outside the corpus folder; corpuscheck reads only files inside it
    """
    if not name or name in (".", "..") or "/" in name or "\x00" in name or os.sep in name:
        raise refusal(name, "outside")


def lstat_inside(root: str | os.PathLike[str], name: str) -> os.stat_result:
    """``lstat`` of ``root/name``; raises :class:`UnsafeFile` unless it is a regular file."""
    check_name(name)
    # Joined as strings: a build reads thousands of files, and pathlib's joins cost
    # more than the system calls.
    info = os.lstat(os.path.join(root, name))
    kind = kind_of(info.st_mode)
    if kind != "file":
        raise refusal(name, kind)
    return info


def open_inside(root: str | os.PathLike[str], name: str) -> int:
    """Open ``root/name`` for reading and return the file descriptor.

    Refuses (:class:`UnsafeFile`) anything but a regular file directly inside
    ``root``; never follows a symbolic link and never blocks on a FIFO.
    """
    before = lstat_inside(root, name)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(os.path.join(root, name), flags)
    except OSError as err:
        if err.errno == getattr(os, "ELOOP", -1):  # swapped for a link after the lstat
            raise refusal(name, "symlink") from None
        raise
    try:
        after = os.fstat(fd)
        if kind_of(after.st_mode) != "file":
            raise refusal(name, kind_of(after.st_mode))
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            raise refusal(name, "other")
    except BaseException:
        os.close(fd)
        raise
    return fd


class TooLarge(OSError):
    """A file larger than the most a build reads; ``size`` is its size in bytes."""

    def __init__(self, name: str, size: int, limit: int) -> None:
        super().__init__(f"{name} is {size:,} bytes, over the maximum of {limit:,}")
        self.size = size
        self.limit = limit
        self.strerror = str(self.args[0])

    def __str__(self) -> str:
        return str(self.strerror)


def read_inside(
    root: str | os.PathLike[str],
    name: str,
    limit: int | None = None,
    *,
    max_bytes: int | None = None,
) -> bytes:
    """The bytes of the regular file ``root/name`` (at most ``limit`` of them).

    Raises :class:`UnsafeFile` for links, FIFOs, devices, folders and names
    that leave the folder, :class:`TooLarge` (before reading anything, so a
    huge sparse file costs nothing) when the file holds more than
    ``max_bytes``, and :class:`OSError` when the file cannot be read.
    """
    fd = open_inside(root, name)
    try:
        if max_bytes is not None:
            size = os.fstat(fd).st_size
            if size > max_bytes:
                raise TooLarge(name, size, max_bytes)
            data = _read_fd(fd, max_bytes + 1, size)  # the file may have grown since
            if len(data) > max_bytes:
                raise TooLarge(name, len(data), max_bytes)
            return data if limit is None else data[:limit]
        return _read_fd(fd, limit)
    finally:
        os.close(fd)


def _read_fd(fd: int, most: int | None = None, size: int | None = None) -> bytes:
    """The bytes of ``fd`` from where it stands to its end, at most ``most`` of them.

    ``size`` is what the file's size was: read in one call when it has not
    changed. A buffered file object would cost more than the read itself for a
    small file (its reader made and the whole of ``most`` allocated at once: a
    build reads each document with ``most`` at 64 MB).
    """
    if size is None:
        size = os.fstat(fd).st_size
    pieces: list[bytes] = []
    got = 0
    ask = size + 1  # one byte more than expected: to see the end of the file at once
    while most is None or got < most:
        piece = os.read(fd, ask if most is None else min(ask, most - got))
        if not piece:
            break
        pieces.append(piece)
        got += len(piece)
        ask = 1 << 20
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)
