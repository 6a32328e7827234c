"""The one place checks are registered.

A check is a plain function decorated with :func:`document_check` (it looks
at one cleaned document and yields findings) or :func:`corpus_check` (it looks
at the whole corpus: the manifest, the documents table, pairs of documents).
The decorator records the check under its name with the rules it may emit,
its version and its docstring, which the report shows as the rule's
description::

    @document_check("artifact.placeholder", rules=["artifact.placeholder"])
    def placeholder(doc: Document, config: Config) -> Iterable[Finding]:
        '''Number placeholders left by a translation pipeline (XNUMX).'''
        ...

Check modules live in the category packages under ``corpuscheck.checks``;
:func:`load_checks` imports them all, so adding a check means adding one file
(and its test), nothing else.

Corpus-level checks never hold the corpus. A build streams documents, so a
corpus check is either

* a function ``func(corpus, config)`` that looks only at what a build keeps
  of every document: ``corpus.documents`` are then *stubs* (id, file,
  metadata, no text) and ``corpus.table()`` the documents table without the
  texts; the metadata checks are such functions; or
* a subclass of :class:`CorpusCheck`, for checks that must see every text
  (duplicates, spellings across documents): :meth:`CorpusCheck.observe` runs
  on each cleaned document beside the document checks (in a worker process,
  on a cluster) and returns a compact observation; :meth:`CorpusCheck.add`
  folds each observation into the check's state, in document order, in the
  building process; :meth:`CorpusCheck.finish` turns that state into
  findings, and may load the few documents it reports on with
  ``corpus.load(doc_id)``.

``version`` (default ``"1"``) names the check's behaviour: change it when the
check's findings change for the same input, so that cached results of
earlier builds are not reused (see :mod:`corpuscheck.cache`).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from corpuscheck.model import CATEGORIES, Corpus, Document, Finding

if TYPE_CHECKING:
    from corpuscheck.config import Config

DocumentCheckFn = Callable[[Document, "Config"], Iterable[Finding]]
CorpusCheckFn = Callable[[Corpus, "Config"], Iterable[Finding]]


class CorpusCheck:
    """A corpus-level check that sees each document once and keeps compact state.

    One instance runs beside the document checks (:meth:`observe`, in any
    process) and one in the building process (:meth:`add`, then
    :meth:`finish`). An observation must be small and picklable: a hash, a
    MinHash signature, the names a text spells, never the text itself.
    """

    def __init__(self, config: Config) -> None:
        self.config = config

    def observe(self, doc: Document) -> Any:
        """What this check keeps of one cleaned document (None: nothing)."""
        return None

    def add(self, doc: Document, observation: Any) -> None:
        """Fold one document's observation into the state (``doc`` is a stub: no text)."""

    def finish(self, corpus: Corpus) -> Iterable[Finding]:
        """The findings, once every document was added."""
        return ()

    @classmethod
    def run(cls, corpus: Corpus, config: Config) -> list[Finding]:
        """Observe every document of an in-memory ``corpus`` and finish (tests, examples)."""
        observer, state = cls(config), cls(config)
        for doc in corpus.documents:
            state.add(doc.stub(), observer.observe(doc))
        return list(state.finish(corpus))


