"""Every example in the package's docstrings runs and says what it shows.

One runner for the whole package, so that a new module's examples are run
without a test file of its own. A module that registers a check must carry at
least one example: the report shows check docstrings to maintainers.
"""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil

import pytest

import corpuscheck
from corpuscheck.checks.registry import load_checks

# The command line module prints help and exits when imported as __main__.
SKIP = {"corpuscheck.__main__"}

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(corpuscheck.__path__, "corpuscheck.")
    if info.name not in SKIP
)


def _registers_a_check(name: str) -> bool:
    return any(inspect.getmodule(c.func).__name__ == name for c in load_checks().values())


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if _registers_a_check(name):
        assert result.attempted > 0, f"{name} registers a check but has no example"


def test_every_check_module_is_covered() -> None:
    check_modules = {inspect.getmodule(c.func).__name__ for c in load_checks().values()}
    assert check_modules <= set(MODULES)
