"""Values of ``metadata.csv`` that a spreadsheet would run as a formula."""

from __future__ import annotations

from collections.abc import Iterator

from corpuscheck.checks.registry import corpus_check
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Finding, Severity

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""


def looks_like_formula(value: str) -> bool:
    """True when a spreadsheet would read ``value`` as a formula.

    >>> looks_like_formula('=HYPERLINK("http://x.example","ici")'), looks_like_formula("Le Monde")
    (True, False)
    """
    return value.startswith(FORMULA_STARTS)


@corpus_check("metadata.spreadsheet_formula")
def spreadsheet_formula(corpus: Corpus, config: Config) -> Iterator[Finding]:
    """A value of metadata.csv starts like a spreadsheet formula (=, +, -, @, tab, carriage return).

    Opened in a spreadsheet, ``=HYPERLINK("http://…","Lire la suite")`` becomes
    a live link and ``=cmd|' /C calc'!A0`` may run a program (CSV injection).
    The value is kept as it is in the package (Parquet holds it exactly); the
    published CSV puts a single quote ``'`` before it, so a spreadsheet shows
    it as text. One finding per row, naming its columns.

    >>> rows = [{"file_name": "a.txt", "title": "=HYPERLINK(\\"http://x.example\\")"}]
    >>> [f.evidence["columns"] for f in spreadsheet_formula(Corpus(".", [], rows), Config())]
    [['title']]
    """
    if corpus.manifest is None:
        return
    documents = {doc.file: doc for doc in corpus.documents}
    for number, row in enumerate(corpus.manifest, start=1):
        risky = {
            column: value
            for column, value in row.items()
            if isinstance(value, str) and looks_like_formula(value)
        }
        if not risky:
            continue
        columns = list(risky)
        shown = "; ".join(f"{column} = {value[:60]!r}" for column, value in risky.items())
        message = (
            f"{corpus.manifest_file} row {number}: {shown} starts like a spreadsheet formula "
            "(published CSV quotes it with a leading ')"
        )
        evidence = {
            "row": number,
            "columns": columns,
            "values": {column: value[:200] for column, value in risky.items()},
        }
        doc = documents.get(row.get("file_name") or "")
        if doc is not None:
            yield doc.finding(
                "metadata.spreadsheet_formula", Severity.WARNING, message, evidence=evidence
            )
        else:
            yield Finding(
                "metadata.spreadsheet_formula",
                Severity.WARNING,
                message,
                file=corpus.manifest_file,
                evidence=evidence,
            )
