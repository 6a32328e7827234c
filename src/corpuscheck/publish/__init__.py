"""Publish a build: the data package, its zip and the report, into one folder.

:func:`write_outputs` writes into ``OUT``::

    datapackage.json         Frictionless Data Package v2 describing data/
    data/documents.csv       the documents table (spreadsheet-safe CSV)
    data/findings.csv        the findings table (spreadsheet-safe CSV)
    data/documents.parquet   the documents table, exact values
    data/findings.parquet    the findings table, exact values
    README.md                the dataset card, for the Hugging Face Hub (:mod:`.card`)
    expectations/            each Great Expectations suite's result (:mod:`.validations`)
    corpus.zip               datapackage.json, the card and data/, ready to release
    report.html              the quality report (:mod:`corpuscheck.report`)

Every file is deterministic: the same corpus gives the same bytes. ``OUT`` is
replaced as a whole and atomically (see :mod:`corpuscheck.publish.atomic`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from corpuscheck.publish.archive import write_zip
from corpuscheck.publish.atomic import check_replaceable, replace_folder
from corpuscheck.publish.card import write_card
from corpuscheck.publish.datapackage import (
    FORMATS,
    data_path,
    license_of,
    package_descriptor,
    write_descriptor,
)
from corpuscheck.publish.tables import PackageWriter
from corpuscheck.publish.validations import write_validations
from corpuscheck.schemas import TABLES

if TYPE_CHECKING:
    from corpuscheck.model import BuildResult

PACKAGE_FILE = "datapackage.json"
ZIP_FILE = "corpus.zip"
REPORT_FILE = "report.html"
CARD_FILE = "README.md"
OUTPUT_NAMES = frozenset({PACKAGE_FILE, "data", ZIP_FILE, REPORT_FILE, CARD_FILE, "expectations"})
"""Everything a build writes at the top of ``OUT``."""


def write_outputs(out: Path, result: BuildResult, *, baseline: Path | None = None) -> None:
    """Write the package, its zip and the report of an in-memory ``result`` into ``out``.

    ``baseline`` is the output folder of an earlier build (it may be ``out``
    itself: it is read before ``out`` is replaced) for the report's changes.
    A build streams into the same writers (see :func:`corpuscheck.pipeline.build`).

    Raises :class:`OSError` (before writing anything) when ``out`` is a file or
    a folder holding files a build does not write, and whatever writing
    raised otherwise; in both cases the previous ``out`` is left untouched.
    """
    from corpuscheck.report import write_report

    def write_all(tmp: Path) -> None:
        write_package(tmp, result)
        write_report(tmp / REPORT_FILE, result, baseline)

    check_replaceable(out, OUTPUT_NAMES)
    replace_folder(out, write_all)


def write_package(root: Path, result: BuildResult) -> None:
    """Write the data files, ``datapackage.json`` and ``corpus.zip`` of ``result`` into ``root``."""
    from corpuscheck.model import Finding
    from corpuscheck.tables import document_row

    findings = sorted(result.findings, key=Finding.sort_key)
    by_doc: dict[str, list[Finding]] = {d.id: [] for d in result.corpus.documents}
    top = []
    for f in findings:
        if f.doc_id is not None and f.doc_id in by_doc:
            by_doc[f.doc_id].append(f)
        else:
            top.append(f)
    writer = PackageWriter(root)
    try:
        writer.start(result.corpus, top)
        for doc in result.corpus.documents:
            row = document_row(doc, by_doc[doc.id])
            writer.document(doc, by_doc[doc.id], row)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    finish_package(root, result.corpus.root, writer)


def finish_package(root: Path, corpus_root: str, tables: PackageWriter) -> None:
    """Write ``datapackage.json`` and ``corpus.zip`` for the tables already written under ``root``.

    The CSV tables go into the zip as ``tables`` deflated them while writing them.
    """
    try:
        _finish_package(root, corpus_root, tables)
    finally:
        tables.discard()


def _finish_package(root: Path, corpus_root: str, tables: PackageWriter) -> None:
    tables.written()  # the descriptor hashes the files
    package = package_descriptor(
        corpus_root,
        tables.document_count,
        tables.finding_count,
        license_of(tables.common_license),
        root,
    )
    write_descriptor(root / PACKAGE_FILE, package)
    write_card(root / CARD_FILE, root, package)
    packaged = [PACKAGE_FILE, CARD_FILE, *(data_path(t, fmt) for t in TABLES for fmt in FORMATS)]
    validations = tables.corpus.validations if tables.corpus is not None else {}
    packaged += write_validations(root, validations)
    write_zip(root / ZIP_FILE, root, packaged, tables.deflated())
