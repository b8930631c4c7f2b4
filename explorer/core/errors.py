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


class FileError(FactexError, OSError):
    """A workspace file or folder that cannot be used (raised by `files.Workspace`; the loader turns
    it into a `Problem` about that file); `kind` is one of `outside`, `loop`, `missing`,
    `not-regular`, `not-folder`, `too-big`, `exists`, `error`."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind


class AddError(FactexError):
    """What was given cannot be made into a source; the message says why in one line."""


class GitError(FactexError):
    """git is missing, the folder is not in a repository, or a revision is unknown: a usage error."""

    exit_status = 2


class LoadCancelled(FactexError):
    """Raised by `Loader.load` when its `stop()` says the load is no longer wanted."""


class QueryError(FactexError, ValueError):
    """A query that cannot be run; `hint` says why in a few words, `position` where (or None)."""

    exit_status = 2

    def __init__(self, hint: str, position: int | None = None):
        super().__init__(hint)
        self.hint = hint
        self.position = position

