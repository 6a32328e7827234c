import importlib.util
import json
import shutil

import pytest

from corpuscheck.checks.metadata.expectations import (
    SEVERITIES,
    expectations,
    import_great_expectations,
)
from corpuscheck.checks.registry import load_checks
from corpuscheck.checks.runner import process_document
from corpuscheck.config import Config
from corpuscheck.model import Severity
from corpuscheck.read import read_corpus
from tests.conftest import MANIFEST_HEADER, ROOT

SUITES = sorted((ROOT / "expectations").glob("*.json"))

FRENCH = (
    "Le président a déclaré lundi que les négociations entre les deux pays reprendraient "
    "la semaine prochaine à Genève, selon un communiqué officiel publié dans la soirée. "
    "Les deux délégations se sont engagées à échanger des prisonniers avant la fin du mois."
)
ENGLISH = (
    "The president said on Monday that the talks between the two countries would resume "
    "next week in Geneva, according to an official statement released in the evening. "
    "Both delegations promised to exchange prisoners before the end of the month."
)


@pytest.fixture(scope="module")
def gx():
    return import_great_expectations()


def run(root, config=None):
    """The expectations check on a corpus read, cleaned and language-checked as in a build."""
    corpus = read_corpus(root)
    corpus.documents = [process_document(doc, Config())[0] for doc in corpus.documents]
    return list(expectations(corpus, config or Config()))


