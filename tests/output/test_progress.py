"""The progress bar: on a terminal only, never in CI logs or captured output."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios

import pytest

from corpuscheck.progress import ProgressBar, in_ci, progress_bar, wants_progress
from tests.conftest import ROOT
from tests.output.helpers import clean_env

FAST = [
    a for name in ("language", "metadata", "duplicate", "translation") for a in ("--disable", name)
]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ci_is_recognised():
    assert in_ci({"CI": "true"}) and in_ci({"GITHUB_ACTIONS": "true"}) and in_ci({"CI": "1"})
    assert not in_ci({}) and not in_ci({"CI": "false"}) and not in_ci({"CI": ""})


def test_a_bar_only_on_a_terminal_outside_ci():
    assert wants_progress(FakeTerminal(), {})
    assert not wants_progress(FakeTerminal(), {"CI": "true"})
    assert not wants_progress(FakeTerminal(), {"GITHUB_ACTIONS": "true"})
    assert not wants_progress(io.StringIO(), {})
    with progress_bar(io.StringIO(), {}) as progress:
        assert progress is None


def test_the_bar_follows_the_stages_and_is_erased():
    terminal = FakeTerminal()
    with progress_bar(terminal, {}) as progress:
        assert isinstance(progress, ProgressBar)
        for done in range(1, 4):
            progress("documents", done, 3)
        progress("corpus checks", 0, 1)
    drawn = terminal.getvalue()
    assert "documents" in drawn and "/3" in drawn
    assert "corpus checks" in drawn
    assert progress.bar is None  # closed


def _build_on_a_terminal(tmp_path, **env: str) -> tuple[int, str, str]:
    """Run a build with standard error on a pseudo-terminal; (status, stdout, stderr)."""
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0 columns wide; a real one has a size.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    environ = clean_env(env)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "corpuscheck",
            "build",
            "seeds",
            "--out",
            str(tmp_path / "out"),
            *FAST,
            "--quiet",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=follower,
        env=environ,
        text=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    stdout, _ = process.communicate(timeout=600)
    os.close(leader)
    return process.returncode, stdout, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_build_on_a_terminal_shows_the_bar_on_stderr_only(tmp_path):
    status, stdout, stderr = _build_on_a_terminal(tmp_path)
    assert status == 1
    assert "documents" in stderr and "\r" in stderr
    assert "\r" not in stdout and "documents," in stdout  # only the summary line


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_in_ci_even_a_terminal_gets_no_bar(tmp_path):
    status, _, stderr = _build_on_a_terminal(tmp_path, CI="true")
    assert status == 1
    assert stderr == ""
