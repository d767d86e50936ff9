"""The project's few exception classes, and the one place that turns a failure of one input
into an :class:`InputError`. Messages are one line and name the file.

>>> with input_failure("a.docx", "DOCX", malformed=(KeyError,)):
...     raise KeyError("word/document.xml")
Traceback (most recent call last):
...
yxnlp.errors.InputError: a.docx: not a readable DOCX: 'word/document.xml'
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
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


# What an OSError means to a user, by errno (anything else: its own message, in lower case).
_OS_REASONS = {
    errno.ENOENT: "no such file or folder",
    errno.EISDIR: "is a directory",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "symbolic link loop",
    errno.ENXIO: "no device or reader behind it",
    errno.ENAMETOOLONG: "file name too long",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
}


def os_reason(exc: OSError, *, doing: str = "read file") -> str:
    """A one-line reason for an OS error, without the path (the caller names the file).

    >>> os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    'no such file'
    >>> os_reason(PermissionError(errno.EACCES, "Permission denied"), doing="write")
    'cannot write (permission denied)'
    """
    if doing == "read file" and exc.errno in (errno.ENOENT, errno.EISDIR):
        return "no such file" if exc.errno == errno.ENOENT else "is a directory"
    detail = _OS_REASONS.get(exc.errno or 0) or short(exc.strerror or exc).lower()
    return f"cannot {doing} ({detail})"


def short(exc: BaseException | str, *, width: int = 80) -> str:
    """An exception's message on one line, at most ``width`` characters.

    >>> short(ValueError("line 1\\n  line 2"))
    'line 1 line 2'
    """
    text = exc if isinstance(exc, str) else str(exc)
    msg = " ".join(text.split()) or type(exc).__name__
    return msg if len(msg) <= width else msg[: width - 3] + "..."


@contextlib.contextmanager
def input_failure(
    path: str | Path, what: str = "file", *, malformed: tuple[type[BaseException], ...] = ()
) -> Iterator[None]:
    """Turn any failure of one input inside the block into an :class:`InputError`: an
    ``OSError`` by its errno (:func:`os_reason`), a decoding error or one of ``malformed``
    (what a parser raises on a damaged file) as ``not a readable <what>: <message>``.

    Every reader of an input (ingest, batch discovery and hashing, evaluate) goes through here,
    so one bad file is always a one-line error that names it, never a traceback.
    """
    parse_errors: tuple[type[BaseException], ...] = (UnicodeError, *malformed)
    try:
        yield
    except InputError:
        raise
    except OSError as exc:
        raise InputError(path, os_reason(exc)) from exc
    except parse_errors as exc:
        raise InputError(path, f"not a readable {what}: {short(exc)}") from exc


@contextlib.contextmanager
def output_failure(path: str | Path) -> Iterator[None]:
    """Turn an ``OSError`` while writing under ``path`` (a folder or file the user named) into a
    one-line :class:`InputError`.

    >>> with output_failure("/proc/x"):
    ...     raise FileNotFoundError(errno.ENOENT, "No such file or directory")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: /proc/x: cannot write (no such file or folder)
    """
    try:
        yield
    except OSError as exc:
        raise InputError(path, os_reason(exc, doing="write")) from exc
