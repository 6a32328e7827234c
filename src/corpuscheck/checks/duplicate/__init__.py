"""Checks of the duplicate category."""
