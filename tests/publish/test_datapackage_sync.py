"""The repository's top-level datapackage.json is the one a build of seeds/ writes."""

from __future__ import annotations

import difflib

from tests.conftest import ROOT

COMMITTED = ROOT / "datapackage.json"
FIX = "run python scripts/sync_datapackage.py (or make datapackage) and commit the result"


def test_the_top_level_datapackage_is_what_a_build_of_seeds_writes(build_seeds):
    built = (build_seeds() / "datapackage.json").read_bytes()
    assert COMMITTED.is_file(), f"datapackage.json is missing: {FIX}"
    committed = COMMITTED.read_bytes()
    if committed != built:
        diff = difflib.unified_diff(
            committed.decode("utf-8", "replace").splitlines(),
            built.decode("utf-8", "replace").splitlines(),
            "datapackage.json (committed)",
            "datapackage.json (built from seeds/)",
            lineterm="",
            n=1,
        )
        shown = "\n".join(list(diff)[:40])
        raise AssertionError(f"datapackage.json is out of date: {FIX}\n{shown}")
