"""Checks of the structure category."""
