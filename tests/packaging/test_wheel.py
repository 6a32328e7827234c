"""corpuscheck installs as a wheel and works without its source tree.

The wheel is built from a copy of the project files (so the test leaves no
``build/`` behind), installed into a new virtual environment with
``--no-deps --no-index`` (nothing is downloaded: the environment sees the
dependencies already installed for the tests through a ``.pth`` line, not the
source tree), and run from a folder outside the repository. Its build of the
seeds must be the same, byte for byte, as a build from the source tree: the
schemas, templates, word lists and models it needs are all inside the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from corpuscheck.pipeline import build
from tests.conftest import ROOT, SEEDS
from tests.publish.conftest import snapshot

PACKAGE = ROOT / "src" / "corpuscheck"


def _run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, **kwargs
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built with ``python -m build`` from a copy of the project."""
    project = tmp_path_factory.mktemp("project")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(
        ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    dist = tmp_path_factory.mktemp("wheelhouse")
    done = _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=project,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (found,) = dist.glob("corpuscheck-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment holding the wheel, and the tests' dependencies."""
    home = tmp_path_factory.mktemp("venv") / "venv"
    done = _run([sys.executable, "-m", "venv", str(home)], cwd=home.parent)
    assert done.returncode == 0, done.stderr
    (site,) = home.glob("lib/python*/site-packages")
    # Reuse the installed dependencies without re-downloading them. A path in a
    # .pth file is added to sys.path but its own .pth files are not read, so
    # the editable install of the source tree stays invisible.
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    python = str(home / "bin" / "python")
    done = _run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)], cwd=home.parent
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return home


def test_the_wheel_holds_every_data_file(wheel):
    shipped = set(zipfile.ZipFile(wheel).namelist())
    data = {
        "corpuscheck/" + p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert any(name.endswith(".json") for name in data)
    assert data <= shipped, sorted(data - shipped)


def test_the_installed_package_is_the_wheel_not_the_source(venv, tmp_path):
    python = str(venv / "bin" / "python")
    done = _run([python, "-c", "import corpuscheck; print(corpuscheck.__file__)"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()).is_relative_to(venv)
    done = _run([python, "-m", "pip", "check"], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_installed_command_builds_the_seeds_as_the_source_does(venv, tmp_path):
    out = tmp_path / "from-wheel"
    done = _run(
        [str(venv / "bin" / "corpuscheck"), "build", str(SEEDS), "--out", str(out), "--quiet"],
        cwd=tmp_path,
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "documents" in done.stdout
    build(SEEDS, tmp_path / "from-source")
    assert snapshot(out) == snapshot(tmp_path / "from-source")


def test_runtime_dependencies_are_ranges_pinned_in_the_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        pins[name.strip().lower().replace("_", "-")] = version.strip()
    for dependency in project["dependencies"]:
        requirement = Requirement(dependency)
        name = requirement.name.lower().replace("_", "-")
        assert not any(s.operator == "==" for s in requirement.specifier), dependency
        assert any(s.operator == "<" for s in requirement.specifier), f"{dependency}: no bound"
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} ∉ {dependency}"
