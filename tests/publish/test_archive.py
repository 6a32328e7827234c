"""The package's zip: tables deflated while they are written give the same zip as the files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuscheck.publish.archive import DeflatedFile, write_zip

NAMES = ["README.md", "data/documents.csv", "data/documents.parquet", "datapackage.json"]


def _files(root: Path, table: bytes) -> None:
    (root / "data").mkdir(exist_ok=True)
    (root / "README.md").write_text("# Corpus\n", encoding="utf-8")
    (root / "data" / "documents.csv").write_bytes(table)
    (root / "data" / "documents.parquet").write_bytes(b"PAR1" + bytes(range(256)) * 8)
    (root / "datapackage.json").write_text('{"name": "corpus"}\n', encoding="utf-8")


def _deflated(table: bytes, cuts: list[int]) -> DeflatedFile:
    """``table`` written to a DeflatedFile in the pieces that ``cuts`` mark."""
    ready = DeflatedFile("data/documents.csv")
    start = 0
    for end in [*sorted(c % (len(table) + 1) for c in cuts), len(table)]:
        if end > start:
            ready.write(table[start:end])
            start = end
    ready.close()
    return ready


def _table(rows: int) -> bytes:
    lines = [f"d{i},Le texte numéro {i} dit {i * 7919 % 1000} choses.\n" for i in range(rows)]
    return ("id,text\n" + "".join(lines)).encode("utf-8")


@settings(max_examples=25, deadline=None)
@given(rows=st.integers(0, 3000), cuts=st.lists(st.integers(0, 10**6), max_size=12))
def test_a_table_deflated_in_pieces_gives_the_zip_deflated_from_the_file(
    tmp_path_factory, rows, cuts
):
    root = tmp_path_factory.mktemp("package")
    table = _table(rows)
    _files(root, table)
    write_zip(root / "direct.zip", root, NAMES)
    ready = _deflated(table, cuts)
    try:
        write_zip(root / "copied.zip", root, NAMES, {"data/documents.csv": ready})
    finally:
        ready.discard()
    assert (root / "copied.zip").read_bytes() == (root / "direct.zip").read_bytes()
    with zipfile.ZipFile(root / "copied.zip") as archive:
        assert archive.testzip() is None
        assert archive.read("data/documents.csv") == table


def test_deflated_bytes_that_do_not_match_the_file_are_not_used(tmp_path):
    table = _table(500)
    _files(tmp_path, table)
    write_zip(tmp_path / "direct.zip", tmp_path, NAMES)
    short = _deflated(table[:-10], [])  # the file grew after: its size tells
    unfinished = DeflatedFile("data/documents.csv")
    unfinished.write(table)  # never closed: a write failed on the way
    for ready in (short, unfinished):
        write_zip(tmp_path / "out.zip", tmp_path, NAMES, {"data/documents.csv": ready})
        assert (tmp_path / "out.zip").read_bytes() == (tmp_path / "direct.zip").read_bytes()
        ready.discard()


def test_only_a_file_the_zip_deflates_can_be_deflated_ahead():
    with pytest.raises(ValueError, match="stored"):
        DeflatedFile("data/documents.parquet")
