"""The Python API: corpuscheck.check, build, load, configure and rules."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import polars as pl
import pytest

import corpuscheck
from corpuscheck.read import CorpusFolderError
from corpuscheck.schemas import field_names

PLACEHOLDER = "Le budget a augmenté de XNUMX millions d’euros cette année, selon le ministère."
CLEAN = "La ville de Lyon a inauguré mardi une nouvelle ligne de tramway vers l’est."
MOJIBAKE = "Le prÃ©sident a visitÃ© lâ€™usine de Toulouse mercredi matin avec ses ministres."


def test_importing_the_package_loads_no_heavy_library():
    code = "import sys, corpuscheck; print(sorted(m for m in ('polars', 'pandas', 'pyarrow', 'corpuscheck.api') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_api_is_reachable_from_the_package():
    assert corpuscheck.check is corpuscheck.api.check
    assert {"check", "build", "load", "rules", "configure"} <= set(dir(corpuscheck))
    with pytest.raises(AttributeError):
        _ = corpuscheck.nothing_here


def test_check_a_folder_gives_the_published_tables(make_corpus, tmp_path):
    folder = make_corpus({"a.txt": PLACEHOLDER, "b.txt": MOJIBAKE})
    result = corpuscheck.check(folder)
    assert result.documents.columns == field_names("documents")
    assert result.findings.columns == field_names("findings")
    assert result.documents.get_column("id").to_list() == ["a", "b"]
    # the cleaned text is the one published
    assert "président" in result.documents.filter(id="b").get_column("text").item()
    assert "artifact.placeholder" in result.findings.get_column("rule").to_list()
    assert result.errors == result.counts()["error"] >= 1

    built = corpuscheck.build(folder, tmp_path / "out")
    loaded = corpuscheck.load(tmp_path / "out")
    assert built.out == loaded.out == tmp_path / "out"
    assert loaded.documents.equals(result.documents)
    assert loaded.findings.equals(result.findings)
    assert repr(loaded).startswith("<corpuscheck: 2 documents, ")


def test_check_a_dataframe_polars_or_pandas():
    data = {"id": ["p", "c"], "text": [PLACEHOLDER, CLEAN], "language": ["fr", "fr"], "x": [1, 2]}
    from_polars = corpuscheck.check(pl.DataFrame(data))
    from_pandas = corpuscheck.check(pd.DataFrame(data))
    assert from_polars.findings.equals(from_pandas.findings)
    assert from_polars.documents.get_column("language").to_list() == ["fr", "fr"]
    placeholder = from_polars.findings.filter(rule="artifact.placeholder")
    assert placeholder.get_column("doc_id").to_list() == ["p"]
    assert placeholder.get_column("file").to_list() == ["p.txt"]


def test_a_dataframe_without_ids_is_numbered_and_missing_metadata_is_null():
    result = corpuscheck.check(pd.DataFrame({"text": [CLEAN, None]}), only=["structure"])
    assert result.documents.get_column("id").to_list() == ["0", "1"]
    assert result.documents.get_column("language").to_list() == [None, None]
    assert result.findings.filter(doc_id="1").get_column("rule").to_list() == ["structure.empty"]


def test_checks_are_disabled_selected_and_configured_as_on_the_command_line():
    frame = pl.DataFrame({"id": ["p"], "text": [PLACEHOLDER], "language": ["en"]})
    every = set(corpuscheck.check(frame).findings.get_column("rule"))
    assert {"artifact.placeholder", "language.mismatch"} <= every
    without = set(corpuscheck.check(frame, disable=["artifact"]).findings.get_column("rule"))
    assert "artifact.placeholder" not in without and "language.mismatch" in without
    only = set(corpuscheck.check(frame, only=["artifact.placeholder"]).findings["rule"])
    assert "artifact.placeholder" in only and not {r for r in only if r.startswith("language.")}
    # too short to judge when the threshold is above the text's length
    longer = corpuscheck.check(frame, only=["language"], language_min_chars=10_000)
    assert "language.mismatch" not in set(longer.findings.get_column("rule"))


def test_the_same_findings_as_the_command_line(make_corpus):
    folder = make_corpus({"a.txt": PLACEHOLDER, "b.txt": MOJIBAKE, "c.txt": CLEAN})
    done = subprocess.run(
        [sys.executable, "-m", "corpuscheck", "check", str(folder), "--output-format", "json"],
        capture_output=True,
        text=True,
    )
    ids = sorted(f["finding_id"] for f in json.loads(done.stdout)["findings"])
    assert ids == sorted(corpuscheck.check(folder).findings.get_column("finding_id"))


def test_build_a_dataframe_names_the_package(tmp_path):
    frame = pl.DataFrame({"id": ["c"], "text": [CLEAN], "language": ["fr"]})
    result = corpuscheck.build(frame, tmp_path / "out", name="tramways")
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "tramways"
    assert result.documents.get_column("text").to_list() == [CLEAN]


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pl.DataFrame({"body": ["x"]}), "needs a text column"),
        (pl.DataFrame({"id": ["a/b"], "text": ["x"]}), "cannot be a file name"),
        (pl.DataFrame({"id": [""], "text": ["x"]}), "cannot be a file name"),
        (pl.DataFrame({"id": ["a", "a"], "text": ["x", "y"]}), "repeated: a"),
        (pl.DataFrame({"id": ["a"], "text": [3]}), "is a int, not a string"),
    ],
)
def test_a_bad_dataframe_is_refused_clearly(frame, message):
    with pytest.raises(ValueError, match=message):
        corpuscheck.check(frame)


def test_bad_options_and_folders_are_refused_clearly(tmp_path):
    with pytest.raises(ValueError, match="unknown check or category 'artefact'"):
        corpuscheck.check(tmp_path, disable=["artefact"])
    with pytest.raises(FileNotFoundError, match="expectations folder not found"):
        corpuscheck.check(tmp_path, expectations=tmp_path / "missing")
    with pytest.raises(CorpusFolderError, match="not found"):
        corpuscheck.check(tmp_path / "missing")
    with pytest.raises(FileNotFoundError, match="not the output folder of a corpuscheck build"):
        corpuscheck.load(tmp_path)
    with pytest.raises(ValueError, match="out must not be the corpus folder"):
        corpuscheck.build(tmp_path, tmp_path / "out")


def test_rules_lists_every_check():
    table = corpuscheck.rules()
    assert "artifact.placeholder" in table.get_column("check").to_list()
    assert set(table.get_column("scope")) == {"document", "corpus"}
