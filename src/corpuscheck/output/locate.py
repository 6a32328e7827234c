"""Where a finding is, as a person finds it: a file of the repository, a line, a column.

A finding's span is a pair of character offsets into its document's original
text (see :mod:`corpuscheck.model`); this module turns it into the position
that GitHub annotations, SARIF and the step summary show.

Conventions
-----------
* **Paths** are relative to the repository root, ``/``-separated: the root is
  the top folder of the git repository holding the corpus folder, or the
  current folder when the corpus is not in a git repository. A finding's
  ``file`` is relative to the corpus folder (a Great Expectations suite's to
  the corpus folder's parent, where ``expectations/`` lives).
* **Lines** are counted from 1 and end at each line feed (``\\n``); a carriage
  return before it belongs to the line, as in git and on GitHub.
* **Columns** are counted from 1 in characters, that is Unicode code points,
  the unit of the finding offsets: an ``é`` or a ``’`` is one column whatever
  its number of UTF-8 bytes, and a byte that is not valid UTF-8 (read as one
  Windows-1252 character) is one column. A byte-order mark at the start of a
  file takes no column, since editors and GitHub do not show it.
* **The end** of a span is given by its last character: ``end_line`` and
  ``end_column`` point at it (inclusive), so a one-character span has
  ``column == end_column``, as GitHub reads ``endColumn``. SARIF, whose end
  column is exclusive, adds one.
* A finding without a span is about a whole file (no line). A finding about
  a document's metadata points at the document's row of ``metadata.csv``, and
  a finding naming a row of the manifest (``evidence["row"]``) at that row;
  a finding about the corpus as a whole points at ``metadata.csv``.
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from corpuscheck.model import Corpus, Finding
from corpuscheck.read.decoding import decode_bytes
from corpuscheck.read.safe import read_inside

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Location:
    """A file of the repository (None: no file) and, when known, a range in it.

    ``line``/``column`` are the first character, ``end_line``/``end_column``
    the last one (inclusive), all counted from 1.
    """

    path: str | None
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None


class LineIndex:
    """Line and column of each offset of one text.

    >>> index = LineIndex("ab\\ncé\\r\\nXNUMX")
    >>> index.position(0), index.position(4), index.position(7)
    ((1, 1), (2, 2), (3, 1))
    >>> LineIndex("\\ufeffLe").position(1)
    (1, 1)
    """

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
        self.bom = text.startswith(BOM)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of the character at ``offset``."""
        offset = max(0, min(offset, self.length))
        line = bisect.bisect_right(self.starts, offset)
        column = offset - self.starts[line - 1] + 1
        if line == 1 and self.bom and offset > 0:
            column -= 1
        return line, column

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of the span ``start:end``, end inclusive."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end - 1))
        return line, column, end_line, end_column


