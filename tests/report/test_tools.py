"""The test tools: installed by the project's own script, and required under CI."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.report.conftest import ROOT, VNU_JAR, missing


def test_missing_tools_fail_under_ci_and_skip_elsewhere(monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="install-test-tools"):
        missing("Chromium is not installed")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="install-test-tools"):
        missing("Chromium is not installed")


def test_install_script_does_nothing_when_everything_is_there() -> None:
    if not (shutil.which("chromium") and shutil.which("java") and VNU_JAR.is_file()):
        missing("the test tools are not installed")
    run = subprocess.run(
        ["bash", str(ROOT / "scripts" / "install-test-tools.sh")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_tools_are_pinned_without_registry_addresses() -> None:
    package = (ROOT / "tests" / "report" / "tools" / "package.json").read_text(encoding="utf-8")
    assert '"vnu-jar": "26.9.27"' in package, "an exact version"
    assert "://" not in package
    assert not (ROOT / "tests" / "report" / "tools" / "package-lock.json").exists()
