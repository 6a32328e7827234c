"""The few types every stage of the pipeline shares.

A corpus is read into :class:`Document` objects; every stage after that adds
:class:`Finding` objects. Findings are plain data: the published package, the
HTML report and every other output are views of the same list of findings.

Offsets
-------
A finding's ``start`` and ``end`` are character offsets (Python string indices,
i.e. Unicode code points) into the document's *original* text: the file's bytes
decoded as UTF-8, with any byte that is not valid UTF-8 read as the
Windows-1252 character it most likely was (see :mod:`corpuscheck.read`). The
original text is what a person sees when opening the file, so a span can be
turned into a line and a column of that file.

Checks look at the *cleaned* text (``Document.text``); :meth:`Document.span`
maps a span of the cleaned text back onto the original.
"""

from __future__ import annotations

import bisect
import enum
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "encoding",
    "artifact",
    "language",
    "translation",
    "metadata",
    "duplicate",
    "structure",
)
"""Every rule is named ``category.name`` with one of these categories."""

METADATA_FIELDS: tuple[str, ...] = (
    "language",
    "title",
    "source",
    "url",
    "published",
    "translated_from",
    "license",
)
"""The columns of ``metadata.csv`` besides ``file_name``."""

EXCERPT_CONTEXT = 30
"""How many characters of context an excerpt shows on each side of a span."""


class Severity(enum.StrEnum):
    """How bad a finding is. An error makes ``corpuscheck build`` exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for infos: sorts the worst first."""
        return ("error", "warning", "info").index(self.value)


