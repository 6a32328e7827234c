"""The command line as a user runs it: a subprocess, exit codes, messages."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "corpuscheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from corpuscheck.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('great_expectations', 'pandera', 'pandas', 'polars', 'ftfy',"
        " 'langdetect', 'frictionless', 'pyarrow') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_help_lists_the_build_command():
    result = run("--help")
    assert result.returncode == 0
    assert "build" in result.stdout


def test_missing_seed_folder_exits_2_without_traceback(tmp_path):
    result = run("build", str(tmp_path / "missing"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_error_exits_2():
    result = run("build")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_no_command_prints_help_and_exits_2():
    assert run().returncode == 2


def test_out_inside_seeds_is_refused(tmp_path):
    (tmp_path / "seeds").mkdir()
    result = run("build", str(tmp_path / "seeds"), "--out", str(tmp_path / "seeds" / "out"))
    assert result.returncode == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_on_seeds_exits_1_for_the_placeholder_error(tmp_path, jobs):
    out = tmp_path / "out"
    result = run("build", "seeds", "--out", str(out), "--jobs", jobs)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "artifact.placeholder" in result.stdout
    assert "5 documents, 1 error, " in result.stdout  # a counted noun, not "1 errors"
    assert (out / "datapackage.json").is_file()
    assert (out / "report.html").is_file()


def test_clean_corpus_exits_0(make_corpus, tmp_path):
    text = (
        "Le gouvernement a annoncé lundi une nouvelle série de mesures pour soutenir "
        "les agriculteurs touchés par la sécheresse de cet été."
    )
    root = make_corpus({"a.txt": text})
    result = run("build", str(root), "--out", str(tmp_path / "out"), "--disable", "metadata")
    assert result.returncode == 0, result.stdout + result.stderr


def test_bad_files_are_findings_not_crashes(make_corpus, tmp_path):
    root = make_corpus(
        {
            "empty.txt": "",
            "latin.txt": "Il était une fois un texte écrit en Latin-1, pas en UTF-8.".encode(
                "latin-1"
            ),
            "bom.txt": "\ufeffLe texte commence par une marque d’ordre des octets.",
        }
    )
    result = run("build", str(root), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for rule in ("structure.empty", "encoding.invalid_utf8", "encoding.bom"):
        assert rule in result.stdout


def test_fix_rewrites_only_damaged_files(make_corpus, tmp_path):
    clean = "Un texte propre, écrit avec soin, sans aucun dégât d’encodage."
    root = make_corpus({"a.txt": clean, "b.txt": "Lâ€™Ukraine a dÃ©clarÃ© la paix aujourd’hui."})
    before = (root / "a.txt").stat().st_mtime_ns
    result = run("build", str(root), "--out", str(tmp_path / "out"), "--fix")
    assert "Traceback" not in result.stderr
    assert (root / "b.txt").read_text(
        encoding="utf-8"
    ) == "L’Ukraine a déclaré la paix aujourd’hui."
    assert (root / "a.txt").read_text(encoding="utf-8") == clean
    assert (root / "a.txt").stat().st_mtime_ns == before
    assert (root / "b.txt").stat().st_mode & 0o777 == (root / "a.txt").stat().st_mode & 0o777


def test_without_fix_seeds_are_never_rewritten(make_corpus, tmp_path):
    root = make_corpus({"b.txt": "Lâ€™Ukraine"})
    run("build", str(root), "--out", str(tmp_path / "out"))
    assert (root / "b.txt").read_text(encoding="utf-8") == "Lâ€™Ukraine"


def test_rules_lists_registered_checks():
    result = run("rules")
    assert result.returncode == 0
    assert "artifact.placeholder" in result.stdout
    assert "language.mismatch" in result.stdout


def test_an_unknown_check_name_is_a_usage_error():
    result = run("check", "seeds", "--disable", "translation.nonexistent")
    assert result.returncode == 2
    assert "unknown check or category 'translation.nonexistent'" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_runs_the_named_checks():
    result = run("check", "seeds", "--only", "artifact", "--output-format", "json")
    assert result.returncode == 1, result.stderr  # the XNUMX placeholder is an error
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert rules and {r.split(".")[0] for r in rules} == {"artifact"}


@pytest.mark.parametrize(("given", "jobs"), [([], 0), (["--jobs", "1"], 1), (["--jobs", "3"], 3)])
def test_jobs_default_to_one_worker_per_cpu(given, jobs):
    from corpuscheck.cli import _config, _parser

    args = _parser().parse_args(["build", "seeds", "--out", "o", *given])
    config = _config(args)
    assert not isinstance(config, str)
    assert config.jobs == jobs
