"""The ``corpuscheck`` command: a thin shell over :func:`corpuscheck.pipeline.build`.

Commands: ``build`` (check and publish), ``check`` (check only, with
``--since`` for what a change adds and fixes) and ``rules``. Exit status: 0
when there is no error-severity finding, 1 when there is (with ``check
--since``: when the change adds one), 2 for usage errors, for a corpus folder
that cannot be read, for an output folder that cannot be written and for a
``--since`` that git cannot answer; 3 for an internal error (a bug). Only
argparse is imported up front, so ``corpuscheck --help`` answers at once; the
pipeline and its heavy libraries load when a command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from corpuscheck.wording import severity_counts

if TYPE_CHECKING:
    from corpuscheck.config import Config
    from corpuscheck.pipeline import BuildResult
    from corpuscheck.since import Comparison

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
OUTPUT_FORMATS = ("text", "github", "json", "sarif", "markdown")
"""The views of :mod:`corpuscheck.output` (named here so that ``--help`` imports nothing)."""


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
    build.add_argument(
        "seeds",
        metavar="SEEDS",
        help="the corpus: a folder (*.txt and metadata.csv), a JSONL or Parquet file, a folder of "
        "them, or a Hugging Face dataset folder",
    )
    build.add_argument("--out", required=True, metavar="OUT", help="output folder (replaced)")
    build.add_argument(
        "--baseline",
        metavar="OLD_OUT",
        help="output folder of an earlier build (may be OUT): the report lists the findings "
        "new and fixed since; a folder without data/findings.* is a usage error",
    )
    _add_check_options(build)
    build.add_argument(
        "--fix",
        action="store_true",
        help="also write the repaired text back into the SEEDS files that the cleaner changed",
    )
    build.add_argument("--quiet", action="store_true", help="print only the summary line")
    _add_output_options(build)

    check = commands.add_parser(
        "check",
        help="check a corpus folder and print the findings; write nothing",
        description="Read, clean and check SEEDS as build does, without writing the package or "
        "the report. With --since REF, check only the documents changed since REF (and the "
        "corpus as a whole) and report what the change adds and fixes. Exits 1 when any "
        "finding has severity error (with --since: when the change adds one).",
    )
    check.add_argument(
        "seeds",
        metavar="SEEDS",
        help="the corpus: a folder (*.txt and metadata.csv), a JSONL or Parquet file, a folder of "
        "them, or a Hugging Face dataset folder",
    )
    check.add_argument(
        "--since",
        metavar="REF",
        help="git revision (branch, tag, commit): check only the documents changed since its "
        "merge base with HEAD, and compare with it",
    )
    _add_check_options(check)
    check.add_argument("--quiet", action="store_true", help="print only the summary line")
    _add_output_options(check)

    commands.add_parser("rules", help="list the checks and the rules they emit")
    key = commands.add_parser(
        "cache-key",
        help="print a key that changes with the checks (for a CI cache of per-document results)",
        description="Print a digest of corpuscheck's version and every check's name and version: "
        "cached per-document results made under another key are never reused, so a CI cache "
        "keyed on it starts afresh when the checks change.",
    )
    key.add_argument(
        "--disable", action="append", default=[], metavar="CHECK", help="as for build and check"
    )

    source = commands.add_parser(
        "datapackage",
        help="write the repository's datapackage.json describing SEEDS as committed",
        description="Write ROOT/datapackage.json: a Frictionless data package describing the "
        "corpus folder as committed (metadata.csv as a table with its schema, every document "
        "with its size and SHA-256), so that `frictionless validate datapackage.json` fails "
        "as soon as a file changes without it. Not the package a build publishes into OUT.",
    )
    source.add_argument("seeds", metavar="SEEDS", help="the corpus folder, inside ROOT")
    source.add_argument(
        "--root", default=".", metavar="ROOT", help="the repository's top folder (default: .)"
    )
    source.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when ROOT/datapackage.json is not up to date",
    )

    init = commands.add_parser(
        "init",
        help="set up a corpus repository: metadata.csv, expectations, workflows, pre-commit",
        description="Write into DIR (a corpus repository) the metadata.csv of its corpus folder "
        "(file names, and languages detected without doubt), an expectations/ suite to edit, "
        "the GitHub workflows that check the corpus on each change and publish it, the "
        "pre-commit hook and a .gitignore. Never overwrites a file: existing ones are skipped.",
    )
    init.add_argument("dir", nargs="?", default=".", metavar="DIR", help="the repository folder")
    init.add_argument(
        "--corpus",
        metavar="FOLDER",
        help="the corpus folder, relative to DIR (default: the one folder of DIR holding *.txt, "
        "else corpus)",
    )
    init.add_argument(
        "--action",
        default="OWNER/corpuscheck@main",
        metavar="OWNER/REPO@REF",
        help="where the workflows find the corpuscheck action (default: OWNER/corpuscheck@main, "
        "to edit)",
    )
    return parser


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default 0: one per CPU; 1 runs in this process)",
    )
    parser.add_argument(
        "--expectations",
        metavar="DIR",
        help="folder of Great Expectations suites (default: expectations/ beside SEEDS)",
    )
    parser.add_argument(
        "--max-document-bytes",
        type=_byte_size,
        default=64 * 1024 * 1024,
        metavar="SIZE",
        help="largest document read, in bytes or with a unit (K, M, G: powers of 1024); "
        "a larger one is a structure.too_large finding and is not read (default: 64M)",
    )
    parser.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="CHECK",
        help="skip a check or a whole category (repeatable), e.g. language.detection",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="CHECK",
        help="run only these checks or categories (repeatable), e.g. --only artifact",
    )
    parser.add_argument(
        "--text-column",
        default="text",
        metavar="NAME",
        help="JSONL/Parquet input: the column holding the text (default: text)",
    )
    parser.add_argument(
        "--id-column",
        default="id",
        metavar="NAME",
        help="JSONL/Parquet input: the column holding the document id (default: id)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "ray"),
        default="local",
        help="where the per-document checks run: local processes (default) or Ray Data",
    )
    parser.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="with --engine ray: the Ray cluster to join (default: start Ray locally)",
    )
    parser.add_argument(
        "--cache",
        metavar="DIR",
        help="folder of cached per-document results (default: $CORPUSCHECK_CACHE, else for "
        "build .corpuscheck-cache beside OUT, for check none)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="neither read nor write cached results"
    )


def _byte_size(value: str) -> int:
    """``65536``, ``64K``, ``64M`` or ``1G`` as a number of bytes."""
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
    text = value.strip().upper().removesuffix("IB").removesuffix("B")
    unit = text[-1:] if text[-1:] in ("K", "M", "G") else ""
    number = text[: len(text) - len(unit)]
    if not number.isdigit() or int(number) <= 0:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {value!r} (e.g. 65536, 64M, 1G)")
    return int(number) * units[unit]


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--output-format",
        choices=OUTPUT_FORMATS,
        help="how to print the findings: text, github (workflow-command annotations), json, "
        "sarif (SARIF 2.1.0) or markdown (default: github under GitHub Actions, else text)",
    )
    parser.add_argument(
        "--output-file",
        metavar="FILE",
        help="write the --output-format view into FILE instead of printing it",
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        from corpuscheck import __version__

        print(f"corpuscheck {__version__}")
        return EXIT_OK
    if args.command == "build":
        return _build(args)
    if args.command == "check":
        return _check(args)
    if args.command == "cache-key":
        from corpuscheck.cache import checks_signature
        from corpuscheck.config import Config

        print(checks_signature(Config(disabled=frozenset(args.disable)))[:16])
        return EXIT_OK
    if args.command == "rules":
        return _rules()
    if args.command == "datapackage":
        return _datapackage(args)
    if args.command == "init":
        return _init(args)
    parser.print_help()
    return EXIT_USAGE


def _config(args: argparse.Namespace) -> Config | str:
    """The build's settings, or what is wrong with the arguments."""
    from pathlib import Path

    from corpuscheck.api import configure
    from corpuscheck.config import Config

    if args.jobs < 0:
        return "--jobs must be 0 or more"
    expectations = Path(args.expectations) if args.expectations else None
    if expectations is not None and not expectations.is_dir():
        return f"expectations folder not found: {expectations}"
    if args.ray_address and args.engine != "ray":
        return "--ray-address needs --engine ray"
    if args.engine == "ray":
        import importlib.util

        if importlib.util.find_spec("ray") is None:
            return "--engine ray needs Ray: pip install 'corpuscheck[ray]'"
    cache = None
    chosen = args.cache or os.environ.get("CORPUSCHECK_CACHE")
    if chosen and not args.no_cache:
        cache = Path(chosen)
    elif not args.no_cache and getattr(args, "out", None):
        from corpuscheck.cache import default_cache

        cache = default_cache(Path(args.out))
    # The same rules as the Python API: a name that is no check and no category
    # is a usage error (a typo must not silently run every check).
    try:
        return configure(
            only=args.only or None,
            disable=args.disable,
            expectations=expectations,
            jobs=args.jobs,
            config=Config(
                engine=args.engine,
                ray_address=args.ray_address,
                cache=cache,
                text_column=args.text_column,
                id_column=args.id_column,
                max_document_bytes=args.max_document_bytes,
            ),
        )
    except ValueError as err:
        return str(err).replace("corpuscheck.rules()", "`corpuscheck rules`")


