"""The one place checks are registered.

A check is a plain function decorated with :func:`document_check` (it looks
at one cleaned document and yields findings) or :func:`corpus_check` (it looks
at the whole corpus: the manifest, the documents table, pairs of documents).
The decorator records the check under its name with the rules it may emit and
its docstring, which the report shows as the rule's description::

    @document_check("artifact.placeholder", rules=["artifact.placeholder"])
    def placeholder(doc: Document, config: Config) -> Iterable[Finding]:
        '''Number placeholders left by a translation pipeline (XNUMX).'''
        ...

Check modules live in the category packages under ``corpuscheck.checks``;
:func:`load_checks` imports them all, so adding a check means adding one file
(and its test), nothing else.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from corpuscheck.model import CATEGORIES, Corpus, Document, Finding

if TYPE_CHECKING:
    from corpuscheck.config import Config

DocumentCheckFn = Callable[[Document, "Config"], Iterable[Finding]]
CorpusCheckFn = Callable[[Corpus, "Config"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its name, scope, function, rules and description."""

    name: str
    scope: Literal["document", "corpus"]
    func: Callable[..., Iterable[Finding]]
    rules: tuple[str, ...]
    doc: str

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
    name: str, scope: Literal["document", "corpus"], rules: Iterable[str] | None
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    category = name.split(".", 1)[0]
    if category not in CATEGORIES or "." not in name:
        raise ValueError(f"check name {name!r} must be 'category.name' with a known category")

    def decorate(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if name in CHECKS and CHECKS[name].func is not func:
            raise ValueError(f"two checks are named {name!r}")
        doc = inspect.getdoc(func) or ""
        if not doc:
            raise ValueError(f"check {name!r} needs a docstring: the report shows it")
        CHECKS[name] = Check(name, scope, func, tuple(rules or (name,)), doc)
        return func

    return decorate


def document_check(
    name: str, *, rules: Iterable[str] | None = None
) -> Callable[[DocumentCheckFn], DocumentCheckFn]:
    """Register a per-document check ``func(doc, config) -> Iterable[Finding]``."""
    return _register(name, "document", rules)


def corpus_check(
    name: str, *, rules: Iterable[str] | None = None
) -> Callable[[CorpusCheckFn], CorpusCheckFn]:
    """Register a corpus-level check ``func(corpus, config) -> Iterable[Finding]``."""
    return _register(name, "corpus", rules)


_loaded = False


def load_checks() -> dict[str, Check]:
    """Import every check module under ``corpuscheck.checks`` (once) and return the registry."""
    global _loaded
    if not _loaded:
        package = importlib.import_module("corpuscheck.checks")
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.endswith((".registry", ".runner")):
                importlib.import_module(info.name)
        _loaded = True
    return CHECKS


def rule_descriptions() -> dict[str, str]:
    """Each rule any check can emit, with the summary of the check that emits it."""
    descriptions: dict[str, str] = {}
    for check in load_checks().values():
        for rule in check.rules:
            descriptions.setdefault(rule, check.summary)
    return descriptions
