"""``corpuscheck init`` in a new git repository, then the commands its workflows run there.

The workflows call the corpuscheck action; its run step is
``scripts/action.sh`` with the step's ``with:`` inputs as ``INPUT_*``
variables, which is how the tests run it, under ``GITHUB_ACTIONS=true`` so
that corpuscheck prints annotations and writes the job summary. The publish
workflow's own ``run:`` steps run as written, with bash.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from corpuscheck.cache import DEFAULT_NAME
from tests.conftest import ROOT, SEEDS
from tests.output.helpers import CLEAN_TEXT, clean_env, commit_all, git, make_repo, run_action

BIN = Path(sys.executable).parent
LONG_TEXT = (SEEDS / "003_91b9c52dde9505b1.txt").read_text(encoding="utf-8")
WORKFLOWS = (".github/workflows/corpuscheck.yml", ".github/workflows/publish.yml")
EVERYTHING = [
    "texts/metadata.csv",
    "expectations/documents.json",
    *WORKFLOWS,
    ".pre-commit-config.yaml",
    ".gitignore",
]


def corpuscheck(*args: str, cwd: Path, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, "-m", "corpuscheck", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=clean_env(env),
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(
        tmp_path / "repo",
        {
            "texts/long.txt": LONG_TEXT,
            "texts/short.txt": CLEAN_TEXT[:60],
            "README.md": "A corpus.\n",
        },
    )


def test_init_sets_up_the_repository_and_never_overwrites(repo):
    done = corpuscheck("init", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert [line.removeprefix("wrote ") for line in done.stdout.splitlines()[:6]] == EVERYTHING
    assert "replace OWNER" in done.stdout
    assert (repo / "texts" / "metadata.csv").read_text(encoding="utf-8") == (
        "file_name,language\nlong.txt,fr\nshort.txt,\n"
    )
    suite = json.loads((repo / "expectations" / "documents.json").read_text(encoding="utf-8"))
    (in_set,) = [
        e for e in suite["expectations"] if e["type"] == "expect_column_values_to_be_in_set"
    ]
    assert in_set["kwargs"]["value_set"] == ["fr"]
    ignored = (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"{DEFAULT_NAME}/" in ignored  # the cache a build keeps beside dist/

    before = {name: (repo / name).read_bytes() for name in EVERYTHING}
    (repo / ".gitignore").write_text("mine\n", encoding="utf-8")
    again = corpuscheck("init", str(repo), cwd=repo.parent)
    assert again.returncode == 0, again.stderr
    assert [line for line in again.stdout.splitlines() if line.startswith("skipped")] == [
        f"skipped {name} (it exists; left as it is)" for name in EVERYTHING
    ]
    assert (repo / ".gitignore").read_text(encoding="utf-8") == "mine\n"
    assert all((repo / n).read_bytes() == before[n] for n in EVERYTHING if n != ".gitignore")


def test_the_generated_files_are_valid(repo):
    from pre_commit.clientlib import load_config

    assert corpuscheck("init", "--action", "acme/corpuscheck@v1", cwd=repo).returncode == 0
    for workflow in WORKFLOWS:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--builtin-schema",
                "vendor.github-workflows",
                str(repo / workflow),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        text = (repo / workflow).read_text(encoding="utf-8")
        assert "uses: acme/corpuscheck@v1" in text and "@@" not in text
    config = load_config(str(repo / ".pre-commit-config.yaml"))
    (hook,) = config["repos"][0]["hooks"]
    assert config["repos"][0]["rev"] == "v1" and hook["args"] == ["texts"]
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] in {h["id"] for h in hooks}


def action_steps(workflow: dict, job: str) -> list[dict]:
    return [s for s in workflow["jobs"][job]["steps"] if "corpuscheck@" in s.get("uses", "")]


def github_expression(value: str, **context: str) -> str:
    """``${{ github.NAME }}`` replaced with ``context[NAME]``."""
    return re.sub(r"\$\{\{\s*github\.(\w+)\s*\}\}", lambda m: context[m.group(1)], value)


def test_the_workflows_commands_run_in_the_new_repository(repo, tmp_path):
    assert corpuscheck("init", cwd=repo).returncode == 0
    commit_all(repo, "corpuscheck init")
    workflow = yaml.safe_load((repo / WORKFLOWS[0]).read_text(encoding="utf-8"))

    # A push: the whole corpus, annotations and the job summary; no error yet.
    (push,) = action_steps(workflow, "corpus")
    done, _, summary = run_action(repo, push["with"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (repo / "dist" / "datapackage.json").is_file()
    assert "::warning file=texts/short.txt" in done.stdout
    assert "metadata.expectations_invalid" not in done.stdout
    assert summary.startswith("## corpuscheck")

    # A pull request adding a placeholder: annotated, and the job fails.
    git(repo, "checkout", "--quiet", "-b", "change")
    (repo / "texts" / "short.txt").write_text("Il a gagné XNUMX euros.", encoding="utf-8")
    commit_all(repo, "a change")
    git(repo, "remote", "add", "origin", str(repo))
    git(repo, "fetch", "--quiet", "origin")
    (pull,) = action_steps(workflow, "changes")
    inputs = {k: github_expression(v, base_ref="main") for k, v in pull["with"].items()}
    assert inputs["since"] == "origin/main"
    done, output, summary = run_action(repo, inputs, tmp_path / "pr")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "::error file=texts/short.txt,line=1" in done.stdout
    assert "artifact.placeholder" in done.stdout and "artifact.placeholder" in summary
    assert "exit-code=1" in output


def test_the_publish_workflows_commands_run_in_the_new_repository(repo, tmp_path):
    assert corpuscheck("init", cwd=repo).returncode == 0
    workflow = yaml.safe_load((repo / WORKFLOWS[1]).read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    (build,) = action_steps(workflow, "build")
    done, _, _ = run_action(repo, build["with"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    output = tmp_path / "github-output.txt"
    for step in steps[steps.index(build) + 1 :]:
        if "run" not in step:
            continue
        ran = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=repo,
            capture_output=True,
            text=True,
            env=clean_env({"GITHUB_OUTPUT": str(output)}),
            timeout=120,
        )
        assert ran.returncode == 0, step["name"] + ran.stderr
    expected = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "release_version.py"), "dist/datapackage.json"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert output.read_text(encoding="utf-8") == f"tag={expected}\n"
    site = repo / "site"
    assert (site / "index.html").is_file() and (site / "datapackage.json").is_file()
    assert (site / "data" / "documents.parquet").is_file()


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        ({"a.txt": "x"}, [], "holds the *.txt files itself"),
        ({"one/a.txt": "x", "two/b.txt": "y"}, [], "name the corpus folder with --corpus"),
        ({}, ["--corpus", "../elsewhere"], "give a folder inside the repository"),
        ({}, ["--action", "not an action"], "is not OWNER/REPO@REF"),
    ],
)
def test_what_init_cannot_do_is_said_clearly(tmp_path, files, args, message):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = corpuscheck("init", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / ".github").exists()


def test_an_empty_repository_gets_an_empty_corpus_folder(tmp_path):
    done = corpuscheck("init", str(tmp_path), cwd=Path(os.sep))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "corpus" / "metadata.csv").read_text(
        encoding="utf-8"
    ) == "file_name,language\n"


def test_the_pre_commit_hook_refuses_a_commit_adding_an_error(repo, tmp_path, monkeypatch):
    """The generated hook, run by pre-commit as declared (locally: no network)."""
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / "pre-commit-cache"))
    assert corpuscheck("init", cwd=repo).returncode == 0
    generated = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (hook,) = generated["repos"][0]["hooks"]
    declared = {
        h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    }[hook["id"]]
    local = {
        **declared,
        "entry": f"{BIN / 'corpuscheck'} {declared['entry'].removeprefix('corpuscheck ')}",
        "language": "system",
        "args": [*hook["args"], "--disable", "translation", "--disable", "duplicate"],
    }
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    commit_all(repo, "corpuscheck init")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo,
        check=True,
        capture_output=True,
        env=clean_env(),
    )
    (repo / "texts" / "short.txt").write_text("Il a gagné XNUMX euros.", encoding="utf-8")
    git(repo, "add", "--all")
    refused = subprocess.run(
        ["git", "commit", "--quiet", "--message", "add a placeholder"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=600,
    )
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "artifact.placeholder" in refused.stdout + refused.stderr