def _build(args: argparse.Namespace) -> int:
    from pathlib import Path

    from corpuscheck.pipeline import build
    from corpuscheck.progress import progress_bar
    from corpuscheck.read import CorpusFolderError

    config = _config(args)
    if isinstance(config, str):
        return _usage(config)
    if args.baseline:
        from dataclasses import replace

        from corpuscheck.report.baseline import BaselineError, load_baseline

        try:
            load_baseline(args.baseline)
        except BaselineError as err:
            return _usage(str(err))
        config = replace(config, baseline=Path(args.baseline))
    seeds = Path(args.seeds)
    out = Path(args.out)
    try:
        if out.resolve() == seeds.resolve() or seeds.resolve() in out.resolve().parents:
            return _usage("--out must not be the corpus folder or inside it")
    except OSError as err:
        return _usage(str(err))
    try:
        with progress_bar() as progress:
            result = build(seeds, out, config, progress=progress, fix=args.fix)
    except CorpusFolderError as err:
        print(f"corpuscheck: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(f"corpuscheck: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    _print_fixes(args, result.fixed)
    counts = result.counts()
    summary = f"{severity_counts(result.documents, counts)}; wrote {out}"
    return _show(args, result, None, summary, EXIT_FINDINGS if counts["error"] else EXIT_OK)


def _print_fixes(args: argparse.Namespace, fixes: Sequence[Any]) -> None:
    """What ``--fix`` did: each file's diff and where its original is kept."""
    machine = (args.output_format or "text") in ("json", "sarif", "markdown")
    stream = sys.stderr if machine else sys.stdout
    for fix in fixes:
        if getattr(fix, "refused", None):
            print(f"corpuscheck: {fix.refused}", file=sys.stderr)
            continue
        print(getattr(fix, "diff", ""), end="", file=stream)
        backup = getattr(fix, "backup", None)
        kept = f" (original kept in {backup})" if backup is not None else ""
        print(f"fixed {fix}{kept}", file=stream)


def _check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from corpuscheck.pipeline import check
    from corpuscheck.progress import progress_bar
    from corpuscheck.read import CorpusFolderError
    from corpuscheck.since import SinceError, check_since, describe

    config = _config(args)
    if isinstance(config, str):
        return _usage(config)
    seeds = Path(args.seeds)
    comparison: Comparison | None = None
    try:
        with progress_bar() as progress:
            if args.since:
                result, comparison = check_since(seeds, args.since, config, progress=progress)
            else:
                result = check(seeds, config, progress=progress)
    except (CorpusFolderError, SinceError) as err:
        print(f"corpuscheck: {err}", file=sys.stderr)
        return EXIT_USAGE
    if comparison is not None:
        failed = comparison.added_errors > 0
        summary = describe(comparison)
    else:
        counts = result.counts()
        failed = counts["error"] > 0
        summary = severity_counts(result.documents, counts)
    return _show(args, result, comparison, summary, EXIT_FINDINGS if failed else EXIT_OK)


def _datapackage(args: argparse.Namespace) -> int:
    from pathlib import Path

    from corpuscheck.publish.source import SourceError, stale, write_source_descriptor

    target = Path(args.root) / "datapackage.json"
    try:
        if args.check:
            if stale(args.seeds, args.root, target):
                print(
                    f"{target} does not describe {args.seeds} as it is: "
                    f"run `corpuscheck datapackage {args.seeds}` (or `make datapackage`) "
                    "and commit the result",
                    file=sys.stderr,
                )
                return EXIT_FINDINGS
            print(f"{target} is up to date")
            return EXIT_OK
        changed = write_source_descriptor(args.seeds, args.root, target)
    except (SourceError, OSError) as err:
        print(f"corpuscheck: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {target}" if changed else f"{target} is up to date")
    return EXIT_OK


def _show(
    args: argparse.Namespace,
    result: BuildResult,
    comparison: Comparison | None,
    summary: str,
    status: int,
) -> int:
    """Print (or write) the chosen view, the summary line and, in GitHub Actions, the step summary."""
    from corpuscheck.output import Locator, render
    from corpuscheck.output.github import append_step_summary, in_github_actions

    actions = in_github_actions()
    usual = "github" if actions else "text"
    chosen = args.output_format or usual
    locator = Locator(result.corpus)
    printed = chosen
    if args.output_file:
        try:
            with open(args.output_file, "w", encoding="utf-8", newline="\n") as stream:
                view = render(chosen, result, locator, comparison)
                stream.write(view if view.endswith("\n") else view + "\n")
        except OSError as err:
            print(
                f"corpuscheck: cannot write {args.output_file}: {err.strerror or err}",
                file=sys.stderr,
            )
            return EXIT_USAGE
        printed = usual
    if not (args.quiet and printed == "text"):
        view = render(printed, result, locator, comparison)
        if view:
            print(view, end="" if view.endswith("\n") else "\n")
    machine = printed in ("json", "sarif", "markdown")
    print(summary, file=sys.stderr if machine else sys.stdout)
    if actions:
        try:
            append_step_summary(render("markdown", result, locator, comparison))
        except OSError as err:
            print(f"corpuscheck: cannot write the step summary: {err}", file=sys.stderr)
    return status


def _rules() -> int:
    from corpuscheck.checks.registry import load_checks

    for check in load_checks().values():
        print(f"{check.name} ({check.scope}): {check.summary}")
        for rule in check.rules:
            print(f"    {rule}")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from corpuscheck.init import InitError, describe, init
    from corpuscheck.read import CorpusFolderError

    try:
        plan = init(args.dir, args.corpus, args.action)
    except (InitError, CorpusFolderError) as err:
        return _usage(str(err))
    except OSError as err:
        return _usage(f"cannot write {err.filename or args.dir}: {err.strerror or err}")
    print(describe(plan, args.action))
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
    except Exception as err:  # a bug, not bad input: one line, the traceback on request
        if os.environ.get("CORPUSCHECK_DEBUG"):
            raise
        print(
            f"corpuscheck: internal error: {type(err).__name__}: {err} "
            "(set CORPUSCHECK_DEBUG=1 for the traceback, and please report it)",
            file=sys.stderr,
        )
        sys.exit(EXIT_INTERNAL)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
