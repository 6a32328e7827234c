"""Regenerate the repository's top-level ``datapackage.json`` from ``seeds/``.

The top-level file describes the dataset published from ``seeds/``: it is the
very ``datapackage.json`` that ``corpuscheck build seeds --out OUT`` writes
(its resource paths, ``data/...``, are those of the release zip). Run this
after the seeds, the checks or the table schemas change::

    python scripts/sync_datapackage.py           # rewrite it if it changed
    python scripts/sync_datapackage.py --check   # only say whether it is up to date

Exit status: 0 when the file is (now) up to date; 1 with ``--check`` when it
is not.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from corpuscheck.pipeline import check
from corpuscheck.publish import PACKAGE_FILE, write_package

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TARGET = ROOT / PACKAGE_FILE


def built_descriptor(seeds: Path = SEEDS) -> bytes:
    """The bytes of the ``datapackage.json`` a build of ``seeds`` writes."""
    result = check(seeds)
    with tempfile.TemporaryDirectory() as tmp:
        write_package(Path(tmp), result)
        return (Path(tmp) / PACKAGE_FILE).read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if stale")
    args = parser.parse_args(argv)
    wanted = built_descriptor()
    if TARGET.is_file() and TARGET.read_bytes() == wanted:
        print(f"{PACKAGE_FILE} is up to date")
        return 0
    if args.check:
        print(f"{PACKAGE_FILE} is out of date: run python scripts/sync_datapackage.py")
        return 1
    TARGET.write_bytes(wanted)
    print(f"wrote {PACKAGE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
