"""Fixtures of the publish tests: builds of the repository's seeds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpuscheck.pipeline import build
from tests.conftest import SEEDS


@pytest.fixture
def build_seeds(tmp_path: Path) -> Callable[[str], Path]:
    """Build the repository's seeds into ``tmp_path / name``; return that folder."""

    def run(name: str = "out") -> Path:
        out = tmp_path / name
        build(SEEDS, out)
        return out

    return run


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
