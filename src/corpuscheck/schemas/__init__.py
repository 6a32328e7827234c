"""The table schemas of the published package: the one source of truth.

``documents.json`` and ``findings.json`` are Frictionless Table Schemas (v2).
The published ``datapackage.json`` embeds them as they are; the pandera model
that validates the documents table (:mod:`corpuscheck.schemas.pandera_model`)
and the report's column descriptions are derived from them, so the three
cannot drift apart.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

TABLES = ("documents", "findings")


@cache
def _load(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def table_schema(name: str) -> dict[str, Any]:
    """Return a fresh copy of the Frictionless table schema of table ``name``."""
    if name not in TABLES:
        raise KeyError(f"no table schema {name!r}; tables are {', '.join(TABLES)}")
    result: dict[str, Any] = json.loads(_load(name))
    return result


def field_names(name: str) -> list[str]:
    """The column names of table ``name``, in order."""
    return [f["name"] for f in table_schema(name)["fields"]]
