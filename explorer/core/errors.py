"""Every error factex raises for the user to read, under one base.

A FactexError's message is written for the user (the CLI prints it after `factex: `, the app in a
notification); anything else that escapes is a bug. Problems in cards and sources are not errors:
they are `explorer.core.model.Problem`s, reported and loaded around.
"""

from __future__ import annotations


class FactexError(Exception):
    """The base: something asked of factex cannot be done; str(error) says why."""

    exit_status = 1  # for the command line: 1 it could not be done, 2 a usage error


class WorkspaceError(FactexError):
    """The workspace itself is unusable (no `facts/` folder): a usage error, exit status 2."""

    exit_status = 2


class AuthoringError(FactexError):
    """What was asked cannot make a good card; the message says why (and what was meant)."""


class QueryError(FactexError, ValueError):
    """A query that cannot be run; `hint` says why in a few words, `position` where (or None)."""

    exit_status = 2

    def __init__(self, hint: str, position: int | None = None):
        super().__init__(hint)
        self.hint = hint
        self.position = position
