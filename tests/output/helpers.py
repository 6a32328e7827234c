"""Helpers for tests that run corpuscheck on real git repositories and as a command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from tests.conftest import MANIFEST_HEADER, ROOT

GIT_ENV = {
    # A repository made by a test ignores the machine's and the user's git settings.
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "corpuscheck tests",
    "GIT_AUTHOR_EMAIL": "tests@corpuscheck.invalid",
    "GIT_COMMITTER_NAME": "corpuscheck tests",
    "GIT_COMMITTER_EMAIL": "tests@corpuscheck.invalid",
}

FAST_ARGS = [
    arg
    for category in ("language", "metadata", "duplicate", "translation")
    for arg in ("--disable", category)
]
"""Skip the slow checks in command-line tests that only need the placeholder and the views."""

CLEAN_TEXT = (
    "Le gouvernement a annoncé lundi une nouvelle série de mesures pour soutenir les "
    "agriculteurs touchés par la sécheresse de cet été. Les aides seront versées avant "
    "la fin de l’année, a précisé le ministre lors d’une conférence de presse à Paris."
)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with the tests' settings; its standard output."""
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def write(root: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)


def manifest(*names: str) -> str:
    """A metadata.csv declaring each named file French."""
    return MANIFEST_HEADER + "".join(f"{n},fr,,,,,,\n" for n in names)


def make_repo(path: Path, files: Mapping[str, str | bytes], branch: str = "main") -> Path:
    """A git repository at ``path`` holding ``files`` (paths from its root) in one commit."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet", "--initial-branch", branch)
    write(path, files)
    commit_all(path, "initial corpus")
    return path


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "--message", message)


def clean_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without GitHub Actions' or CI's variables (the suite may
    itself run in GitHub Actions), with the tests' git settings and ``env`` on top."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_") and k != "CI"}
    return {**environ, **GIT_ENV, **(env or {})}


def run_cli(
    *args: str, cwd: Path = ROOT, env: Mapping[str, str] | None = None, ci: bool = True
) -> subprocess.CompletedProcess[str]:
    """``python -m corpuscheck ARGS`` as a user runs it, outside GitHub Actions by default."""
    environ = clean_env({"CI": "true"} if ci else {})
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "corpuscheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        timeout=600,
    )


def run_action(
    repo: Path, inputs: Mapping[str, str], tmp: Path
) -> tuple[subprocess.CompletedProcess[str], str, str]:
    """The action's run step (``scripts/action.sh``) as GitHub runs it with these ``with:``
    inputs, one job; the process, what it wrote to ``GITHUB_OUTPUT`` and its job summary."""
    tmp.mkdir(parents=True, exist_ok=True)
    summary, output = tmp / "summary.md", tmp / "github_output"
    output.write_text("", encoding="utf-8")
    env = {
        "INPUT_JOBS": "1",
        **{f"INPUT_{k.upper().replace('-', '_')}": str(v) for k, v in inputs.items()},
        "CORPUSCHECK": str(Path(sys.executable).parent / "corpuscheck"),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
    }
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "action.sh")],
        cwd=repo,
        capture_output=True,
        text=True,
        env=clean_env(env),
        timeout=600,
    )
    written = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return done, output.read_text(encoding="utf-8"), written
