import pytest

from corpuscheck.checks.metadata.schema import is_language_tag, metadata_schema
from corpuscheck.config import Config
from corpuscheck.model import Corpus, Document, Severity
from corpuscheck.read import read_corpus
from tests.conftest import MANIFEST_HEADER

TEXT = "Le président a déclaré lundi que les négociations reprendraient."


def check(root):
    return list(metadata_schema(read_corpus(root), Config()))


def corpus_with(make_corpus, **metadata):
    """A two-document corpus; ``a.txt`` has the given metadata, ``b.txt`` valid metadata."""
    row = {"language": "fr", "title": "", "source": "", "url": "", "published": ""}
    row |= {"translated_from": "", "license": ""} | metadata
    a = ",".join(row[c] for c in MANIFEST_HEADER.strip().split(",")[1:])
    body = f"{MANIFEST_HEADER}a.txt,{a}\nb.txt,fr,,,https://example.org/b,2025-05-19,en,\n"
    return make_corpus({"a.txt": TEXT, "b.txt": TEXT + " Deux."}, manifest=body)


def test_seeds_have_no_schema_findings(seeds):
    assert check(seeds) == []


@pytest.mark.parametrize(
    "column, value, rule",
    [
        ("published", "2025-13-45", "metadata.invalid_date"),
        ("published", "19/05/2025", "metadata.invalid_date"),
        ("url", "ftp:/x", "metadata.invalid_url"),
        ("url", "not a url", "metadata.invalid_url"),
        ("url", "ftp://example.org/a", "metadata.invalid_url"),
        ("language", "english", "metadata.invalid_language_code"),
        ("language", "xx", "metadata.invalid_language_code"),
        ("language", "FR", "metadata.invalid_language_code"),
        ("translated_from", "xx", "metadata.invalid_language_code"),
        ("translated_from", "english", "metadata.invalid_language_code"),
    ],
)
def test_an_invalid_value_is_an_error_on_its_document(make_corpus, column, value, rule):
    findings = check(corpus_with(make_corpus, **{column: value}))
    assert [(f.rule, f.doc_id, f.file, f.severity) for f in findings] == [
        (rule, "a", "a.txt", Severity.ERROR)
    ]
    evidence = findings[0].evidence
    assert evidence["column"] == column
    assert evidence["value"] == value
    assert evidence["check"] in evidence["checks"]
    assert value in findings[0].message


@pytest.mark.parametrize("code", ["fr", "de", "en", "pt-BR", "fr-CA", "gsw", "zh-Hant"])
def test_real_language_codes_pass(make_corpus, code):
    assert check(corpus_with(make_corpus, language=code, translated_from=code)) == []


@pytest.mark.parametrize("code", ["xx", "english", "zz-ZZ", "zzz", "en-english", "fr-FR-"])
def test_made_up_language_codes_fail(code):
    assert is_language_tag(code) is False


def test_a_value_failing_two_checks_is_one_finding(make_corpus):
    [finding] = check(corpus_with(make_corpus, language="english"))
    assert finding.evidence["checks"] == ["matches_pattern", "is_language_tag"]
    assert "registered language code" in finding.message


def test_every_bad_value_of_a_document_is_reported(make_corpus):
    root = corpus_with(make_corpus, language="english", url="not a url", published="2025-13-45")
    assert sorted((f.evidence["column"], f.rule) for f in check(root)) == [
        ("language", "metadata.invalid_language_code"),
        ("published", "metadata.invalid_date"),
        ("url", "metadata.invalid_url"),
    ]


def test_duplicate_and_missing_values():
    docs = [
        Document("a", "a.txt", TEXT, TEXT),
        Document("a", "a.txt", TEXT, TEXT),
        Document("", "c.txt", TEXT, TEXT),
    ]
    findings = list(metadata_schema(Corpus(".", docs), Config()))
    assert sorted((f.rule, f.evidence["column"], f.doc_id) for f in findings) == [
        ("metadata.duplicate_value", "file_name", "a"),
        ("metadata.duplicate_value", "file_name", "a"),
        ("metadata.duplicate_value", "id", "a"),
        ("metadata.duplicate_value", "id", "a"),
        ("metadata.missing_value", "id", ""),
    ]
    assert all(f.severity is Severity.ERROR for f in findings)
    duplicate = next(f for f in findings if f.rule == "metadata.duplicate_value")
    assert duplicate.evidence["shared_with"] == ["a.txt"]


def test_a_document_without_metadata_is_not_a_schema_problem(make_corpus):
    root = make_corpus({"a.txt": TEXT}, manifest=MANIFEST_HEADER)
    assert check(root) == []
