"""Golden cases of the encoding checks (see tests/devset/golden.py for the format)."""

from pathlib import Path

import pytest

from tests.devset.golden import assert_case, load_cases


@pytest.mark.parametrize("case", load_cases(Path(__file__).parent / "cases.json"))
def test_case(case):
    assert_case(case)
