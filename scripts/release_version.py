"""The release version of a built data package: it changes exactly when the data changes.

The publish workflow attaches the packaged dataset to a GitHub release named
by this version, and creates the release only when no release has that tag
yet, so a build that publishes the same data again makes no new release::

    python scripts/release_version.py OUT/datapackage.json
    data-572fa169690a

The version is ``data-`` and the first 12 hex digits of the SHA-256 of the
package's resources, each as its name and the hash ``datapackage.json``
declares for it: any change to a published file (a document, its metadata, a
finding) changes it, and nothing else does (not the date, the machine or the
commit). A date would change the version with no change of data; the
release's title and creation date say when it was made.

``--github-output`` also appends ``tag=...`` to the file ``$GITHUB_OUTPUT``
names, for the steps after it. Exit status 2 when the file is not a package
whose resources all declare a hash.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

PREFIX = "data-"
DIGITS = 12


class NotAPackage(Exception):
    """The descriptor cannot give a version."""


def data_hashes(package: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, hash) of every resource of a package descriptor, sorted by name."""
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        raise NotAPackage("the descriptor has no resources")
    found = []
    for resource in resources:
        name, digest = resource.get("name"), resource.get("hash")
        if not isinstance(name, str) or not isinstance(digest, str) or not digest:
            raise NotAPackage(f"resource {name!r} declares no hash")
        found.append((name, digest))
    return sorted(found)


def release_version(package: dict[str, Any]) -> str:
    """``data-`` and 12 hex digits identifying the package's data.

    >>> release_version({"resources": [{"name": "a", "hash": "sha256:00"}]})
    'data-c0a9813c778d'
    """
    canonical = json.dumps(data_hashes(package), separators=(",", ":"))
    return PREFIX + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:DIGITS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("descriptor", type=Path, help="the built datapackage.json")
    parser.add_argument(
        "--github-output", action="store_true", help="also append tag=VERSION to $GITHUB_OUTPUT"
    )
    args = parser.parse_args(argv)
    try:
        package = json.loads(args.descriptor.read_text(encoding="utf-8"))
        if not isinstance(package, dict):
            raise NotAPackage("not a JSON object")
        version = release_version(package)
    except (OSError, ValueError, NotAPackage) as err:
        print(f"release_version: {args.descriptor}: {err}", file=sys.stderr)
        return 2
    print(version)
    if args.github_output:
        target = os.environ.get("GITHUB_OUTPUT")
        if not target:
            print("release_version: GITHUB_OUTPUT is not set", file=sys.stderr)
            return 2
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(f"tag={version}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
