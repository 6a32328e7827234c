"""Zip the data package, with the same bytes for the same files.

Entries are sorted by name and carry a fixed date (1980-01-01, the earliest a
zip can hold), fixed permissions (``rw-r--r--``) and a fixed "made on" system,
so the archive depends only on the files it holds.

Parquet files are stored as they are: they are compressed already (zstd),
and deflating them again costs time for a few bytes. Everything else is
deflated at :data:`DEFLATE_LEVEL`.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_UNIX = 3
_FILE_MODE = 0o100644  # a regular file, rw-r--r--

DEFLATE_LEVEL = 5
"""One below zlib's default. On the tables of a 20 MB corpus (28 MB of CSV) level 6 took 0.94 CPU
s for 6.98 MB, level 5 0.54 s for 7.14 MB (2 % more bytes for 42 % less time), level 1 0.22 s
for 8.76 MB (25 % more); level 9 took 40 times as long as 6 on a large findings table (long runs
of similar rows make its lazy matching search far) for 2 % fewer bytes. Any fixed level gives
the same bytes for the same files."""

STORED_SUFFIXES = (".parquet",)
"""Files stored without compression: they are compressed inside already."""


def compression_of(name: str) -> tuple[int, int | None]:
    """The zip method and level for the file ``name``.

    >>> compression_of("data/findings.parquet") == (zipfile.ZIP_STORED, None)
    True
    >>> compression_of("data/findings.csv") == (zipfile.ZIP_DEFLATED, DEFLATE_LEVEL)
    True
    """
    if name.endswith(STORED_SUFFIXES):
        return zipfile.ZIP_STORED, None
    return zipfile.ZIP_DEFLATED, DEFLATE_LEVEL


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
            info.compress_type, level = compression_of(name)
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE << 16
            info._compresslevel = level  # type: ignore[attr-defined]  # what writestr sets
            source = root / name
            # Copied in blocks, so a large table never sits in memory whole;
            # the size known in advance makes the same headers as writestr.
            info.file_size = source.stat().st_size
            with open(source, "rb") as data, archive.open(info, "w") as entry:
                shutil.copyfileobj(data, entry, 1 << 20)
