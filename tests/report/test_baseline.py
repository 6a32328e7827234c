"""Comparing a build with an earlier one (``--baseline``): matching, reading, the command line."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from corpuscheck.cli import main
from corpuscheck.model import Document, Finding, Severity
from corpuscheck.report.baseline import (
    Baseline,
    BaselineError,
    OldFinding,
    compare,
    finding_key,
    load_baseline,
)

TEXT = "Un texte avec 1000 XNUMX personnes et encore XNUMX blessés ce jour-là."


def placeholders(text: str, doc_id: str = "a") -> list[Finding]:
    doc = Document(doc_id, f"{doc_id}.txt", text, text)
    found = []
    start = text.find("XNUMX")
    while start >= 0:
        found.append(doc.finding("artifact.placeholder", Severity.ERROR, "token", start, start + 5))
        start = text.find("XNUMX", start + 1)
    return found


def as_baseline(findings: list[Finding]) -> Baseline:
    return Baseline(
        "old",
        tuple(
            OldFinding(f.doc_id, f.file, f.rule, f.severity.value, f.message, f.excerpt, True)
            for f in findings
        ),
    )


def test_an_edit_elsewhere_in_the_file_makes_nothing_new() -> None:
    old = placeholders(TEXT)
    new = placeholders("Une phrase ajoutée au début. " + TEXT)
    assert [f.start for f in old] != [f.start for f in new]
    changes = compare(as_baseline(old), new)
    assert (changes.new, changes.fixed, changes.unchanged) == ((), (), 2)


def test_one_more_and_one_fewer_occurrence() -> None:
    old = placeholders(TEXT)
    one_more = placeholders(TEXT + " Puis XNUMX autres.")
    changes = compare(as_baseline(old), one_more)
    assert len(changes.new) == 1 and changes.new[0].start == len(TEXT) + 6
    changes = compare(as_baseline(one_more), old)
    assert len(changes.fixed) == 1 and changes.new == ()


def test_findings_move_between_documents() -> None:
    changes = compare(as_baseline(placeholders(TEXT, "a")), placeholders(TEXT, "b"))
    assert len(changes.new) == 2 and len(changes.fixed) == 2


def test_keys() -> None:
    assert finding_key(None, "gone.txt", "metadata.missing_file", "", "row", False) == (
        "gone.txt",
        "metadata.missing_file",
        "message",
        "row",
    )
    long = "⟦" + "x" * 500 + "⟧"
    assert finding_key("a", "a.txt", "structure.line_length", long, "", True)[3] == "x" * 80


def build(make_corpus, tmp_path: Path, files: dict[str, str], name: str, *extra: str) -> Path:
    root = make_corpus(files, folder=f"corpus-{name}")
    out = tmp_path / name
    assert main(["build", str(root), "--out", str(out), "--quiet", *extra]) in (0, 1)
    return out


def test_build_with_a_baseline_lists_new_and_fixed(make_corpus, tmp_path: Path, capsys) -> None:
    old = build(make_corpus, tmp_path, {"a.txt": TEXT, "b.txt": "Il y a XNUMX morts."}, "old")
    new = build(
        make_corpus,
        tmp_path,
        {"a.txt": "Début. " + TEXT, "b.txt": "Il y a 3 morts."},
        "new",
        "--baseline",
        str(old),
    )
    page = (new / "report.html").read_text(encoding="utf-8")
    assert "Changes since the baseline" in page
    assert "<strong>0 new</strong>, <strong>1 fixed</strong>" in page
    fixed = page.split('id="fixed-table"', 1)[1].split("</table>", 1)[0]
    assert "b.txt" in fixed and "a.txt" not in fixed


def test_the_baseline_may_be_the_output_folder_itself(make_corpus, tmp_path: Path) -> None:
    out = build(make_corpus, tmp_path, {"a.txt": TEXT}, "out")
    root = make_corpus({"a.txt": TEXT + " Et XNUMX."}, folder="corpus-same")
    assert main(["build", str(root), "--out", str(out), "--quiet", "--baseline", str(out)]) == 1
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<strong>1 new</strong>, <strong>0 fixed</strong>" in page


def test_a_missing_or_foreign_baseline_is_a_usage_error(tmp_path: Path, capsys) -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    out = tmp_path / "out"
    assert main(["build", str(seeds), "--out", str(out), "--baseline", str(tmp_path / "nope")]) == 2
    assert "baseline folder not found" in capsys.readouterr().err
    (tmp_path / "foreign").mkdir()
    assert (
        main(["build", str(seeds), "--out", str(out), "--baseline", str(tmp_path / "foreign")]) == 2
    )
    assert "has no data/findings.parquet or data/findings.csv" in capsys.readouterr().err
    assert not out.exists(), "nothing was built"


def test_reads_the_csv_when_there_is_no_parquet(tmp_path: Path) -> None:
    data = tmp_path / "out" / "data"
    data.mkdir(parents=True)
    pl.DataFrame(
        {
            "doc_id": ["a", None],
            "file": ["a.txt", "gone.txt"],
            "rule": ["artifact.placeholder", "metadata.missing_file"],
            "severity": ["error", "error"],
            "start": [3, None],
            "excerpt": ["'-x ⟦XNUMX⟧ y", ""],
            "message": ["token", "'=row"],
        }
    ).write_csv(data / "findings.csv")
    baseline = load_baseline(tmp_path / "out")
    assert baseline.name == "out"
    second, first = baseline.findings
    assert first.excerpt == "-x ⟦XNUMX⟧ y", "the spreadsheet-safety quote is undone"
    assert first.has_span and not second.has_span
    assert second.message == "=row"


def test_a_broken_table_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "out" / "data"
    data.mkdir(parents=True)
    (data / "findings.parquet").write_bytes(b"not parquet")
    with pytest.raises(BaselineError, match="cannot read the baseline findings table"):
        load_baseline(tmp_path / "out")
    (data / "findings.parquet").unlink()
    (data / "findings.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(BaselineError, match="lacks the columns doc_id, file, rule"):
        load_baseline(tmp_path / "out")
