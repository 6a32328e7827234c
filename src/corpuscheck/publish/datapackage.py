"""The ``datapackage.json`` descriptor: a Frictionless Data Package v2.

It describes the published files: each table as CSV (resources ``documents``
and ``findings``) and as Parquet (``documents-parquet``,
``findings-parquet``), with its SHA-256, its size (CSV only) and its table
schema, taken unchanged from :mod:`corpuscheck.schemas`. Keys come in a fixed order and
nothing depends on the time or the machine, so the same corpus always gives
the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpuscheck.model import Corpus, Document
from corpuscheck.schemas import TABLES, table_schema

PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
DEFAULT_NAME = "corpuscheck-corpus"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
FORMATS = ("csv", "parquet")

TABLE_DESCRIPTIONS = {
    "documents": "One row per document: the cleaned text, the metadata declared in "
    "metadata.csv and what corpuscheck computed (detected language, length, "
    "number of findings).",
    "findings": "One row per problem corpuscheck found: the rule, its severity, where it is "
    "in the document's original text, what is wrong and the evidence.",
}

CSV_NOTE = (
    "Safe to open in a spreadsheet: a text cell that begins with =, +, -, @, a tab or a "
    "carriage return is written with a single quote (') in front, so that it is not run "
    "as a formula (the OWASP rule against CSV injection). The Parquet copy, {parquet}, "
    "keeps the exact values."
)

PARQUET_NOTE = (
    "The same table as {csv}, as Parquet, with the exact values (no quote added); its "
    "columns and types are those of the table schema of {csv}."
)


def package_name(root: str | Path) -> str:
    """The package name: the corpus folder's name as a slug (lower case, ``-`` for spaces).

    >>> package_name("corpora/Le Monde 2025")
    'le-monde-2025'
    >>> package_name("corpora/Ukraïne")
    'ukraine'
    >>> package_name("/")
    'corpuscheck-corpus'
    """
    folded = unicodedata.normalize("NFKD", Path(root).resolve().name)
    ascii_name = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9._]+", "-", ascii_name).strip("-._")
    return slug or DEFAULT_NAME


def license_of(value: str | None) -> dict[str, str] | None:
    """A declared license as a Data Package license: a web address is its ``path``.

    >>> license_of("CC-BY-4.0"), license_of("https://example.org/l"), license_of(None)
    ({'name': 'CC-BY-4.0'}, {'path': 'https://example.org/l'}, None)
    """
    if not value:
        return None
    return {"path": value} if re.match(r"https?://", value) else {"name": value}


def common_license(documents: Iterable[Document]) -> dict[str, str] | None:
    """The license all documents declare, as a Data Package license; None if they differ.

    A declared web address becomes the license's ``path``, anything else its ``name``.

    >>> docs = [Document("a", "a.txt", "", metadata={"license": "CC-BY-4.0"})]
    >>> common_license(docs)
    {'name': 'CC-BY-4.0'}
    >>> common_license(docs + [Document("b", "b.txt", "", metadata={"license": ""})]) is None
    True
    """
    declared = {doc.metadata.get("license", "").strip() for doc in documents}
    if len(declared) != 1 or "" in declared:
        return None
    (value,) = declared
    return license_of(value)


def file_facts(path: Path) -> tuple[int, str]:
    """Size in bytes and ``sha256:<hex>`` hash of a file (read in blocks)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
            size += len(block)
    return size, f"sha256:{digest.hexdigest()}"


def data_path(table: str, fmt: str) -> str:
    """Where table ``table`` is stored as ``fmt``, relative to the package root.

    >>> data_path("documents", "csv")
    'data/documents.csv'
    """
    return f"data/{table}.{fmt}"


def table_resource(table: str, root: Path, fmt: str) -> dict[str, Any]:
    """The resource of table ``table`` stored as ``fmt`` (csv or parquet) under ``root``.

    A Parquet resource declares its hash but not its size: frictionless 5
    reads Parquet without counting bytes, so any declared ``bytes`` would fail
    its validation as a "byte-count" error. Nor does it embed the table schema:
    frictionless 5.21 reads Parquet through pandas, where an empty integer
    cell becomes NaN, which it then rejects against an integer field
    (frictionless-py issue 1637). The Parquet columns are typed from the same
    table schema (see :mod:`corpuscheck.publish.parquet`), and the CSV
    resource of the same name carries it.
    """
    relpath = data_path(table, fmt)
    size, digest = file_facts(root / relpath)
    about = TABLE_DESCRIPTIONS[table]
    resource: dict[str, Any] = {"$schema": RESOURCE_PROFILE}
    if fmt == "csv":
        resource |= {
            "name": table,
            "type": "table",
            "path": relpath,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": size,
            "hash": digest,
            "title": table.capitalize(),
            "description": f"{about} {CSV_NOTE.format(parquet=f'{table}-parquet')}",
        }
    else:
        resource |= {
            "name": f"{table}-parquet",
            "type": "table",
            "path": relpath,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "hash": digest,
            "title": f"{table.capitalize()} (Parquet)",
            "description": f"{about} {PARQUET_NOTE.format(csv=table)}",
        }
        return resource
    resource["schema"] = table_schema(table)
    return resource


def descriptor(corpus: Corpus, findings: int, root: Path) -> dict[str, Any]:
    """The package descriptor for the data files already written under ``root``.

    ``findings`` is the number of findings, for the description.
    """
    return package_descriptor(
        corpus.root, len(corpus.documents), findings, common_license(corpus.documents), root
    )


def package_descriptor(
    corpus_root: str,
    documents: int,
    findings: int,
    license_: dict[str, str] | None,
    root: Path,
) -> dict[str, Any]:
    """The package descriptor, from what a streaming build counted, for the files under ``root``."""
    name = package_name(corpus_root)
    package: dict[str, Any] = {
        "$schema": PACKAGE_PROFILE,
        "name": name,
        "title": f"{name}: a checked text corpus",
        "description": f"{_count(documents, 'plain-text document')} with their "
        f"metadata, cleaned and checked by corpuscheck, and the {_count(findings, 'finding')} "
        "about them. Each table is published as CSV (for spreadsheets) and as Parquet (exact "
        "values).",
    }
    if license_ is not None:
        package["licenses"] = [license_]
    package["resources"] = [table_resource(table, root, fmt) for fmt in FORMATS for table in TABLES]
    return package


def _count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> _count(1, "finding"), _count(0, "finding")
    ('1 finding', '0 findings')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def write_descriptor(path: Path, package: dict[str, Any]) -> None:
    """Write ``package`` as indented UTF-8 JSON with a final newline."""
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8", newline="\n")
