"""The README's GitHub Actions, action and pre-commit sections say what the files do."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from corpuscheck.cli import OUTPUT_FORMATS
from corpuscheck.config import Config
from corpuscheck.output.github import annotation
from corpuscheck.output.locate import Locator
from corpuscheck.pipeline import check
from tests.conftest import ROOT, SEEDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
RAW_BLOCKS = re.findall(r"```yaml\n(.*?)```", README, re.S)
YAML_BLOCKS = [yaml.safe_load(b) for b in RAW_BLOCKS]


def test_the_readme_workflow_for_a_corpus_repository_is_valid(tmp_path):
    ((raw, workflow),) = [
        (r, b) for r, b in zip(RAW_BLOCKS, YAML_BLOCKS, strict=True) if "jobs" in b
    ]
    path = tmp_path / "corpus.yml"
    path.write_text(raw, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    step = next(
        s for s in workflow["jobs"]["corpuscheck"]["steps"] if "corpuscheck@" in s.get("uses", "")
    )
    inputs = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    assert set(step["with"]) <= set(inputs)


def test_the_readme_pre_commit_config_is_valid(tmp_path):
    from pre_commit.clientlib import load_config

    (config,) = [b for b in YAML_BLOCKS if "repos" in b]
    path = tmp_path / ".pre-commit-config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    loaded = load_config(str(path))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in loaded["repos"][0]["hooks"]} <= {h["id"] for h in hooks}


def test_every_input_of_the_action_is_documented():
    inputs = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["inputs"]
    section = README.split("## In another corpus repository", 1)[1]
    for name in inputs:
        assert f"`{name}`" in section, name


def test_every_output_format_and_option_is_documented():
    for fmt in OUTPUT_FORMATS:
        assert f"| `{fmt}` |" in README, fmt
    for option in ("--since REF", "--output-format", "--output-file", "corpuscheck check SEEDS"):
        assert option in README, option


def test_the_example_annotation_is_the_one_a_build_prints():
    (example,) = [line for line in README.splitlines() if line.startswith("::error file=seeds/")]
    result = check(SEEDS, Config(disabled=frozenset({"language", "metadata", "duplicate"})))
    (finding,) = [f for f in result.findings if f.rule == "artifact.placeholder"]
    assert example == annotation(finding, Locator(result.corpus, ROOT).locate(finding))
