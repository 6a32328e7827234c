"""corpuscheck: data-quality checks and dataset packaging for text corpora.

The pipeline, in the order the package is laid out:

1. :mod:`corpuscheck.read` reads a corpus folder (``*.txt`` + ``metadata.csv``);
2. :mod:`corpuscheck.clean` repairs encoding damage with ftfy and records each repair;
3. :mod:`corpuscheck.checks` runs the registered checks (artifact, language,
   metadata, ...), each yielding :class:`~corpuscheck.model.Finding` objects;
4. :mod:`corpuscheck.publish` writes the Frictionless data package;
5. :mod:`corpuscheck.report` writes the HTML quality report.

:func:`corpuscheck.pipeline.build` runs them all. For notebooks and scripts,
:func:`check`, :func:`build`, :func:`load` and :func:`rules` (from
:mod:`corpuscheck.api`) return the published tables as polars DataFrames.
Importing this package is cheap: the API and the heavy libraries load only
when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corpuscheck.api import Result, build, check, configure, load, rules

__version__ = "0.1.0"
__all__ = ["Result", "__version__", "build", "check", "configure", "load", "rules"]

_API = frozenset({"Result", "build", "check", "configure", "load", "rules"})


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import corpuscheck` and `corpuscheck --help` stay instant.
    if name in _API:
        from corpuscheck import api

        return getattr(api, name)
    raise AttributeError(f"module 'corpuscheck' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
