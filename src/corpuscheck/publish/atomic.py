"""Replace an output folder as a whole, so a failed build leaves the old one.

Everything is written into a hidden temporary folder beside the output folder
(on the same file system, so renaming is atomic); only when all of it is
written does the temporary folder take the output folder's place. The old
folder is renamed aside first and deleted last, so for an instant between the
two renames there is no output folder; there is never a half-written one.

The output folder must be renamable: a folder that is itself a mount point
(a container volume, say) cannot be replaced; write into a folder inside it.
"""

from __future__ import annotations

import errno
import secrets
import shutil
from collections.abc import Callable, Collection
from pathlib import Path


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
    tmp = _new_folder(out)
    try:
        write(tmp)
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(new: Path, out: Path) -> None:
    """Rename ``new`` to ``out``; an existing ``out`` is renamed aside, then deleted."""
    if not out.exists() and not out.is_symlink():
        new.rename(out)
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
