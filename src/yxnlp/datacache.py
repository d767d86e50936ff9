"""Data derived from the shipped rules and lexicons, kept on disk between processes.

Some rule data is computed from large word lists at every start: the company lexicon and its
multi-pattern matcher, the short place names (read with jieba's POS tags), the place stems.
It depends only on yxnlp's own files (code and ``data/``) and the installed word-list
packages, so :func:`disk_cached` keeps the result of such a function in a pickle under
``$YXNLP_CACHE`` (default ``$XDG_CACHE_HOME/yxnlp``, else ``~/.cache/yxnlp``), named by a
fingerprint of all of those (:func:`fingerprint`): a changed file or package version builds it
again, on first use.
``YXNLP_CACHE=off`` builds everything in memory as before; a cache that cannot be read or
written is built in memory too (never an error).

>>> import os, tempfile
>>> os.environ["YXNLP_CACHE"] = tempfile.mkdtemp()
>>> @disk_cached("demo-squares")
... def squares() -> dict[int, int]:
...     return {n: n * n for n in range(4)}
>>> squares() == squares() == {0: 0, 1: 1, 2: 4, 3: 9}
True
>>> sorted(p.name.split("-")[0] for p in cache_dir().iterdir())
['demo']
>>> del os.environ["YXNLP_CACHE"]
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from yxnlp.io import write_atomic
from yxnlp.version import VERSION

ENV_CACHE = "YXNLP_CACHE"
#: Installed packages whose data the cached results are computed from.
PACKAGES = ("jieba", "jieba-fast-dat", "companynameparser", "pyahocorasick")
_PACKAGE_ROOT = Path(__file__).resolve().parent
KEEP = 2  # files kept per name: this installation and the one before (42 MB each for the lexicon…)
T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where cached data lives, or ``None`` when ``$YXNLP_CACHE`` is ``off``."""
    where = os.environ.get(ENV_CACHE, "")
    if where.lower() == "off":
        return None
    if where:
        return Path(where)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "yxnlp"


@functools.cache
def fingerprint() -> str:
    """A digest of everything cached data is computed from: every file of the yxnlp package
    (code and data, by path and content), its version and the versions of :data:`PACKAGES`,
    and the switch that turns the lexicon off. Two identical installations share a cache."""
    h = hashlib.sha256(VERSION.encode())
    for name in PACKAGES:
        try:
            h.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    h.update(os.environ.get("YXNLP_LEXICON", "").lower().encode())
    for dirpath, dirnames, filenames in sorted(os.walk(_PACKAGE_ROOT)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            path = Path(dirpath, f)
            h.update(f"{path.relative_to(_PACKAGE_ROOT).as_posix()}\n".encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def disk_cached(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Keep the result of a function without arguments (pure data, picklable) on disk, see
    the module docstring; ``name`` names its file."""

    def wrap(build: Callable[[], T]) -> Callable[[], T]:
        @functools.wraps(build)
        def cached() -> T:
            where = cache_dir()
            if where is None:
                return build()
            path = where / f"{name}-{fingerprint()}.pickle"
            try:
                with path.open("rb") as fh, _no_collection():
                    value: T = pickle.load(fh)  # our own file, written below
                return value
            except FileNotFoundError:
                pass
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                    IndexError, TypeError, ValueError):  # fmt: skip
                pass  # damaged or from another version: built again
            value = build()
            _store(path, value)
            return value

        return cached

    return wrap


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused: unpickling the gazetteer makes 44,000 tuples, and
    the collections they would set off walk every object the process holds (spaCy's, the
    other tables) again and again: 0.08 s to load without them, 0.13-0.35 s with them."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _store(path: Path, value: Any) -> None:
    """Write ``value`` to ``path`` atomically and keep only the :data:`KEEP` newest files of
    the same name (other installations or versions); a cache that cannot be written is left
    alone (the value is used from memory)."""
    try:
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        stem = path.name.rsplit("-", 1)[0]
        same = [p for p in path.parent.glob("*.pickle") if p.name.rsplit("-", 1)[0] == stem]
        same.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in same[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
