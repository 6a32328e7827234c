"""The published folder loads where people load datasets: datasets, pandas, polars, the Hub.

``OUT/README.md`` is a dataset card whose YAML front matter the Hugging Face
Hub reads (license, language, size, task, configs); ``datasets`` reads the
Parquet files, and the folder itself through the card's configs, as the
Hub's viewer does. ``datasets`` runs in a subprocess, offline, with its cache
in the test's folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
import yaml

from corpuscheck.pipeline import build
from corpuscheck.publish.card import dataset_card, escape
from corpuscheck.schemas import field_names
from tests.conftest import SEEDS

LOAD = """
import json, sys
from datasets import load_dataset
out, cache = sys.argv[1], sys.argv[2]
files = load_dataset("parquet", data_files=out + "/data/documents.parquet", split="train",
                     cache_dir=cache)
folder = load_dataset(out, "findings", split="train", cache_dir=cache)
default = load_dataset(out, split="train", cache_dir=cache)
print(json.dumps({
    "files": [files.num_rows, files.column_names, files[0]["id"], files[0]["text"][:40]],
    "findings": [folder.num_rows, folder.column_names],
    "default": [default.num_rows, default.column_names],
}))
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("published") / "out"
    build(SEEDS, folder)
    return folder


def card_yaml(out: Path) -> dict:
    text = (out / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


def test_the_card_has_the_hubs_front_matter(out):
    meta = card_yaml(out)
    assert meta["license"] == "cc-by-4.0" or meta["license"] in ("other", "unknown")
    assert meta["language"] == ["fr"]
    assert meta["size_categories"] == ["n<1K"]
    assert meta["task_categories"] == ["text-generation"]
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert configs["documents"]["default"] is True
    assert configs["documents"]["data_files"] == [
        {"split": "train", "path": "data/documents.parquet"}
    ]
    assert configs["findings"]["data_files"][0]["path"] == "data/findings.parquet"
    body = (out / "README.md").read_text(encoding="utf-8")
    findings = pl.read_parquet(out / "data" / "findings.parquet")
    errors = findings.filter(severity="error").height
    assert f"corpuscheck found {errors} errors" in body
    assert "artifact.placeholder" in body and "## Quality" in body


def test_datasets_pandas_and_polars_load_it(out, tmp_path):
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    env["HF_HOME"] = str(tmp_path / "hf")
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(out), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    documents = pl.read_parquet(out / "data" / "documents.parquet")
    assert loaded["files"][:2] == [documents.height, field_names("documents")]
    assert loaded["files"][2:] == [documents["id"][0], documents["text"][0][:40]]
    assert loaded["default"] == loaded["files"][:2]
    assert loaded["findings"] == [
        pl.read_parquet(out / "data" / "findings.parquet").height,
        field_names("findings"),
    ]
    assert pd.read_parquet(out / "data" / "documents.parquet").shape == documents.shape


def test_the_documents_keep_the_original_where_it_differs(make_corpus, tmp_path):
    fine = "Le gouvernement a annoncé lundi de nouvelles mesures.\n"
    damaged = "Le prÃ©sident a visitÃ© lâ€™usine de Toulouse mercredi.\n"
    folder = make_corpus({"fine.txt": fine, "damaged.txt": damaged})
    build(folder, tmp_path / "out")
    documents = pl.read_parquet(tmp_path / "out" / "data" / "documents.parquet")
    rows = {r["id"]: r for r in documents.select("id", "text", "original_text").to_dicts()}
    assert rows["fine"] == {"id": "fine", "text": fine, "original_text": None}
    assert rows["damaged"]["original_text"] == damaged
    assert "président" in rows["damaged"]["text"]
    # the CSV copy carries it too, and frictionless validates the package
    assert "lâ€™usine" in (tmp_path / "out" / "data" / "documents.csv").read_text("utf-8")
    check_frictionless(tmp_path / "out")


def check_frictionless(out: Path) -> None:
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "frictionless"),
            "validate",
            "--json",
            str(out / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert json.loads(done.stdout)["valid"] is True, done.stdout[-3000:]


def test_frictionless_still_validates_the_package(out):
    check_frictionless(out)


def test_the_card_is_in_the_zip(out):
    import zipfile

    assert "README.md" in zipfile.ZipFile(out / "corpus.zip").namelist()


def test_text_from_the_corpus_cannot_add_markup_to_the_card():
    documents = pl.DataFrame(
        {
            "id": ["<img src=x onerror=alert(1)>|[link](http://x)"],
            "language": ["fr"],
            "detected_language": ["fr"],
            "errors": [1],
            "warnings": [0],
            "quality_score": [0.5],
        }
    )
    findings = pl.DataFrame({"rule": ["artifact.placeholder"], "severity": ["error"]})
    card = dataset_card({"name": "x", "title": "x: a | title"}, documents, findings)
    assert "<img" not in card and "[link](" not in card
    assert escape("<img>") in card or "&lt;img" in card
