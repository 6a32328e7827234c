"""``corpuscheck init``: set up a corpus repository in one command.

In the repository folder ``DIR`` (default: the current folder) it writes::

    CORPUS/metadata.csv              a row per *.txt of the corpus folder
    expectations/documents.json      a Great Expectations suite to edit
    .github/workflows/corpuscheck.yml  the action on each change of the corpus
    .github/workflows/publish.yml    Pages, the dataset and releases from the default branch
    .pre-commit-config.yaml          the pre-commit hook
    .gitignore                       the build output (dist/) and its cache

It never overwrites a file: one that exists is left as it is and named as
skipped. ``metadata.csv`` holds only what can be filled without a person:
``file_name``, and ``language`` when the text says so without doubt (two
language identifiers, fastText and langdetect, agree with probability 0.95 or
more on a text of at least 200 characters); the other columns of the
convention (title, source, url, published, translated_from, license) are for
the maintainers to add. The suite's set of languages is those detected.

The corpus folder ``CORPUS`` is ``--corpus``, else the one sub-folder of
``DIR`` holding ``*.txt`` files, else ``corpus`` (created empty).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

DEFAULT_ACTION = "OWNER/corpuscheck@main"
"""The action the workflows call until ``--action`` names where corpuscheck is published."""

DEFAULT_CORPUS = "corpus"
MIN_DETECT_CHARS = 200
MIN_DETECT_PROBABILITY = 0.95

_SAFE_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")
_ACTION = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[A-Za-z0-9_./-]+")


class InitError(Exception):
    """``init`` cannot set up this folder (the message says why and what to do)."""


@dataclass
class Plan:
    """What ``init`` wrote and skipped, as paths relative to the repository folder."""

    corpus: str
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)
    undetected: list[str] = field(default_factory=list)


def _template(name: str) -> str:
    return resources.files("corpuscheck").joinpath(f"data/init/{name}").read_text("utf-8")


def find_corpus(root: Path) -> str:
    """The corpus folder of the repository ``root``, relative to it.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp())
    >>> (tmp / "texts").mkdir()
    >>> _ = (tmp / "texts" / "a.txt").write_text("Bonjour.")
    >>> find_corpus(tmp)
    'texts'
    >>> find_corpus(tmp / "texts")
    Traceback (most recent call last):
    ...
    corpuscheck.init.InitError: ... holds the *.txt files itself: ...
    >>> import shutil; shutil.rmtree(tmp)
    """
    if any(p.suffix == ".txt" and p.is_file() for p in root.iterdir()):
        raise InitError(
            f"{root} holds the *.txt files itself: corpuscheck reads a corpus folder inside the "
            "repository, with expectations/ beside it. Move the texts into a folder (say "
            f"{root / DEFAULT_CORPUS}), or run init in the folder above, or pass --corpus"
        )
    holding = sorted(
        p.name
        for p in root.iterdir()
        if p.is_dir() and not p.name.startswith(".") and not p.is_symlink() and any(p.glob("*.txt"))
    )
    if len(holding) > 1:
        raise InitError(
            f"several folders of {root} hold *.txt files ({', '.join(holding)}): "
            "name the corpus folder with --corpus"
        )
    return holding[0] if holding else DEFAULT_CORPUS


def detect(text: str) -> str | None:
    """The language of ``text`` when two identifiers agree on it without doubt, else None.

    >>> detect("Le gouvernement a annoncé lundi une nouvelle série de mesures pour soutenir "
    ...        "les agriculteurs touchés par la sécheresse de cet été. Les aides seront "
    ...        "versées avant la fin de l’année, a précisé le ministre à Paris.")
    'fr'
    >>> detect("Trop court.") is None
    True
    """
    from corpuscheck.checks.language.detection import detect_language
    from corpuscheck.checks.language.identify import identify

    if len(text.strip()) < MIN_DETECT_CHARS:
        return None
    fasttext, langdetect = identify(text, k=1), detect_language(text)
    if not fasttext or not langdetect:
        return None
    (first, p_first), (second, p_second) = fasttext[0], langdetect[0]
    if first != second or min(p_first, p_second) < MIN_DETECT_PROBABILITY:
        return None
    return first


def manifest(folder: Path, plan: Plan) -> str:
    """``metadata.csv`` for the ``*.txt`` of ``folder``: file_name and, when sure, language."""
    from corpuscheck.read import read_corpus

    corpus = read_corpus(folder)
    rows = []
    for doc in corpus.documents:
        language = detect(doc.original) if doc.readable else None
        if language:
            plan.detected[doc.file] = language
        else:
            plan.undetected.append(doc.file)
        rows.append([doc.file, language or ""])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file_name", "language"])
    writer.writerows(rows)
    return out.getvalue()


def suite(languages: list[str]) -> str:
    """The expectations suite, its set of languages filled in.

    >>> json.loads(suite(["fr"]))["name"]
    'documents'
    """
    data = json.loads(_template("documents.json"))
    for expectation in data["expectations"]:
        if expectation["type"] == "expect_column_values_to_be_in_set":
            expectation["kwargs"]["value_set"] = languages
            shown = ", ".join(languages) or "(none detected: fill in)"
            expectation["meta"]["corpuscheck"]["message"] = (
                f"declared language is not one of {shown}"
            )
    try:
        from importlib.metadata import version

        data["meta"]["great_expectations_version"] = version("great_expectations")
    except Exception:  # pragma: no cover - metadata of an odd installation
        pass
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _fill(text: str, corpus: str, action: str) -> str:
    repository, _, rev = action.partition("@")
    owner_repo = "/".join(repository.split("/")[:2])
    return (
        text.replace("@@CORPUS@@", corpus)
        .replace("@@ACTION@@", action)
        .replace("@@REPOSITORY@@", f"https://github.com/{owner_repo}")
        .replace("@@REV@@", rev)
    )


def init(
    root: str | os.PathLike[str], corpus: str | None = None, action: str = DEFAULT_ACTION
) -> Plan:
    """Set up the repository folder ``root``; return what was written and skipped.

    Raises :class:`InitError` when ``root`` is not a folder, when the corpus
    folder cannot be told or named safely, or when ``action`` is not
    ``OWNER/REPO@REF``.
    """
    base = Path(root)
    if not base.is_dir():
        raise InitError(f"not a folder: {root}")
    if not _ACTION.fullmatch(action):
        raise InitError(f"--action {action!r} is not OWNER/REPO@REF (for example {DEFAULT_ACTION})")
    name = corpus.strip("/") if corpus is not None else find_corpus(base)
    if not _SAFE_FOLDER.fullmatch(name) or ".." in name.split("/"):
        raise InitError(
            f"corpus folder {name!r}: give a folder inside the repository, in letters, digits, "
            "_ . - and /"
        )
    folder = base / name
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise InitError(f"{folder} is not a folder")
    plan = Plan(name)
    folder.mkdir(parents=True, exist_ok=True)

    files: dict[str, str | None] = {
        f"{name}/metadata.csv": None,  # made only when it is written: it reads every text
        "expectations/documents.json": None,
        ".github/workflows/corpuscheck.yml": _fill(_template("corpuscheck.yml"), name, action),
        ".github/workflows/publish.yml": _fill(_template("publish.yml"), name, action),
        ".pre-commit-config.yaml": _fill(_template("pre-commit-config.yaml"), name, action),
        ".gitignore": _template("gitignore"),
    }
    for relative, content in files.items():
        path = base / relative
        if path.exists() or path.is_symlink():
            plan.skipped.append(relative)
            continue
        if relative.endswith("metadata.csv"):
            content = manifest(folder, plan)
        elif relative == "expectations/documents.json":
            content = suite(sorted(set(plan.detected.values()) or _declared(folder)))
        assert content is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        plan.written.append(relative)
    return plan


def _declared(folder: Path) -> set[str]:
    """The languages an existing ``metadata.csv`` declares (for a suite written after it)."""
    from corpuscheck.read import read_corpus

    corpus = read_corpus(folder)
    return {d.metadata.get("language", "") for d in corpus.documents} - {""}


def describe(plan: Plan, action: str) -> str:
    """What ``init`` did, for the terminal."""
    lines = [f"wrote {p}" for p in plan.written]
    lines += [f"skipped {p} (it exists; left as it is)" for p in plan.skipped]
    if f"{plan.corpus}/metadata.csv" in plan.written:
        lines.append(
            f"metadata.csv: {len(plan.detected)} documents with a detected language, "
            f"{len(plan.undetected)} to fill in by hand; add the columns title, source, url, "
            "published, translated_from and license as you know them"
        )
    if action == DEFAULT_ACTION and any(p.startswith(".") for p in plan.written):
        lines.append(
            "replace OWNER in .github/workflows/*.yml and .pre-commit-config.yaml with the "
            "owner of the corpuscheck repository (or run init with --action OWNER/REPO@REF)"
        )
    lines.append(f"next: corpuscheck check {plan.corpus}")
    return "\n".join(lines)
