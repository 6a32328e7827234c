"""Lines and columns of findings, computed against the real files.

Every expectation here is worked out from the file's bytes on disk, not from
corpuscheck's own reading of them.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.model import Corpus, Finding, Severity
from corpuscheck.output.locate import LineIndex, Location, Locator, manifest_row_lines
from corpuscheck.pipeline import check
from tests.conftest import ROOT, SEEDS
from tests.output.helpers import make_repo, manifest

PLACEHOLDER_FILE = "000_a55f85f9d2cdd8e4.txt"


def expected_position(path: Path, needle: str, occurrence: int = 0) -> tuple[int, int]:
    """(line, column) of ``needle`` in the file, counted by hand: lines split on LF,
    columns in characters of the UTF-8 text."""
    lines = path.read_bytes().decode("utf-8").split("\n")
    seen = 0
    for number, line in enumerate(lines, start=1):
        start = 0
        while (found := line.find(needle, start)) >= 0:
            if seen == occurrence:
                return number, found + 1
            seen += 1
            start = found + 1
    raise AssertionError(f"{needle!r} not in {path}")


def test_the_placeholder_is_located_at_its_line_and_column_in_the_seed_file(
    seeds_result, seeds_locator
):
    (finding,) = [f for f in seeds_result.findings if f.rule == "artifact.placeholder"]
    line, column = expected_position(SEEDS / PLACEHOLDER_FILE, "XNUMX")
    assert seeds_locator.locate(finding) == Location(
        f"seeds/{PLACEHOLDER_FILE}", line, column, line, column + len("XNUMX") - 1
    )
    # Columns count characters, not bytes: the line has accented letters before XNUMX.
    raw_line = (SEEDS / PLACEHOLDER_FILE).read_bytes().split(b"\n")[line - 1]
    assert raw_line.index(b"XNUMX") + 1 > column


def test_every_span_of_the_seeds_points_at_its_text_in_the_file(seeds_result, seeds_locator):
    spans = [f for f in seeds_result.findings if f.start is not None and f.doc_id]
    assert spans
    for finding in spans:
        location = seeds_locator.locate(finding)
        assert location.path is not None and location.line is not None
        lines = (ROOT / location.path).read_bytes().decode("utf-8").split("\n")
        doc = next(d for d in seeds_result.corpus.documents if d.id == finding.doc_id)
        spanned = doc.original[finding.start : finding.end]
        assert location.column is not None and location.end_column is not None
        if location.line == location.end_line:
            shown = lines[location.line - 1][location.column - 1 : location.end_column]
            assert shown == spanned.rstrip("\n") or shown == spanned, finding
        else:
            assert lines[location.line - 1][location.column - 1 :] == spanned.split("\n")[0]


def test_paths_are_from_the_repository_root_of_the_corpus(make_corpus, tmp_path, monkeypatch):
    repo = make_repo(
        tmp_path / "repo",
        {"corpora/fr/a.txt": "Un texte XNUMX.\n", "corpora/fr/metadata.csv": manifest("a.txt")},
    )
    monkeypatch.chdir(tmp_path)  # the current folder does not matter inside a repository
    result = check(repo / "corpora" / "fr", _quiet())
    locator = Locator(result.corpus)
    (finding,) = [f for f in result.findings if f.rule == "artifact.placeholder"]
    assert locator.locate(finding) == Location("corpora/fr/a.txt", 1, 10, 1, 14)
    assert locator.corpus_path == "corpora/fr"


def test_outside_a_repository_paths_are_from_the_current_folder(make_corpus, monkeypatch):
    root = make_corpus({"a.txt": "Un texte XNUMX.\n"})
    monkeypatch.chdir(root.parent)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", os.fspath(root.parent.parent))
    locator = Locator(Corpus(str(root), []))
    assert locator.path("a.txt") == f"{root.name}/a.txt"


def test_invalid_bytes_bom_and_crlf_are_columns_as_an_editor_shows_them(make_corpus, tmp_path):
    root = make_corpus(
        {
            # a Latin-1 é (one invalid byte, one column) before the placeholder
            "latin.txt": "Premi\xe8re ligne\r\nd\xe9j\xe0 XNUMX ici\r\n".encode("latin-1"),
            "bom.txt": "\ufeffXNUMX en tête.\n",
        }
    )
    result = check(root, _quiet())
    locator = Locator(result.corpus, root)
    located = {
        f.file: locator.locate(f) for f in result.findings if f.rule == "artifact.placeholder"
    }
    assert located["latin.txt"] == Location("latin.txt", 2, 6, 2, 10)
    # The byte-order mark takes no column: XNUMX is where an editor shows it.
    assert located["bom.txt"] == Location("bom.txt", 1, 1, 1, 5)


def test_findings_without_a_span_are_about_the_file_or_the_manifest_row(make_corpus):
    body = manifest("a.txt") + "ghost.txt,fr,,,,,,\n"
    root = make_corpus({"a.txt": "Un texte.\n"}, manifest=body)
    corpus = check(root, _quiet()).corpus
    locator = Locator(corpus, root)
    orphan = Finding(
        "metadata.orphan_row", Severity.ERROR, "row 2", file="metadata.csv", evidence={"row": 2}
    )
    assert locator.locate(orphan) == Location("metadata.csv", 3)
    about_a = Finding("metadata.invalid_date", Severity.ERROR, "bad", doc_id="a", file="a.txt")
    assert locator.locate(about_a) == Location("metadata.csv", 2)
    whole = Finding("structure.empty", Severity.ERROR, "empty", doc_id="a", file="a.txt")
    assert locator.locate(whole) == Location("a.txt")
    corpus_level = Finding("duplicate.check_failed", Severity.ERROR, "failed")
    assert locator.locate(corpus_level) == Location("metadata.csv")


def test_a_suite_file_is_found_beside_the_corpus(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "expectations").mkdir()
    (tmp_path / "expectations" / "documents.json").write_text("{}", encoding="utf-8")
    locator = Locator(Corpus(str(tmp_path / "corpus"), []), tmp_path)
    invalid = Finding(
        "metadata.expectations_invalid", Severity.ERROR, "x", file="expectations/documents.json"
    )
    assert locator.locate(invalid) == Location("expectations/documents.json")


def test_manifest_rows_spanning_lines_and_blank_lines():
    text = 'file_name,title\r\na.txt,"deux\r\nlignes"\r\n\r\nb.txt,x\r\n'
    assert manifest_row_lines(text) == {1: 2, 2: 5}


@given(st.text(alphabet="ab\n\r\u00e9\U0001f600", max_size=40), st.data())
def test_line_index_agrees_with_splitting_the_text(text, data):
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    before = text[:offset]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    assert LineIndex(text).position(offset) == (line, column)


def _quiet():
    from corpuscheck.config import Config

    return Config(disabled=frozenset({"language", "duplicate", "translation", "structure"}))
