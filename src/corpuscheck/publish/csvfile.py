"""Write a table as CSV that is safe to open in a spreadsheet.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a
formula (and some also after a tab or a carriage return), so a document whose
text begins ``=HYPERLINK(...)`` would become a live link. Following the OWASP
rule against CSV injection, such a text cell is published with a single quote
``'`` in front. Only the CSV copy is changed: the Parquet copy keeps the exact
values. Such values in ``metadata.csv`` are also reported
(``metadata.spreadsheet_formula``, which defines :data:`FORMULA_STARTS`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from corpuscheck.checks.metadata.formula import FORMULA_STARTS

if TYPE_CHECKING:
    import polars as pl

__all__ = ["FORMULA_STARTS", "spreadsheet_safe_frame", "write_csv"]

_RISKY = r"^[=+\-@\t\r]"  # FORMULA_STARTS as a regular expression


def spreadsheet_safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with a ``'`` before every text cell that starts like a formula.

    Numbers are left alone (``-1`` stays a number), and so are empty cells.

    >>> import polars as pl
    >>> df = pl.DataFrame({"text": ["=HYPERLINK(A1)", "-5 °C", "ok", None], "n": [-1, 2, 3, 4]})
    >>> spreadsheet_safe_frame(df).rows()
    [("'=HYPERLINK(A1)", -1), ("'-5 °C", 2), ('ok', 3), (None, 4)]
    """
    import polars as pl

    safe = [
        pl.when(pl.col(name).str.contains(_RISKY))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name, dtype in frame.schema.items()
        if dtype == pl.String
    ]
    return frame.with_columns(safe) if safe else frame


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """Write ``frame`` to ``path``: UTF-8, a header row, ``\\n`` line endings, formulas quoted."""
    spreadsheet_safe_frame(frame).write_csv(path, include_header=True, line_terminator="\n")
