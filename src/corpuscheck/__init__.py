"""corpuscheck: data-quality checks and dataset packaging for text corpora.

The pipeline, in the order the package is laid out:

1. :mod:`corpuscheck.read` reads a corpus folder (``*.txt`` + ``metadata.csv``);
2. :mod:`corpuscheck.clean` repairs encoding damage with ftfy and records each repair;
3. :mod:`corpuscheck.checks` runs the registered checks (artifact, language,
   metadata, ...), each yielding :class:`~corpuscheck.model.Finding` objects;
4. :mod:`corpuscheck.publish` writes the Frictionless data package;
5. :mod:`corpuscheck.report` writes the HTML quality report.

:func:`corpuscheck.pipeline.build` runs them all. Importing this package is
cheap; the heavy libraries load only when a stage needs them.
"""

__version__ = "0.1.0"
