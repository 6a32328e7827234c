"""The repository's own datapackage.json describes seeds/ as committed and validates there."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpuscheck.publish.source import render, source_descriptor, stale
from corpuscheck.schemas import manifest_schema, table_schema
from tests.conftest import ROOT, SEEDS

COMMITTED = ROOT / "datapackage.json"
FIX = "run `make datapackage` (corpuscheck datapackage seeds) and commit datapackage.json"
BIN = Path(sys.executable).parent


def test_the_committed_descriptor_is_what_the_seeds_give_now():
    wanted = render(source_descriptor(SEEDS, ROOT))
    committed = COMMITTED.read_bytes()
    if committed != wanted:
        diff = difflib.unified_diff(
            committed.decode("utf-8", "replace").splitlines(),
            wanted.decode("utf-8", "replace").splitlines(),
            "datapackage.json (committed)",
            "datapackage.json (from seeds/)",
            lineterm="",
            n=1,
        )
        raise AssertionError(
            f"datapackage.json is out of date: {FIX}\n" + "\n".join(list(diff)[:40])
        )


def test_it_lists_the_manifest_and_every_seed_with_size_and_hash():
    package = json.loads(COMMITTED.read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {"seeds/metadata.csv"} | {
        f"seeds/{p.name}" for p in SEEDS.glob("*.txt")
    }
    for path, resource in resources.items():
        assert resource["bytes"] == (ROOT / path).stat().st_size
        assert resource["hash"].startswith("sha256:")
        assert resource["$schema"].endswith("/2.0/dataresource.json")
    assert resources["seeds/metadata.csv"]["schema"] == manifest_schema()


def test_the_manifest_schema_is_the_documents_schema_s_own_fields():
    documents = {f["name"]: f for f in table_schema("documents")["fields"]}
    for field in manifest_schema()["fields"]:
        assert field == documents[field["name"]]


@pytest.fixture
def clone(tmp_path):
    """The descriptor and the seeds as a fresh clone has them."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy2(COMMITTED, root / "datapackage.json")
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copy2(ROOT / "scripts" / "validate_datapackage.sh", root / "validate.sh")
    return root


def validate(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORPUSCHECK_BIN": str(BIN)}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        ["bash", "validate.sh", "seeds"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def frictionless(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "frictionless"), "validate", "datapackage.json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def test_frictionless_validate_passes_where_it_stands(clone):
    run = frictionless(clone)
    assert run.returncode == 0, run.stdout
    assert "INVALID" not in run.stdout
    assert validate(clone).returncode == 0


def test_an_edited_seed_fails_until_the_descriptor_is_regenerated(clone):
    seed = next(iter(sorted((clone / "seeds").glob("*.txt"))))
    seed.write_bytes(seed.read_bytes().replace(b"e", b"E", 1))
    run = frictionless(clone)
    assert run.returncode == 1
    assert "hash" in run.stdout
    script = validate(clone)
    assert script.returncode == 1
    assert "make datapackage" in script.stderr
    regenerate = subprocess.run(
        [str(BIN / "corpuscheck"), "datapackage", "seeds"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert regenerate.returncode == 0, regenerate.stderr
    assert frictionless(clone).returncode == 0
    assert validate(clone).returncode == 0


def test_an_edited_manifest_fails_too(clone):
    manifest = clone / "seeds" / "metadata.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(",fr,", ",en,", 1))
    assert frictionless(clone).returncode == 1


def test_a_new_seed_is_caught_by_the_check(clone):
    (clone / "seeds" / "005_new.txt").write_text("Un nouveau texte.\n", encoding="utf-8")
    assert stale(clone / "seeds", clone, clone / "datapackage.json")
    script = validate(clone)
    assert script.returncode == 1
    assert "does not list" in script.stderr
    assert "make datapackage" in script.stderr


def test_the_error_is_an_annotation_under_github_actions(clone):
    seed = next(iter(sorted((clone / "seeds").glob("*.txt"))))
    seed.write_bytes(seed.read_bytes() + b"\n")
    env = {**os.environ, "CORPUSCHECK_BIN": str(BIN), "GITHUB_ACTIONS": "true"}
    run = subprocess.run(
        ["bash", "validate.sh", "seeds"], cwd=clone, env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "::error file=datapackage.json" in run.stdout


def test_links_are_not_described(clone):
    os.symlink("/etc/passwd", clone / "seeds" / "p.txt")
    package = source_descriptor(clone / "seeds", clone)
    assert "seeds/p.txt" not in {r["path"] for r in package["resources"]}


def test_the_descriptor_does_not_depend_on_where_the_clone_is(clone, tmp_path):
    other = tmp_path / "elsewhere" / "x"
    shutil.copytree(clone, other)
    assert render(source_descriptor(other / "seeds", other)) == render(
        source_descriptor(clone / "seeds", clone)
    )


def test_check_and_write_from_the_command_line(clone):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "corpuscheck"), "datapackage", *args],
            cwd=clone,
            capture_output=True,
            text=True,
            check=False,
        )

    assert run("seeds", "--check").returncode == 0
    (clone / "datapackage.json").unlink()
    assert run("seeds", "--check").returncode == 1
    assert run("seeds").returncode == 0
    assert (clone / "datapackage.json").read_bytes() == COMMITTED.read_bytes()
    missing = run("nope")
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
