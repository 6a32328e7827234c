"""Lay out the GitHub Pages site from a build's output folder.

    python scripts/pages_site.py OUT SITE

``SITE`` (replaced) receives the report as ``index.html`` and the data
package beside it (``datapackage.json``, ``data/`` and ``corpus.zip``), so
that the site's address shows the report and ``<address>/datapackage.json``
is a data package that Frictionless tools can open from the web. Exit status
2 when ``OUT`` lacks one of these files (the build failed).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

PAGES = {
    "report.html": "index.html",
    "datapackage.json": "datapackage.json",
    "data": "data",
    "corpus.zip": "corpus.zip",
}
"""Each file of a build that the site publishes, and its name on the site."""


def lay_out(out: Path, site: Path) -> list[str]:
    """Copy the published files of ``out`` into a new ``site``; their names on the site."""
    missing = [name for name in PAGES if not (out / name).exists()]
    if missing:
        raise FileNotFoundError(f"{out} lacks {', '.join(missing)}: did the build run?")
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for name, target in PAGES.items():
        source = out / name
        if source.is_dir():
            shutil.copytree(source, site / target)
        else:
            shutil.copy2(source, site / target)
    return sorted(PAGES.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the build's output folder")
    parser.add_argument("site", type=Path, help="the site folder to write (replaced)")
    args = parser.parse_args(argv)
    try:
        names = lay_out(args.out, args.site)
    except OSError as err:
        print(f"pages_site: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.site}: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
