"""The per-document stage: clean one document, check it, observe it for the corpus checks.

This is the part of a build that scales with the corpus, so it is what an
engine spreads out (worker processes, a Ray cluster). :class:`DocumentStage`
is a picklable callable over a batch of documents; it loads the checks (and
their models) once per process, the first time it runs, and returns one
:class:`Shipped` per document, in order. With a cache (see
:mod:`corpuscheck.cache`) a document already processed under the same
checks and configuration is not processed again.
"""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpuscheck.config import Config
from corpuscheck.model import Document, Finding

Item = tuple[Document, list[Finding]]
"""A document as read, with the findings reading it gave."""


@dataclass(slots=True)
class Processed:
    """One document after the stage: cleaned, its findings, its corpus-check observations.

    ``observations`` maps each stateful corpus check's name to what it keeps
    of the document; ``failures`` maps a check whose ``observe`` raised to the
    traceback.
    """

    doc: Document
    findings: list[Finding]
    observations: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Shipped:
    """What the stage hands back of one :class:`Processed` document, ready for the pipeline.

    ``stub`` is :meth:`Document.stub`, what the pipeline keeps of every
    document; ``record`` is the document and its findings already pickled,
    as the pipeline's spill file holds them (see
    :meth:`corpuscheck.spill.Spill.append_pickled`). The process that feeds
    the workers thus neither unpickles a whole document nor pickles it again:
    it competes with them for the cores.
    """

    stub: Document
    record: bytes
    observations: dict[str, Any]
    failures: dict[str, str]

    @classmethod
    def of(cls, processed: Processed) -> Shipped:
        stub = processed.doc.stub()
        # The stub's digest of the text is the documents table's: kept with the document,
        # the building process does not hash every text again to make its row.
        processed.doc.computed["sha256"] = stub.computed["sha256"]
        record = pickle.dumps((processed.doc, processed.findings), protocol=pickle.HIGHEST_PROTOCOL)
        return cls(stub, record, processed.observations, processed.failures)


def _placed(shipped: Shipped, doc: Document) -> Shipped:
    """A cached document's ``shipped``, with where its record is now (``place``: a JSONL line,
    a Parquet row), which its key does not cover, when the record moved."""
    place = doc.computed.get("place")
    if place is None or shipped.stub.computed.get("place") == place:
        return shipped
    shipped.stub.computed["place"] = place
    cached, findings = pickle.loads(shipped.record)
    cached.computed["place"] = place
    shipped.record = pickle.dumps((cached, findings), protocol=pickle.HIGHEST_PROTOCOL)
    return shipped


class DocumentStage:
    """Process batches of documents (picklable: it carries only its settings).

    ``only`` names the files whose documents go through the document checks
    (``check --since``); the others are only cleaned and observed.
    """

    def __init__(
        self,
        config: Config,
        only: Collection[str] | None = None,
        cache: Path | None = None,
    ) -> None:
        self.config = config
        self.only = frozenset(only) if only is not None else None
        self.cache = cache
        self._observers: dict[str, Any] | None = None
        self._store: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config, "only": self.only, "cache": self.cache}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"], state["only"], state["cache"])  # type: ignore[misc]

    def _setup(self) -> dict[str, Any]:
        if self._observers is None:
            from corpuscheck.checks.runner import enabled_checks

            self._observers = {
                c.name: c.func(self.config)
                for c in enabled_checks(self.config, "corpus")
                if c.stateful
            }
            if self.cache is not None:
                from corpuscheck.cache import ResultCache

                self._store = ResultCache(self.cache, self.config)
        return self._observers

    def __call__(self, batch: list[Item]) -> list[Shipped]:
        """Each document of ``batch`` processed (or read from the cache) and shipped, in order.

        The cache keeps a document's :class:`Shipped` itself: a build pickles
        the document once (its record), not again for the cache, and a hit is
        handed back without unpickling the document or pickling it again.
        """
        observers = self._setup()
        store = self._store
        if store is None:
            return [Shipped.of(processed) for processed in self._compute(batch, observers)]
        keys = [store.key(doc, found, self._checked(doc)) for doc, found in batch]
        try:
            cached = store.get_many(keys)
            results: list[Shipped | None] = []
            missed: list[int] = []
            for i, ((doc, _), key) in enumerate(zip(batch, keys, strict=True)):
                hit = cached.get(key)
                if isinstance(hit, Shipped):
                    results.append(_placed(hit, doc))
                else:
                    results.append(None)
                    missed.append(i)
            # The documents not in the cache go through the checks together: some
            # checks run on all of them first (see process_documents).
            computed = self._compute([batch[i] for i in missed], observers)
            for i, processed in zip(missed, computed, strict=True):
                results[i] = Shipped.of(processed)
            store.put_many([(keys[i], results[i]) for i in missed])
        finally:
            store.close()  # a worker process may fork the others after this batch
        return [r for r in results if r is not None]

    def process(self, batch: list[Item]) -> list[Processed]:
        """Each document of ``batch`` processed, in order (not through the cache)."""
        return self._compute(batch, self._setup())

    def _checked(self, doc: Document) -> bool:
        return self.only is None or doc.file in self.only

    def _compute(self, items: list[Item], observers: dict[str, Any]) -> list[Processed]:
        from corpuscheck.checks.runner import process_documents
        from corpuscheck.clean import clean_document

        checked = iter(process_documents([i for i in items if self._checked(i[0])], self.config))
        out = []
        for doc, _ in items:
            if self._checked(doc):
                doc, findings = next(checked)
            else:
                if doc.readable:
                    clean_document(doc)
                findings = []
            processed = Processed(doc, findings)
            for name, observer in observers.items():
                try:
                    processed.observations[name] = observer.observe(doc)
                except Exception:
                    processed.failures[name] = traceback.format_exc(limit=5)
            out.append(processed)
        return out
