"""The JSON view: the published findings table's rows, with their place."""

from __future__ import annotations

import json

from corpuscheck.cli import OUTPUT_FORMATS
from corpuscheck.output import FORMATS, render
from corpuscheck.tables import findings_frame
from tests.conftest import SEEDS
from tests.output.helpers import FAST_ARGS, run_cli
from tests.output.test_locate import PLACEHOLDER_FILE, expected_position


def test_the_json_view_has_the_published_ids_and_the_places(seeds_result, seeds_locator):
    data = json.loads(render("json", seeds_result, seeds_locator))
    assert data["corpus"] == "seeds"
    assert data["documents"] == data["checked"] == len(seeds_result.corpus.documents)
    assert data["counts"] == seeds_result.counts()
    assert data["since"] is None
    published = findings_frame(seeds_result.findings)["finding_id"].to_list()
    assert [f["finding_id"] for f in data["findings"]] == published
    (placeholder,) = [f for f in data["findings"] if f["rule"] == "artifact.placeholder"]
    line, column = expected_position(SEEDS / PLACEHOLDER_FILE, "XNUMX")
    assert placeholder["path"] == f"seeds/{PLACEHOLDER_FILE}"
    assert (placeholder["line"], placeholder["column"]) == (line, column)
    assert (placeholder["end_line"], placeholder["end_column"]) == (line, column + 4)
    assert isinstance(placeholder["evidence"], dict)


def test_every_view_reads_the_same_findings(seeds_result, seeds_locator):
    assert FORMATS == OUTPUT_FORMATS  # the command line offers every view
    for fmt in FORMATS:
        assert render(fmt, seeds_result, seeds_locator) is not None
    sarif = json.loads(render("sarif", seeds_result, seeds_locator))
    data = json.loads(render("json", seeds_result, seeds_locator))
    assert [r["properties"]["findingId"] for r in sarif["runs"][0]["results"]] == [
        f["finding_id"] for f in data["findings"]
    ]


def test_json_on_stdout_is_only_json():
    result = run_cli("check", "seeds", *FAST_ARGS, "--output-format", "json")
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert data["counts"]["error"] >= 1
    assert result.stderr.strip().startswith("5 documents, ")