C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its name, scope, function, rules and description."""

    name: str
    scope: Literal["document", "corpus"]
    func: Any
    """The function, or the :class:`CorpusCheck` subclass."""
    rules: tuple[str, ...]
    doc: str
    version: str = "1"
    warm: Callable[[Corpus, Config], object] | None = None
    """What a corpus check loads before it can run (a library that takes seconds to import),
    done ahead by :func:`corpuscheck.checks.runner.warm_up` while the documents are checked
    elsewhere; None for a check that loads nothing slow."""
    batch_first: bool = False
    """A document check that runs on every document of a batch before the other checks run on
    any (see :func:`corpuscheck.checks.runner.process_documents`): one whose time goes into a
    large model's tables, which then stay in the processor's caches from one document to the
    next. It must read nothing that other checks leave on a document."""

    def apply(self, subject: Document | Corpus, config: Config) -> Iterable[Finding]:
        """Run this check on one document, or on a whole in-memory corpus."""
        # ``stateful`` spelled out: this runs for every check on every document.
        if isinstance(self.func, type) and issubclass(self.func, CorpusCheck):
            assert isinstance(subject, Corpus)
            return self.func.run(subject, config)
        return self.func(subject, config)

    @property
    def stateful(self) -> bool:
        """True for a :class:`CorpusCheck` (it observes every document)."""
        return isinstance(self.func, type) and issubclass(self.func, CorpusCheck)

    @property
    def category(self) -> str:
        return self.name.split(".", 1)[0]

    @property
    def summary(self) -> str:
        """The first paragraph of the docstring, on one line."""
        return " ".join(self.doc.split("\n\n", 1)[0].split())


CHECKS: dict[str, Check] = {}
"""Every registered check by name, in registration order."""


def _register(
    name: str,
    scope: Literal["document", "corpus"],
    rules: Iterable[str] | None,
    version: str,
    warm: Callable[[Corpus, Config], object] | None = None,
    batch_first: bool = False,
) -> Callable[[C], C]:
    category = name.split(".", 1)[0]
    if category not in CATEGORIES or "." not in name:
        raise ValueError(f"check name {name!r} must be 'category.name' with a known category")

    def decorate(func: C) -> C:
        if name in CHECKS and CHECKS[name].func is not func:
            raise ValueError(f"two checks are named {name!r}")
        doc = inspect.getdoc(func) or ""
        if not doc or (inspect.isclass(func) and func.__doc__ is None):
            raise ValueError(f"check {name!r} needs a docstring: the report shows it")
        CHECKS[name] = Check(
            name, scope, func, tuple(rules or (name,)), doc, str(version), warm, batch_first
        )
        return func

    return decorate


def document_check(
    name: str,
    *,
    rules: Iterable[str] | None = None,
    version: str = "1",
    batch_first: bool = False,
) -> Callable[[DocumentCheckFn], DocumentCheckFn]:
    """Register a per-document check ``func(doc, config) -> Iterable[Finding]``.

    ``batch_first``: see :attr:`Check.batch_first`.
    """
    return _register(name, "document", rules, version, batch_first=batch_first)


def corpus_check(
    name: str,
    *,
    rules: Iterable[str] | None = None,
    version: str = "1",
    warm: Callable[[Corpus, Config], object] | None = None,
) -> Callable[[C], C]:
    """Register a corpus-level check: ``func(corpus, config)`` or a :class:`CorpusCheck`.

    ``warm(corpus, config)``, when given, loads ahead what the check will need
    (see :attr:`Check.warm`); ``corpus`` then holds the manifest, not the documents.
    """
    return _register(name, "corpus", rules, version, warm)


_loaded = False


def load_checks() -> dict[str, Check]:
    """Import every check module under ``corpuscheck.checks`` (once) and return the registry."""
    global _loaded
    if not _loaded:
        package = importlib.import_module("corpuscheck.checks")
        modules: list[str] = []
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.endswith((".registry", ".runner")):
                importlib.import_module(info.name)
                modules.append(info.name)
        # Checks run in the order of the package layout, whoever imported a check
        # module first: some checks read what others left on the document, so an
        # order that depended on imports made findings depend on it too.
        rank = {name: i for i, name in enumerate(modules)}
        ordered = sorted(CHECKS.values(), key=lambda c: rank.get(c.func.__module__, len(rank)))
        CHECKS.clear()
        CHECKS.update((c.name, c) for c in ordered)
        _loaded = True
    return CHECKS


def rule_descriptions() -> dict[str, str]:
    """Each rule any check can emit, with the summary of the check that emits it."""
    descriptions: dict[str, str] = {}
    for check in load_checks().values():
        for rule in check.rules:
            descriptions.setdefault(rule, check.summary)
    return descriptions
