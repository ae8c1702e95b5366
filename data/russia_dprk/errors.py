"""Exceptions raised by the dataset module."""

from __future__ import annotations

from typing import Any


class DatasetError(Exception):
    """Base class for every error the module raises on purpose: its message is one line for the user."""


class UpstreamError(DatasetError):
    """An upstream file is missing, unreadable or does not match its registered hash, or the cache is misconfigured."""


class TableError(DatasetError):
    """A table does not exist or does not match its schema."""


class DescriptorError(DatasetError):
    """``datapackage.json`` is unreadable or breaks the descriptor rules; ``problem`` is the problem line
    ``validate`` reports for it (the message is its text)."""

    def __init__(self, problem: Any) -> None:
        self.problem = problem
        super().__init__(str(problem))


class ValidationFailed(DatasetError):
    """The data did not validate, so an action that needs valid data was refused.

    ``problems`` holds every :class:`~russia_dprk.validation.Problem` found.
    """

    def __init__(self, action: str, problems: list[Any]) -> None:
        self.action = action
        self.problems = problems
        first = str(problems[0]) if problems else "no details"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"{action} refused: {first}{more}")
