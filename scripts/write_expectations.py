"""Write ``expectations/documents.json``: the corpus-level Great Expectations suite.

The suite is built with Great Expectations' own API and written exactly as a
Great Expectations file store writes a suite (sorted keys, two-space indent),
so the file can be edited by hand or with Great Expectations and read back by
either. Run it after changing the expectations below::

    python scripts/write_expectations.py

Each expectation carries ``notes`` (why it holds for this corpus) and
``meta.corpuscheck``: the ``rule`` of the findings it produces and the
``message`` they start with. Its ``severity`` (critical, warning, info) is the
severity of those findings (critical is an error). The suite runs on the
typed documents table plus the computed column ``primary_language`` (the
primary subtag of the declared language: ``fr`` for ``fr-CA``); see
:mod:`corpuscheck.checks.metadata.expectations`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "expectations" / "documents.json"

LANGUAGES = ["fr"]
"""The languages this corpus is declared to be in."""

MIN_LENGTH, MAX_LENGTH = 200, 200_000
"""Plausible length of one document (a news article), in characters."""


def corpuscheck(message: str, rule: str = "metadata.expectation") -> dict[str, Any]:
    return {"corpuscheck": {"rule": rule, "message": message}}


def build_suite() -> Any:
    """The documents suite, as a Great Expectations ``ExpectationSuite``."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations as gx
    import great_expectations.expectations as gxe

    gx.get_context(mode="ephemeral")  # adding expectations needs a current context
    suite = gx.ExpectationSuite(
        name="documents",
        notes=(
            "Corpus-level expectations on the documents table (one row per document), checked "
            "by corpuscheck's metadata.expectations check on every build. Each expectation's "
            "meta.corpuscheck names the finding rule and message; its severity is the finding's "
            "severity (critical: error)."
        ),
        meta={"corpuscheck": {"table": "documents"}},
    )
    expectations = [
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1,
            severity="critical",
            notes="A corpus without documents publishes an empty package.",
            meta=corpuscheck("the corpus has no documents"),
        ),
        gxe.ExpectColumnValuesToBeUnique(
            column="id",
            severity="critical",
            notes="The id (file name without .txt) is the primary key of the documents table.",
            meta=corpuscheck("document id is not unique"),
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="text",
            severity="critical",
            notes="Every document has a text, possibly empty (structure.empty reports those).",
            meta=corpuscheck("document has no text"),
        ),
        gxe.ExpectColumnValuesToNotBeNull(
            column="language",
            severity="warning",
            notes="Every document declares its language in metadata.csv.",
            meta=corpuscheck("no language declared in metadata.csv"),
        ),
        gxe.ExpectColumnValuesToBeInSet(
            column="language",
            value_set=LANGUAGES,
            severity="critical",
            notes=(
                "The languages this corpus is published in. A document declared in another "
                "language does not belong here, or the set must grow."
            ),
            meta=corpuscheck(f"declared language is not one of {', '.join(LANGUAGES)}"),
        ),
        gxe.ExpectColumnValuesToBeBetween(
            column="length",
            min_value=MIN_LENGTH,
            max_value=MAX_LENGTH,
            severity="warning",
            notes=(
                f"A news article has {MIN_LENGTH} to {MAX_LENGTH} characters: a shorter text is "
                "likely a truncated extraction, a longer one several articles run together."
            ),
            meta=corpuscheck(f"text length outside {MIN_LENGTH}..{MAX_LENGTH} characters"),
        ),
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="primary_language",
            column_B="detected_language",
            ignore_row_if="either_value_is_missing",
            severity="warning",
            notes=(
                "The declared language (its primary subtag: fr for fr-CA) is the language "
                "detected in the text. Documents too short to detect are skipped; "
                "language.mismatch gives the detector's details."
            ),
            meta=corpuscheck("declared language differs from the detected language"),
        ),
        gxe.ExpectColumnValuesToBeUnique(
            column="sha256",
            severity="warning",
            notes="Two documents with the same SHA-256 have the same cleaned text: exact duplicates.",
            meta=corpuscheck("exact duplicate: another document has the same text"),
        ),
    ]
    for expectation in expectations:
        suite.add_expectation(expectation)
    return suite


def suite_json(suite: Any) -> str:
    """The suite as a Great Expectations file store writes it."""
    from great_expectations.core.expectation_suite import ExpectationSuiteSchema

    return str(ExpectationSuiteSchema().dumps(suite, indent=2, sort_keys=True))


def main() -> None:
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(suite_json(build_suite()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
