"""The descriptor's package-level fields, and tables with empty cells, on made-up builds."""

from __future__ import annotations

import json

import frictionless
import pyarrow.parquet as pq
import pytest

from corpuscheck.model import METADATA_FIELDS, Corpus, Document, Finding, Severity
from corpuscheck.pipeline import BuildResult
from corpuscheck.publish import write_outputs
from corpuscheck.schemas import table_schema


def document(name: str, **metadata: str) -> Document:
    text = "Le gouvernement a annoncé lundi une série de mesures."
    meta = dict.fromkeys(METADATA_FIELDS, "") | metadata
    return Document(name, f"{name}.txt", text, text, metadata=meta)


def publish(tmp_path, documents, findings=(), folder="Mon Corpus"):
    result = BuildResult(Corpus(str(tmp_path / folder), list(documents)), list(findings), None)
    out = tmp_path / "out"
    write_outputs(out, result)
    return out, json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def test_the_name_is_the_corpus_folder_as_a_slug(tmp_path):
    _, package = publish(tmp_path, [document("a")], folder="Corpus Ukraïne 2025")
    assert package["name"] == "corpus-ukraine-2025"


@pytest.mark.parametrize(
    ("licenses", "expected"),
    [
        (["CC-BY-4.0", "CC-BY-4.0"], [{"name": "CC-BY-4.0"}]),
        (
            ["https://creativecommons.org/licenses/by/4.0/"] * 2,
            [{"path": "https://creativecommons.org/licenses/by/4.0/"}],
        ),
        (["CC-BY-4.0", "CC0-1.0"], None),
        (["CC-BY-4.0", ""], None),
        (["", ""], None),
    ],
)
def test_a_license_is_declared_only_when_every_document_shares_it(tmp_path, licenses, expected):
    docs = [document(f"d{i}", license=value) for i, value in enumerate(licenses)]
    _, package = publish(tmp_path, docs)
    assert package.get("licenses") == expected


def with_empty_cells(tmp_path, detected: bool = True):
    """A build whose tables have empty cells: undeclared metadata, a finding without a span."""
    dated = document("a", published="2025-05-19", language="fr", url="https://example.org/a")
    plain = document("b")
    if detected:
        for doc in (dated, plain):
            doc.computed = {"detected_language": "fr", "detected_language_probability": 0.99}
    findings = [
        Finding("metadata.missing_file", Severity.ERROR, "no such file", file="ghost.txt"),
        dated.finding("artifact.placeholder", Severity.WARNING, "token", 3, 9, evidence={"k": 1}),
    ]
    out, _ = publish(tmp_path, [dated, plain], findings)
    return out


def invalid_tasks(out):
    report = frictionless.validate(str(out / "datapackage.json"))
    flat = report.flatten(["rowNumber", "fieldName", "type", "note"])
    return {task.name: flat for task in report.tasks if not task.valid}


def test_empty_cells_stay_empty_and_valid_in_csv(tmp_path):
    out = with_empty_cells(tmp_path, detected=False)
    invalid = invalid_tasks(out)
    assert "documents" not in invalid and "findings" not in invalid, invalid


def test_empty_cells_are_nulls_in_parquet(tmp_path):
    out = with_empty_cells(tmp_path, detected=False)
    findings = pq.read_table(out / "data/findings.parquet").to_pylist()
    corpus_level = next(r for r in findings if r["doc_id"] is None)
    assert corpus_level["start"] is None and corpus_level["end"] is None
    assert corpus_level["file"] == "ghost.txt"
    documents = pq.read_table(out / "data/documents.parquet").to_pylist()
    assert str(documents[0]["published"]) == "2025-05-19" and documents[1]["published"] is None
    assert documents[0]["detected_language_probability"] is None


def test_parquet_with_empty_text_and_date_cells_is_valid(tmp_path):
    out = with_empty_cells(tmp_path)
    invalid = invalid_tasks(out)
    assert "documents-parquet" not in invalid, invalid


def test_parquet_with_empty_number_cells_is_valid(tmp_path):
    # The Parquet resources carry no embedded schema because frictionless 5.21
    # reads Parquet through pandas (an empty integer becomes NaN and fails an
    # integer field: frictionless-py issue 1637); the package stays valid.
    out = with_empty_cells(tmp_path, detected=False)
    assert invalid_tasks(out) == {}


def test_parquet_columns_follow_the_table_schema(tmp_path):
    out = with_empty_cells(tmp_path, detected=False)
    for table in ("documents", "findings"):
        names = [f["name"] for f in table_schema(table)["fields"]]
        assert pq.read_table(out / f"data/{table}.parquet").column_names == names
