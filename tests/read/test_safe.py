"""Nothing outside the corpus folder is ever read: links, FIFOs, devices, folders."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from corpuscheck.fix import write_fixes
from corpuscheck.read import CorpusFolderError, read_corpus
from corpuscheck.read.safe import TooLarge, UnsafeFile, read_inside

SECRET = "TOP-SECRET-corpuscheck-canary"


@pytest.fixture
def secret(tmp_path):
    """A file outside every corpus folder, whose contents must never be published."""
    path = tmp_path / "outside" / "credentials.txt"
    path.parent.mkdir()
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def unreadable(corpus):
    return {f.file: f.evidence.get("kind") for f in corpus.read_findings}


def test_symlink_out_of_the_folder_is_refused_unopened(make_corpus, secret):
    root = make_corpus({"ok.txt": "Un texte."})
    os.symlink(secret, root / "p.txt")
    os.symlink("/etc/passwd", root / "passwd.txt")
    corpus = read_corpus(root)
    assert unreadable(corpus) == {"p.txt": "symlink", "passwd.txt": "symlink"}
    assert all(SECRET not in d.original and "root:" not in d.original for d in corpus.documents)
    assert all(f.rule == "structure.unreadable" for f in corpus.read_findings)


def test_symlink_inside_the_folder_is_refused_too(make_corpus):
    # A link to a sibling would publish one file twice under two names; refuse all links.
    root = make_corpus({"ok.txt": "Un texte."})
    os.symlink("ok.txt", root / "twin.txt")
    assert unreadable(read_corpus(root)) == {"twin.txt": "symlink"}


def test_dangling_symlink_is_a_finding(make_corpus):
    root = make_corpus({"ok.txt": "Un texte."})
    os.symlink("/nonexistent/x", root / "gone.txt")
    assert unreadable(read_corpus(root)) == {"gone.txt": "symlink"}


def test_fifo_is_refused_without_blocking(make_corpus):
    root = make_corpus({"ok.txt": "Un texte."})
    os.mkfifo(root / "pipe.txt")
    assert unreadable(read_corpus(root)) == {"pipe.txt": "fifo"}


def test_directory_named_txt_is_a_finding(make_corpus):
    root = make_corpus({"ok.txt": "Un texte."})
    (root / "x.txt").mkdir()
    assert unreadable(read_corpus(root)) == {"x.txt": "directory"}


def test_device_is_refused(tmp_path):
    with pytest.raises(UnsafeFile, match="device") as err:
        read_inside("/dev", "null")
    assert err.value.kind == "device"


def test_manifest_symlink_is_refused(make_corpus, secret):
    root = make_corpus({"ok.txt": "Un texte."}, manifest=None)
    os.symlink(secret, root / "metadata.csv")
    corpus = read_corpus(root)
    assert [f.rule for f in corpus.read_findings] == ["metadata.manifest_unreadable"]
    assert "symbolic link" in corpus.read_findings[0].message
    assert corpus.manifest is None


def test_symlinked_corpus_folder_is_refused(make_corpus, tmp_path):
    root = make_corpus({"ok.txt": "Un texte."})
    link = tmp_path / "link"
    os.symlink(root, link)
    with pytest.raises(CorpusFolderError, match="symbolic link"):
        read_corpus(link)


@pytest.mark.parametrize("name", ["../x.txt", "a/b.txt", "..", "", "x\x00.txt"])
def test_names_that_leave_the_folder_are_refused(tmp_path, name):
    with pytest.raises(UnsafeFile) as err:
        read_inside(tmp_path, name)
    assert err.value.kind == "outside"


def test_fix_refuses_to_write_through_a_symlink(make_corpus, secret):
    root = make_corpus({"ok.txt": "Un texte."})
    os.symlink(secret, root / "p.txt")
    corpus = read_corpus(root)
    assert write_fixes(corpus) == []
    assert secret.read_text(encoding="utf-8") == f"{SECRET}\n"
    assert os.path.islink(root / "p.txt")


def test_build_publishes_nothing_from_outside(make_corpus, secret, tmp_path):
    """The end-to-end check: the canary is in no output file, the zip included."""
    root = make_corpus({"ok.txt": "Un texte en français, tout à fait normal."})
    os.symlink(secret, root / "x.txt")
    os.symlink("/proc/self/environ", root / "env.txt")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "corpuscheck", "build", str(root), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data, path
            assert b"PATH=" not in data, path
    with zipfile.ZipFile(out / "corpus.zip") as archive:
        for name in archive.namelist():
            assert SECRET.encode() not in archive.read(name), name
    documents = (out / "data" / "documents.csv").read_text(encoding="utf-8")
    assert "x.txt" in documents  # listed, as a document that could not be read


def test_symlinked_corpus_folder_exits_2_with_one_line(make_corpus, tmp_path):
    root = make_corpus({"ok.txt": "Un texte."})
    os.symlink(root, tmp_path / "link")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "corpuscheck",
            "build",
            str(tmp_path / "link"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "symbolic link" in run.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, (1 << 20) + 3, (3 << 20) + 1])
def test_a_file_is_read_whole_at_any_size(tmp_path, size):
    data = bytes((i * 7 + size) % 256 for i in range(size))
    (tmp_path / "a.txt").write_bytes(data)
    assert read_inside(tmp_path, "a.txt") == data
    assert read_inside(str(tmp_path), "a.txt", max_bytes=size) == data
    assert read_inside(tmp_path, "a.txt", 10) == data[:10]
    assert read_inside(tmp_path, "a.txt", 10, max_bytes=size) == data[:10]
    if size:
        with pytest.raises(TooLarge, match="over the maximum"):
            read_inside(tmp_path, "a.txt", max_bytes=size - 1)


def test_a_file_that_grew_past_the_maximum_after_its_size_was_taken_is_too_large(
    tmp_path, monkeypatch
):
    """The size is taken first, then the file read: bytes written in between are seen."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    real_fstat = os.fstat
    calls: list[int] = []

    def fstat_then_grow(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        calls.append(fd)
        if len(calls) == 2:  # the first makes sure the open file is the one looked at
            with open(path, "ab") as more:
                more.write(b"y" * 50)
        return info

    monkeypatch.setattr(os, "fstat", fstat_then_grow)
    with pytest.raises(TooLarge) as raised:
        read_inside(tmp_path, "a.txt", max_bytes=120)
    assert raised.value.size == 121  # read up to one byte over the maximum, no further
    monkeypatch.setattr(os, "fstat", real_fstat)
    assert read_inside(tmp_path, "a.txt", max_bytes=150) == b"x" * 100 + b"y" * 50
