"""``--fix``: write the cleaner's repairs back into the corpus files.

Only documents the cleaner changed are rewritten, each atomically (a
temporary file renamed over the original), as UTF-8 without a byte-order mark.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from corpuscheck.model import Corpus
from corpuscheck.read.safe import lstat_inside, read_inside


def write_fixes(corpus: Corpus) -> list[Path]:
    """Rewrite each readable document whose cleaned text differs from the file's bytes."""
    written = []
    for doc in corpus.documents:
        path = Path(corpus.root) / doc.file
        if not doc.readable:
            continue
        new = doc.text.encode("utf-8")
        # Never through a link or onto anything but the regular file that was read.
        if read_inside(path.parent, path.name) == new:
            continue
        write_atomic(path, new)
        written.append(path)
    return written


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
