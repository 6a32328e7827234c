"""Step 2 of the pipeline: repair encoding damage, and record every repair.

The cleaner is ftfy, configured so that text with no encoding damage comes
out byte-identical (see :data:`corpuscheck.clean.repair.FTFY_CONFIG`). Every
change it makes becomes an ``encoding.*`` finding with the span in the
original text and what it became: nothing changes silently.
"""

from corpuscheck.clean.repair import FTFY_CONFIG, Repair, clean_document, find_repairs

__all__ = ["FTFY_CONFIG", "Repair", "clean_document", "find_repairs"]
