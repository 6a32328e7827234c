"""The registry: checks run in one order, whatever imported a check module first."""

from __future__ import annotations

import subprocess
import sys

ORDER = "from corpuscheck.checks.registry import load_checks; print(','.join(load_checks()))"


def order(first_imports: str) -> str:
    code = f"{first_imports}\n{ORDER}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_the_order_does_not_depend_on_imports():
    plain = order("")
    early = order(
        "import corpuscheck.checks.translation.calques\n"
        "import corpuscheck.checks.translation.untranslated\n"
        "import corpuscheck.checks.structure.layout"
    )
    assert plain == early
    assert plain.split(",")[0].startswith("artifact.")
