"""``corpuscheck check SEEDS --since REF``: check what a change did to the corpus.

For a pull request, checking the whole corpus again is slow and mixes the
change's problems with those the corpus already had. With ``--since REF``:

1. **What changed**, from git: the files of the corpus folder that differ
   between the working tree and the merge base of ``REF`` and ``HEAD`` (what
   the pull request's "Files changed" shows; ``git diff --name-only``), plus
   the untracked ones. A changed ``metadata.csv`` adds the documents whose
   row changed.
2. **The check**: every document is read and cleaned, so the corpus-level
   checks (the manifest, the expectations, duplicates) still see the whole
   corpus, but only the changed documents go through the document checks
   (see :func:`corpuscheck.pipeline.check`).
3. **The comparison**: the corpus folder as it was at the merge base (and the
   ``expectations/`` folder beside it) is read out of git into a temporary
   folder, without touching the working tree, and checked the same way. A
   finding found now and not then is *added* by the change; one found then
   and not now is *fixed* (its document may also have been deleted).
   Findings are matched by rule, document and the text they span, or their
   message when they have no span, so that a finding whose text only moved
   is neither.

Nothing is written: ``--since`` belongs to ``check``, not to ``build``,
because the published package always describes the whole corpus.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from corpuscheck.config import Config
from corpuscheck.model import METADATA_FIELDS, BuildResult, Finding, Severity
from corpuscheck.pipeline import Progress, check
from corpuscheck.read.decoding import decode_bytes
from corpuscheck.read.safe import read_inside
from corpuscheck.wording import plural

if TYPE_CHECKING:
    from corpuscheck.output.locate import Texts

MANIFEST = "metadata.csv"
EXPECTATIONS = "expectations"


class SinceError(Exception):
    """``--since`` cannot run: git is missing, the corpus is not in a repository, REF is unknown."""


@dataclass(frozen=True, slots=True)
class Changes:
    """The files of the corpus folder that changed since a git revision.

    ``top`` is the repository's top folder, ``folder`` the corpus folder
    relative to it (``/``-separated, ``.`` at the top), ``base`` the commit
    compared with. ``documents`` are the changed documents' file names
    (added, modified, deleted or untracked), with those whose row of
    ``metadata.csv`` changed; ``manifest`` says whether ``metadata.csv`` did.
    """

    ref: str
    base: str
    top: Path
    folder: str
    documents: frozenset[str]
    manifest: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a change adds and fixes, compared with its base.

    ``checked`` are the changed documents that exist now (the others were
    deleted); ``added`` are findings of the check (the same objects as in its
    result); ``fixed`` findings of the base that are gone.
    """

    changes: Changes
    checked: tuple[str, ...]
    added: tuple[Finding, ...]
    fixed: tuple[Finding, ...]

    def is_added(self, finding: Finding) -> bool:
        return any(finding is f for f in self.added)

    def added_counts(self) -> dict[str, int]:
        return {s.value: sum(f.severity is s for f in self.added) for s in Severity}

    @property
    def added_errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.added)


