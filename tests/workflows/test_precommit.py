"""The pre-commit hooks, run by pre-commit itself on a commit of a corpus repository.

pre-commit would install a ``language: python`` hook into an environment of
its own, from the network; here each hook of ``.pre-commit-hooks.yaml`` runs
as it is declared (entry, arguments, file pattern) as a local ``system`` hook
calling this environment's corpuscheck, so the test stays offline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.output.helpers import CLEAN_TEXT, clean_env, git, make_repo, manifest

BIN = Path(sys.executable).parent
FAST = ["--disable", "language", "--disable", "duplicate", "--disable", "translation"]


def local_config(hook_id: str) -> str:
    """A .pre-commit-config.yaml running hook ``hook_id`` as the manifest declares it."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == hook_id)
    local = {
        **hook,
        "entry": f"{BIN / 'corpuscheck'} {hook['entry'].removeprefix('corpuscheck ')}",
        "language": "system",
        "args": [*hook["args"], *FAST],
    }
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, sort_keys=False)


def commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "--all")
    return subprocess.run(
        ["git", "commit", "--quiet", "--message", message],
        cwd=repo,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    root = make_repo(
        tmp_path / "repo",
        {
            "seeds/a.txt": CLEAN_TEXT,
            "seeds/metadata.csv": manifest("a.txt", "b.txt"),
            ".pre-commit-config.yaml": local_config("corpuscheck"),
        },
    )
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=root,
        check=True,
        capture_output=True,
        env=clean_env(),
    )
    return root


def test_a_commit_that_adds_an_error_is_refused(repo):
    (repo / "seeds" / "b.txt").write_text(CLEAN_TEXT.replace("mesures", "XNUMX"), "utf-8")
    refused = commit(repo, "add b.txt")
    assert refused.returncode == 1
    report = refused.stdout + refused.stderr
    assert "corpuscheck (changed documents)" in report and "Failed" in report
    assert "added: seeds/b.txt:1:" in report and "artifact.placeholder" in report
    assert git(repo, "log", "--format=%s") == "initial corpus\n"

    (repo / "seeds" / "b.txt").write_text(CLEAN_TEXT, "utf-8")
    accepted = commit(repo, "add b.txt")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "Passed" in accepted.stdout + accepted.stderr


def test_a_commit_that_touches_no_corpus_file_skips_the_hook(repo):
    (repo / "README.md").write_text("A corpus.\n", "utf-8")
    done = commit(repo, "readme")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Skipped" in done.stdout + done.stderr


def test_the_whole_corpus_hook_fails_on_any_error(repo):
    (repo / "seeds" / "a.txt").write_text(CLEAN_TEXT.replace("mesures", "XNUMX"), "utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "--message", "an error, committed anyway")
    (repo / ".pre-commit-config.yaml").write_text(local_config("corpuscheck-all"), "utf-8")
    (repo / "seeds" / "metadata.csv").write_text(manifest("a.txt"), "utf-8")
    done = commit(repo, "only the manifest")
    assert done.returncode == 1
    assert "seeds/a.txt:1:" in done.stdout + done.stderr
