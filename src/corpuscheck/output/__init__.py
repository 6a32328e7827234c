"""Views of a check's findings: for a terminal, GitHub Actions, scripts and code scanning.

Every view reads the same list of findings (:attr:`BuildResult.findings`,
and with ``--since`` the :class:`~corpuscheck.since.Comparison` with the base)
and places them with the same :class:`~corpuscheck.output.locate.Locator`:

=========  ===================================================================
text       findings per rule and the first errors as ``path:line:column``
github     workflow commands: one annotation per finding, worst first
json       every finding with its place, for scripts
sarif      SARIF 2.1.0, for GitHub code scanning
markdown   the digest written to the GitHub step summary
=========  ===================================================================

``corpuscheck build`` and ``corpuscheck check`` print the view that
``--output-format`` names (``github`` under GitHub Actions, ``text``
elsewhere) on standard output, or write it into ``--output-file``.
"""

from __future__ import annotations

from corpuscheck.model import BuildResult
from corpuscheck.output.locate import Location, Locator
from corpuscheck.since import Comparison

FORMATS = ("text", "github", "json", "sarif", "markdown")
"""The names ``--output-format`` accepts."""


def render(
    fmt: str,
    result: BuildResult,
    locator: Locator | None = None,
    comparison: Comparison | None = None,
) -> str:
    """The view ``fmt`` of ``result`` as text (JSON views end with a newline).

    With ``comparison`` (``--since``) the github view annotates only the
    findings the change adds.
    """
    locator = locator or Locator(result.corpus)
    if fmt == "text":
        from corpuscheck.output import text

        return text.render(result, locator, comparison)
    if fmt == "github":
        from corpuscheck.output.github import workflow_commands

        findings = list(comparison.added) if comparison is not None else result.findings
        return "\n".join(workflow_commands(findings, locator))
    if fmt == "json":
        from corpuscheck.output import json

        return json.render(result, locator, comparison)
    if fmt == "sarif":
        from corpuscheck.output import sarif

        return sarif.render(result, locator, comparison)
    if fmt == "markdown":
        from corpuscheck.output.markdown import digest

        return digest(result, locator, comparison)
    raise ValueError(f"unknown output format {fmt!r}: one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Location", "Locator", "render"]
