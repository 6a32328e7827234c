"""Read a corpus folder: the ``*.txt`` documents and the ``metadata.csv`` manifest."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

from corpuscheck.model import METADATA_FIELDS, Corpus, Document, Finding, Severity
from corpuscheck.read.decoding import decode_bytes
from corpuscheck.read.safe import UnsafeFile, read_inside

MANIFEST_NAME = "metadata.csv"


class CorpusFolderError(Exception):
    """The corpus folder itself cannot be used (missing, not a folder, unreadable).

    This is the only error reading raises: problems with single files are
    findings, not exceptions.
    """


def read_corpus(root: str | os.PathLike[str]) -> Corpus:
    """Read every ``*.txt`` of ``root`` (sorted by document id) and its manifest, into memory.

    Raises :class:`CorpusFolderError` when ``root`` is not a readable folder.
    """
    corpus, documents, _ = scan_corpus(root)
    for doc, doc_findings in documents:
        corpus.documents.append(doc)
        corpus.read_findings.extend(doc_findings)
    return corpus


def scan_corpus(
    root: str | os.PathLike[str],
) -> tuple[Corpus, Iterator[tuple[Document, list[Finding]]], int]:
    """Open a corpus folder for streaming: its manifest now, its documents one at a time.

    Returns the corpus (root, manifest and the manifest's findings; no
    documents), an iterator reading each ``*.txt`` with its findings, in
    order of document id, and the number of documents.

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
    manifest = _read_manifest(path / MANIFEST_NAME, findings)
    rows = {row.get("file_name", ""): row for row in manifest or []}

    def documents() -> Iterator[tuple[Document, list[Finding]]]:
        for name in names:
            doc, doc_findings = read_document(path / name)
            row = rows.get(name)
            if row is not None:
                doc.metadata = {k: (row.get(k) or "").strip() for k in METADATA_FIELDS}
            else:
                doc.metadata = dict.fromkeys(METADATA_FIELDS, "")
            yield doc, doc_findings

    return Corpus(str(path), [], manifest, MANIFEST_NAME, findings), documents(), len(names)


def read_document(file: Path) -> tuple[Document, list[Finding]]:
    """Read one file into a document, with findings for whatever was wrong.

    Only a regular file directly inside its folder is opened: a symbolic link,
    FIFO, device or folder is refused unopened (see :mod:`corpuscheck.read.safe`).
    """
    doc_id = file.stem
    try:
        data = read_inside(file.parent, file.name)
    except OSError as err:
        doc = Document(doc_id, file.name, "", "", readable=False)
        if isinstance(err, UnsafeFile):
            message = f"{err}: not read"
            evidence = {"error": "UnsafeFile", "kind": err.kind}
        else:
            message = f"{file.name} could not be read: {err.strerror or err}"
            evidence = {"error": type(err).__name__}
        return doc, [
            doc.finding("structure.unreadable", Severity.ERROR, message, evidence=evidence)
        ]

    decoded = decode_bytes(data)
    doc = Document(doc_id, file.name, decoded.text, decoded.text)
    findings = []
    for bad in decoded.invalid:
        findings.append(
            doc.finding(
                "encoding.invalid_utf8",
                Severity.ERROR,
                f"byte 0x{bad.value:02X} at byte {bad.byte_offset} is not valid UTF-8; "
                f"read as Windows-1252 {bad.read_as!r}",
                bad.char_offset,
                bad.char_offset + 1,
                original_span=True,
                replacement=bad.read_as,
                fixed=True,
                evidence={"byte_offset": bad.byte_offset, "byte": f"0x{bad.value:02X}"},
            )
        )
    if not data.strip():
        what = "empty" if not data else "whitespace only"
        findings.append(
            doc.finding(
                "structure.empty",
                Severity.ERROR,
                f"{file.name} is {what}",
                evidence={"bytes": len(data)},
            )
        )
    return doc, findings


def _read_manifest(file: Path, findings: list[Finding]) -> list[dict[str, str]] | None:
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
        data = read_inside(file.parent, file.name)
    except OSError as err:
        reason = (
            str(err) if isinstance(err, UnsafeFile) else f"could not be read: {err.strerror or err}"
        )
        findings.append(
            Finding(
                "metadata.manifest_unreadable",
                Severity.ERROR,
                reason if isinstance(err, UnsafeFile) else f"{MANIFEST_NAME} {reason}",
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
    return rows
