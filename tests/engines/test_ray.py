"""The Ray Data engine gives the local engine's package, findings and report, byte for byte.

Ray runs locally with two CPUs and is shut down after each build.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from corpuscheck.config import Config
from corpuscheck.pipeline import build
from tests.conftest import MANIFEST_HEADER, SEEDS

pytest.importorskip("ray")


def files_of(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def generated(folder: Path, docs: int) -> Path:
    """``docs`` short documents made of the seeds' sentences (fixed seed), some repeated."""
    sentences = [
        s.strip() + "."
        for p in sorted(SEEDS.glob("*.txt"))
        for s in p.read_text("utf-8").split(".")
        if len(s.strip()) > 40
    ]
    rng = random.Random(7)
    folder.mkdir()
    rows = []
    for i in range(docs):
        text = " ".join(rng.sample(sentences, 2))
        if i % 97 == 0:
            text += " Le bilan est de XNUMX morts."
        (folder / f"{i:05d}.txt").write_text(text + "\n", encoding="utf-8")
        rows.append(f"{i:05d}.txt,fr,,,,,,\n")
    (folder / "metadata.csv").write_text(MANIFEST_HEADER + "".join(rows), encoding="utf-8")
    return folder


def test_seeds_on_ray_match_the_local_engine(tmp_path):
    build(SEEDS, tmp_path / "local")
    result = build(SEEDS, tmp_path / "ray", Config(engine="ray", jobs=2))
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")
    assert result.documents == 5
    import ray

    assert not ray.is_initialized()


def test_a_generated_corpus_on_ray_matches_the_local_engine(tmp_path):
    corpus = generated(tmp_path / "corpus", 2000)
    fast = frozenset({"language", "translation"})  # the engine is under test, not the checks
    build(corpus, tmp_path / "local", Config(disabled=fast))
    build(corpus, tmp_path / "ray", Config(engine="ray", jobs=2, disabled=fast))
    assert files_of(tmp_path / "ray") == files_of(tmp_path / "local")


def test_the_command_line_runs_on_ray(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "corpuscheck",
            "build",
            str(SEEDS),
            "--out",
            str(tmp_path / "o"),
            "--engine",
            "ray",
            "--jobs",
            "2",
            "--no-cache",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr  # the seeds have errors
    assert "5 documents" in done.stdout + done.stderr