SEVERITY_VALUES: dict[Severity, str] = {s: s.value for s in Severity}
"""Each severity's published name. A dict lookup: an enum's ``.value`` is a Python-level
descriptor call, and the tables and the report ask for it a few times per finding."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in the corpus.

    ``rule`` is ``category.name``. ``doc_id`` is None for findings about the
    corpus as a whole (for example a manifest row that names no file), in which
    case ``file`` names the file the finding is about. ``fixed`` is True when
    the cleaner repaired the problem in the published text, and then
    ``replacement`` says what the span became.
    """

    rule: str
    severity: Severity
    message: str
    doc_id: str | None = None
    file: str | None = None
    start: int | None = None
    end: int | None = None
    excerpt: str = ""
    replacement: str | None = None
    fixed: bool = False
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        category = self.rule.split(".", 1)[0]
        if category not in CATEGORIES or "." not in self.rule:
            raise ValueError(f"rule {self.rule!r} must be 'category.name' with a known category")
        if (self.start is None) != (self.end is None):
            raise ValueError("a span needs both start and end")
        if self.start is not None and self.end is not None and not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    @property
    def category(self) -> str:
        return self.rule.split(".", 1)[0]

    # Pickled as a tuple of the fields' values: a build pickles every finding in a
    # worker and reads it back from its spill file, and dataclasses' own state for a
    # frozen class with slots looks the fields up anew for each finding.
    def __getstate__(self) -> tuple[Any, ...]:
        return _finding_state(self)

    def __setstate__(self, state: Sequence[Any]) -> None:
        for name, value in zip(_FINDING_FIELDS, state, strict=True):
            object.__setattr__(self, name, value)

    def sort_key(self) -> tuple[Any, ...]:
        """Deterministic order: by document, position, rule, message."""
        return (
            self.doc_id or "",
            self.file or "",
            -1 if self.start is None else self.start,
            -1 if self.end is None else self.end,
            self.rule,
            self.message,
        )


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_finding_state = operator.attrgetter(*_FINDING_FIELDS)


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in a cleaned text back to offsets in its original.

    Built from the blocks the two texts have in common: ``blocks`` holds
    ``(clean_start, original_start, length)`` for each equal run, sorted. An
    offset inside an equal run maps exactly; an offset inside a changed region
    maps to the start (or end) of that region in the original, so a span never
    shrinks below what was changed.
    """

    blocks: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def identity(cls) -> OffsetMap:
        return cls(())

    def to_original(self, offset: int, *, is_end: bool = False) -> int:
        """Translate one offset of the cleaned text into the original text."""
        if not self.blocks:
            return offset
        starts = [b[0] for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            # Before the first equal run: everything there was changed.
            return 0 if not is_end else self.blocks[0][1]
        clean_start, orig_start, length = self.blocks[i]
        if offset <= clean_start + length and (is_end or offset < clean_start + length):
            return orig_start + (offset - clean_start)
        # Inside a changed region after block i: the region in the original
        # runs from the end of block i to the start of block i + 1.
        region_start = orig_start + length
        if not is_end:
            return region_start
        if i + 1 < len(self.blocks):
            return self.blocks[i + 1][1]
        return region_start


@dataclass(slots=True)
class Document:
    """One document of the corpus, as read and cleaned.

    ``original`` is the text as read from the file; ``text`` is the cleaned
    text that checks look at and that is published. ``metadata`` holds the
    row of ``metadata.csv`` for this file, as strings (empty when unknown).
    ``computed`` collects the values stages work out (detected language...),
    published as columns of the documents table.
    """

    id: str
    file: str
    original: str
    text: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    offsets: OffsetMap = field(default_factory=OffsetMap.identity)
    readable: bool = True
    computed: dict[str, Any] = field(default_factory=dict)

    def stub(self) -> Document:
        """What a streaming build keeps of every document: all but its texts.

        The stub's ``text`` is the first :data:`TABLE_TEXT_CHARS` characters of
        the cleaned text; ``computed`` adds the whole text's ``length`` and
        ``sha256``, the values of the documents table.
        """
        import hashlib

        digest = hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
        # Only what the documents table and the places need: a check may leave
        # bulkier working data in ``computed`` (the names a text spells...).
        computed = {k: v for k, v in self.computed.items() if k in STUB_COMPUTED}
        computed |= {"length": len(self.text), "sha256": digest}
        return replace(
            self,
            original="",
            text=self.text[:TABLE_TEXT_CHARS],
            offsets=OffsetMap.identity(),
            computed=computed,
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text onto the original text."""
        if not self.offsets.blocks:
            return start, end
        o_start = self.offsets.to_original(start)
        o_end = self.offsets.to_original(end, is_end=True)
        return o_start, max(o_start, o_end)

    def excerpt(self, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
        """The original text around a span, on one line, with the span in ⟦ ⟧."""
        text = self.original
        left = text[max(0, start - context) : start]
        right = text[end : end + context]
        inner = text[start:end]
        flat = f"{'…' if start > context else ''}{left}⟦{inner}⟧{right}"
        flat += "…" if end + context < len(text) else ""
        return " ".join(flat.split())

    def finding(
        self,
        rule: str,
        severity: Severity,
        message: str,
        start: int | None = None,
        end: int | None = None,
        *,
        evidence: Mapping[str, Any] | None = None,
        original_span: bool = False,
        replacement: str | None = None,
        fixed: bool = False,
    ) -> Finding:
        """Make a finding about this document.

        ``start``/``end`` are offsets into the cleaned text unless
        ``original_span`` is True (the cleaner reports original offsets).
        """
        excerpt = ""
        if start is not None and end is not None:
            if not original_span:
                start, end = self.span(start, end)
            excerpt = self.excerpt(start, end)
        return Finding(
            rule=rule,
            severity=severity,
            message=message,
            doc_id=self.id,
            file=self.file,
            start=start,
            end=end,
            excerpt=excerpt,
            replacement=replacement,
            fixed=fixed,
            evidence=dict(evidence or {}),
        )


@dataclass(slots=True)
class Corpus:
    """Everything read from a corpus folder, or what a streaming build keeps of it.

    ``manifest`` holds the rows of ``metadata.csv`` as read (None when there is
    no manifest); ``read_findings`` the problems met while reading.

    In memory (tests, ``corpuscheck check``) ``documents`` are the documents
    themselves. The corpus a streaming build hands to corpus-level checks
    holds *stubs* instead (:meth:`Document.stub`: no text), its documents
    table without the texts in ``rows``, and a ``loader`` that reads one
    document back; :meth:`table` and :meth:`load` work the same for both.
    """

    root: str
    documents: list[Document]
    manifest: list[dict[str, str]] | None = None
    manifest_file: str = "metadata.csv"
    read_findings: list[Finding] = field(default_factory=list)
    rows: list[dict[str, Any]] | None = None
    loader: Callable[[str], Document] | None = None
    validations: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Each Great Expectations suite's validation result by suite name, as GE writes it
    (JSON); filled by the metadata.expectations check, kept in the package."""
    places: dict[str, tuple[str, int]] = field(default_factory=dict)
    """For a JSONL or Parquet input: each document's file and line (or row)."""

    def table(self) -> list[dict[str, Any]]:
        """The documents table, one row per document (see :func:`corpuscheck.tables.document_rows`).

        A streaming build keeps at most :data:`TABLE_TEXT_CHARS` characters of each text.
        """
        if self.rows is not None:
            return self.rows
        from corpuscheck.tables import document_rows

        rows = document_rows(self.documents, [])
        if self.loader is not None:  # a build's stubs do not change: work the rows out once
            self.rows = rows
        return rows

    def load(self, doc_id: str) -> Document:
        """The document ``doc_id``, with its texts."""
        if self.loader is not None:
            return self.loader(doc_id)
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


STUB_COMPUTED = frozenset({"detected_language", "detected_language_probability", "place"})
"""The computed values a document's stub keeps."""

TABLE_TEXT_CHARS = 200
"""Characters of each text a streaming build keeps for the corpus-level metadata checks."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced: the corpus, every finding, and the output folder.

    After :func:`corpuscheck.pipeline.check` the corpus holds every document
    and ``findings`` is a list. After :func:`corpuscheck.pipeline.build`,
    which streams, the corpus holds no document (``document_count`` says how
    many there were) and ``findings`` is read back from the published
    findings table when iterated.
    """

    corpus: Corpus
    findings: Sequence[Finding]
    out: Path | None
    document_count: int | None = None
    severity_counts: Mapping[str, int] | None = None
    fixed: tuple[Path, ...] = ()
    """The corpus files ``--fix`` rewrote."""

    @property
    def documents(self) -> int:
        """How many documents the corpus has."""
        if self.document_count is not None:
            return self.document_count
        return len(self.corpus.documents)

    @property
    def errors(self) -> int:
        return self.counts()["error"]

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        if self.severity_counts is not None:
            return {s.value: self.severity_counts.get(s.value, 0) for s in Severity}
        return {s.value: sum(f.severity is s for f in self.findings) for s in Severity}
