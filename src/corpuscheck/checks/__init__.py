"""Step 3 of the pipeline: the checks, one small module each, by category.

See :mod:`corpuscheck.checks.registry` for how a check is declared, and
:mod:`corpuscheck.checks.runner` for how they run.
"""
