"""The dataset card: ``OUT/README.md``, as the Hugging Face Hub reads it.

A YAML front matter gives what the Hub indexes and how its viewer and
``datasets.load_dataset`` read the files: ``license``, ``language``,
``size_categories``, ``task_categories`` and ``configs``, one per table
(``documents``, the default, and ``findings``), each pointing at its Parquet
file as the ``train`` split. The body says what the corpus is, how to load
it, its columns (from the table schemas) and a quality summary from the
findings: counts by severity and category, the most frequent rules and the
documents with the lowest quality score.

Everything from the corpus (ids, titles, rules' messages) is escaped, so a
file name cannot add links or HTML to the page, and nothing depends on the
time or the machine: the same corpus gives the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpuscheck.publish.datapackage import data_path
from corpuscheck.schemas import table_schema

if TYPE_CHECKING:
    import polars as pl

HUB_LICENSES = frozenset(
    {
        "apache-2.0",
        "mit",
        "bsd-2-clause",
        "bsd-3-clause",
        "cc0-1.0",
        "cc-by-2.0",
        "cc-by-3.0",
        "cc-by-4.0",
        "cc-by-sa-3.0",
        "cc-by-sa-4.0",
        "cc-by-nc-4.0",
        "cc-by-nc-sa-4.0",
        "cc-by-nc-nd-4.0",
        "cc-by-nd-4.0",
        "etalab-2.0",
        "gpl-3.0",
        "lgpl-3.0",
        "odbl",
        "odc-by",
        "pddl",
        "unlicense",
    }
)
"""License identifiers of the Hub that a declared SPDX name maps onto (lower-cased)."""

SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))
WORST_SHOWN = 10
RULES_SHOWN = 15


def hub_license(package: dict[str, Any]) -> dict[str, str]:
    """The card's license keys for the package's license.

    >>> hub_license({"licenses": [{"name": "CC-BY-4.0"}]})
    {'license': 'cc-by-4.0'}
    >>> hub_license({"licenses": [{"path": "https://example.org/terms"}]})
    {'license': 'other', 'license_name': 'see-license-link', 'license_link': 'https://example.org/terms'}
    >>> hub_license({})
    {'license': 'unknown'}
    """
    licenses = package.get("licenses") or []
    if not licenses:
        return {"license": "unknown"}
    declared = licenses[0]
    name = str(declared.get("name", "")).lower()
    if name in HUB_LICENSES:
        return {"license": name}
    slug = re.sub(r"[^a-z0-9.-]+", "-", name).strip("-") or "see-license-link"
    keys = {"license": "other", "license_name": slug}
    if declared.get("path"):
        keys["license_link"] = str(declared["path"])
    return keys


def size_category(n: int) -> str:
    """The Hub's size category of a dataset of ``n`` rows.

    >>> size_category(5), size_category(25_000), size_category(3_000_000)
    ('n<1K', '10K<n<100K', 'n>1M')
    """
    for limit, name in SIZES:
        if n < limit:
            return name
    return "n>1M"


def languages(documents: pl.DataFrame) -> list[str]:
    """The primary language subtags the documents declare (else those detected), sorted.

    >>> import polars as pl
    >>> languages(pl.DataFrame({"language": ["fr-CA", "fr", None], "detected_language": ["fr"] * 3}))
    ['fr']
    """
    for column in ("language", "detected_language"):
        found = {
            v.strip().lower().replace("_", "-").split("-")[0]
            for v in documents.get_column(column).to_list()
            if isinstance(v, str) and v.strip()
        }
        if found:
            return sorted(found)
    return []


def escape(text: str) -> str:
    """``text`` safe in a Markdown table cell: no markup, links, HTML or line breaks.

    >>> escape("a|b <img> [x](y) *z*")
    'a\\\\|b &lt;img&gt; \\\\[x\\\\](y) \\\\*z\\\\*'
    """
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#!~])", r"\\\1", text)


def _yaml(value: Any) -> str:
    # A JSON string or list is a valid YAML flow scalar or sequence.
    return json.dumps(value, ensure_ascii=False)


def front_matter(package: dict[str, Any], documents: pl.DataFrame) -> str:
    """The YAML front matter, between ``---`` lines."""
    lines = ["---", f"pretty_name: {_yaml(package.get('title') or package['name'])}"]
    lines += [f"{k}: {_yaml(v)}" for k, v in hub_license(package).items()]
    found = languages(documents)
    if found:
        lines += ["language:", *(f"- {_yaml(code)}" for code in found)]
    lines += [
        "size_categories:",
        f"- {_yaml(size_category(documents.height))}",
        "task_categories:",
        "- text-generation",
        "tags:",
        "- corpuscheck",
        "- data-quality",
        "configs:",
    ]
    for table in ("documents", "findings"):
        lines += [
            f"- config_name: {table}",
            "  data_files:",
            "  - split: train",
            f"    path: {data_path(table, 'parquet')}",
        ]
        if table == "documents":
            lines.append("  default: true")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _table(head: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(escape(str(c)) for c in row) + " |" for row in rows]
    return lines


def quality_summary(documents: pl.DataFrame, findings: pl.DataFrame) -> list[str]:
    """The card's quality section, as Markdown lines."""
    import polars as pl

    severities = dict(findings.get_column("severity").value_counts().rows())
    counts = [int(severities.get(s, 0)) for s in ("error", "warning", "info")]
    with_errors = documents.filter(pl.col("errors") > 0).height
    scores = documents.get_column("quality_score")
    mean = scores.mean() if documents.height else None
    lines = [
        "## Quality",
        "",
        f"corpuscheck found {counts[0]} errors, {counts[1]} warnings and {counts[2]} infos; "
        f"{with_errors} of {documents.height} documents have at least one error. "
        + (
            f"The mean quality score is {mean:.3f} (from 0, unusable, to 1, no warning or error)."
            if isinstance(mean, float)
            else ""
        ),
        "The `findings` configuration lists every finding with its place in the document's "
        "original text; the report (`report.html`) shows them highlighted.",
        "",
    ]
    if findings.height:
        by_category = (
            findings.with_columns(pl.col("rule").str.split(".").list.first().alias("category"))
            .group_by("category", "severity")
            .len()
            .pivot(on="severity", index="category", values="len")
            .fill_null(0)
        )
        for severity in ("error", "warning", "info"):
            if severity not in by_category.columns:
                by_category = by_category.with_columns(pl.lit(0).alias(severity))
        rows = by_category.select("category", "error", "warning", "info").sort("category").rows()
        lines += [*_table(("category", "errors", "warnings", "infos"), rows), ""]
        rules = (
            findings.group_by("rule", "severity")
            .len()
            .sort(["len", "rule", "severity"], descending=[True, False, False])
            .head(RULES_SHOWN)
            .rows()
        )
        lines += [*_table(("rule", "severity", "findings"), rules), ""]
    if documents.height:
        worst = (
            documents.sort(["quality_score", "id"])
            .head(WORST_SHOWN)
            .select("id", "quality_score", "errors", "warnings")
            .rows()
        )
        lines += [
            f"The {min(WORST_SHOWN, documents.height)} documents with the lowest quality score:",
            "",
            *_table(("document", "quality score", "errors", "warnings"), worst),
            "",
        ]
    return lines


