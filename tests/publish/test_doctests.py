"""The examples in the publish modules' docstrings run and say what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["archive", "atomic", "csvfile", "datapackage", "parquet"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"corpuscheck.publish.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"corpuscheck.publish.{name} has no example"
    assert result.failed == 0
