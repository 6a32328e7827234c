"""``build --fix``: safe repairs only, a diff, the original kept, idempotent, no writing through links."""

from __future__ import annotations

import os

from tests.cli.test_cli import run

FAST = ("--jobs", "1", "--disable", "language", "--disable", "translation")
DAMAGED = "Lâ€™Ukraine a dÃ©clarÃ© la paix.\nLa suite doesnâ€\ufffd rien.\n"


def fix(root, out):
    return run("build", str(root), "--out", str(out), "--fix", *FAST)


def test_fix_applies_safe_repairs_prints_a_diff_and_keeps_the_original(make_corpus, tmp_path):
    root = make_corpus({"b.txt": DAMAGED})
    done = fix(root, tmp_path / "out")
    assert "Traceback" not in done.stderr
    # The lossy sequence (a character lost, shown as U+FFFD) is left for a person.
    assert (root / "b.txt").read_text(encoding="utf-8") == (
        "L’Ukraine a déclaré la paix.\nLa suite doesnâ€\ufffd rien.\n"
    )
    assert (root / "b.txt.orig").read_text(encoding="utf-8") == DAMAGED
    assert "--- a/b.txt\n+++ b/b.txt\n" in done.stdout
    assert "-Lâ€™Ukraine a dÃ©clarÃ© la paix.\n+L’Ukraine a déclaré la paix.\n" in done.stdout
    assert f"fixed {root / 'b.txt'} (original kept in {root / 'b.txt.orig'})" in done.stdout


def test_a_second_fix_changes_nothing(make_corpus, tmp_path):
    root = make_corpus({"b.txt": DAMAGED, "c.txt": b"Un caf\xe9 tr\xe8s chaud.\n"})
    fix(root, tmp_path / "out")
    assert (root / "c.txt").read_text(encoding="utf-8") == "Un café très chaud.\n"
    state = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.iterdir()}
    again = fix(root, tmp_path / "out")
    assert "fixed " not in again.stdout and "--- a/" not in again.stdout
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in root.iterdir()} == state


def test_the_first_original_is_the_one_kept(make_corpus, tmp_path):
    root = make_corpus({"b.txt": DAMAGED})
    fix(root, tmp_path / "out")
    (root / "b.txt").write_text("Encore Ã©crit de travers.\n", encoding="utf-8")
    fix(root, tmp_path / "out")
    assert (root / "b.txt").read_text(encoding="utf-8") == "Encore écrit de travers.\n"
    assert (root / "b.txt.orig").read_text(encoding="utf-8") == DAMAGED


def test_fix_never_writes_through_a_link(make_corpus, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(DAMAGED, encoding="utf-8")
    target = tmp_path / "elsewhere.txt"
    target.write_text("ne pas toucher\n", encoding="utf-8")
    root = make_corpus({"b.txt": DAMAGED})
    os.symlink(outside, root / "linked.txt")  # a document that is a link: never read
    os.symlink(target, root / "b.txt.orig")  # a planted backup name: never written through
    done = fix(root, tmp_path / "out")
    assert "Traceback" not in done.stderr
    assert outside.read_text(encoding="utf-8") == DAMAGED
    assert target.read_text(encoding="utf-8") == "ne pas toucher\n"
    assert (root / "b.txt").read_text(encoding="utf-8") == DAMAGED  # refused, left as it was
    assert "b.txt.orig is a symbolic link" in done.stderr
    assert "not fixed" in done.stderr