def dataset_card(package: dict[str, Any], documents: pl.DataFrame, findings: pl.DataFrame) -> str:
    """The whole card: front matter, description, how to load, columns and quality."""
    name = package["name"]
    lines = [
        f"# {escape(package.get('title') or name)}",
        "",
        escape(package.get("description", "")),
        "",
        "## Load it",
        "",
        "```python",
        "from datasets import load_dataset",
        "",
        f'documents = load_dataset("parquet", data_files="{data_path("documents", "parquet")}", split="train")',
        f'findings = load_dataset("parquet", data_files="{data_path("findings", "parquet")}", split="train")',
        "",
        "import polars as pl  # or pandas: pd.read_parquet(...)",
        "",
        f'documents = pl.read_parquet("{data_path("documents", "parquet")}")',
        "```",
        "",
        "From the Hub, `load_dataset(REPO)` gives the documents and "
        '`load_dataset(REPO, "findings")` the findings. `datapackage.json` describes the same '
        "tables as a Frictionless data package (CSV and Parquet), and `corpus.zip` holds it all.",
        "",
    ]
    for table in ("documents", "findings"):
        fields = table_schema(table)["fields"]
        lines += [
            f"### Columns of `{table}`",
            "",
            *_table(
                ("column", "type", "description"),
                [(f["name"], f["type"], f.get("description", "")) for f in fields],
            ),
            "",
        ]
    lines += quality_summary(documents, findings)
    return front_matter(package, documents) + "\n" + "\n".join(lines).rstrip("\n") + "\n"


CARD_COLUMNS = ("id", "language", "detected_language", "errors", "warnings", "quality_score")
"""The columns of the documents table the card reads (never the texts)."""


def write_card(path: Path, root: Path, package: dict[str, Any]) -> None:
    """Write the card of the package under ``root`` (its Parquet tables written) to ``path``.

    Only the few columns the card shows are read back, so the texts are never in memory.
    """
    import polars as pl

    documents = pl.read_parquet(
        root / data_path("documents", "parquet"), columns=list(CARD_COLUMNS)
    )
    findings = pl.read_parquet(
        root / data_path("findings", "parquet"), columns=["rule", "severity"]
    )
    text = dataset_card(package, documents, findings)
    path.write_text(text, encoding="utf-8", newline="\n")
