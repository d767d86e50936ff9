"""The batch manifest: what was done for each input, so a re-run skips unchanged files.

``index.json`` in the output folder maps each input (absolute path) to its sha256, the pipeline
version (:func:`pipeline_version`), the options (:func:`options_tag`, with the metadata a user
gave for the file, :func:`with_user_metadata`), its output name and the record's document id.
An input is unchanged when all four still match and its output exists.

The user's own manifest (``yxnlp batch --manifest FILE.csv``) is read by
:func:`read_user_manifest`: one row of known metadata per input.

>>> entry = Entry(source="a.txt", sha256="ab", pipeline="0.1+x", options="jieba",
...               output="a.json", document_id="ab")
>>> entry.matches(sha256="ab", pipeline="0.1+x", options="jieba")
True
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.errors import InputError
from yxnlp.io import write_atomic
from yxnlp.metadata import read_manifest
from yxnlp.version import VERSION

MANIFEST = "index.json"
FORMAT = 1
# data folders that do not change a record: the store's schema, the inspection page
_NOT_PIPELINE = frozenset({"store", "show", "__pycache__"})


@dataclass(frozen=True)
class Entry:
    """One input's line in the manifest."""

    source: str
    sha256: str
    pipeline: str
    options: str
    output: str
    document_id: str

    def matches(self, *, sha256: str, pipeline: str, options: str) -> bool:
        """Whether a file with this content, pipeline and options needs no new record."""
        return (self.sha256, self.pipeline, self.options) == (sha256, pipeline, options)


def load(out: Path) -> dict[str, Entry]:
    """The manifest of ``out`` (empty when there is none); unreadable ones are an input error."""
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            path, f"unreadable batch manifest ({exc}); delete it to start over"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, "not a yxnlp batch manifest (format 1); delete it to start over")
    try:
        return {key: Entry(**entry) for key, entry in data.get("files", {}).items()}
    except TypeError as exc:
        raise InputError(path, f"malformed batch manifest entry ({exc})") from exc


def save(out: Path, files: Mapping[str, Entry]) -> None:
    """Write the manifest atomically, inputs sorted."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "files": {key: asdict(files[key]) for key in sorted(files)},
    }
    write_atomic(out / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


@contextlib.contextmanager
def saving(out: Path, files: Mapping[str, Entry]) -> Iterator[None]:
    """Save the manifest however the block ends (a Ctrl-C keeps the work already done)."""
    try:
        yield
    finally:
        save(out, files)


def _data_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, bytes]]:
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        name = prefix + item.name
        if item.is_dir():
            if item.name not in _NOT_PIPELINE:
                yield from _data_files(item, name + "/")
        elif not item.name.endswith((".py", ".pyc")):
            yield name, item.read_bytes()


@functools.cache
def pipeline_version() -> str:
    """The package version plus a hash of the package's rule and vocabulary files.

    A record is redone when this changes (the store's schema and the page files do not count).

    >>> pipeline_version().startswith(VERSION + "+")
    True
    """
    h = hashlib.sha256()
    for name, data in _data_files(resources.files("yxnlp.data")):
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return f"{VERSION}+{h.hexdigest()[:12]}"


def options_tag(*, segmenter: str, ner: bool) -> str:
    """The options that change a record, as stored in the manifest: the segmenter and, with
    NER, the model's name and version (so a new model redoes the records).

    >>> options_tag(segmenter="jieba", ner=False)
    'jieba'
    """
    if not ner:
        return segmenter
    from yxnlp.extract import entities

    return f"{segmenter}+ner:{entities.ner_model_name()}"


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes (the record's document id), read in chunks through the
    bounded reader of :mod:`yxnlp.ingest` (so what cannot be read is an :class:`InputError`)."""
    h = hashlib.sha256()
    for chunk in ingest.chunks(path):
        h.update(chunk)
    return h.hexdigest()


def with_user_metadata(options: str, values: Mapping[str, str] | None) -> str:
    """The options tag of one input, with a digest of the metadata a user gave for it (so a
    changed manifest row redoes the file).

    >>> with_user_metadata("jieba", None), with_user_metadata("jieba", {"region": "嘉善县"})
    ('jieba', 'jieba+meta:d13a7cc96495')
    """
    if not values:
        return options
    blob = json.dumps(dict(values), ensure_ascii=False, sort_keys=True).encode()
    return f"{options}+meta:{hashlib.sha256(blob).hexdigest()[:12]}"


def read_user_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """A user's manifest CSV (:func:`yxnlp.metadata.read_manifest`) keyed by each input's
    resolved path; paths are relative to the manifest's folder. A row naming no file is an
    :class:`InputError` (a typo would otherwise go unnoticed).
    """
    p = Path(path)
    rows = read_manifest(p)
    out: dict[str, dict[str, str]] = {}
    for given, values in rows.items():
        f = (p.parent / given).resolve()
        if not f.is_file():
            raise InputError(p, f"path {given!r} names no file (paths are relative to the "
                                "manifest's folder)")
        out[str(f)] = values
    return out
