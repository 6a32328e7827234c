"""Run the corpus's Great Expectations suites on the documents table."""

from __future__ import annotations

import json
import logging
import os
import uuid
import warnings
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from corpuscheck.checks.registry import corpus_check
from corpuscheck.config import Config
from corpuscheck.model import CATEGORIES, Corpus, Document, Finding, Severity
from corpuscheck.tables import documents_frame

DEFAULT_RULE = "metadata.expectation"
"""The rule of a failed expectation whose ``meta.corpuscheck`` names none."""

SEVERITIES = {"critical": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}
"""Great Expectations' severity of an expectation → the severity of its findings."""

TABLES = ("documents",)
"""Tables a suite can run on (``meta.corpuscheck.table``; the default is documents)."""

_INDEX_COLUMN = "id"
_IDS = uuid.UUID("5d0c3c52-8f0e-4c59-9d4e-6f1f3a1c2b7e")  # namespace of derived expectation ids
_MAX_VALUE_CHARS = 80


@cache
def import_great_expectations() -> Any:
    """Import Great Expectations once: no analytics, no log output, no import-time warnings."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    # Great Expectations logs at INFO and above from its own loggers (some set their
    # level themselves); keep all of it away from the application's log handlers.
    log = logging.getLogger("great_expectations")
    log.addHandler(logging.NullHandler())
    log.propagate = False
    with warnings.catch_warnings():
        # Deprecation notices from Great Expectations' own imports, not actionable here.
        warnings.simplefilter("ignore")
        import great_expectations

    return great_expectations


def documents_table(corpus: Corpus) -> Any:
    """The typed documents table as a pandas DataFrame, with the columns suites may use.

    Besides the published columns there is ``primary_language``: the primary
    subtag of the declared language (``fr`` for ``fr-CA``), comparable with
    ``detected_language``. The finding counts (``errors``...) are 0: checks do
    not see each other's findings.
    """
    frame = documents_frame(corpus.table()).to_pandas()
    frame["primary_language"] = [
        None if not isinstance(v, str) else v.strip().lower().replace("_", "-").split("-")[0]
        for v in frame["language"]
    ]
    return frame


def suite_folder(corpus: Corpus, config: Config) -> Path:
    """Where the suites are: ``config.expectations``, or ``expectations/`` beside the corpus."""
    if config.expectations is not None:
        return Path(config.expectations)
    return Path(corpus.root).parent / "expectations"


def _shown(path: Path, corpus: Corpus) -> str:
    """A suite file's name as findings show it: relative to the corpus's parent folder."""
    try:
        return path.resolve().relative_to(Path(corpus.root).resolve().parent).as_posix()
    except ValueError:
        return path.name


def _plain(value: Any) -> Any:
    """A JSON-friendly value from what pandas or numpy handed back."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 1] + "…"


def _exception(result: Any) -> str | None:
    """The error an expectation raised while running (a missing column...), if any."""
    info = result.exception_info or {}
    found = [info] if "raised_exception" in info else list(info.values())
    for item in found:
        if isinstance(item, Mapping) and item.get("raised_exception"):
            return str(item.get("exception_message") or "the expectation raised an error")
    return None


def _invalid(file: str, message: str, **evidence: Any) -> Finding:
    return Finding(
        "metadata.expectations_invalid",
        Severity.ERROR,
        f"{file}: {message}",
        file=file,
        evidence={"suite_file": file, **evidence},
    )


def _reason(err: Exception) -> str:
    return " ".join(f"{type(err).__name__}: {err}".split())


