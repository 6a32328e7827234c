"""Read a corpus folder: the ``*.txt`` documents and the ``metadata.csv`` manifest."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from corpuscheck.model import METADATA_FIELDS, Corpus, Document, Finding, Severity
from corpuscheck.read.decoding import InvalidByte, decode_bytes
from corpuscheck.read.safe import TooLarge, UnsafeFile, read_inside
from corpuscheck.read.sniff import sniff

MANIFEST_NAME = "metadata.csv"

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
"""The largest document read by default (64 MiB); ``--max-document-bytes`` changes it."""


class CorpusFolderError(Exception):
    """The corpus folder itself cannot be used (missing, not a folder, unreadable).

    This is the only error reading raises: problems with single files are
    findings, not exceptions.
    """


def read_corpus(
    root: str | os.PathLike[str], max_document_bytes: int = MAX_DOCUMENT_BYTES
) -> Corpus:
    """Read every ``*.txt`` of ``root`` (sorted by document id) and its manifest, into memory.

    Raises :class:`CorpusFolderError` when ``root`` is not a readable folder.
    """
    corpus, documents, _ = scan_corpus(root, max_document_bytes)
    for doc, doc_findings in documents:
        corpus.documents.append(doc)
        corpus.read_findings.extend(doc_findings)
    return corpus


def scan_corpus(
    root: str | os.PathLike[str], max_document_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[Corpus, Iterator[tuple[Document, list[Finding]]], int]:
    """Open a corpus folder for streaming: its manifest now, its documents one at a time.

    Returns the corpus (root, manifest and the manifest's findings; no
    documents), an iterator reading each ``*.txt`` with its findings, in
    order of document id, and the number of documents.

    A document larger than ``max_document_bytes`` is not read (one finding).

    Raises :class:`CorpusFolderError` when ``root`` is not a readable folder.
    """
    path = Path(root)
    if path.is_symlink():
        # A link would let a pull request point the build at any folder of the
        # runner; the user can pass the real folder instead.
        raise CorpusFolderError(
            f"the corpus folder {root} is a symbolic link (to {os.path.realpath(path)}); "
            "pass the folder itself"
        )
    if not path.exists():
        raise CorpusFolderError(f"corpus folder not found: {root}")
    if not path.is_dir():
        raise CorpusFolderError(f"not a folder: {root}")
    try:
        # In order of document id (the file name without .txt), the order of
        # the findings table: "a.txt" comes before "a-b.txt".
        names = sorted(
            (name for name in os.listdir(path) if name.endswith(".txt")),
            key=lambda name: (name[: -len(".txt")], name),
        )
    except OSError as err:
        raise CorpusFolderError(f"cannot list {root}: {err.strerror or err}") from err

    findings: list[Finding] = []
    manifest = _read_manifest(path / MANIFEST_NAME, findings, max_document_bytes)
    rows = {row.get("file_name", ""): row for row in manifest or []}

    folder = str(path)

    def documents() -> Iterator[tuple[Document, list[Finding]]]:
        for name in names:
            doc, doc_findings = _read_named(folder, name, max_document_bytes)
            row = rows.get(name)
            if row is not None:
                doc.metadata = {k: (row.get(k) or "").strip() for k in METADATA_FIELDS}
            else:
                doc.metadata = dict.fromkeys(METADATA_FIELDS, "")
            yield doc, doc_findings

    return Corpus(str(path), [], manifest, MANIFEST_NAME, findings), documents(), len(names)


def read_document(
    file: Path, max_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[Document, list[Finding]]:
    """Read one file into a document, with findings for whatever was wrong.

    Only a regular file directly inside its folder is opened: a symbolic link,
    FIFO, device or folder is refused unopened (see :mod:`corpuscheck.read.safe`).
    A file over ``max_bytes`` is not read, and a file that is binary data or
    UTF-16/32 text is not taken as text (see :mod:`corpuscheck.read.sniff`):
    each is one finding and the document's text is left empty.
    """
    return _read_named(str(file.parent), file.name, max_bytes)


def file_stem(name: str) -> str:
    """The name without its last suffix, as :attr:`pathlib.PurePath.stem` gives it.

    Worked out on the string: a build asks for thousands, and a path object
    costs more than reading the file.

    >>> file_stem("a.txt"), file_stem("a.b.txt"), file_stem(".txt"), file_stem("a."), file_stem("a")
    ('a', 'a.b', '.txt', 'a.', 'a')
    """
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _read_named(folder: str, name: str, max_bytes: int) -> tuple[Document, list[Finding]]:
    """:func:`read_document` of the file ``name`` of ``folder``."""
    doc_id = file_stem(name)
    try:
        data = read_inside(folder, name, max_bytes=max_bytes)
    except OSError as err:
        doc = Document(doc_id, name, "", "", readable=False)
        if isinstance(err, TooLarge):
            return doc, [
                doc.finding(
                    "structure.too_large",
                    Severity.ERROR,
                    f"{err}: not read (raise --max-document-bytes to read it)",
                    evidence={"bytes": err.size, "max_bytes": err.limit},
                )
            ]
        if isinstance(err, UnsafeFile):
            message = f"{err}: not read"
            evidence = {"error": "UnsafeFile", "kind": err.kind}
        else:
            message = f"{name} could not be read: {err.strerror or err}"
            evidence = {"error": type(err).__name__}
        return doc, [
            doc.finding("structure.unreadable", Severity.ERROR, message, evidence=evidence)
        ]

    not_text = sniff(data, name)
    if not_text is not None:
        doc = Document(doc_id, name, "", "", readable=False)
        return doc, [
            doc.finding(not_text.rule, Severity.ERROR, not_text.message, evidence=not_text.evidence)
        ]
    decoded = decode_bytes(data)
    doc = Document(doc_id, name, decoded.text, decoded.text)
    findings = [_invalid_run(doc, run) for run in _runs_by_line(decoded.text, decoded.invalid)]
    if not data.strip():
        what = "empty" if not data else "whitespace only"
        findings.append(
            doc.finding(
                "structure.empty",
                Severity.ERROR,
                f"{name} is {what}",
                evidence={"bytes": len(data)},
            )
        )
    return doc, findings


RUN_SPAN = 500
"""A finding groups the invalid bytes of one line that fit in this many characters
(as the cleaner groups its repairs, see :data:`corpuscheck.clean.repair.GROUP_SPAN`)."""


def _runs_by_line(text: str, invalid: tuple[InvalidByte, ...]) -> list[list[InvalidByte]]:
    """The invalid bytes grouped by line (a line ends at ``\\n``), each group within :data:`RUN_SPAN`."""
    runs: list[list[InvalidByte]] = []
    line_end = -1
    for bad in invalid:
        if bad.char_offset > line_end or bad.char_offset - runs[-1][0].char_offset >= RUN_SPAN:
            runs.append([])
            if bad.char_offset > line_end:
                found = text.find("\n", bad.char_offset)
                line_end = len(text) if found < 0 else found
        runs[-1].append(bad)
    return runs


def _invalid_run(doc: Document, run: list[InvalidByte]) -> Finding:
    """One finding for the bytes of one line that are not valid UTF-8."""
    first, last = run[0], run[-1]
    start, end = first.char_offset, last.char_offset + 1
    shown = " ".join(f"0x{bad.value:02X}" for bad in run[:8]) + (" …" if len(run) > 8 else "")
    read_as = "".join(bad.read_as for bad in run[:8])
    what = (
        f"byte {shown} at byte {first.byte_offset} is"
        if len(run) == 1
        else (f"{len(run)} bytes ({shown}) from byte {first.byte_offset} are")
    )
    return doc.finding(
        "encoding.invalid_utf8",
        Severity.ERROR,
        f"{what} not valid UTF-8; read as Windows-1252 {read_as!r}",
        start,
        end,
        original_span=True,
        replacement=doc.original[start:end],
        fixed=True,
        evidence={
            "byte_offset": first.byte_offset,
            "byte": f"0x{first.value:02X}",
            "bytes": len(run),
            "values": [f"0x{bad.value:02X}" for bad in run[:50]],
        },
    )


def _read_manifest(
    file: Path, findings: list[Finding], max_bytes: int = MAX_DOCUMENT_BYTES
) -> list[dict[str, str]] | None:
    """Read ``metadata.csv`` into rows of strings; problems become findings."""
    if not os.path.lexists(file):
        findings.append(
            Finding(
                "metadata.manifest_missing",
                Severity.WARNING,
                f"no {MANIFEST_NAME}: documents have no declared metadata",
                file=MANIFEST_NAME,
            )
        )
        return None
    try:
        data = read_inside(file.parent, file.name, max_bytes=max_bytes)
    except OSError as err:
        refused = isinstance(err, UnsafeFile | TooLarge)
        reason = str(err) if refused else f"could not be read: {err.strerror or err}"
        findings.append(
            Finding(
                "metadata.manifest_unreadable",
                Severity.ERROR,
                reason if refused else f"{MANIFEST_NAME} {reason}",
                file=MANIFEST_NAME,
            )
        )
        return None
    decoded = decode_bytes(data)
    if decoded.invalid:
        findings.append(
            Finding(
                "metadata.manifest_encoding",
                Severity.ERROR,
                f"{MANIFEST_NAME} is not valid UTF-8 ({len(decoded.invalid)} bad bytes)",
                file=MANIFEST_NAME,
            )
        )
    text = decoded.text.removeprefix("\ufeff")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
        header = reader.fieldnames or []
        rows = [
            {k: v if isinstance(v, str) else "" for k, v in row.items() if k is not None}
            for row in reader
        ]
    except csv.Error as err:
        findings.append(
            Finding(
                "metadata.manifest_unreadable",
                Severity.ERROR,
                f"{MANIFEST_NAME} is not valid CSV: {err}",
                file=MANIFEST_NAME,
            )
        )
        return None
    if "file_name" not in header:
        findings.append(
            Finding(
                "metadata.manifest_unreadable",
                Severity.ERROR,
                f"{MANIFEST_NAME} has no file_name column (columns: {', '.join(header)})",
                file=MANIFEST_NAME,
            )
        )
        return None
    missing = [c for c in METADATA_FIELDS if c not in header]
    if missing:
        findings.append(
            Finding(
                "metadata.manifest_columns",
                Severity.WARNING,
                f"{MANIFEST_NAME} lacks the columns {', '.join(missing)}",
                file=MANIFEST_NAME,
                evidence={"missing": missing},
            )
        )
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        findings.append(
            Finding(
                "metadata.manifest_columns",
                Severity.ERROR,
                f"{MANIFEST_NAME} has the columns {', '.join(repeated)} more than once; "
                "only the last of each is read",
                file=MANIFEST_NAME,
                evidence={"repeated": repeated},
            )
        )
    return rows
