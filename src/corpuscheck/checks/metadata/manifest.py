"""Match the rows of ``metadata.csv`` with the documents of the corpus folder."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from corpuscheck.checks.registry import corpus_check
from corpuscheck.config import Config
from corpuscheck.model import METADATA_FIELDS, Corpus, Finding, Severity


def _hint(name: str, files: set[str]) -> str:
    """A near miss for a file name that matches no file: stray spaces or another case."""
    key = name.strip().casefold()
    close = sorted(f for f in files if f.casefold() == key)
    return f" (did you mean {close[0]!r}?)" if close else ""


@corpus_check(
    "metadata.manifest",
    rules=["metadata.orphan_row", "metadata.missing_row", "metadata.duplicate_row"],
)
def manifest(corpus: Corpus, config: Config) -> Iterator[Finding]:
    """A row of metadata.csv names no document, a document has no row, or has several.

    Every ``*.txt`` of the corpus folder should have exactly one row in
    ``metadata.csv``, matched by its ``file_name`` exactly as written. A row
    naming a file that is not there is an error (its metadata describes
    nothing); a document without a row is published without metadata (a
    warning); two rows for one file are an error, since only the last one is
    used. Rows are numbered from 1, not counting the header. A missing or
    unreadable manifest is reported when the corpus is read, not here.

    >>> from corpuscheck.model import Document
    >>> doc = Document("a", "a.txt", "Bonjour.", "Bonjour.")
    >>> rows = [{"file_name": "a.txt"}, {"file_name": "b.txt"}, {"file_name": "a.txt"}]
    >>> [f.rule for f in manifest(Corpus(".", [doc], rows), Config())]
    ['metadata.orphan_row', 'metadata.duplicate_row']
    """
    if corpus.manifest is None:
        return
    documents = {doc.file: doc for doc in corpus.documents}
    rows_of: dict[str, list[int]] = defaultdict(list)
    for number, row in enumerate(corpus.manifest, start=1):
        name = row.get("file_name") or ""
        rows_of[name].append(number)
        if name in documents:
            continue
        what = f"names {name!r}, which is not in the corpus folder" if name else "has no file_name"
        yield Finding(
            "metadata.orphan_row",
            Severity.ERROR,
            f"{corpus.manifest_file} row {number} {what}{_hint(name, set(documents))}",
            file=corpus.manifest_file,
            evidence={"row": number, "file_name": name},
        )

    for name, numbers in rows_of.items():
        doc = documents.get(name)
        if len(numbers) < 2 or doc is None:
            continue  # rows naming no document are orphans, reported above
        rows = [corpus.manifest[n - 1] for n in numbers]
        differ = [k for k in METADATA_FIELDS if len({(r.get(k) or "").strip() for r in rows}) > 1]
        detail = f"they differ in {', '.join(differ)}" if differ else "they are identical"
        message = (
            f"{corpus.manifest_file} has {len(numbers)} rows for {name} "
            f"(rows {', '.join(map(str, numbers))}); {detail}; only the last one is used"
        )
        evidence = {"file_name": name, "rows": numbers, "differ": differ}
        yield doc.finding("metadata.duplicate_row", Severity.ERROR, message, evidence=evidence)

    for doc in corpus.documents:
        if doc.file not in rows_of:
            yield doc.finding(
                "metadata.missing_row",
                Severity.WARNING,
                f"{doc.file} has no row in {corpus.manifest_file}: it is published without "
                "metadata (declared language, title, source...)",
                evidence={"file_name": doc.file},
            )
