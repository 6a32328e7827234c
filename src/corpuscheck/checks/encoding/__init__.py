"""Checks of the encoding category."""
