"""JSONL, Parquet and Hugging Face dataset inputs: streamed, checked like a corpus folder."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpuscheck.config import Config
from corpuscheck.output import Locator
from corpuscheck.pipeline import build, check
from corpuscheck.read.corpus import read_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_records() -> list[dict[str, str]]:
    """The seeds as records: id, text and the manifest's columns."""
    corpus = read_corpus(SEEDS)
    return [{"id": d.id, "text": d.original, **d.metadata} for d in corpus.documents]


def findings_of(result) -> list[tuple]:
    return sorted(
        (f.doc_id or "", f.rule, f.severity.value, f.start or 0, f.end or 0, f.message)
        for f in result.findings
        if not f.rule.startswith("metadata.manifest")
    )


def write_jsonl(path: Path, records: list[dict], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def folder_findings():
    return findings_of(check(SEEDS))


def test_jsonl_gives_the_findings_of_the_folder(tmp_path, folder_findings):
    source = write_jsonl(tmp_path / "news.jsonl", seed_records())
    result = check(source)
    assert [d.id for d in result.corpus.documents] == sorted(d["id"] for d in seed_records())
    assert findings_of(result) == folder_findings


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_jsonl(tmp_path, suffix, folder_findings):
    import zstandard

    path = tmp_path / f"news{suffix}"
    if suffix.endswith(".gz"):
        write_jsonl(path, seed_records(), gzip.open)
    else:
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in seed_records())
        path.write_bytes(zstandard.ZstdCompressor().compress(data.encode("utf-8")))
    assert findings_of(check(path)) == folder_findings


def test_parquet_file_and_folder(tmp_path, folder_findings):
    table = pa.Table.from_pylist(seed_records())
    pq.write_table(table, tmp_path / "one.parquet", row_group_size=2)
    assert findings_of(check(tmp_path / "one.parquet")) == folder_findings
    (tmp_path / "hub" / "data").mkdir(parents=True)
    pq.write_table(table.slice(0, 2), tmp_path / "hub" / "data" / "train-00000.parquet")
    pq.write_table(table.slice(2), tmp_path / "hub" / "data" / "train-00001.parquet")
    assert findings_of(check(tmp_path / "hub")) == folder_findings


def test_dataset_saved_by_datasets(tmp_path, folder_findings):
    import datasets

    datasets.Dataset.from_list(seed_records()).save_to_disk(str(tmp_path / "saved"))
    assert (tmp_path / "saved" / "state.json").is_file()
    assert findings_of(check(tmp_path / "saved")) == folder_findings


def test_other_column_names(tmp_path):
    records = [{"doc": "a1", "body": "Le chat dort sur le canapé.", "language": "english"}]
    path = write_jsonl(tmp_path / "x.jsonl", records)
    result = check(path, Config(text_column="body", id_column="doc"))
    (doc,) = result.corpus.documents
    assert (doc.id, doc.text) == ("a1", "Le chat dort sur le canapé.")
    # The metadata columns go through the metadata checks.
    assert any(f.rule == "metadata.invalid_language_code" for f in result.findings)


def test_bad_records_are_findings_at_their_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"id": "ok", "text": "Bonjour tout le monde."}\n'
        "\n"
        "{not json\n"
        '{"id": "no-text"}\n'
        '{"id": "number", "text": 42}\n',
        encoding="utf-8",
    )
    result = check(path)
    unreadable = {f.doc_id: f for f in result.findings if f.rule == "structure.unreadable"}
    assert set(unreadable) == {"bad-3", "no-text", "number"}
    locator = Locator(result.corpus, root=tmp_path)
    assert locator.locate(unreadable["bad-3"]).line == 3
    assert locator.locate(unreadable["number"]).line == 5
    assert locator.locate(unreadable["no-text"]).path == "bad.jsonl"


def test_build_from_parquet_places_findings_at_their_row(tmp_path):
    records = seed_records()
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "news.parquet")
    result = build(tmp_path / "news.parquet", tmp_path / "out")
    assert (tmp_path / "out" / "data" / "documents.parquet").is_file()
    locator = Locator(result.corpus, root=tmp_path)
    rows = {r["id"]: n for n, r in enumerate(records, 1)}
    placed = [(f.doc_id, locator.locate(f)) for f in result.findings if f.doc_id]
    assert placed
    assert all(loc.path == "news.parquet" and loc.line == rows[d] for d, loc in placed)


def test_a_uri_is_read_through_pyarrow_file_systems(tmp_path, folder_findings):
    (tmp_path / "bucket" / "news").mkdir(parents=True)
    records = seed_records()
    pq.write_table(pa.Table.from_pylist(records[:2]), tmp_path / "bucket" / "news" / "a.parquet")
    write_jsonl(tmp_path / "bucket" / "news" / "b.jsonl.gz", records[2:], gzip.open)
    uri = (tmp_path / "bucket" / "news").as_uri()
    result = check(uri)
    assert findings_of(result) == folder_findings
    located = Locator(result.corpus, root=tmp_path).locate(
        next(f for f in result.findings if f.doc_id == records[3]["id"])
    )
    assert located.path == f"{uri}/b.jsonl.gz" and located.line == 2


def test_a_uri_with_nothing_to_read_is_a_clear_error(tmp_path):
    from corpuscheck.read import CorpusFolderError

    with pytest.raises(CorpusFolderError, match="no Parquet or JSONL"):
        check(tmp_path.as_uri())
