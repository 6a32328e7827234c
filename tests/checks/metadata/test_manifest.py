from corpuscheck.checks.metadata.manifest import manifest
from corpuscheck.config import Config
from corpuscheck.model import Severity
from corpuscheck.read import read_corpus
from tests.conftest import MANIFEST_HEADER

TEXT = "Le président a déclaré lundi que les négociations reprendraient."


def check(root):
    return [(f.rule, f.severity, f.doc_id, f.file) for f in manifest(read_corpus(root), Config())]


def findings(root):
    return list(manifest(read_corpus(root), Config()))


def test_seeds_have_a_row_for_each_file(seeds):
    assert check(seeds) == []


def test_a_row_naming_no_file_is_an_orphan(make_corpus):
    body = f"{MANIFEST_HEADER}a.txt,fr,,,,,,\nz.txt,fr,,,,,,\n"
    root = make_corpus({"a.txt": TEXT}, manifest=body)
    assert check(root) == [("metadata.orphan_row", Severity.ERROR, None, "metadata.csv")]
    [finding] = findings(root)
    assert finding.evidence == {"row": 2, "file_name": "z.txt"}
    assert "row 2" in finding.message


def test_a_row_without_file_name_is_an_orphan(make_corpus):
    root = make_corpus({"a.txt": TEXT}, manifest=f"{MANIFEST_HEADER}a.txt,fr,,,,,,\n,fr,,,,,,\n")
    [finding] = findings(root)
    assert finding.rule == "metadata.orphan_row"
    assert "has no file_name" in finding.message


def test_a_near_miss_is_hinted(make_corpus):
    root = make_corpus({"a.txt": TEXT}, manifest=f"{MANIFEST_HEADER}A.TXT ,fr,,,,,,\n")
    orphan, missing = findings(root)
    assert orphan.rule == "metadata.orphan_row"
    assert "did you mean 'a.txt'?" in orphan.message
    assert missing.rule == "metadata.missing_row"


def test_a_file_without_a_row_is_a_warning_on_the_document(make_corpus):
    root = make_corpus(
        {"a.txt": TEXT, "b.txt": TEXT}, manifest=f"{MANIFEST_HEADER}a.txt,fr,,,,,,\n"
    )
    assert check(root) == [("metadata.missing_row", Severity.WARNING, "b", "b.txt")]


def test_two_rows_for_one_file_are_an_error(make_corpus):
    body = f"{MANIFEST_HEADER}a.txt,fr,,,,,,\nb.txt,fr,,,,,,\na.txt,de,Titre,,,,,\n"
    root = make_corpus({"a.txt": TEXT, "b.txt": TEXT}, manifest=body)
    assert check(root) == [("metadata.duplicate_row", Severity.ERROR, "a", "a.txt")]
    [finding] = findings(root)
    assert finding.evidence == {
        "file_name": "a.txt",
        "rows": [1, 3],
        "differ": ["language", "title"],
    }
    assert "only the last one is used" in finding.message


def test_no_manifest_is_left_to_the_reader(make_corpus):
    root = make_corpus({"a.txt": TEXT}, manifest=None)
    corpus = read_corpus(root)
    assert [f.rule for f in corpus.read_findings] == ["metadata.manifest_missing"]
    assert list(manifest(corpus, Config())) == []


def test_an_unreadable_manifest_is_left_to_the_reader(make_corpus):
    root = make_corpus({"a.txt": TEXT}, manifest="name,language\na.txt,fr\n")
    corpus = read_corpus(root)
    assert [f.rule for f in corpus.read_findings] == ["metadata.manifest_unreadable"]
    assert list(manifest(corpus, Config())) == []
