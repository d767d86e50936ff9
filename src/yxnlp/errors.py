"""The project's few exception classes. Messages are one line and name the file."""

from __future__ import annotations

from pathlib import Path


class YxnlpError(Exception):
    """Base class for errors reported to users as one line."""


class InputError(YxnlpError, ValueError):
    """A report that cannot be read: missing, empty, binary, undecodable, too large, unsupported.

    >>> str(InputError("a.txt", "file is empty"))
    'a.txt: file is empty'
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ModelError(YxnlpError):
    """A model or optional backend that cannot be loaded (with an install hint)."""


class UsageError(YxnlpError, ValueError):
    """A value given by the user that names nothing: an unknown key, status, region or column.

    The message names the value and the closest matches; the command line exits with status 2.

    >>> str(UsageError("unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?)"))
    "unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?)"
    """
