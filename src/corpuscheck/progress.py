"""The progress bar a long build shows on a terminal, and nowhere else.

A bar is drawn only when standard error is a terminal and the build does not
run in CI (neither ``CI`` nor ``GITHUB_ACTIONS`` is set to a true value): a CI
log, a redirected or captured stream never receives one, so the build prints
its summary and nothing else there. The bar goes to standard error, never to
standard output, which may be carrying a JSON or SARIF view.

:func:`progress_bar` gives the callback that :func:`corpuscheck.pipeline.build`
calls as ``progress(stage, done, total)``; the bar follows the stages (the
documents, the corpus checks, writing the tables, the package, the report)
and is erased when the build ends, leaving the terminal as it would be
without it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any

FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})
"""Values of ``CI`` or ``GITHUB_ACTIONS`` that do not mean "running in CI"."""


def in_ci(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment says the build runs in CI.

    >>> in_ci({"CI": "true"}), in_ci({"GITHUB_ACTIONS": "true"}), in_ci({"CI": "false"}), in_ci({})
    (True, True, False, False)
    """
    environ = os.environ if environ is None else environ
    return any(
        environ.get(name, "").strip().lower() not in FALSE_VALUES
        for name in ("CI", "GITHUB_ACTIONS")
    )


def wants_progress(stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether a progress bar may be drawn on ``stream``: a terminal, outside CI."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
    return tty and not in_ci(environ)


class ProgressBar:
    """A ``progress(stage, done, total)`` callback drawing one tqdm bar per stage."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.stage: str | None = None
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            from tqdm import tqdm

            self.stage = stage
            self.bar = tqdm(
                total=total,
                desc=stage,
                file=self.stream,
                leave=False,
                dynamic_ncols=True,
                mininterval=0.2,
                unit=" docs" if stage == "documents" else "",
                bar_format=None if stage == "documents" else "{desc}…",
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar = None
        self.stage = None


@contextmanager
def progress_bar(
    stream: IO[str] | None = None, environ: Mapping[str, str] | None = None
) -> Iterator[ProgressBar | None]:
    """A progress callback drawing on ``stream`` (standard error), or None where none is wanted."""
    stream = sys.stderr if stream is None else stream
    if not wants_progress(stream, environ):
        yield None
        return
    bar = ProgressBar(stream)
    try:
        yield bar
    finally:
        bar.close()
