"""Each Great Expectations suite's validation result is kept in the package as GE writes it."""

from __future__ import annotations

import json
import re
import shutil

from corpuscheck.checks.metadata.expectations import import_great_expectations
from corpuscheck.pipeline import build
from tests.conftest import ROOT
from tests.publish.conftest import snapshot

LONG = (
    "Le gouvernement a annoncé lundi une nouvelle série de mesures pour soutenir les "
    "agriculteurs touchés par la sécheresse de cet été. Les aides seront versées avant la "
    "fin de l’année, a précisé le ministre lors d’une conférence de presse à Paris."
)


def corpus_with_failures(make_corpus):
    """A corpus failing two expectations of the repository's suite: a short text, no language."""
    manifest = (
        "file_name,language,title,source,url,published,translated_from,license\n"
        "long.txt,fr,,,,,,\nshort.txt,fr,,,,,,\nunknown.txt,,,,,,,\n"
    )
    folder = make_corpus(
        {"long.txt": LONG, "short.txt": "Bref.", "unknown.txt": LONG.replace("lundi", "mardi")},
        manifest=manifest,
    )
    shutil.copytree(ROOT / "expectations", folder.parent / "expectations")
    return folder


def test_the_result_opens_in_great_expectations(make_corpus, tmp_path):
    folder = corpus_with_failures(make_corpus)
    build(folder, tmp_path / "out")
    text = (tmp_path / "out" / "expectations" / "documents.result.json").read_text("utf-8")
    import_great_expectations()
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResultSchema,
    )

    result = ExpectationSuiteValidationResultSchema().load(json.loads(text))
    assert result.suite_name == "documents" and result.success is False
    failed = {
        r.expectation_config.kwargs.get("column"): r.result["unexpected_index_list"]
        for r in result.results
        if not r.success
    }
    assert failed["length"] == [{"id": "short", "length": 5}]
    assert failed["language"] == [{"id": "unknown", "language": None}]
    assert result.statistics["unsuccessful_expectations"] == 2


def test_the_result_is_in_the_zip_and_the_same_bytes_every_time(make_corpus, tmp_path):
    folder = corpus_with_failures(make_corpus)
    build(folder, tmp_path / "one")
    build(folder, tmp_path / "two")
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    import zipfile

    names = zipfile.ZipFile(tmp_path / "one" / "corpus.zip").namelist()
    assert "expectations/documents.result.json" in names


def test_the_report_links_each_failed_expectation_to_its_rows(make_corpus, tmp_path):
    folder = corpus_with_failures(make_corpus)
    build(folder, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text("utf-8")
    section = html[html.index('<section id="expectations"') :]
    section = section[: section.index("</section>")]
    assert '<span class="mono">expectations/documents.result.json</span>' in section
    assert "2 of 8 failed" in section
    rows = re.findall(r"<tr><td class=\"mono\">(\w+).*?</tr>", section, re.S)
    assert len(rows) == 8
    failing = dict(
        re.findall(r"(expect_column_values_to_\w+)[^\n]*?<a href=\"#(doc-\w+)\"", section)
    )
    assert failing == {
        "expect_column_values_to_be_between": "doc-short",
        "expect_column_values_to_not_be_null": "doc-unknown",
    }
    # the anchors are the documents' cards
    assert 'id="doc-short"' in html and 'id="doc-unknown"' in html


def test_no_suite_no_result_and_no_section(make_corpus, tmp_path):
    folder = make_corpus({"long.txt": LONG})
    build(folder, tmp_path / "out")
    assert not (tmp_path / "out" / "expectations").exists()
    assert 'id="expectations"' not in (tmp_path / "out" / "report.html").read_text("utf-8")