def git(top: Path, *args: str, input: bytes | None = None) -> bytes:
    """Run ``git args`` in ``top``; its standard output, or :class:`SinceError`."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=top, input=input, capture_output=True, timeout=300, check=False
        )
    except FileNotFoundError as err:
        raise SinceError("--since needs git, which is not installed") from err
    except subprocess.TimeoutExpired as err:
        raise SinceError(f"git {args[0]} did not finish in {err.timeout:.0f} s") from err
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SinceError(f"git {args[0]} failed: {message[-1] if message else done.returncode}")
    return done.stdout


def _paths(output: bytes) -> list[str]:
    return [p.decode("utf-8", "surrogateescape") for p in output.split(b"\0") if p]


def resolve_base(top: Path, ref: str) -> str:
    """The commit to compare with: the merge base of ``ref`` and HEAD (``ref`` itself without one)."""
    try:
        commit = git(
            top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
    except SinceError:
        raise SinceError(
            f"--since {ref}: no such commit in {top} (a shallow clone may lack it: "
            "fetch the history, e.g. actions/checkout with fetch-depth: 0)"
        ) from None
    sha = commit.decode().strip()
    try:
        return git(top, "merge-base", sha, "HEAD").decode().strip() or sha
    except SinceError:
        return sha


def find_changes(seeds: str | os.PathLike[str], ref: str) -> Changes:
    """The files of the corpus folder ``seeds`` that changed since ``ref`` (see the module)."""
    folder = Path(seeds).resolve()
    if not folder.is_dir():
        raise SinceError(f"corpus folder not found: {seeds}")
    try:
        top = Path(git(folder, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except SinceError:
        raise SinceError(f"--since needs the corpus folder in a git repository: {seeds}") from None
    rel = PurePosixPath(Path(os.path.relpath(folder, top)).as_posix())
    base = resolve_base(top, ref)
    spec = [] if str(rel) == "." else ["--", str(rel)]
    changed = _paths(git(top, "diff", "--name-only", "--no-renames", "-z", base, *spec))
    changed += _paths(git(top, "ls-files", "--others", "--exclude-standard", "-z", *spec))
    names = {PurePosixPath(p).name for p in changed if PurePosixPath(p).parent == rel}
    documents = {n for n in names if n.endswith(".txt")}
    manifest = MANIFEST in names
    if manifest:
        before = _blob(top, base, (rel / MANIFEST).as_posix())
        try:
            after: bytes | None = read_inside(folder, MANIFEST)
        except OSError:
            after = None
        documents |= changed_rows(before, after)
    return Changes(ref, base, top, str(rel), frozenset(documents), manifest)


def _blob(top: Path, commit: str, path: str) -> bytes | None:
    try:
        return git(top, "cat-file", "blob", f"{commit}:{path}")
    except SinceError:
        return None


def _rows(data: bytes | None) -> dict[str, tuple[str, ...]]:
    if data is None:
        return {}
    text = decode_bytes(data).text.removeprefix("\ufeff")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        return {
            (row.get("file_name") or ""): tuple((row.get(k) or "").strip() for k in METADATA_FIELDS)
            for row in reader
        }
    except csv.Error:
        return {}


def changed_rows(before: bytes | None, after: bytes | None) -> set[str]:
    """The file names whose row differs between two versions of ``metadata.csv``.

    >>> head = b"file_name,language\\n"
    >>> sorted(changed_rows(head + b"a.txt,fr\\nb.txt,fr\\n", head + b"a.txt,de\\nb.txt,fr\\nc.txt,fr\\n"))
    ['a.txt', 'c.txt']
    """
    old, new = _rows(before), _rows(after)
    return {name for name in old.keys() | new.keys() if old.get(name) != new.get(name) and name}


def export(top: Path, commit: str, folders: Sequence[str], dest: Path) -> None:
    """Write the files of ``folders`` (repository paths) as they are at ``commit`` under ``dest``.

    Only the folders' own files are written (the corpus folder is flat), each
    at its repository path under ``dest``. Reads git's objects; the working
    tree and the index are left alone.
    """
    wanted: list[str] = []
    for folder in folders:
        rel = PurePosixPath(folder)
        spec = [] if folder == "." else ["--", folder]
        listed = _paths(git(top, "ls-tree", "-r", "-z", "--name-only", commit, *spec))
        wanted += [p for p in listed if PurePosixPath(p).parent == rel and "\n" not in p]
    if not wanted:
        return
    batch = "".join(f"{commit}:{p}\n" for p in wanted).encode("utf-8", "surrogateescape")
    out = git(top, "cat-file", "--batch", input=batch)
    pos = 0
    for path in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # a submodule or a missing object
        size = int(header[2])
        target = dest.joinpath(*PurePosixPath(path).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[pos : pos + size])
        pos += size + 1


def finding_key(finding: Finding, texts: Mapping[str, str] | Texts) -> tuple[str, ...]:
    """What identifies a finding across two versions of a document.

    The rule, the document and the text its span covers (or its message when
    it has no span), so that a finding moved by an edit elsewhere in the
    document still matches.
    """
    where = (finding.rule, finding.doc_id or "", finding.file or "")
    text = texts.get(finding.file or "")
    if finding.start is not None and finding.end is not None and text is not None:
        return (*where, "span", text[finding.start : finding.end])
    return (*where, "message", finding.message)


def compare(now: BuildResult, then: BuildResult) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(added, fixed): findings of ``now`` not in ``then``, and of ``then`` not in ``now``.

    Findings with the same key are matched in order; surplus ones on either
    side are added or fixed.
    """

    def grouped(result: BuildResult) -> dict[tuple[str, ...], list[Finding]]:
        texts = {doc.file: doc.original for doc in result.corpus.documents}
        groups: dict[tuple[str, ...], list[Finding]] = defaultdict(list)
        for f in result.findings:
            groups[finding_key(f, texts)].append(f)
        return groups

    new, old = grouped(now), grouped(then)
    added = [f for key, fs in new.items() for f in fs[len(old.get(key, [])) :]]
    fixed = [f for key, fs in old.items() for f in fs[len(new.get(key, [])) :]]
    order = Finding.sort_key
    return tuple(sorted(added, key=order)), tuple(sorted(fixed, key=order))


