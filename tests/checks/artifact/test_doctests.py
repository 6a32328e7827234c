"""The examples in the docstrings of the artifact checks run and say what they show."""

import doctest
import importlib
import pkgutil

import pytest

import corpuscheck.checks.artifact as package
from corpuscheck.checks.registry import load_checks

MODULES = [info.name for info in pkgutil.iter_modules(package.__path__, package.__name__ + ".")]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    load_checks()
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no example"
    assert result.failed == 0
