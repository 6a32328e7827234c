"""Grammar agreement errors from Grammalecte, on the sentences other signals already suspect.

Grammalecte (the French grammar checker LibreOffice uses; Debian package
``python3-grammalecte``, GPL-3) is pure Python but slow, and its rules fire on
the slips of careful human writers too. So the verdict asks it only about
sentences where another translation signal fired, and counts only its
grammar rules (ids starting ``g2``, ``g3``, ``gv``: agreement, conjugation,
confusions), never its typographic ones.

Debian installs it outside the virtualenv: the package directory is loaded by
its path alone, so no other Debian module becomes importable. Where it is
missing, the build says so once on standard error and goes on without it.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIRS: tuple[Path, ...] = (Path("/usr/lib/python3/dist-packages/grammalecte"),)
"""Where Debian's ``python3-grammalecte`` puts the package."""

GRAMMAR_RULES: tuple[str, ...] = ("g2", "g3", "gv")
"""Rule id prefixes of Grammalecte's grammar rules (its typographic rules start otherwise)."""

OFF: tuple[str, ...] = (
    "typo",
    "apos",
    "eepi",
    "esp",
    "tab",
    "nbsp",
    "tu",
    "maj",
    "minis",
    "num",
    "virg",
    "poncfin",
    "unit",
    "nf",
    "liga",
    "mapos",
    "chim",
    "ocr",
    "date",
    "latex",
    "md",
    "html",
    "bs",
    "pleo",
    "redon1",
    "redon2",
    "mc",
    "neg",
)
"""Grammalecte's options for typography, style and markup: all off."""

_warned = False


def _import() -> Any | None:
    if "grammalecte" in sys.modules:
        return sys.modules["grammalecte"]
    for folder in PACKAGE_DIRS:
        init = folder / "__init__.py"
        if not init.is_file():
            continue
        spec = importlib.util.spec_from_file_location(
            "grammalecte", init, submodule_search_locations=[str(folder)]
        )
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except Exception:  # a broken install is the same as none
            del sys.modules["grammalecte"]
            return None
        return module
    return None


@cache
def engine() -> Any | None:
    """Grammalecte's French engine, typographic options off; None (said once) when missing."""
    global _warned
    module = _import()
    if module is None:
        if not _warned:
            _warned = True
            print(
                "corpuscheck: Grammalecte (Debian package python3-grammalecte) is not installed; "
                "the translation verdict runs without its grammar signal",
                file=sys.stderr,
            )
        return None
    checker = module.GrammarChecker("fr")
    gce = checker.getGCEngine()
    options = gce.getOptions()
    for name in OFF:
        if name in options:
            gce.setOption(name, False)
    return gce


def available() -> bool:
    return engine() is not None


@cache
def load_where_installed() -> None:
    """Load Grammalecte's engine now where it is installed, without a word where it is not.

    The verdict asks it only about news prose, and its loading costs about
    0.2 CPU s and 35 MB. A build's first worker loads what the checks need
    while it checks its first batch, and the other workers are forked from it
    afterwards: the engine loaded then is theirs too, where each worker loaded
    it for itself the first time it met news. Once per process.
    """
    if _import() is not None:
        engine()


def grammar_errors(sentence: str) -> list[tuple[int, int, str]]:
    """Grammalecte's grammar errors in one sentence: (start, end, rule id).

    >>> [(start, end, rule[:2]) for start, end, rule in grammar_errors("Les soldat est partis.")]
    [(4, 10, 'g3'), (15, 21, 'gv')]
    """
    gce = engine()
    if gce is None:
        return []
    out = []
    for error in gce.parse(sentence, "FR"):
        rule = str(error.get("sRuleId", ""))
        if rule.startswith(GRAMMAR_RULES):
            out.append((int(error["nStart"]), int(error["nEnd"]), rule))
    return out
