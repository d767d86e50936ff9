"""Reading an input's bytes, bounded: the one way every format (and batch hashing) gets at a file.

Only regular files are read: a folder, a FIFO, a device or a socket is refused with what it
is, before anything is opened that could block. The file is opened once (non-blocking, so a
FIFO swapped in after the check cannot hang the open either) and never more than ``limit``
bytes are read: the limit counts the bytes actually read, not the size the file system
reports (0 for a FIFO, a device or a file under /proc). Every failure is an
:class:`~yxnlp.errors.InputError` naming the file and the reason.

>>> read_bytes("/dev/zero")
Traceback (most recent call last):
...
yxnlp.errors.InputError: /dev/zero: not a regular file (a character device)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from yxnlp.errors import InputError, input_failure

#: Largest input accepted, in bytes (20 MiB): far above any work report (a long provincial
#: report is about 100 KB as text, a few MB as PDF).
MAX_BYTES = 20 * 1024 * 1024
CHUNK = 1 << 20  # bytes per read

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_SPECIAL = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: str | Path, *, limit: int = MAX_BYTES) -> bytes:
    """All bytes of a regular file of at most ``limit`` bytes.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".txt") as f:
    ...     _ = f.write("一、概况".encode()); f.flush()
    ...     read_bytes(f.name).decode()
    '一、概况'
    """
    return b"".join(chunks(path, limit=limit))


def chunks(path: str | Path, *, limit: int = MAX_BYTES) -> Iterator[bytes]:
    """The bytes of a regular file in chunks of at most :data:`CHUNK` (to hash a file without
    holding it); raises :class:`InputError` once more than ``limit`` bytes have come."""
    name = str(path)
    with input_failure(name):
        check_regular(name, _stat(name).st_mode)
        fd = os.open(name, _FLAGS)
        try:
            st = os.fstat(fd)
            check_regular(name, st.st_mode)  # swapped for something else since the stat
            if st.st_size > limit:
                raise InputError(name, f"file too large ({_mib(st.st_size)} MiB > {_mib(limit)} MiB)")
            total = 0
            while chunk := os.read(fd, CHUNK):
                total += len(chunk)
                if total > limit:  # grew, or the size was not the truth (/proc)
                    raise InputError(name, f"file too large (more than {_mib(limit)} MiB read)")
                yield chunk
        finally:
            os.close(fd)


def check_regular(path: str, mode: int) -> None:
    """Refuse anything but a regular file, saying what it is."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(path, "is a directory")
    kind = next((name for test, name in _SPECIAL if test(mode)), "a special file")
    raise InputError(path, f"not a regular file ({kind})")


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise InputError(path, f"broken symbolic link (to {os.readlink(path)})") from exc
        raise


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f}" if size % 2**20 else f"{size // 2**20}"
