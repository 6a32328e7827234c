"""Every workflow, the composite action and the pre-commit hooks are valid, offline.

The workflow and action schemas are the ones check-jsonschema vendors
(GitHub's own, from SchemaStore); the hooks are loaded by pre-commit itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"corpuscheck.yml", "tests.yml", "publish.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(workflow):
    done = check_jsonschema("vendor.github-workflows", workflow)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(workflow):
    done = check_jsonschema("custom.github-workflows-require-timeout", workflow)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_action_matches_githubs_schema():
    done = check_jsonschema("vendor.github-actions", ROOT / "action.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_workflow_is_caught(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8"
    )
    assert check_jsonschema("vendor.github-workflows", broken).returncode == 1


def test_pre_commit_reads_the_hooks():
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"corpuscheck", "corpuscheck-all"}
    assert hooks["corpuscheck"]["entry"] == "corpuscheck check --since HEAD"
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False


def test_yaml_files_parse_with_on_as_a_key():
    # YAML 1.1 reads a bare `on` as True; GitHub reads it as the key "on".
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        assert True in data or "on" in data
