"""What the workflows do: triggers, the pull-request check, Pages, the release, caching."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as True
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(workflow) if "uses" in step]


ALL = {p.name: load(p) for p in sorted(WORKFLOWS.glob("*.yml"))}
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_corpus_checks_run_on_pull_requests_and_pushes_touching_the_seeds():
    triggers = ALL["corpuscheck.yml"]["on"]
    for event in ("pull_request", "push"):
        assert {"seeds/**", "expectations/**"} <= set(triggers[event]["paths"])


def test_pull_requests_check_only_their_changes_against_the_base_branch():
    workflow = ALL["corpuscheck.yml"]
    job = workflow["jobs"]["changes"]
    assert job["if"] == "github.event_name == 'pull_request'"
    checkout, check = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0  # --since needs the base branch's history
    assert check["uses"] == "./"  # the repository's own composite action
    assert check["with"]["since"] == "origin/${{ github.base_ref }}"


def test_pushes_build_the_package_and_upload_sarif():
    job = ALL["corpuscheck.yml"]["jobs"]["corpus"]
    build = next(s for s in job["steps"] if s.get("uses") == "./")
    assert build["with"]["out"] == "dist"
    assert build["with"]["sarif"] == "corpuscheck.sarif"
    assert job["permissions"]["security-events"] == "write"
    assert any(
        s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in job["steps"]
    )


def test_the_default_branch_publishes_pages_and_a_release():
    workflow = ALL["publish.yml"]
    assert workflow["jobs"]["build"]["if"] == (
        "github.ref_name == github.event.repository.default_branch"
    )
    used = uses(workflow)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in used)
    assert any(u.startswith("actions/deploy-pages@") for u in used)
    pages = workflow["jobs"]["pages"]
    assert pages["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["environment"]["name"] == "github-pages"
    release = workflow["jobs"]["release"]
    assert release["permissions"] == {"contents": "write"}
    script = release["steps"][-1]["run"]
    # Only a new version (new data) makes a release.
    assert script.index('gh release view "$TAG"') < script.index('gh release create "$TAG"')
    assert "corpus.zip" in script and "datapackage.json" in script
    version = next(s for s in steps(workflow) if s.get("id") == "version")
    assert "scripts/release_version.py dist/datapackage.json --github-output" in version["run"]
    assert workflow["jobs"]["build"]["outputs"]["tag"] == "${{ steps.version.outputs.tag }}"


@pytest.mark.parametrize("name", ["tests.yml", "publish.yml"])
def test_pip_downloads_are_cached_by_the_pinned_requirements(name):
    setup = next(
        s for s in steps(ALL[name]) if s.get("uses", "").startswith("actions/setup-python@")
    )
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"].split() == ["pyproject.toml", "constraints.txt"]


def test_the_action_caches_and_pins_its_install():
    action_steps = ACTION["runs"]["steps"]
    assert any(s.get("uses", "").startswith("actions/cache@") for s in action_steps)
    install = next(s for s in action_steps if s.get("name") == "Install corpuscheck")
    assert '-c "$ACTION_PATH/constraints.txt"' in install["run"]


def test_permissions_are_read_only_unless_a_job_needs_more():
    for workflow in ALL.values():
        assert workflow["permissions"] == {"contents": "read"}


def test_actions_are_pinned_to_a_major_version():
    pinned = re.compile(r"^[\w.-]+/[\w./-]+@v\d+$")
    used = [u for w in ALL.values() for u in uses(w)] + [
        s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s
    ]
    for name in used:
        assert name == "./" or pinned.match(name), name


def test_every_script_the_workflows_call_exists_and_is_tested():
    text = "\n".join(p.read_text(encoding="utf-8") for p in WORKFLOWS.glob("*.yml"))
    text += (ROOT / "action.yml").read_text(encoding="utf-8")
    called = set(re.findall(r"scripts/[\w.-]+\.(?:py|sh)", text))
    assert called >= {"scripts/release_version.py", "scripts/pages_site.py", "scripts/action.sh"}
    tested = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    for script in called:
        assert (ROOT / script).is_file(), script
        assert Path(script).name in tested, f"{script} is run by no test under tests/"
