"""``check --since REF`` on real git repositories made in a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpuscheck.config import Config
from corpuscheck.pipeline import check
from corpuscheck.since import SinceError, changed_rows, check_since, find_changes
from tests.output.helpers import CLEAN_TEXT, GIT_ENV, commit_all, git, make_repo, manifest, run_cli

FAST = Config(disabled=frozenset({"language", "duplicate", "translation", "structure"}))
DISABLE = [arg for name in sorted(FAST.disabled) for arg in ("--disable", name)]


@pytest.fixture(autouse=True)
def git_settings(monkeypatch):
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)


def placeholder(text: str = CLEAN_TEXT) -> str:
    return text.replace("mesures", "XNUMX mesures", 1)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: a.txt clean, b.txt and c.txt with a placeholder, e.txt with one too.
    Branch pr: a.txt gains a placeholder, b.txt gains a line above its own, c.txt
    is deleted, d.txt is new (untracked) with a row in metadata.csv."""
    names = ["a.txt", "b.txt", "c.txt", "e.txt"]
    root = make_repo(
        tmp_path / "repo",
        {
            "seeds/a.txt": CLEAN_TEXT,
            "seeds/b.txt": placeholder(),
            "seeds/c.txt": placeholder(),
            "seeds/e.txt": placeholder(),
            "seeds/metadata.csv": manifest(*names),
            "README.md": "a corpus\n",
        },
    )
    git(root, "switch", "--quiet", "--create", "pr")
    seeds = root / "seeds"
    (seeds / "a.txt").write_text(placeholder(), encoding="utf-8")
    (seeds / "b.txt").write_text("Une première ligne ajoutée.\n" + placeholder(), encoding="utf-8")
    (seeds / "c.txt").unlink()
    commit_all(root, "change the corpus")
    (seeds / "d.txt").write_text(CLEAN_TEXT, encoding="utf-8")  # untracked
    (seeds / "metadata.csv").write_text(manifest("a.txt", "b.txt", "d.txt", "e.txt"), "utf-8")
    return root


def test_the_changed_documents_are_those_git_reports(repo):
    changes = find_changes(repo / "seeds", "main")
    assert changes.documents == {"a.txt", "b.txt", "c.txt", "d.txt"}
    assert changes.manifest
    assert changes.folder == "seeds"
    assert changes.base == git(repo, "rev-parse", "main").strip()


def test_what_the_change_adds_and_fixes(repo):
    status_before = git(repo, "status", "--porcelain", "--untracked-files=all")
    result, comparison = check_since(repo / "seeds", "main", FAST)

    assert comparison.checked == ("a.txt", "b.txt", "d.txt")
    assert [(f.rule, f.file) for f in comparison.added] == [("artifact.placeholder", "a.txt")]
    assert [(f.rule, f.file) for f in comparison.fixed] == [("artifact.placeholder", "c.txt")]
    assert comparison.added_errors == 1
    # b.txt's placeholder moved down a line: still there, neither added nor fixed.
    placeholders = {f.file for f in result.findings if f.rule == "artifact.placeholder"}
    assert placeholders == {"a.txt", "b.txt"}
    # e.txt did not change: its documents are not checked (its placeholder is not reported)...
    assert not [f for f in result.findings if f.file == "e.txt"]
    # ...but the corpus as a whole is: every document is read and cleaned.
    assert [d.file for d in result.corpus.documents] == ["a.txt", "b.txt", "d.txt", "e.txt"]
    # git's working tree, index and worktrees are as they were.
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == status_before
    assert len(git(repo, "worktree", "list").splitlines()) == 1


def test_changes_on_the_base_branch_after_the_fork_are_not_the_pull_requests(repo):
    git(repo, "stash", "--include-untracked", "--quiet")
    git(repo, "switch", "--quiet", "main")
    (repo / "seeds" / "f.txt").write_text(placeholder(), encoding="utf-8")
    commit_all(repo, "main moves on")
    git(repo, "switch", "--quiet", "pr")
    changes = find_changes(repo / "seeds", "main")
    assert changes.documents == {"a.txt", "b.txt", "c.txt"}
    assert changes.base == git(repo, "merge-base", "main", "pr").strip()


