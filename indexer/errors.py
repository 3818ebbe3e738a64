"""Domain errors. Messages say what was wrong, where, and how to fix it.

Only the CLI turns them into exit codes.
"""

from __future__ import annotations


class AgoraError(Exception):
    """Base class: a problem the user can act on, reported as one line."""

    exit_code = 1


class NotAKnowledgeBase(AgoraError):
    pass


class InputError(AgoraError):
    """One input (file, URL, stdin) could not be ingested."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ArticleNotFound(AgoraError):
    pass


class CorpusFileError(AgoraError):
    """A human-editable corpus file is malformed; names the file and field."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


class LockTimeout(AgoraError):
    pass


class IndexError_(AgoraError):
    """The vector index is missing, built with another model, or damaged."""


class UnitNotFound(AgoraError):
    pass


class ModelError(AgoraError):
    """A model package is missing or its weights do not match."""
