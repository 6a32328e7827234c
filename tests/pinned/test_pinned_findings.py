"""The findings of two fixed corpora are pinned: speed work must not move detection.

``slice/`` is a fixed slice of the peer benchmark's corpus (real French prose
from Debian's documentation packages, see ``README.md``), and
``tests/devset/corpus/`` is the labelled development set. Every finding of a
check of each (rule, document, span) is compared with ``findings.json``. A
change that moves them must say why in its commit, and refresh the file::

    .venv/bin/python tests/pinned/test_pinned_findings.py --update
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from corpuscheck.config import Config
from corpuscheck.pipeline import check

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPORA = {
    "slice": HERE / "slice",
    "devset": ROOT / "tests" / "devset" / "corpus",
}
PINNED = HERE / "findings.json"

Key = tuple[str, str, int | None, int | None]


def findings_of(folder: Path) -> list[Key]:
    """(rule, document, start, end) of every finding of a check of ``folder``, sorted."""
    result = check(folder, Config(jobs=1))
    keys = {(f.rule, f.doc_id or f.file or "", f.start, f.end) for f in result.findings}
    return sorted(keys, key=lambda k: (k[0], k[1], k[2] or -1, k[3] or -1))


def pinned() -> dict[str, list[Key]]:
    data = json.loads(PINNED.read_text(encoding="utf-8"))
    return {name: [tuple(k) for k in keys] for name, keys in data.items()}  # type: ignore[misc]


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_findings_are_the_pinned_ones(name: str) -> None:
    found = findings_of(CORPORA[name])
    expected = pinned()[name]
    missing = sorted(set(expected) - set(found))
    new = sorted(set(found) - set(expected))
    assert not missing and not new, (
        f"{name}: {len(missing)} pinned findings gone, {len(new)} new ones; "
        f"first gone: {missing[:5]}; first new: {new[:5]}"
    )


def test_the_slice_has_findings_of_several_categories() -> None:
    # A pin over a corpus where nothing is found would hold whatever the checks do.
    categories = {rule.split(".")[0] for rule, *_ in pinned()["slice"]}
    assert {"encoding", "artifact", "language"} <= categories


def update() -> None:
    data = {name: findings_of(folder) for name, folder in sorted(CORPORA.items())}
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    PINNED.write_text(text.replace("],[", "],\n[") + "\n", encoding="utf-8")
    for name, keys in data.items():
        print(f"{name}: {len(keys)} findings pinned")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(__doc__)
    update()