def test_a_changed_row_of_the_manifest_checks_its_document(tmp_path):
    root = make_repo(
        tmp_path / "repo",
        {"a.txt": CLEAN_TEXT, "b.txt": CLEAN_TEXT, "metadata.csv": manifest("a.txt", "b.txt")},
    )
    body = manifest("a.txt", "b.txt").replace("b.txt,fr,", "b.txt,de,")
    (root / "metadata.csv").write_text(body, encoding="utf-8")
    changes = find_changes(root, "HEAD")
    assert changes.folder == "."  # a corpus at the top of its repository
    assert changes.documents == {"b.txt"}
    _, comparison = check_since(root, "HEAD", FAST)
    assert comparison.checked == ("b.txt",)
    assert comparison.added == comparison.fixed == ()


def test_changed_rows():
    head = "file_name,language,title\n"
    before = (head + "a.txt,fr,A\nb.txt,fr,B\n").encode()
    after = (head + "b.txt,fr,B\na.txt,fr,A2\n").encode()
    assert changed_rows(before, after) == {"a.txt"}
    assert changed_rows(None, after) == {"a.txt", "b.txt"}


def test_pipeline_checks_only_the_named_documents(make_corpus):
    root = make_corpus({"a.txt": placeholder(), "b.txt": "Lâ€™Ukraine " + placeholder()})
    result = check(root, FAST, only={"b.txt"})
    assert {f.file for f in result.findings if f.doc_id} == {"b.txt"}
    a, b = result.corpus.documents
    assert b.text.startswith("L’Ukraine")  # checked and cleaned
    assert a.text == a.original  # read (nothing to clean)


def test_git_errors_are_usage_errors(tmp_path, make_corpus, repo):
    with pytest.raises(SinceError, match="no such commit"):
        find_changes(repo / "seeds", "no-such-branch")
    with pytest.raises(SinceError, match="no such commit"):
        find_changes(repo / "seeds", "--output=/tmp/x")
    outside = make_corpus({"a.txt": CLEAN_TEXT})
    result = run_cli(
        "check",
        str(outside),
        "--since",
        "main",
        cwd=tmp_path,
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path)},
    )
    assert result.returncode == 2
    assert "needs the corpus folder in a git repository" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_command_fails_only_when_the_change_adds_an_error(repo):
    result = run_cli("check", "seeds", "--since", "main", *DISABLE, cwd=repo)
    assert result.returncode == 1, result.stderr
    assert "adds 1 error" in result.stdout and "fixes 1 finding" in result.stdout
    assert "added: seeds/a.txt:1:" in result.stdout
    assert "fixed: seeds/c.txt: artifact.placeholder" in result.stdout

    (repo / "seeds" / "a.txt").write_text(CLEAN_TEXT, encoding="utf-8")
    result = run_cli(
        "check", "seeds", "--since", "main", *DISABLE, "--output-format", "json", cwd=repo
    )
    # b.txt still has its placeholder, but the change does not add it.
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["since"]["added"] == {"error": 0, "warning": 0, "info": 0}
    assert [f["file"] for f in data["since"]["fixed"]] == ["c.txt"]
    assert [
        (f["path"], f["added"]) for f in data["findings"] if f["rule"] == "artifact.placeholder"
    ] == [("seeds/b.txt", False)]


def test_in_github_actions_only_what_the_change_adds_is_annotated(repo, tmp_path):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_cli("check", "seeds", "--since", "main", *DISABLE, cwd=repo, env=env)
    assert result.returncode == 1, result.stderr
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 1
    assert commands[0].startswith("::error file=seeds/a.txt,line=1,endLine=1,col=")
    written = summary.read_text(encoding="utf-8")
    assert "### Added by this change" in written
    assert "### Fixed by this change" in written
    assert "### Already there before this change" in written
