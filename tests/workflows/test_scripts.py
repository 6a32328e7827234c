"""The scripts the workflows and the composite action call, run as they run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpuscheck.config import Config
from corpuscheck.pipeline import build
from tests.conftest import ROOT
from tests.output.helpers import CLEAN_TEXT, clean_env, commit_all, git, make_repo, manifest
from tests.output.helpers import run_action as run_github_action

FAST = Config(disabled=frozenset({"language", "duplicate", "translation", "structure"}))
CORPUSCHECK = Path(sys.executable).parent / "corpuscheck"


def run_script(name: str, *args: str, env: dict[str, str] | None = None):
    command = ["bash"] if name.endswith(".sh") else [sys.executable]
    return subprocess.run(
        [*command, str(ROOT / "scripts" / name), *args],
        capture_output=True,
        text=True,
        env=clean_env(env),
        timeout=600,
    )


@pytest.fixture
def corpus(make_corpus) -> Path:
    return make_corpus({"a.txt": CLEAN_TEXT, "b.txt": CLEAN_TEXT.replace("mesures", "XNUMX")})


# scripts/release_version.py ------------------------------------------------------------


def test_release_version_changes_exactly_when_the_data_changes(corpus, tmp_path):
    build(corpus, tmp_path / "one", FAST)
    build(corpus, tmp_path / "two", FAST)
    first = run_script("release_version.py", str(tmp_path / "one" / "datapackage.json"))
    again = run_script("release_version.py", str(tmp_path / "two" / "datapackage.json"))
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    assert first.stdout.startswith("data-") and len(first.stdout.strip()) == len("data-") + 12

    (corpus / "a.txt").write_text(CLEAN_TEXT + " Une phrase de plus.", encoding="utf-8")
    build(corpus, tmp_path / "three", FAST)
    changed = run_script("release_version.py", str(tmp_path / "three" / "datapackage.json"))
    assert changed.stdout != first.stdout


def test_release_version_writes_the_github_output(corpus, tmp_path):
    build(corpus, tmp_path / "out", FAST)
    output = tmp_path / "github_output"
    output.write_text("earlier=1\n", encoding="utf-8")
    done = run_script(
        "release_version.py",
        str(tmp_path / "out" / "datapackage.json"),
        "--github-output",
        env={"GITHUB_OUTPUT": str(output)},
    )
    assert done.returncode == 0, done.stderr
    assert output.read_text(encoding="utf-8") == f"earlier=1\ntag={done.stdout.strip()}\n"


def test_release_version_refuses_what_is_not_a_package(tmp_path):
    bad = tmp_path / "datapackage.json"
    bad.write_text('{"resources": [{"name": "documents"}]}', encoding="utf-8")
    done = run_script("release_version.py", str(bad))
    assert done.returncode == 2 and "declares no hash" in done.stderr
    assert run_script("release_version.py", str(tmp_path / "missing.json")).returncode == 2


# scripts/pages_site.py -----------------------------------------------------------------


def test_pages_site_serves_the_report_and_the_package(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out, FAST)
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    done = run_script("pages_site.py", str(out), str(site))
    assert done.returncode == 0, done.stderr
    assert (site / "index.html").read_bytes() == (out / "report.html").read_bytes()
    assert not (site / "stale.html").exists()
    package = json.loads((site / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        assert (site / resource["path"]).is_file()
    assert (site / "corpus.zip").read_bytes() == (out / "corpus.zip").read_bytes()


def test_pages_site_fails_without_a_build(tmp_path):
    done = run_script("pages_site.py", str(tmp_path / "nothing"), str(tmp_path / "site"))
    assert done.returncode == 2 and "did the build run?" in done.stderr


# scripts/action.sh (the composite action's run step) -----------------------------------


@pytest.fixture
def corpus_repo(tmp_path) -> Path:
    """A corpus repository: main has a clean corpus; branch pr adds a placeholder."""
    repo = make_repo(
        tmp_path / "repo",
        {"seeds/a.txt": CLEAN_TEXT, "seeds/metadata.csv": manifest("a.txt", "b.txt")},
    )
    git(repo, "switch", "--quiet", "--create", "pr")
    (repo / "seeds" / "b.txt").write_text(CLEAN_TEXT.replace("mesures", "XNUMX"), "utf-8")
    commit_all(repo, "add b.txt")
    return repo


def run_action(repo: Path, tmp_path: Path, **inputs: str):
    """The action on ``seeds/`` with only the placeholder's checks, and these inputs."""
    defaults = {"seeds": "seeds", "disable": "language\nduplicate translation structure"}
    done, output, _ = run_github_action(repo, defaults | inputs, tmp_path)
    return done, output


def test_action_checks_and_fails_on_errors(corpus_repo, tmp_path):
    done, output = run_action(corpus_repo, tmp_path, fail_on_error="true")
    assert done.returncode == 1, done.stderr
    assert output == "exit-code=1\n"
    assert "::error file=seeds/b.txt,line=1,endLine=1,col=" in done.stdout
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("## corpuscheck")


def test_action_can_report_without_failing(corpus_repo, tmp_path):
    done, output = run_action(corpus_repo, tmp_path, fail_on_error="false")
    assert done.returncode == 0, done.stderr
    assert output == "exit-code=1\n"


def test_action_since_checks_the_pull_request(corpus_repo, tmp_path):
    (corpus_repo / "seeds" / "b.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    done, output = run_action(corpus_repo, tmp_path, since="main")
    assert done.returncode == 0, done.stdout + done.stderr
    assert output == "exit-code=0\n"
    assert "1 changed document checked since main" in done.stdout


def test_action_builds_the_package_and_writes_sarif(corpus_repo, tmp_path):
    done, output = run_action(
        corpus_repo, tmp_path, out="dist", sarif="corpuscheck.sarif", fail_on_error="false"
    )
    assert done.returncode == 0, done.stderr
    assert output == "exit-code=1\n"  # the placeholder is an error; the step goes on
    assert (corpus_repo / "dist" / "datapackage.json").is_file()
    log = json.loads((corpus_repo / "corpuscheck.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in log["runs"][0]["results"]].count("artifact.placeholder") == 1


def test_action_fails_when_corpuscheck_cannot_run(corpus_repo, tmp_path):
    done, output = run_action(corpus_repo, tmp_path, seeds="missing", fail_on_error="false")
    assert done.returncode == 2
    assert output == "exit-code=2\n"
