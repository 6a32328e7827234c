"""The Python API, for notebooks and scripts: check, build and load a corpus.

Three functions, each a thin layer over :mod:`corpuscheck.pipeline`, and all
three importable from the package itself (``corpuscheck.check``...):

- :func:`check` reads, cleans and checks a corpus folder or a DataFrame and
  returns the findings and the cleaned documents as polars DataFrames;
- :func:`build` does the same and publishes the package and the report, as
  ``corpuscheck build`` does;
- :func:`load` reads the tables of a published package back.

The tables are the published ones: their columns are those of the table
schemas (:mod:`corpuscheck.schemas`), whichever way they were made. Checks
are configured as on the command line: ``disable`` is ``--disable``,
``expectations`` is ``--expectations``, ``jobs`` is ``--jobs``; ``only``
runs just the checks or categories it names, and the language thresholds of
:class:`~corpuscheck.config.Config` can be set too. :func:`rules` lists the
checks there are.

A DataFrame (polars or pandas) has a ``text`` column, an ``id`` column (the
document ids; without it the rows are numbered) and, optionally, the
metadata columns of ``metadata.csv`` (``language``, ``title``, ``source``,
``url``, ``published``, ``translated_from``, ``license``); other columns are
not used. Each row becomes a document ``<id>.txt`` of a temporary corpus
folder, so that it is read and checked exactly as a file would be.

>>> import polars as pl
>>> import corpuscheck
>>> frame = pl.DataFrame({
...     "id": ["a", "b"],
...     "text": ["Le prix a augmenté de XNUMX euros en un an.", "L’été est chaud à Paris."],
...     "language": ["fr", "fr"],
... })
>>> result = corpuscheck.check(frame, only=["artifact"])
>>> result
<corpuscheck: 2 documents, 1 error, 0 warnings, 0 infos>
>>> result.findings.select("doc_id", "rule", "excerpt").rows()
[('a', 'artifact.placeholder', 'Le prix a augmenté de ⟦XNUMX⟧ euros en un an.')]
>>> result.documents.select("id", "errors", "quality_score").rows()
[('a', 1, 0.5), ('b', 0, 1.0)]
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpuscheck.config import Config

if TYPE_CHECKING:
    import polars as pl

    from corpuscheck.pipeline import BuildResult

Source = Any
"""A corpus folder (a path), or a polars or pandas DataFrame with ``text`` and ``id`` columns."""

_UNSAFE_ID = re.compile(r"[/\\\x00]|^\.\.?$|^$")


@dataclass(frozen=True, slots=True)
class Result:
    """The tables of a checked corpus: ``documents`` and ``findings`` (polars DataFrames).

    ``documents`` holds one row per document with the cleaned text, the
    declared metadata and what corpuscheck computed; ``findings`` one row per
    finding. ``out`` is the output folder of a build (None for a check).
    """

    documents: pl.DataFrame
    findings: pl.DataFrame
    out: Path | None = None

    def counts(self) -> dict[str, int]:
        """Number of findings per severity: ``{"error": ..., "warning": ..., "info": ...}``."""
        found = dict(self.findings.get_column("severity").value_counts().rows())
        return {s: int(found.get(s, 0)) for s in ("error", "warning", "info")}

    @property
    def errors(self) -> int:
        """Number of error-severity findings (what makes ``corpuscheck`` exit 1)."""
        return self.counts()["error"]

    def __repr__(self) -> str:
        counts = self.counts()
        words = [f"{n} {s}{'' if n == 1 else 's'}" for s, n in counts.items()]
        n = self.documents.height
        where = f", in {self.out}" if self.out is not None else ""
        return f"<corpuscheck: {n} document{'' if n == 1 else 's'}, {', '.join(words)}{where}>"


def configure(
    *,
    only: Iterable[str] | None = None,
    disable: Iterable[str] = (),
    expectations: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    language_min_chars: int | None = None,
    language_min_probability: float | None = None,
    config: Config | None = None,
) -> Config:
    """The :class:`~corpuscheck.config.Config` for these options, checked as the command line does.

    ``only`` and ``disable`` name checks (``language.detection``) or whole
    categories (``language``); a name that is neither is an error, listing
    the known ones. ``config`` is a starting point that the other options
    change.

    >>> sorted(configure(only=["artifact", "structure.empty_text"]).disabled)[:3]
    ['duplicate', 'encoding', 'language']
    >>> configure(disable=["language.detection"], language_min_chars=100).language_min_chars
    100
    >>> configure(disable=["nonsense"])
    Traceback (most recent call last):
    ...
    ValueError: unknown check or category 'nonsense'; see corpuscheck.rules() for the checks
    """
    from corpuscheck.checks.registry import load_checks
    from corpuscheck.model import CATEGORIES

    checks = load_checks()
    known = set(checks) | set(CATEGORIES)
    only = None if only is None else [only] if isinstance(only, str) else list(only)
    disable = [disable] if isinstance(disable, str) else list(disable)
    for name in [*(only or []), *disable]:
        if name not in known:
            raise ValueError(
                f"unknown check or category {name!r}; see corpuscheck.rules() for the checks"
            )
    if jobs < 0:
        raise ValueError("jobs must be 0 (one per CPU) or more")
    base = config or Config()
    disabled = set(base.disabled) | set(disable)
    if only is not None:
        # A category is disabled whole when nothing in it is selected, so that
        # the names disabled read like the command line's --disable.
        kept = {c for c in checks if c in only or c.split(".", 1)[0] in only}
        for category in CATEGORIES:
            members = {c for c in checks if c.split(".", 1)[0] == category}
            disabled |= {category} if not members & kept else members - kept
    changes: dict[str, Any] = {"disabled": frozenset(disabled), "jobs": jobs}
    if expectations is not None:
        folder = Path(expectations)
        if not folder.is_dir():
            raise FileNotFoundError(f"expectations folder not found: {folder}")
        changes["expectations"] = folder
    if language_min_chars is not None:
        changes["language_min_chars"] = language_min_chars
    if language_min_probability is not None:
        changes["language_min_probability"] = language_min_probability
    return replace(base, **changes)


def check(source: Source, **options: Any) -> Result:
    """Read, clean and check a corpus folder or a DataFrame; write nothing.

    ``options`` are those of :func:`configure`. Returns a :class:`Result`
    whose ``findings`` and ``documents`` are the tables a build would publish.
    A folder that cannot be read raises
    :class:`~corpuscheck.read.CorpusFolderError`; a DataFrame without a
    ``text`` column, or whose ids cannot be file names, raises ``ValueError``.

    >>> check("no/such/folder")
    Traceback (most recent call last):
    ...
    corpuscheck.read.corpus.CorpusFolderError: corpus folder not found: no/such/folder
    """
    from corpuscheck import pipeline

    config = configure(**options)
    if _is_frame(source):
        with tempfile.TemporaryDirectory(prefix="corpuscheck-") as tmp:
            folder = write_corpus(source, Path(tmp) / "corpus")
            return _result(pipeline.check(folder, config))
    return _result(pipeline.check(Path(source), config))


def build(
    source: Source,
    out: str | os.PathLike[str],
    *,
    name: str = "corpus",
    baseline: str | os.PathLike[str] | None = None,
    **options: Any,
) -> Result:
    """Check a corpus folder or a DataFrame and publish the package and report into ``out``.

    As ``corpuscheck build``: ``out`` is replaced as a whole (and refused if
    it holds files a build does not write). ``baseline`` is the output folder
    of an earlier build, for the report's new and fixed findings. A DataFrame
    is published under the package name ``name`` (a folder's package takes
    the folder's name). Returns the published tables, as :func:`load` would.
    """
    from corpuscheck import pipeline

    config = configure(**options)
    if baseline is not None:
        from corpuscheck.report.baseline import load_baseline

        load_baseline(Path(baseline))
        config = replace(config, baseline=Path(baseline))
    target = Path(out)
    if _is_frame(source):
        with tempfile.TemporaryDirectory(prefix="corpuscheck-") as tmp:
            folder = write_corpus(source, Path(tmp) / name)
            pipeline.build(folder, target, config)
    else:
        seeds = Path(source)
        if target.resolve() == seeds.resolve() or seeds.resolve() in target.resolve().parents:
            raise ValueError("out must not be the corpus folder or inside it")
        pipeline.build(seeds, target, config)
    return load(target)


def load(out: str | os.PathLike[str]) -> Result:
    """The published tables of a build's output folder (its Parquet files).

    A folder without them raises ``FileNotFoundError`` saying which file is missing.
    """
    import polars as pl

    from corpuscheck.publish.datapackage import data_path

    folder = Path(out)
    tables = {}
    for table in ("documents", "findings"):
        path = folder / data_path(table, "parquet")
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} not found: {folder} is not the output folder of a corpuscheck build"
            )
        tables[table] = pl.read_parquet(path)
    return Result(tables["documents"], tables["findings"], folder)


def rules() -> pl.DataFrame:
    """Every check: its name, category, scope (document or corpus), rules and summary.

    >>> table = rules()
    >>> table.filter(check="artifact.placeholder").select("category", "scope", "rules").row(0)
    ('artifact', 'document', ['artifact.placeholder'])
    """
    import polars as pl

    from corpuscheck.checks.registry import load_checks

    return pl.DataFrame(
        [
            {
                "check": c.name,
                "category": c.category,
                "scope": c.scope,
                "rules": list(c.rules),
                "summary": c.summary,
            }
            for c in load_checks().values()
        ],
        schema={
            "check": pl.String,
            "category": pl.String,
            "scope": pl.String,
            "rules": pl.List(pl.String),
            "summary": pl.String,
        },
    )


def _is_frame(source: Source) -> bool:
    return type(source).__name__ == "DataFrame" and hasattr(source, "columns")


def write_corpus(frame: Any, folder: Path) -> Path:
    """Write a DataFrame's rows as the documents and ``metadata.csv`` of a new corpus folder.

    >>> import polars as pl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_corpus(pl.DataFrame({"text": ["Un.", "Deux."]}), Path(tmp) / "c")
    ...     sorted(p.name for p in folder.iterdir()), (folder / "metadata.csv").read_text()
    (['0.txt', '1.txt', 'metadata.csv'], 'file_name,language,...\\n0.txt,,,,,,,\\n1.txt,,,,,,,\\n')
    >>> write_corpus(pl.DataFrame({"id": ["../x"], "text": ["?"]}), Path("unused"))
    Traceback (most recent call last):
    ...
    ValueError: id '../x' cannot be a file name (no /, \\ or NUL; not empty, . or ..)
    """
    import csv

    import polars as pl

    from corpuscheck.model import METADATA_FIELDS

    table = frame if isinstance(frame, pl.DataFrame) else pl.from_pandas(frame)
    if "text" not in table.columns:
        raise ValueError(
            f"the DataFrame needs a text column (it has {', '.join(table.columns) or 'none'})"
        )
    if "id" in table.columns:
        ids = ["" if v is None else str(v) for v in table.get_column("id").to_list()]
    else:
        ids = [str(n) for n in range(table.height)]
    for doc_id in ids:
        if _UNSAFE_ID.search(doc_id):
            raise ValueError(
                f"id {doc_id!r} cannot be a file name (no /, \\ or NUL; not empty, . or ..)"
            )
    repeated = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) < len(ids) else []
    if repeated:
        raise ValueError(f"ids must be unique; repeated: {', '.join(repeated[:5])}")
    texts = table.get_column("text").to_list()
    for doc_id, text in zip(ids, texts, strict=True):
        if text is not None and not isinstance(text, str):
            raise ValueError(f"text of {doc_id!r} is a {type(text).__name__}, not a string")
    # Every column of the convention, empty where the frame has none, so that the
    # manifest is complete and only the metadata itself is checked.
    fields = list(METADATA_FIELDS)
    folder.mkdir(parents=True)
    for doc_id, text in zip(ids, texts, strict=True):
        (folder / f"{doc_id}.txt").write_bytes((text or "").encode("utf-8", "surrogatepass"))
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["file_name", *fields])
        columns = [
            table.get_column(f).to_list() if f in table.columns else [None] * table.height
            for f in fields
        ]
        for row, doc_id in enumerate(ids):
            values = ["" if c[row] is None else str(c[row]) for c in columns]
            writer.writerow([f"{doc_id}.txt", *values])
    return folder


def _result(result: BuildResult) -> Result:
    from corpuscheck.tables import document_rows, documents_frame, findings_frame

    documents = documents_frame(document_rows(result.corpus.documents, result.findings))
    return Result(documents, findings_frame(result.findings), result.out)
