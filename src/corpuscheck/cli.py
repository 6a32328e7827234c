"""The ``corpuscheck`` command: a thin shell over :func:`corpuscheck.pipeline.build`.

Exit status: 0 when the build has no error-severity finding, 1 when it has,
2 for usage errors and for a corpus folder that cannot be read. Only argparse
is imported up front, so ``corpuscheck --help`` answers at once; the pipeline
and its heavy libraries load when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpuscheck",
        description="Check a text corpus for encoding damage, artifacts, garbled translation, "
        "language and metadata problems; publish it as a Frictionless data package "
        "with an HTML quality report.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser(
        "build",
        help="check a corpus folder and publish the package and report",
        description="Read every *.txt of SEEDS and its metadata.csv, clean and check them, and "
        "write datapackage.json, the data files, a zip of the package and report.html into OUT. "
        "Exits 1 when any finding has severity error.",
    )
    build.add_argument("seeds", metavar="SEEDS", help="the corpus folder (*.txt and metadata.csv)")
    build.add_argument("--out", required=True, metavar="OUT", help="output folder (replaced)")
    build.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="worker processes (0: one per CPU)"
    )
    build.add_argument(
        "--expectations",
        metavar="DIR",
        help="folder of Great Expectations suites (default: expectations/ beside SEEDS)",
    )
    build.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CHECK",
        help="skip a check or a whole category (repeatable), e.g. language.detection",
    )
    build.add_argument(
        "--fix",
        action="store_true",
        help="also write the repaired text back into the SEEDS files that the cleaner changed",
    )
    build.add_argument("--quiet", action="store_true", help="print only the summary line")

    commands.add_parser("rules", help="list the checks and the rules they emit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from corpuscheck import __version__

        print(f"corpuscheck {__version__}")
        return EXIT_OK
    if args.command == "build":
        return _build(args)
    if args.command == "rules":
        return _rules()
    parser.print_help()
    return EXIT_USAGE


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from corpuscheck.config import Config
    from corpuscheck.pipeline import build
    from corpuscheck.read import CorpusFolderError

    if args.jobs < 0:
        return _usage("--jobs must be 0 or more")
    seeds = Path(args.seeds)
    out = Path(args.out)
    try:
        if out.resolve() == seeds.resolve() or seeds.resolve() in out.resolve().parents:
            return _usage("--out must not be the corpus folder or inside it")
    except OSError as err:
        return _usage(str(err))
    expectations = Path(args.expectations) if args.expectations else None
    if expectations is not None and not expectations.is_dir():
        return _usage(f"expectations folder not found: {expectations}")
    config = Config(jobs=args.jobs, disabled=frozenset(args.disable), expectations=expectations)
    try:
        result = build(seeds, out, config)
    except CorpusFolderError as err:
        print(f"corpuscheck: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"corpuscheck: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    if args.fix:
        from corpuscheck.fix import write_fixes

        for path in write_fixes(result.corpus):
            print(f"fixed {path}")
    counts = result.counts()
    if not args.quiet:
        from corpuscheck.summary import text_summary

        print(text_summary(result))
    print(
        f"{len(result.corpus.documents)} documents, {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} infos; wrote {out}"
    )
    return EXIT_FINDINGS if counts["error"] else EXIT_OK


def _rules() -> int:
    from corpuscheck.checks.registry import load_checks

    for check in load_checks().values():
        print(f"{check.name} ({check.scope}): {check.summary}")
        for rule in check.rules:
            print(f"    {rule}")
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"corpuscheck: {message}", file=sys.stderr)
    return EXIT_USAGE


def run() -> None:
    """Entry point that never shows a traceback for a broken pipe or Ctrl-C."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
