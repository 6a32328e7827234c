"""``python -m corpuscheck`` runs the command line."""

from corpuscheck.cli import run

run()