def _load(gx: Any, path: Path, file: str) -> tuple[Any, list[Finding]]:
    """Read one suite file; what is wrong with it becomes findings.

    Returns the suite holding the valid expectations (None when the file is
    not a suite at all). Each invalid expectation is reported on its own:
    Great Expectations would only log it and drop it from the suite.
    """
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return None, [_invalid(file, f"not a valid JSON file ({_reason(err)})")]
    if not isinstance(data, dict) or not isinstance(data.get("expectations", []), list):
        return None, [_invalid(file, "not a Great Expectations suite (a JSON object)")]

    problems, valid = [], []
    for number, entry in enumerate(data.get("expectations") or [], start=1):
        kind = entry.get("type") if isinstance(entry, dict) else None
        label = f"expectation {number} ({kind or 'no type'})"
        try:
            ExpectationConfiguration(**entry).to_domain_obj()
        except Exception as err:
            problems.append(_invalid(file, f"{label} is not valid: {_reason(err)}", number=number))
            continue
        rule = _rule(entry)
        if rule.split(".", 1)[0] not in CATEGORIES or "." not in rule:
            problems.append(
                _invalid(
                    file,
                    f"{label}: meta.corpuscheck.rule {rule!r} is not 'category.name' "
                    f"with a category among {', '.join(CATEGORIES)}",
                    number=number,
                )
            )
            continue
        valid.append(entry)
    try:
        suite = gx.ExpectationSuite(**{**data, "expectations": valid})
    except Exception as err:
        return None, [*problems, _invalid(file, f"not a valid suite ({_reason(err)})")]
    table = ((data.get("meta") or {}).get("corpuscheck") or {}).get("table", "documents")
    if table not in TABLES:
        problems.append(_invalid(file, f"meta.corpuscheck.table {table!r} is not one of {TABLES}"))
        return None, problems
    return suite, problems


def validation_json(validation: Any, file: str) -> dict[str, Any]:
    """A suite's validation result as GE writes it, the same for the same corpus.

    Two things would differ from run to run and are made not to: the batch's
    load time (a clock) is left out, and the random id Great Expectations
    gives each expectation of a suite it adds is replaced with one derived
    from the suite file, the expectation's type and its arguments.
    """
    data: dict[str, Any] = json.loads(json.dumps(validation.to_json_dict(), default=str))
    markers = (data.get("meta") or {}).get("batch_markers") or {}
    markers.pop("ge_load_time", None)
    for result in data.get("results") or []:
        config = result.get("expectation_config") or {}
        what = json.dumps([config.get("type"), config.get("kwargs")], sort_keys=True)
        config["id"] = str(uuid.uuid5(_IDS, f"{file}#{what}"))
    return data


def _rule(expectation: Any) -> str:
    """The rule named by an expectation's ``meta.corpuscheck`` (a dict or GE's object)."""
    meta = expectation.get("meta") if isinstance(expectation, dict) else expectation.meta
    settings = (meta or {}).get("corpuscheck") or {}
    return str(settings.get("rule") or DEFAULT_RULE)


def _findings(result: Any, file: str, suite: str, corpus: Corpus) -> Iterator[Finding]:
    """Findings for one expectation's result: one per failing document, or one for the table."""
    config = result.expectation_config
    kind = config.type
    kwargs = {k: _plain(v) if not isinstance(v, list) else v for k, v in config.kwargs.items()}
    kwargs.pop("batch_id", None)
    settings = (config.meta or {}).get("corpuscheck") or {}
    rule = _rule(config)
    severity = SEVERITIES[str(getattr(config.severity, "value", config.severity))]
    what = str(settings.get("message") or kind.replace("_", " "))
    evidence: dict[str, Any] = {
        "suite": suite,
        "suite_file": file,
        "expectation": kind,
        "kwargs": kwargs,
    }
    error = _exception(result)
    if error is not None:
        yield _invalid(file, f"{kind} could not run: {error}", expectation=kind, kwargs=kwargs)
        return

    outcome = result.result or {}
    rows = outcome.get("unexpected_index_list")
    if not rows:
        observed = _plain(outcome.get("observed_value"))
        if observed is not None:
            evidence["observed_value"] = observed
        detail = f" (observed {_short(observed)})" if observed is not None else ""
        yield Finding(rule, severity, f"{what}{detail}", file=file, evidence=evidence)
        return

    documents: dict[str, Document] = {}
    for document in corpus.documents:
        documents.setdefault(document.id, document)
    values_of = [
        (str(row.get(_INDEX_COLUMN)), {k: _plain(v) for k, v in row.items() if k != _INDEX_COLUMN})
        for row in rows
        if isinstance(row, Mapping)
    ]
    for doc_id, values in values_of:
        doc_evidence = {**evidence, "values": values}
        shown = ", ".join(f"{k} = {_short(v)}" for k, v in values.items())
        message = f"{what}: {shown}" if shown else what
        if "unique" in kind:
            same = [other for other, v in values_of if v == values and other != doc_id]
            doc_evidence["same_value_as"] = same
            message += f" (as {', '.join(same)})" if same else ""
        found = documents.get(doc_id)
        if found is None:
            yield Finding(rule, severity, message, file=file, evidence=doc_evidence)
        else:
            yield found.finding(rule, severity, message, evidence=doc_evidence)


