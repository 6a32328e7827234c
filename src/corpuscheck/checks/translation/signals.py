"""The span checks' findings, kept per document as compact signals for the verdict.

Each translation span check is wrapped by :func:`recorded`: what it finds is
returned unchanged and also summarised in ``Document.computed`` (a few tuples
per finding: where, which word, how strong), so that the document verdict
(:mod:`~corpuscheck.checks.translation.garbled`) weighs the signals without
running the checks again. When a check was disabled, the verdict runs it
itself through :func:`signals_of`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from corpuscheck.model import Document, Finding

if TYPE_CHECKING:
    from corpuscheck.config import Config

KEY = "translation.signals"
"""Key of ``Document.computed``: rule → list of (start, end, word, strength)."""

Signal = tuple[int, int, str, str]

CheckFn = Callable[[Document, "Config"], Iterable[Finding]]

_CHECKS: dict[str, CheckFn] = {}
"""The recorded span checks by rule, so that the verdict can run a disabled one."""


def _summary(finding: Finding) -> Signal:
    ev = finding.evidence
    word = ev.get("words") or ev.get("word") or ev.get("matched") or ev.get("mark") or ""
    strength = str(ev.get("strength") or ev.get("lexicon_severity") or ev.get("rule") or "")
    return (finding.start or 0, finding.end or 0, str(word), strength)


def recorded(rule: str) -> Callable[[CheckFn], CheckFn]:
    """Keep what the wrapped check finds under ``Document.computed`` for the verdict."""

    def decorate(func: CheckFn) -> CheckFn:
        @functools.wraps(func)
        def wrapper(doc: Document, config: Config) -> Iterator[Finding]:
            found = list(func(doc, config))
            doc.computed.setdefault(KEY, {})[rule] = [_summary(f) for f in found if f.rule == rule]
            return iter(found)

        _CHECKS[rule] = wrapper
        return wrapper

    return decorate


def signals_of(doc: Document, config: Config) -> dict[str, list[Signal]]:
    """Every recorded check's signals for ``doc``, running those that did not run."""
    kept: dict[str, list[Signal]] = doc.computed.setdefault(KEY, {})
    for rule, func in _CHECKS.items():
        if rule not in kept:
            for _ in func(doc, config):
                pass
    return kept


def recorded_rules() -> tuple[str, ...]:
    return tuple(_CHECKS)
