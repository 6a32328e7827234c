"""Keep each Great Expectations suite's validation result in the package, as GE writes it.

``OUT/expectations/<suite>.result.json`` is the suite's
``ExpectationSuiteValidationResult`` in Great Expectations' own JSON (what
``to_json_dict()`` gives), so GE's tools read it back
(``ExpectationSuiteValidationResultSchema().load(...)``), with each failed
expectation's ``unexpected_index_list`` naming the failing rows by document
id. What would change from one run to the next is left out or fixed: the
batch's load time is removed, and expectations without an id get one derived
from the suite file and their position (see
:mod:`corpuscheck.checks.metadata.expectations`), so the same corpus gives
the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FOLDER = "expectations"


def result_path(suite: str) -> str:
    """Where the result of suite ``suite`` is kept, relative to the package root.

    >>> result_path("documents"), result_path("my suite/2")
    ('expectations/documents.result.json', 'expectations/my-suite-2.result.json')
    """
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", suite).strip("-.") or "suite"
    return f"{FOLDER}/{slug}.result.json"


def write_validations(root: Path, validations: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Write each suite's result under ``root``; the paths written, relative to ``root``."""
    written = []
    for suite, result in sorted(validations.items()):
        relative = result_path(suite)
        path = root / relative
        path.parent.mkdir(exist_ok=True)
        text = json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n"
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(relative)
    return written
