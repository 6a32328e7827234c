"""Checks of the translation category."""
