"""The HTML quality report: one self-contained ``report.html``.

:func:`write_report` renders ``templates/report.html.j2`` with the context
worked out in :mod:`corpuscheck.report.context`. The page loads nothing from
anywhere (inline CSS and JS, and a Content-Security-Policy that forbids the
network), so it can be opened offline, attached to an issue or archived.

Everything that comes from the corpus is escaped: Jinja2 autoescapes, and a
document's highlighted text is built from escaped pieces by
:mod:`corpuscheck.report.highlight`. The same build gives the same bytes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from corpuscheck.pipeline import BuildResult
from corpuscheck.report.context import ReportContext, build_context

__all__ = ["render_report", "write_report"]

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


def render_report(result: BuildResult) -> str:
    """The report of ``result`` as an HTML string."""
    context: ReportContext = build_context(result)
    return _environment().get_template(TEMPLATE).render(report=context)


def write_report(path: Path, result: BuildResult) -> None:
    """Write the report of ``result`` to ``path`` (a file, usually ``report.html``), as UTF-8."""
    html = render_report(result)
    # A text that is not valid Unicode (a lone surrogate) cannot be written
    # as UTF-8: it shows as "?" rather than failing the build.
    Path(path).write_bytes(html.encode("utf-8", errors="replace"))
