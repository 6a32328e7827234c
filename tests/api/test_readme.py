"""The README's Python examples run, as a user would type them, from a folder holding the seeds."""

from __future__ import annotations

import doctest
import re
import shutil

from tests.conftest import ROOT, SEEDS


def test_the_readme_examples_run(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(ROOT / "expectations", tmp_path / "expectations")
    monkeypatch.chdir(tmp_path)
    # A closing fence ends an example's expected output, as a blank line would.
    text = re.sub(r"(?m)^```.*$", "", (ROOT / "README.md").read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, "README.md", str(ROOT / "README.md"), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted >= 8
    assert result.failed == 0
    assert (tmp_path / "dist" / "datapackage.json").is_file()
