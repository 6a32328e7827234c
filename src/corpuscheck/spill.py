"""Documents parked on disk between the two passes of a streaming build.

A document's findings are complete only once the corpus checks have seen
every document (a near-duplicate is found on the last one), so a build first
streams every processed document into a :class:`Spill` file, then reads it
back in the same order to publish. Memory holds one document at a time and
an offset per document, so that a corpus check can :meth:`Spill.load` the few
documents it reports on.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


class Spill:
    """An append-only file of pickled records, read back in order or by key."""

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        fd, name = tempfile.mkstemp(prefix="corpuscheck-", suffix=".spill", dir=folder)
        self.path = Path(name)
        self._file: IO[bytes] = os.fdopen(fd, "w+b")
        # Two readers opened now, and the name removed at once: the file goes
        # away with the last handle, even when the build is killed.
        self._reader: IO[bytes] = open(name, "rb")  # noqa: SIM115 - closed in close()
        self._sequential: IO[bytes] = open(name, "rb")  # noqa: SIM115 - closed in close()
        with contextlib.suppress(OSError):
            self.path.unlink()
        self._offsets: dict[str, int] = {}
        self._end = 0
        self.count = 0

    def append(self, key: str, record: Any) -> int:
        """Append ``record`` under ``key``; its offset in the file (for :meth:`load_at`)."""
        # The offset is counted here: asking the file (tell) is a system call per record,
        # in the process that feeds the workers.
        return self.append_pickled(key, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))

    def append_pickled(self, key: str, data: bytes) -> int:
        """Append a record pickled already (``pickle.dumps(record)``); as :meth:`append`."""
        offset = self._end
        self._offsets.setdefault(key, offset)
        self._file.write(data)
        self._end += len(data)
        self.count += 1
        return offset

    def load(self, key: str) -> Any:
        """The first record appended under ``key``."""
        return self.load_at(self._offsets[key])

    def load_at(self, offset: int) -> Any:
        """The record appended at ``offset``."""
        self._file.flush()
        self._reader.seek(offset)
        return pickle.load(self._reader)

    def __iter__(self) -> Iterator[Any]:
        """Every record in order (once: the records are read as they were appended)."""
        self._file.flush()
        self._sequential.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._sequential)

    def close(self) -> None:
        self._reader.close()
        self._sequential.close()
        self._file.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Parked:
    """Records parked on disk under keys, several per key, taken back key by key.

    The corpus checks' findings about documents wait here for the second pass
    of a build, which takes each document's as it reaches the document:
    memory holds their offsets, not the findings (with their messages,
    excerpts and evidence), however many there are.
    """

    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self._spill = Spill(folder)
        self._offsets: dict[str, list[int]] = {}

    def park(self, key: str, record: Any) -> None:
        self._offsets.setdefault(key, []).append(self._spill.append(key, record))

    def take(self, key: str) -> list[Any]:
        """The records parked under ``key``, in the order they were parked; then forgotten."""
        return [self._spill.load_at(offset) for offset in self._offsets.pop(key, [])]

    def close(self) -> None:
        self._spill.close()

    def __enter__(self) -> Parked:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
