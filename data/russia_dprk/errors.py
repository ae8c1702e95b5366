"""Exceptions raised by the dataset module."""

from __future__ import annotations


class DatasetError(Exception):
    """Base class for every error the module raises on purpose."""


class UpstreamError(DatasetError):
    """An upstream file is missing, unreadable or does not match its registered hash."""


class TableError(DatasetError):
    """A table does not exist or does not match its schema."""
