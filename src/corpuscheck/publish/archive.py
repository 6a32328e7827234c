"""Zip the data package, with the same bytes for the same files.

Entries are sorted by name and carry a fixed date (1980-01-01, the earliest a
zip can hold), fixed permissions (``rw-r--r--``) and a fixed "made on" system,
so the archive depends only on the files it holds.

Parquet files are stored as they are: they are compressed already (zstd),
and deflating them again costs time for a few bytes. Everything else is
deflated at :data:`DEFLATE_LEVEL`.

Deflating the CSV tables is most of the time a zip takes, so a build deflates
them while it writes them (:class:`DeflatedFile`), in a thread, beside the
main process's work on the documents; :func:`write_zip` then copies those
bytes in. Deflating a stream gives the same bytes however it
is cut into pieces, so the zip is the same as one deflated from the files.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

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


class DeflatedFile:
    """The deflated bytes of a file, made as the file is written, for :func:`write_zip`.

    Whoever writes the file also :meth:`write` s each piece here, then
    :meth:`close` s it; the compressed bytes wait in an anonymous temporary file.
    """

    def __init__(self, name: str) -> None:
        method, level = compression_of(name)
        if method != zipfile.ZIP_DEFLATED or level is None:
            raise ValueError(f"{name} is stored in the zip, not deflated")
        self.name = name
        self.crc = 0
        self.file_size = 0
        self.compress_size = 0
        self.closed = False
        # The parameters zipfile gives zlib for a deflated entry: a raw stream (-15).
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self._deflated: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in discard()

    def write(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.file_size += len(data)
        self._put(self._compressor.compress(data))

    def close(self) -> None:
        if not self.closed:
            self._put(self._compressor.flush())
            self.closed = True

    def catch_up(self, source: Path, size: int) -> None:
        """Deflate the bytes of ``source`` up to ``size`` (a file written and flushed so far).

        Read back from the file (from the page cache) rather than handed over:
        deflating may lag behind the writing by a whole table without holding it in memory.
        """
        with open(source, "rb") as data:
            data.seek(self.file_size)
            while self.file_size < size:
                block = data.read(min(4 << 20, size - self.file_size))
                if not block:
                    raise OSError(f"{source} is shorter than {size} bytes")
                self.write(block)

    def discard(self) -> None:
        """Free the temporary file (the zip, or a failed build, is done with it)."""
        self._deflated.close()

    def _put(self, data: bytes) -> None:
        self._deflated.write(data)
        self.compress_size += len(data)

    def fits(self, file_size: int) -> bool:
        """Whether these bytes can be copied into a zip for a file of ``file_size`` bytes.

        Only when every byte was deflated, and the entry needs no ZIP64 extension:
        zipfile decides that from the size before it writes (see _open_to_write),
        which a copy would have to redo; a table that large is deflated again.
        """
        return (
            self.closed
            and not self._deflated.closed
            and self.file_size == file_size
            and file_size * 1.05 <= zipfile.ZIP64_LIMIT
            and self.compress_size <= zipfile.ZIP64_LIMIT
        )

    def copy_into(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        """Add the entry ``info`` to ``archive`` with these bytes, as ``archive.open`` would.

        What zipfile does for an entry written through ``archive.open(info, "w")``
        to a file it can seek in: the local header with the final CRC and sizes
        (it rewrites the header after the data), the data, then the entry in its
        lists for the central directory. Tested to give the same zip.
        """
        info.CRC = self.crc
        info.file_size = self.file_size
        info.compress_size = self.compress_size
        info.flag_bits = 0
        fp = archive.fp
        assert fp is not None
        fp.seek(archive.start_dir)
        info.header_offset = fp.tell()
        fp.write(info.FileHeader(False))
        self._deflated.seek(0)
        shutil.copyfileobj(self._deflated, fp, 1 << 20)
        archive.start_dir = fp.tell()
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info


def write_zip(
    path: Path,
    root: Path,
    names: Iterable[str],
    deflated: Mapping[str, DeflatedFile] | None = None,
) -> None:
    """Write to ``path`` a zip of the files ``names`` (``/``-separated, relative to ``root``).

    ``deflated`` holds files already deflated as they were written (see
    :class:`DeflatedFile`), by name; their bytes are copied in, the others
    are deflated here.

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
            ready = (deflated or {}).get(name)
            if ready is not None and ready.fits(info.file_size):
                ready.copy_into(archive, info)
                continue
            with open(source, "rb") as data, archive.open(info, "w") as entry:
                shutil.copyfileobj(data, entry, 1 << 20)