def _suite_files(corpus: Corpus, config: Config) -> list[Path]:
    folder = suite_folder(corpus, config)
    return sorted(p for p in folder.glob("*.json") if p.is_file()) if folder.is_dir() else []


def _warm(corpus: Corpus, config: Config) -> None:
    """Import Great Expectations ahead (seconds), when there are suites to run."""
    if _suite_files(corpus, config):
        import_great_expectations()


@corpus_check(
    "metadata.expectations",
    rules=[DEFAULT_RULE, "metadata.expectations_invalid"],
    warm=_warm,
)
def expectations(corpus: Corpus, config: Config) -> Iterator[Finding]:
    """A Great Expectations expectation of the corpus fails (unexpected language, length...).

    Every ``*.json`` in the expectations folder (``--expectations``, or the
    ``expectations/`` folder beside the corpus folder) is a Great Expectations
    1.x suite, run by Great Expectations itself on the documents table (plus
    ``primary_language``, the declared language's primary subtag). Each
    failing document becomes a finding; an expectation about the whole table
    (its row count) becomes one finding about the corpus. An expectation's
    ``severity`` is the finding's (critical is an error) and its
    ``meta.corpuscheck`` may name the finding's ``rule`` and ``message``. A
    file that is not a valid suite, or an expectation that cannot run (a
    column that does not exist), is reported as invalid, and so is an
    expectations folder given in the configuration that does not exist.
    No ``expectations/`` beside the corpus, no suites: nothing to check.

    >>> from corpuscheck.model import Document
    >>> corpus = Corpus("nowhere/corpus", [Document("d", "d.txt", "Bonjour.", "Bonjour.")])
    >>> list(expectations(corpus, Config()))  # no nowhere/expectations/
    []
    """
    folder = suite_folder(corpus, config)
    if config.expectations is not None and not folder.is_dir():
        yield _invalid(str(config.expectations), "the expectations folder does not exist")
        return
    files = _suite_files(corpus, config)
    if not files:
        return
    gx = import_great_expectations()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    batch = (
        context.data_sources.add_pandas("corpuscheck")
        .add_dataframe_asset("documents")
        .add_batch_definition_whole_dataframe("all documents")
        .get_batch(batch_parameters={"dataframe": documents_table(corpus)})
    )
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": [_INDEX_COLUMN]}
    for path in files:
        file = _shown(path, corpus)
        suite, problems = _load(gx, path, file)
        yield from problems
        if suite is None:
            continue
        try:
            suite = context.suites.add(suite)
        except Exception as err:  # two files holding suites of the same name
            yield _invalid(file, f"cannot be added: {type(err).__name__}: {err}")
            continue
        validation = batch.validate(suite, result_format=result_format)
        corpus.validations[suite.name] = validation_json(validation, file)
        for result in validation.results:
            if not result.success:
                yield from _findings(result, file, suite.name, corpus)
