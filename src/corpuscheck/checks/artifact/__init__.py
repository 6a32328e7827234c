"""Checks of the artifact category."""
