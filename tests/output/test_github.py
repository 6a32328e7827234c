"""Workflow-command annotations and the step summary, as GitHub Actions receives them."""

from __future__ import annotations

import re

import pytest

from corpuscheck.model import Corpus, Document, Finding, Severity
from corpuscheck.output.github import (
    PER_KIND,
    annotation,
    escape_data,
    escape_property,
    workflow_commands,
)
from corpuscheck.output.locate import Location, Locator
from tests.conftest import ROOT, SEEDS
from tests.output.helpers import FAST_ARGS, run_cli
from tests.output.test_locate import PLACEHOLDER_FILE, expected_position

COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command as the runner reads it: name, unescaped properties, message."""
    match = COMMAND.match(line)
    assert match, line
    name, props, message = match.groups()

    def unescape(text: str) -> str:
        for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
            text = text.replace(code, char)
        return text

    properties = {}
    for pair in (props or "").strip().split(","):
        if pair:
            key, value = pair.split("=", 1)
            properties[key] = unescape(value)
    return name, properties, unescape(message)


def test_annotation_of_the_seed_placeholder_is_at_its_place_in_the_file(
    seeds_result, seeds_locator
):
    (finding,) = [f for f in seeds_result.findings if f.rule == "artifact.placeholder"]
    line, column = expected_position(SEEDS / PLACEHOLDER_FILE, "XNUMX")
    assert annotation(finding, seeds_locator.locate(finding)) == (
        f"::error file=seeds/{PLACEHOLDER_FILE},line={line},endLine={line},"
        f"col={column},endColumn={column + 4},title=artifact.placeholder::{finding.message}"
    )


def test_escaping_keeps_one_command_per_finding():
    message = "50% bad\r\n::error::injected"
    finding = Finding("artifact.placeholder", Severity.ERROR, message, doc_id="a", file="a.txt")
    line = annotation(finding, Location("dir,with:odd%/a.txt", 1, 2, 1, 3))
    assert "\n" not in line and "\r" not in line
    # The runner ends the properties at the first "::"; "::" in the message is data.
    head = line[2:].split("::", 1)[0]
    assert head.startswith("error file=dir%2Cwith%3Aodd%25/a.txt,")
    name, props, text = parse(line)
    assert (name, text) == ("error", message)
    assert props["file"] == "dir,with:odd%/a.txt"
    assert escape_data("a%b") == "a%25b"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"


def test_a_span_over_several_lines_has_lines_and_no_columns():
    finding = Finding("structure.glued_headline", Severity.WARNING, "glued", file="a.txt")
    _, props, _ = parse(annotation(finding, Location("a.txt", 2, 4, 3, 7)))
    assert props == {
        "file": "a.txt",
        "line": "2",
        "endLine": "3",
        "title": "structure.glued_headline",
    }


def test_findings_without_a_place():
    file_level = Finding("structure.empty", Severity.ERROR, "empty", file="a.txt")
    assert (
        annotation(file_level, Location("a.txt"))
        == "::error file=a.txt,title=structure.empty::empty"
    )
    nowhere = Finding("metadata.manifest_missing", Severity.INFO, "no manifest")
    assert (
        annotation(nowhere, Location(None))
        == "::notice title=metadata.manifest_missing::no manifest"
    )


def _findings(n_errors: int, n_warnings: int, n_infos: int) -> tuple[list[Finding], Locator]:
    doc = Document("a", "a.txt", "x" * 100)
    findings = [
        doc.finding("artifact.placeholder", severity, f"{severity.value} {i}", i, i + 1)
        for severity, n in (
            (Severity.INFO, n_infos),
            (Severity.WARNING, n_warnings),
            (Severity.ERROR, n_errors),
        )
        for i in range(n)
    ]
    return findings, Locator(Corpus(".", [doc]), ".")


def test_the_worst_come_first_within_githubs_limits_and_the_rest_is_counted():
    findings, locator = _findings(25, 3, 12)
    lines = workflow_commands(findings, locator)
    kinds = [parse(line)[0] for line in lines]
    assert kinds == ["error"] * PER_KIND + ["warning"] * 3 + ["notice"] * PER_KIND
    _, props, message = parse(lines[-1])
    assert props == {"title": "corpuscheck: more findings"}
    assert message.startswith("18 more findings (15 errors, 3 infos) not shown")
    # Errors keep document order: the first ten.
    assert [parse(line)[2] for line in lines[:3]] == ["error 0", "error 1", "error 2"]


def test_no_count_when_everything_fits():
    findings, locator = _findings(2, 0, PER_KIND)
    lines = workflow_commands(findings, locator)
    assert len(lines) == 2 + PER_KIND
    assert "more findings" not in lines[-1]


def test_under_github_actions_a_check_prints_annotations_and_writes_the_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "someone/corpus",
        "GITHUB_SHA": "0123abcd",
    }
    result = run_cli("check", "seeds", *FAST_ARGS, cwd=ROOT, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    line, column = expected_position(SEEDS / PLACEHOLDER_FILE, "XNUMX")
    placeholder = [c for c in commands if "title=artifact.placeholder" in c]
    assert placeholder == [
        f"::error file=seeds/{PLACEHOLDER_FILE},line={line},endLine={line},col={column},"
        f"endColumn={column + 4},title=artifact.placeholder::placeholder token 'XNUMX' left in "
        "the text (a number or word was lost)"
    ]
    kinds = [parse(c)[0] for c in commands]
    assert kinds == sorted(kinds, key=["error", "warning", "notice"].index)
    assert result.stdout.splitlines()[-1].startswith("5 documents, ")

    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n## corpuscheck: `seeds`")
    assert "| `artifact.placeholder` | error | 1 |" in written
    url = f"https://github.com/someone/corpus/blob/0123abcd/seeds/{PLACEHOLDER_FILE}#L{line}"
    assert f"]({url})" in written
    assert len(written.encode("utf-8")) < 64 * 1024


@pytest.mark.parametrize("fmt", ["github", "text"])
def test_outside_github_actions_the_views_print_on_stdout(fmt, tmp_path):
    result = run_cli("check", "seeds", *FAST_ARGS, "--output-format", fmt)
    assert result.returncode == 1, result.stderr
    has_commands = any(line.startswith("::error ") for line in result.stdout.splitlines())
    assert has_commands is (fmt == "github")
    if fmt == "text":
        line, column = expected_position(SEEDS / PLACEHOLDER_FILE, "XNUMX")
        assert f"seeds/{PLACEHOLDER_FILE}:{line}:{column}: artifact.placeholder: " in result.stdout
