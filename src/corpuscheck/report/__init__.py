"""The HTML quality report: one self-contained ``report.html``.

:func:`write_report` renders ``templates/report.html.j2`` with the context
worked out in :mod:`corpuscheck.report.context`; the page's style and script
(``templates/report.css`` and ``report.js``) are put inline. The page loads
nothing from anywhere: its Content-Security-Policy forbids the network and
allows only its own style and script, by their SHA-256 hashes, so even a
``<script>`` that slipped through escaping would not run. It opens from disk,
from a web server such as GitHub Pages, or attached to an issue.

Everything that comes from the corpus is escaped: Jinja2 autoescapes, and a
document's highlighted text is built from escaped pieces by
:mod:`corpuscheck.report.highlight`. The same build gives the same bytes.

With a baseline (the output folder of an earlier build, see
:mod:`corpuscheck.report.baseline`) the report also lists the findings that
are new and those that were fixed since.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from corpuscheck.model import BuildResult
from corpuscheck.report.baseline import Baseline, BaselineError, load_baseline
from corpuscheck.report.context import (
    LIMITS,
    Limits,
    ReportBuilder,
    ReportContext,
    build_context,
)

__all__ = ["BaselineError", "Limits", "load_baseline", "render_report", "write_report"]

TEMPLATE = "report.html.j2"


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("corpuscheck.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _asset(name: str) -> str:
    text = resources.files("corpuscheck.report").joinpath("templates", name).read_text("utf-8")
    if "</" in text:  # would end the <style> or <script> element early
        raise ValueError(f"{name} must not contain '</'")
    return text


def warm_template() -> None:
    """Load and compile the report's template and assets ahead of the first report."""
    _environment().get_template(TEMPLATE)
    for name in ("report.css", "report.js"):
        _asset(name)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    """Nothing from the network; only the page's own style and script (by hash) and data: icons."""
    return (
        f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_report(
    result: BuildResult, baseline: Baseline | None = None, limits: Limits = LIMITS
) -> str:
    """The report of ``result`` as an HTML string (with what changed since ``baseline``)."""
    return render_context(build_context(result, baseline, limits))


def render_context(context: ReportContext) -> str:
    """The report page showing ``context``."""
    style, script = _asset("report.css"), _asset("report.js")
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            report=context,
            style=Markup(style),
            script=Markup(script),
            csp=content_security_policy(style, script),
        )
    )


def write_report(
    path: Path, result: BuildResult, baseline: str | Path | Baseline | None = None
) -> None:
    """Write the report of ``result`` to ``path`` (a file, usually ``report.html``), as UTF-8.

    ``baseline`` is the output folder of an earlier build (or its loaded
    findings); :class:`BaselineError` is raised when it cannot be read.
    """
    if baseline is not None and not isinstance(baseline, Baseline):
        baseline = load_baseline(baseline)
    html = render_report(result, baseline)
    # A text that is not valid Unicode (a lone surrogate) cannot be written
    # as UTF-8: it shows as "?" rather than failing the build.
    Path(path).write_bytes(html.encode("utf-8", errors="replace"))


def write_context(folder: Path, builder: ReportBuilder) -> None:
    """Write ``report.html`` into ``folder`` from what a streaming build gathered."""
    html = render_context(builder.context())
    (folder / "report.html").write_bytes(html.encode("utf-8", errors="replace"))