def repository_root(folder: str | os.PathLike[str]) -> Path:
    """The top folder of the git repository holding ``folder``, else the current folder."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return Path.cwd().resolve()
    top = done.stdout.strip()
    if done.returncode != 0 or not top:
        return Path.cwd().resolve()
    return Path(top).resolve()


def manifest_row_lines(text: str) -> dict[int, int]:
    """The line each data row of a CSV text starts on, by row number (from 1, header excluded).

    Rows are numbered as :class:`csv.DictReader` reads them (blank lines are
    skipped), like the manifest checks number them.

    >>> manifest_row_lines('file_name,title\\na.txt,"two\\nlines"\\n\\nb.txt,x\\n')
    {1: 2, 2: 5}
    """
    lines: dict[int, int] = {}
    reader = csv.reader(io.StringIO(text.removeprefix(BOM), newline=""))
    try:
        next(reader)  # the header
        number = 0
        before = reader.line_num
        for row in reader:
            if row:
                number += 1
                lines[number] = before + 1
            before = reader.line_num
    except (csv.Error, StopIteration):
        pass
    return lines


class Texts:
    """The original text of each document file, by file name.

    Built from the documents in memory; for a build that streamed (its
    corpus holds no documents), a file is read again from the corpus folder
    when a finding needs it, a few files at a time.
    """

    KEPT = 16
    """Files read again that are kept, the last ones asked for."""

    def __init__(self, corpus: Corpus) -> None:
        self.folder = Path(corpus.root)
        self.texts = {doc.file: doc.original for doc in corpus.documents}
        self.reread = not corpus.documents
        self._recent: dict[str, str | None] = {}

    def get(self, file: str, default: str | None = None) -> str | None:
        if file in self.texts:
            return self.texts[file]
        if not self.reread or not file.endswith(".txt"):
            return default
        if file not in self._recent:
            try:
                text: str | None = decode_bytes(read_inside(self.folder, file)).text
            except (OSError, ValueError):
                text = None
            if len(self._recent) >= self.KEPT:
                del self._recent[next(iter(self._recent))]
            self._recent[file] = text
        found = self._recent[file]
        return default if found is None else found

    def __contains__(self, file: object) -> bool:
        return isinstance(file, str) and self.get(file) is not None


class Locator:
    """Turns findings about one corpus into :class:`Location` objects.

    ``root`` is the folder paths are relative to (by default the repository
    root of the corpus folder, see :func:`repository_root`).
    """

    def __init__(self, corpus: Corpus, root: str | os.PathLike[str] | None = None) -> None:
        self.corpus = corpus
        self.folder = Path(corpus.root).resolve()
        self.root = Path(root).resolve() if root is not None else repository_root(self.folder)
        self.texts = Texts(corpus)
        self.files = {doc.id: doc.file for doc in corpus.documents}
        self.places = dict(corpus.places)
        for doc in corpus.documents:
            place = doc.computed.get("place")
            if place is not None:
                self.places[doc.id] = (str(place[0]), int(place[1]))
        self._indexes: dict[str, LineIndex] = {}
        self._rows: dict[int, int] | None = None
        self._row_of: dict[str, int] = {}
        for number, row in enumerate(corpus.manifest or [], start=1):
            self._row_of[row.get("file_name") or ""] = number  # the last row is the one used

    def path(self, file: str) -> str:
        """The repository path of a file named as a finding names it (a URI stays one)."""
        if "://" in file:
            return file
        candidates = [self.folder / file, self.folder.parent / file]
        found = next((p for p in candidates if p.exists()), candidates[0])
        return Path(os.path.relpath(found.resolve(), self.root)).as_posix()

    @property
    def corpus_path(self) -> str:
        """The repository path of the corpus folder."""
        return Path(os.path.relpath(self.folder, self.root)).as_posix()

    def index(self, file: str) -> LineIndex:
        if file not in self._indexes:
            if len(self._indexes) >= Texts.KEPT:
                del self._indexes[next(iter(self._indexes))]
            self._indexes[file] = LineIndex(self.texts.get(file) or "")
        return self._indexes[file]

    def manifest_line(self, row: int) -> int | None:
        """The line of ``metadata.csv`` where data row ``row`` starts."""
        if self._rows is None:
            try:
                data = read_inside(self.folder, self.corpus.manifest_file)
            except OSError:
                data = b""
            self._rows = manifest_row_lines(decode_bytes(data).text)
        return self._rows.get(row)

    def locate(self, finding: Finding) -> Location:
        """Where ``finding`` is (see the module's conventions)."""
        place = self.places.get(finding.doc_id) if finding.doc_id is not None else None
        if place is not None:
            # A record of a JSONL or Parquet file: its line (or row).
            return Location(self.path(place[0]), place[1])
        file = finding.file
        if file is None and finding.doc_id is not None:
            file = self.files.get(finding.doc_id)
        manifest = self.corpus.manifest_file
        if file is None:
            exists = (self.folder / manifest).is_file()
            return Location(self.path(manifest) if exists else None)
        if finding.start is not None and finding.end is not None and file in self.texts:
            line, column, end_line, end_column = self.index(file).span(finding.start, finding.end)
            return Location(self.path(file), line, column, end_line, end_column)
        row = finding.evidence.get("row") if file == manifest else None
        if row is None and finding.category == "metadata" and finding.doc_id is not None:
            row = self._row_of.get(file)
        if isinstance(row, int) and not isinstance(row, bool):
            row_line = self.manifest_line(row)
            if row_line is not None:
                return Location(self.path(manifest), row_line)
        return Location(self.path(file))
