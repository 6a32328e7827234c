import os
from pathlib import PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuscheck.read import CorpusFolderError, read_corpus
from corpuscheck.read.corpus import file_stem


def rules(corpus):
    return sorted(f.rule for f in corpus.read_findings)


def test_seeds_are_read_byte_for_byte(seeds):
    corpus = read_corpus(seeds)
    assert [d.id for d in corpus.documents] == sorted(p.stem for p in seeds.glob("*.txt"))
    for doc in corpus.documents:
        assert doc.original.encode("utf-8") == (seeds / doc.file).read_bytes()
        assert doc.metadata["language"] == "fr"
    assert corpus.read_findings == []


def test_missing_folder_raises_the_one_error(tmp_path):
    with pytest.raises(CorpusFolderError, match="not found"):
        read_corpus(tmp_path / "nope")


def test_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(CorpusFolderError, match="not a folder"):
        read_corpus(tmp_path / "f.txt")


def test_bad_files_become_findings(make_corpus):
    root = make_corpus(
        {
            "empty.txt": "",
            "blank.txt": "  \n\t",
            "latin.txt": "Il était une fois".encode("latin-1"),
            "ok.txt": "Un texte en français, tout à fait normal.",
        }
    )
    corpus = read_corpus(root)
    assert len(corpus.documents) == 4
    assert rules(corpus) == ["encoding.invalid_utf8", "structure.empty", "structure.empty"]
    bad = next(f for f in corpus.read_findings if f.rule == "encoding.invalid_utf8")
    assert (bad.doc_id, bad.start, bad.end, bad.replacement, bad.fixed) == (
        "latin",
        3,
        4,
        "é",
        True,
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_a_finding(make_corpus):
    root = make_corpus({"secret.txt": "texte"})
    (root / "secret.txt").chmod(0)
    corpus = read_corpus(root)
    assert rules(corpus) == ["structure.unreadable"]


def test_directory_named_like_a_document_is_a_finding(make_corpus):
    root = make_corpus({"a.txt": "Bonjour à tous, ceci est un texte."})
    (root / "dir.txt").mkdir()
    corpus = read_corpus(root)
    assert "structure.unreadable" in rules(corpus)
    assert not next(d for d in corpus.documents if d.id == "dir").readable


def test_no_manifest_is_a_warning(make_corpus):
    corpus = read_corpus(make_corpus({"a.txt": "Bonjour."}, manifest=None))
    assert rules(corpus) == ["metadata.manifest_missing"]
    assert corpus.documents[0].metadata["language"] == ""


def test_manifest_without_file_name_column(make_corpus):
    corpus = read_corpus(make_corpus({"a.txt": "Bonjour."}, manifest="name,language\na.txt,fr\n"))
    assert rules(corpus) == ["metadata.manifest_unreadable"]


def test_manifest_with_bom_and_missing_columns(make_corpus):
    corpus = read_corpus(
        make_corpus({"a.txt": "Bonjour."}, manifest="\ufefffile_name,language\na.txt,fr\n")
    )
    assert rules(corpus) == ["metadata.manifest_columns"]
    assert corpus.documents[0].metadata["language"] == "fr"


@given(st.text(alphabet=".ab_-é", max_size=8))
def test_a_document_id_is_its_file_name_stem(stem: str) -> None:
    """The string shortcut gives pathlib's stem for every name a corpus folder lists (``*.txt``)."""
    name = f"{stem}.txt"
    assert file_stem(name) == PurePath(name).stem
