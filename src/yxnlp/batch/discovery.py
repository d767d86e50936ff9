"""Which files a batch reads, and the name of each one's record in the output folder.

* **Discovery** walks folders recursively for the report suffixes of :data:`yxnlp.ingest.SUFFIXES`
  (other files such as ``manifest.csv`` or ``README.md`` and hidden files are skipped); a file
  named explicitly is always tried. Nothing here opens or resolves a file in a way that can
  fail or block: a broken link, a link loop, a FIFO or an unreadable file is listed like any
  other and fails on its own when it is read, and a folder that cannot be listed is reported
  (``problems``), so one bad entry never stops a batch.
* **Output names**: ``<stem>.json``. When two inputs share a stem (or the stem is ``index`` or
  ``errors``), parent folder names are prepended with ``__`` until the names differ
  (``shanghai__2024.json``, ``national__2024.json``); inputs with the same stem in the same folder
  keep their suffix (``a_pdf.json``, ``a_txt.json``). A name, once given, is kept in the
  manifest, so adding inputs never renames earlier outputs.

>>> from pathlib import Path
>>> assign_names([Path("a/2024.txt"), Path("b/2024.txt"), Path("b/x.txt")])[Path("b/x.txt")]
'x.json'
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from yxnlp.errors import InputError, os_reason
from yxnlp.ingest import SUFFIXES

#: Output stems a record may not take: the manifest (``index.json``) and the error log.
RESERVED: frozenset[str] = frozenset({"index", "errors"})


def key_of(path: Path) -> str:
    """The absolute path with links resolved as far as they go (a broken link or a loop stays
    as it is; this never fails): what identifies an input in the manifest.

    >>> key_of(Path("/a/./b/../c.txt"))
    '/a/c.txt'
    """
    return os.path.realpath(path)


def _walk(folder: Path, problems: list[InputError] | None) -> Iterable[Path]:
    """Report files under ``folder``, hidden files and folders left out, in sorted order."""

    def unreadable(exc: OSError) -> None:
        problem = InputError(exc.filename or folder, os_reason(exc, doing="list folder"))
        if problems is None:
            raise problem from exc
        problems.append(problem)

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def discover(
    paths: Iterable[str | Path], *, problems: list[InputError] | None = None
) -> list[Path]:
    """Supported report files under ``paths`` (files or folders), sorted, without duplicates.

    Raises :class:`InputError` for a path that does not exist (not even as a broken link).
    A folder inside that cannot be listed is appended to ``problems``, or raised without it.
    """
    found: dict[str, Path] = {}
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in _walk(p, problems):
                found.setdefault(key_of(f), f)
        elif os.path.lexists(p):  # a file, or something that says what it is when read
            found.setdefault(key_of(p), p)
        else:
            raise InputError(p, "no such file or folder")
    return sorted(found.values(), key=lambda f: f.as_posix())


def _candidates(path: Path, *, twin: bool) -> list[str]:
    """Names from short to long; a ``twin`` (same folder and stem) keeps its suffix."""
    base = f"{path.stem}_{path.suffix.lstrip('.').lower()}" if twin else path.stem
    parents = [part for part in Path(key_of(path)).parent.parts if part not in ("/", "")]
    return [base] + ["__".join([*parents[-k:], base]) for k in range(1, len(parents) + 1)]


def assign_names(
    files: Sequence[Path], *, taken: Mapping[str, str] | None = None
) -> dict[Path, str]:
    """Output file names for ``files`` (see the module docstring); ``taken`` maps names already
    given (in the manifest) to the absolute path that owns them.

    >>> names = assign_names([Path("sh/2024.txt"), Path("gd/2024.txt")])
    >>> sorted(names.values())
    ['gd__2024.json', 'sh__2024.json']
    """
    owners = dict(taken or {})
    mine = {key_of(f): f for f in files}
    result: dict[Path, str] = {}
    for key, f in mine.items():  # names kept from earlier runs
        for name, owner in owners.items():
            if owner == key:
                result[f] = name
    folders = Counter((Path(key).parent, Path(key).stem) for key in mine)
    candidates = {
        key: _candidates(f, twin=folders[Path(key).parent, Path(key).stem] > 1)
        for key, f in mine.items()
        if f not in result
    }
    for key in sorted(candidates):
        f = mine[key]
        for level, stem in enumerate(candidates[key]):
            name = stem + ".json"
            shared = any(
                other != key and level < len(c) and c[level] == stem
                for other, c in candidates.items()
            )
            if stem in RESERVED or shared or name in owners:
                continue
            result[f] = name
            owners[name] = key
            break
        else:
            raise InputError(f, "cannot give this file an output name of its own")
    return result
