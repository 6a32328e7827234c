"""The examples in the translation modules' docstrings run and say what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["calques", "nonword", "quotes", "resources", "text", "transliteration", "untranslated"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(f"corpuscheck.checks.translation.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"corpuscheck.checks.translation.{name} has no example"
    assert result.failed == 0