def check_since(
    seeds: str | os.PathLike[str],
    ref: str,
    config: Config | None = None,
    *,
    progress: Progress | None = None,
) -> tuple[BuildResult, Comparison]:
    """Check the documents of ``seeds`` changed since ``ref`` and compare with ``ref``.

    Returns the check of the changed documents (and of the corpus as a whole)
    and the :class:`Comparison` with the base. Raises :class:`SinceError` when
    git cannot answer, and what :func:`corpuscheck.pipeline.check` raises.
    """
    config = config or Config()
    changes = find_changes(seeds, ref)
    result = check(Path(seeds), config, only=changes.documents, progress=progress)
    existing = {doc.file for doc in result.corpus.documents}
    checked = tuple(sorted(changes.documents & existing))

    folders = [changes.folder]
    base_config = config
    if config.expectations is None:
        beside = PurePosixPath(changes.folder).parent / EXPECTATIONS
        if changes.folder != ".":
            folders.append(str(beside))
        else:  # beside the repository: not in git, the same suites then and now
            outside = Path(seeds).resolve().parent / EXPECTATIONS
            base_config = replace(config, expectations=outside if outside.is_dir() else None)
    with tempfile.TemporaryDirectory(prefix="corpuscheck-since-") as tmp:
        # tmp/repo mirrors the repository, so that paths (and the expectations
        # folder beside the corpus) are the same as in the working tree.
        repo = Path(tmp) / "repo"
        corpus = repo.joinpath(*PurePosixPath(changes.folder).parts)
        corpus.mkdir(parents=True, exist_ok=True)
        export(changes.top, changes.base, folders, repo)
        then = check(corpus, base_config, only=changes.documents, progress=_prefixed(progress))
        added, fixed = compare(result, then)
    return result, Comparison(changes, checked, added, fixed)


def _prefixed(progress: Progress | None) -> Progress | None:
    if progress is None:
        return None

    def report(stage: str, done: int, total: int) -> None:
        progress(f"base: {stage}", done, total)

    return report


def describe(comparison: Comparison) -> str:
    """One line: what was checked and what the change adds and fixes."""
    changes = comparison.changes
    added = comparison.added_counts()
    parts = [plural(n, s) for s, n in added.items() if n]
    adds = ", ".join(parts) if parts else "no finding"
    fixed = len(comparison.fixed)
    return (
        f"{plural(len(comparison.checked), 'changed document')}"
        f" checked since {changes.ref} ({changes.base[:12]}): the change adds {adds} and fixes "
        f"{plural(fixed, 'finding')}"
    )
