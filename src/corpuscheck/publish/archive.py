"""Zip the data package, with the same bytes for the same files.

Entries are sorted by name and carry a fixed date (1980-01-01, the earliest a
zip can hold), fixed permissions (``rw-r--r--``) and a fixed "made on" system,
so the archive depends only on the files it holds.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_UNIX = 3
_FILE_MODE = 0o100644  # a regular file, rw-r--r--


def write_zip(path: Path, root: Path, names: Iterable[str]) -> None:
    """Write to ``path`` a zip of the files ``names`` (``/``-separated, relative to ``root``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     root = Path(tmp)
    ...     _ = (root / "b.txt").write_text("b")
    ...     _ = (root / "a.txt").write_text("a")
    ...     write_zip(root / "out.zip", root, ["b.txt", "a.txt"])
    ...     zipfile.ZipFile(root / "out.zip").namelist()
    ['a.txt', 'b.txt']
    """
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE << 16
            info._compresslevel = 9  # type: ignore[attr-defined]  # what writestr sets
            source = root / name
            # Copied in blocks, so a large table never sits in memory whole;
            # the size known in advance makes the same headers as writestr.
            info.file_size = source.stat().st_size
            with open(source, "rb") as data, archive.open(info, "w") as entry:
                shutil.copyfileobj(data, entry, 1 << 20)
