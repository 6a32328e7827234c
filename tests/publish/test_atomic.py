"""OUT is replaced as a whole: a failed build leaves the previous OUT and no litter."""

from __future__ import annotations

import pytest

from corpuscheck.pipeline import build
from tests.conftest import SEEDS
from tests.publish.conftest import snapshot


class Boom(RuntimeError):
    pass


def fail(*args, **kwargs):
    raise Boom("disk on fire")


def litter(tmp_path):
    """Hidden temporary or old folders left beside the output folder."""
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    "writer",
    [
        "corpuscheck.publish.tables.TableFile.flush",
        "corpuscheck.publish.archive.DeflatedFile.catch_up",  # in the deflating thread
        "corpuscheck.publish.archive.DeflatedFile.close",  # in the deflating thread, last
        "corpuscheck.publish.tables.TableFile._write_parquet",  # in the Parquet thread
        "corpuscheck.publish.tables.TableFile._close_parquet",  # in the Parquet thread, last
        "corpuscheck.publish.write_zip",
        "corpuscheck.publish.write_descriptor",
    ],
)
def test_a_failed_write_leaves_the_previous_output_untouched(
    build_seeds, tmp_path, monkeypatch, writer
):
    out = build_seeds()
    before = snapshot(out)
    monkeypatch.setattr(writer, fail)
    with pytest.raises(Boom):
        build(SEEDS, out)
    assert snapshot(out) == before
    assert litter(tmp_path) == []


def test_a_failed_report_leaves_the_previous_output_untouched(build_seeds, tmp_path, monkeypatch):
    out = build_seeds()
    before = snapshot(out)
    monkeypatch.setattr("corpuscheck.report.write_context", fail)
    with pytest.raises(Boom):
        build(SEEDS, out)
    assert snapshot(out) == before
    assert litter(tmp_path) == []


def test_a_failed_first_build_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr("corpuscheck.publish.tables.TableFile.flush", fail)
    with pytest.raises(Boom):
        build(SEEDS, tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_rebuild_replaces_the_whole_folder(build_seeds, tmp_path):
    out = build_seeds()
    (out / "data" / "stale.csv").write_text("old\n", encoding="utf-8")
    (out / "report.html").write_text("old\n", encoding="utf-8")
    build(SEEDS, out)
    assert not (out / "data" / "stale.csv").exists()
    assert (out / "report.html").read_text(encoding="utf-8") != "old\n"
    assert litter(tmp_path) == []


def test_a_missing_parent_folder_is_made(tmp_path):
    build(SEEDS, tmp_path / "a" / "b" / "out")
    assert (tmp_path / "a" / "b" / "out" / "datapackage.json").is_file()


def test_an_empty_existing_folder_is_used(tmp_path):
    (tmp_path / "out").mkdir()
    build(SEEDS, tmp_path / "out")
    assert (tmp_path / "out" / "datapackage.json").is_file()


def test_an_output_path_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "out"
    out.write_text("precious\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match="is a file, not a folder"):
        build(SEEDS, out)
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    out = tmp_path / "project"
    out.mkdir()
    (out / "notes.txt").write_text("precious\n", encoding="utf-8")
    (out / "datapackage.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(FileExistsError, match=r"holds files a build does not write \(notes.txt\)"):
        build(SEEDS, out)
    assert snapshot(out) == {"datapackage.json": b"{}\n", "notes.txt": b"precious\n"}
    assert litter(tmp_path) == []


def test_a_symlinked_output_folder_is_replaced_by_a_real_folder(build_seeds, tmp_path):
    target = build_seeds("target")
    link = tmp_path / "link"
    link.symlink_to(target, target_is_directory=True)
    build(SEEDS, link)
    assert link.is_dir() and not link.is_symlink()
    assert target.is_dir()  # the folder the link pointed to is left alone
    assert litter(tmp_path) == []


@pytest.mark.parametrize(
    "writer",
    [
        "corpuscheck.publish.archive.DeflatedFile.catch_up",
        "corpuscheck.publish.tables.TableFile._write_parquet",
    ],
)
def test_a_write_failing_in_a_thread_is_a_clear_message(tmp_path, monkeypatch, capsys, writer):
    import errno

    from corpuscheck.cli import main

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writer, full)
    code = main(["build", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write" in err and "No space left on device" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert litter(tmp_path) == [".corpuscheck-cache"]  # the command line's result cache