def write_suite(folder, name, expectation_list, **suite):
    folder.mkdir(exist_ok=True)
    data = {"name": name, "expectations": expectation_list, **suite}
    (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def corpus(make_corpus):
    """A corpus with one problem per document, and the repository's suites beside it."""
    body = (
        MANIFEST_HEADER
        + "a.txt,fr,,,,,,\nb.txt,fr,,,,,,\nc.txt,de,,,,,,\nd.txt,fr,,,,,,\ne.txt,fr,,,,,,\n"
        + "f.txt,fr,,,,,,\n"
    )
    files = {
        "a.txt": FRENCH,
        "b.txt": FRENCH,  # exact duplicate of a
        "c.txt": FRENCH + " Encore.",  # declared German
        "d.txt": "Trop court.",  # shorter than 200 characters
        "e.txt": ENGLISH,  # declared French, reads as English
        "f.txt": FRENCH + " Enfin.",  # fine
    }
    root = make_corpus(files, manifest=body)
    shutil.copytree(ROOT / "expectations", root.parent / "expectations")
    return root


# The suites of the repository, as Great Expectations reads them.


@pytest.mark.parametrize("path", SUITES, ids=lambda p: p.name)
def test_suite_loads_with_great_expectations_and_round_trips(gx, path):
    data = json.loads(path.read_text(encoding="utf-8"))
    suite = gx.ExpectationSuite(**data)
    assert len(suite.expectations) == len(data["expectations"])  # none dropped as invalid
    assert suite.to_json_dict() == data
    context = gx.get_context(mode="ephemeral")
    added = context.suites.add(gx.ExpectationSuite(**data))
    assert context.suites.get(data["name"]).name == added.name
    assert len(added.expectations) == len(data["expectations"])


@pytest.mark.parametrize("path", SUITES, ids=lambda p: p.name)
def test_suite_file_is_written_as_great_expectations_writes_it(gx, path):
    from great_expectations.core.expectation_suite import ExpectationSuiteSchema

    text = path.read_text(encoding="utf-8")
    suite = gx.ExpectationSuite(**json.loads(text))
    assert ExpectationSuiteSchema().dumps(suite, indent=2, sort_keys=True) == text


def test_the_script_writes_the_documents_suite(gx):
    spec = importlib.util.spec_from_file_location(
        "write_expectations", ROOT / "scripts" / "write_expectations.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    text = (ROOT / "expectations" / "documents.json").read_text(encoding="utf-8")
    assert script.suite_json(script.build_suite()) == text, (
        "expectations/documents.json is out of date: run python scripts/write_expectations.py"
    )


@pytest.mark.parametrize("path", SUITES, ids=lambda p: p.name)
def test_every_expectation_explains_itself_and_names_a_known_rule(path):
    rules = load_checks()["metadata.expectations"].rules
    for expectation in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
        assert expectation["notes"], expectation["type"]
        assert expectation["severity"] in SEVERITIES
        settings = expectation["meta"]["corpuscheck"]
        assert settings["rule"] in rules
        assert settings["message"]


# The check.


def test_seeds_meet_the_expectations(seeds):
    assert run(seeds) == []


def test_failing_documents_are_named(corpus):
    found = sorted((f.doc_id, f.evidence["expectation"], f.severity) for f in run(corpus))
    assert found == [
        ("a", "expect_column_values_to_be_unique", Severity.WARNING),
        ("b", "expect_column_values_to_be_unique", Severity.WARNING),
        ("c", "expect_column_pair_values_to_be_equal", Severity.WARNING),
        ("c", "expect_column_values_to_be_in_set", Severity.ERROR),
        ("d", "expect_column_values_to_be_between", Severity.WARNING),
        ("e", "expect_column_pair_values_to_be_equal", Severity.WARNING),
    ]


def test_a_finding_carries_the_failing_values(corpus):
    by_doc = {f.doc_id: f for f in run(corpus)}
    assert by_doc["c"].rule == "metadata.expectation"
    assert by_doc["c"].file == "c.txt"
    assert by_doc["c"].evidence["values"] == {"language": "de"}
    assert by_doc["c"].evidence["suite"] == "documents"
    assert by_doc["c"].evidence["suite_file"] == "expectations/documents.json"
    assert "'de'" in by_doc["c"].message
    assert by_doc["d"].evidence["values"] == {"length": len("Trop court.")}
    assert by_doc["e"].evidence["values"] == {"primary_language": "fr", "detected_language": "en"}
    assert by_doc["a"].evidence["same_value_as"] == ["b"]


def test_a_table_expectation_is_one_finding_about_the_corpus(make_corpus):
    root = make_corpus({}, manifest=MANIFEST_HEADER)
    shutil.copytree(ROOT / "expectations", root.parent / "expectations")
    [finding] = run(root)
    assert finding.doc_id is None
    assert finding.file == "expectations/documents.json"
    assert finding.severity is Severity.ERROR
    assert finding.evidence["expectation"] == "expect_table_row_count_to_be_between"
    assert finding.evidence["observed_value"] == 0


def test_rule_and_severity_come_from_the_suite(make_corpus, tmp_path):
    root = make_corpus({"a.txt": FRENCH, "b.txt": FRENCH + " Fin."})
    write_suite(
        tmp_path / "suites",
        "lengths",
        [
            {
                "type": "expect_column_values_to_be_between",
                "kwargs": {"column": "length", "max_value": 10},
                "severity": "info",
                "meta": {"corpuscheck": {"rule": "structure.too_long", "message": "long"}},
            }
        ],
    )
    found = run(root, Config(expectations=tmp_path / "suites"))
    assert [(f.rule, f.severity, f.doc_id) for f in found] == [
        ("structure.too_long", Severity.INFO, "a"),
        ("structure.too_long", Severity.INFO, "b"),
    ]
    assert found[0].message.startswith("long: length = ")


def test_invalid_suites_become_findings_and_the_valid_rest_runs(make_corpus, tmp_path):
    root = make_corpus({"a.txt": FRENCH})
    folder = tmp_path / "suites"
    folder.mkdir()
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "list.json").write_text("[1, 2]", encoding="utf-8")
    (folder / "nameless.json").write_text('{"name": "", "expectations": []}', encoding="utf-8")
    unique_id = {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "id"}}
    write_suite(
        folder,
        "mixed",
        [
            {"type": "expect_nothing_at_all", "kwargs": {}},
            {"type": "expect_column_values_to_be_unique", "kwargs": {}},
            {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "nope"}},
            {**unique_id, "meta": {"corpuscheck": {"rule": "not a rule"}}},
            {**unique_id, "severity": "fatal"},
            {
                "type": "expect_column_values_to_be_in_set",
                "kwargs": {"column": "id", "value_set": []},
            },
        ],
    )
    found = run(root, Config(expectations=folder))
    invalid = sorted(
        (f.file, str(f.evidence.get("number", f.evidence.get("expectation"))))
        for f in found
        if f.rule == "metadata.expectations_invalid"
    )
    assert invalid == [
        ("suites/broken.json", "None"),
        ("suites/list.json", "None"),
        ("suites/mixed.json", "1"),
        ("suites/mixed.json", "2"),
        ("suites/mixed.json", "4"),
        ("suites/mixed.json", "5"),
        ("suites/mixed.json", "expect_column_values_to_be_unique"),  # column nope: cannot run
        ("suites/nameless.json", "None"),
    ]
    assert all(f.severity is Severity.ERROR for f in found)
    # The valid expectation of the same file still ran and failed on its document.
    [ran] = [f for f in found if f.rule == "metadata.expectation"]
    assert (ran.doc_id, ran.evidence["expectation"]) == ("a", "expect_column_values_to_be_in_set")


def test_two_suites_of_one_name_are_reported(make_corpus, tmp_path):
    root = make_corpus({"a.txt": FRENCH})
    folder = tmp_path / "suites"
    write_suite(folder, "one", [])
    (folder / "two.json").write_text(json.dumps({"name": "one", "expectations": []}))
    [finding] = run(root, Config(expectations=folder))
    assert (finding.rule, finding.file) == ("metadata.expectations_invalid", "suites/two.json")


def test_no_suites_no_findings(make_corpus, tmp_path):
    root = make_corpus({"a.txt": "court"})
    assert run(root) == []  # no expectations/ beside the corpus
    (tmp_path / "empty").mkdir()
    assert run(root, Config(expectations=tmp_path / "empty")) == []


def test_great_expectations_prints_nothing(corpus, capfd):
    assert run(corpus)
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


def test_a_configured_folder_that_does_not_exist_is_reported(make_corpus, tmp_path):
    root = make_corpus({"a.txt": FRENCH})
    [finding] = run(root, Config(expectations=tmp_path / "nope"))
    assert finding.rule == "metadata.expectations_invalid"
    assert "does not exist" in finding.message
