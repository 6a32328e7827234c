"""Checks of the language category."""
