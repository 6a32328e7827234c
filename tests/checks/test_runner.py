"""The runner: a batch's documents through the document checks."""

from __future__ import annotations

import copy
from pathlib import Path

import corpuscheck.checks.runner as runner
from corpuscheck.checks.registry import load_checks
from corpuscheck.config import Config
from corpuscheck.read.sources import open_source

ROOT = Path(__file__).resolve().parents[2]


def _seeds() -> list:
    return list(open_source(ROOT / "seeds", Config()).documents)


def test_a_batch_gives_what_its_documents_give_one_by_one():
    config = Config()
    one_by_one = [
        runner.process_document(copy.deepcopy(doc), config, found) for doc, found in _seeds()
    ]
    together = list(runner.process_documents(copy.deepcopy(_seeds()), config))
    assert [(d.id, d.text, d.computed, f) for d, f in together] == [
        (d.id, d.text, d.computed, f) for d, f in one_by_one
    ]


def test_the_checks_marked_batch_first_run_on_every_document_before_the_others(monkeypatch):
    order: list[tuple[str, str]] = []
    real = runner._run

    def recorded(check, subject, config, doc_id, file):
        order.append((check.name, doc_id))
        return real(check, subject, config, doc_id, file)

    monkeypatch.setattr(runner, "_run", recorded)
    items = _seeds()
    list(runner.process_documents(items, Config()))
    first = {c.name for c in load_checks().values() if c.batch_first}
    assert first == {"language.detection", "language.foreign_passage"}
    ahead = len(first) * len(items)
    assert {name for name, _ in order[:ahead]} == first
    # Each over the whole batch before the next, in the registry's order.
    in_order = [name for name in load_checks() if name in first]
    assert order[:ahead] == [(name, doc.id) for name in in_order for doc, _ in items]
    assert not {name for name, _ in order[ahead:]} & first
    # Then document by document, in the registry's order.
    rest = [
        name
        for name in load_checks()
        if name not in first and load_checks()[name].scope == "document"
    ]
    assert [name for name, _ in order[ahead : ahead + len(rest)]] == rest
    assert {doc for _, doc in order[ahead : ahead + len(rest)]} == {items[0][0].id}
