"""A short text summary of a build, for the terminal: the ``text`` view.

Kept for callers of :func:`text_summary`; the view itself is
:mod:`corpuscheck.output.text`.
"""

from __future__ import annotations

from corpuscheck.model import BuildResult


def text_summary(result: BuildResult, limit: int = 20) -> str:
    """Findings per rule (most first), then the first ``limit`` errors as ``path:line:column``."""
    from corpuscheck.output import Locator
    from corpuscheck.output.text import render

    return render(result, Locator(result.corpus), limit=limit)
