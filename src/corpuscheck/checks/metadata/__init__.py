"""Checks of the metadata category."""
