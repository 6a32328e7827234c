"""A build killed at any moment, or two builds at once, leave one whole output folder.

The command line runs in a subprocess; ``CORPUSCHECK_TEST_CRASH_AT`` has it
kill itself with SIGKILL at a stage of :func:`corpuscheck.publish.atomic.replace_folder`,
and the timed tests kill it from outside while it runs.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from corpuscheck.publish.atomic import CRASH_ENV
from tests.conftest import MANIFEST_HEADER
from tests.publish.conftest import snapshot

FAST = ("--jobs", "1", "--disable", "language", "--disable", "translation")
TEXT = "Le gouvernement a annoncé lundi une série de mesures pour les agriculteurs.\n"


def corpus(folder: Path, names: list[str]) -> Path:
    folder.mkdir()
    for name in names:
        (folder / f"{name}.txt").write_text(f"{name} : {TEXT}", encoding="utf-8")
    rows = "".join(f"{name}.txt,fr,,,,,,\n" for name in names)
    (folder / "metadata.csv").write_text(MANIFEST_HEADER + rows, encoding="utf-8")
    return folder


def command(seeds: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "corpuscheck", "build", str(seeds), "--out", str(out)]


def build(seeds: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*command(seeds, out), *FAST, "--quiet"],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
        check=False,
    )


def published_ids(out: Path) -> list[str]:
    """The document ids of the package, checked against the copy inside the zip."""
    table = (out / "data" / "documents.csv").read_bytes()
    with zipfile.ZipFile(out / "corpus.zip") as archive:
        assert archive.read("data/documents.csv") == table  # the zip and the folder agree
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    rows = csv.DictReader(io.StringIO(table.decode("utf-8"), newline=""))
    return sorted(row["id"] for row in rows)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture
def two_corpora(tmp_path: Path) -> tuple[Path, Path, Path]:
    old = corpus(tmp_path / "old", ["a", "b"])
    new = corpus(tmp_path / "new", ["c", "d", "e"])
    out = tmp_path / "out"
    assert build(old, out).returncode in (0, 1)
    return old, new, out


@pytest.mark.parametrize(
    ("stage", "survivor"),
    [("tmp-created", "old"), ("written", "old"), ("swapped", "new")],
)
def test_a_build_killed_at_a_stage_leaves_a_whole_output(two_corpora, stage, survivor):
    _, new, out = two_corpora
    before = snapshot(out)
    killed = build(new, out, **{CRASH_ENV: stage})
    assert killed.returncode == -signal.SIGKILL
    expected = {"old": ["a", "b"], "new": ["c", "d", "e"]}[survivor]
    assert published_ids(out) == expected
    if survivor == "old":
        assert snapshot(out) == before
    assert not any(p.name.startswith(".") for p in out.iterdir())  # nothing stray inside
    # The next build clears what the killed one left beside the output.
    assert build(new, out).returncode in (0, 1)
    assert published_ids(out) == ["c", "d", "e"]
    assert leftovers(out) == []


@pytest.mark.parametrize("delay", [0.5, 2.0, 4.0])
def test_a_build_killed_at_any_time_leaves_a_whole_output(two_corpora, delay):
    _, new, out = two_corpora
    process = subprocess.Popen(
        [*command(new, out), *FAST, "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert published_ids(out) in (["a", "b"], ["c", "d", "e"])
    assert not any(p.name.startswith(".") for p in out.iterdir())


def test_two_builds_at_once_leave_one_whole_output(two_corpora):
    old, new, out = two_corpora
    processes = [
        subprocess.Popen(
            [*command(seeds, out), *FAST, "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seeds in (new, old, new)
    ]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode in (0, 1), err
        assert "Traceback" not in err
    assert published_ids(out) in (["a", "b"], ["c", "d", "e"])
    assert leftovers(out) == []
