"""The report is valid HTML: the W3C Nu HTML checker (vnu-jar, run with Java) finds nothing.

One run of the checker looks at the seeds' report, the rich corpus's report
(every part of the page: changes since a baseline, repairs, a long text shown
in stretches, injected markup) and the report of an empty corpus.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from corpuscheck.model import Corpus
from corpuscheck.pipeline import BuildResult
from corpuscheck.report import write_report
from tests.report.conftest import Report

# The checker does not compute the SHA-256 hashes of the Content-Security-Policy,
# so it takes the page's own inline style and script for ones the policy blocks.
# The browser tests show that Chromium applies both and reports no violation.
HASHES_NOT_CHECKED = (
    "Inline style violates Content Security Policy (meta tag)",
    "Inline script violates Content Security Policy (meta tag)",
)


def test_reports_are_valid_html(
    vnu: list[str], seeds_report: Report, rich_report: Report, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.html"
    write_report(empty, BuildResult(Corpus("empty", []), [], None))
    pages = [seeds_report.path, rich_report.path, empty]
    run = subprocess.run(
        [*vnu, "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr)["messages"]
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m.get('type')} {m['message']}"
        for m in messages
        if not (m.get("subType") == "warning" and m["message"].startswith(HASHES_NOT_CHECKED))
    ]
    assert problems == []
    assert run.returncode == 0, run.stderr
