"""Replace an output folder as a whole, so a failed or killed build leaves the old one.

Everything is written into a hidden temporary folder beside the output folder
(``.OUT.<random>.tmp``, on the same file system, never inside ``OUT``); only
when all of it is written does the temporary folder take the output folder's
place, in one atomic exchange of the two names (Linux ``renameat2`` with
``RENAME_EXCHANGE``), after which the old output, now under the temporary
name, is deleted. A build killed at any moment (even with SIGKILL) therefore
leaves either the old output or the new one, whole, never a mix and never no
output. Where the exchange is not available the old folder is renamed aside
first; a build killed between the two renames leaves it as ``.OUT.<random>.old``
and the next build puts it back before anything else.

Two builds into the same ``OUT`` take turns: each holds an exclusive lock
(``flock``) on ``.OUT.lock`` beside it from the first write to the swap, so
the second starts after the first has finished and its output is the one
left. Temporary and old folders of killed builds are deleted by the next
build, under that lock (they cannot belong to a build still running).

The output folder must be renamable: a folder that is itself a mount point
(a container volume, say) cannot be replaced; write into a folder inside it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import signal
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

CRASH_ENV = "CORPUSCHECK_TEST_CRASH_AT"
"""Tests set it to a stage name (see :func:`_stage`) to have the build killed there."""


def _unused_name(path: Path, tag: str) -> Path:
    """A hidden name beside ``path`` that nothing uses yet."""
    while True:
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.{tag}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate


def _new_folder(path: Path) -> Path:
    """A new, empty folder beside ``path`` (permissions as the umask says)."""
    while True:
        candidate = _unused_name(path, "tmp")
        try:
            candidate.mkdir()
        except FileExistsError:
            continue
        return candidate


def check_replaceable(out: Path, expected: Collection[str]) -> None:
    """Raise if replacing ``out`` could destroy something that is not a previous output.

    ``out`` may be missing, an empty folder, or a folder holding only names in
    ``expected`` (what a build writes). Anything else is refused with an
    :class:`OSError` saying why, so that ``--out .`` never wipes a project.
    """
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise FileExistsError(
            errno.EEXIST,
            "it is a file, not a folder: remove it or choose another output folder",
            str(out),
        )
    foreign = sorted(p.name for p in out.iterdir() if p.name not in expected)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise FileExistsError(
            errno.EEXIST,
            f"it holds files a build does not write ({shown}); the output folder is "
            "replaced as a whole, so move them or choose another output folder",
            str(out),
        )


def replace_folder(out: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a new folder, then put that folder in place of ``out``.

    If ``write`` (or the swap) fails, ``out`` is as it was and the temporary
    folder is removed; the error is raised again.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = Path(tmp) / "out"
    ...     replace_folder(out, lambda d: (d / "a.txt").write_text("new") and None)
    ...     sorted(p.name for p in Path(tmp).iterdir()), (out / "a.txt").read_text()
    (['out'], 'new')
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _clean_leftovers(out)
        tmp = _new_folder(out)
        try:
            _stage("tmp-created")
            write(tmp)
            _stage("written")
            _swap(tmp, out)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


def _stage(name: str) -> None:
    """Kill this process at stage ``name`` when a crash test asks for it."""
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``.OUT.lock`` beside ``out``; remove the file when done.

    The file is removed while still locked; a build that opened it before the
    removal finds, once it holds its lock, that the name now points at
    another file (or none), and locks again.
    """
    lock = out.with_name(f".{out.name}.lock")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        fd = os.open(lock, flags, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held = os.fstat(fd)
            try:
                now = os.stat(lock, follow_symlinks=False)
            except FileNotFoundError:
                now = None
        except BaseException:
            os.close(fd)
            raise
        if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        os.close(fd)


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.[0-9a-f]{8}\.(?P<tag>tmp|old)")


def _clean_leftovers(out: Path) -> None:
    """Delete what killed builds left beside ``out``; put back an old output left aside."""
    for path in sorted(out.parent.iterdir()):
        match = _LEFTOVER.fullmatch(path.name)
        if match is None or match["name"] != out.name or path.is_symlink():
            continue
        if match["tag"] == "old" and not out.exists() and not out.is_symlink():
            path.rename(out)  # killed between the two renames of the fallback swap
        else:
            shutil.rmtree(path, ignore_errors=True)


RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap the names ``a`` and ``b`` atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap(new: Path, out: Path) -> None:
    """Put ``new`` in place of ``out``; the old ``out`` is deleted."""
    if not out.exists() and not out.is_symlink():
        new.rename(out)
        return
    if out.is_dir() and not out.is_symlink() and _exchange(new, out):
        _stage("swapped")
        shutil.rmtree(new, ignore_errors=True)  # the old output, under the temporary name
        return
    old = _unused_name(out, "old")
    out.rename(old)
    try:
        new.rename(out)
    except BaseException:
        old.rename(out)
        raise
    if old.is_symlink():
        old.unlink()
    else:
        shutil.rmtree(old, ignore_errors=True)
