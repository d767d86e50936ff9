"""A stored record's source: the file's absolute path and the text its spans point into.

When a record is stored, its source file is looked up where the caller says it is (``yxnlp
batch`` passes the file it read), else at ``document.source`` (absolute, or relative to the
working directory), and accepted only if its sha256 is the record's ``document.id``. The text is the
record's ``document.text`` (html, docx and pdf input) or that file's decoded text (plain text
input). With neither, the store keeps NULL sentences and path: a record moved away from its
text cannot say more.

>>> import hashlib, pathlib, tempfile
>>> from yxnlp.record import Document, Record
>>> f = pathlib.Path(tempfile.mkdtemp()) / "县.txt"
>>> _ = f.write_text("全县生产总值增长6%。", encoding="utf-8")
>>> sha = hashlib.sha256(f.read_bytes()).hexdigest()
>>> found = locate(Record(document=Document(id=sha, source=str(f))))
>>> found.text, found.path == str(f.resolve())
('全县生产总值增长6%。', True)
>>> locate(Record(document=Document(id="other", source=str(f))))
Found(text=None, path=None)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from yxnlp import ingest
from yxnlp.errors import InputError
from yxnlp.record import Record


@dataclass(frozen=True)
class Found:
    """The source text (``None`` when unknown) and the file's absolute path (``None`` likewise)."""

    text: str | None
    path: str | None


def verified_path(source: str, document_id: str, *, root: Path | None = None) -> Path | None:
    """``source`` (relative to ``root``, else the working directory) made absolute, if it is a
    file whose sha256 is ``document_id``; else ``None``."""
    p = Path(source)
    if not p.is_absolute() and root is not None:
        p = root / p
    try:
        if not p.is_file():
            return None
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return None
    return p.resolve() if digest == document_id else None


def locate(record: Record, *, file: str | Path | None = None, root: Path | None = None) -> Found:
    """The source text and path of ``record`` (module docstring); ``file`` is where the
    caller knows the source to be (a batch: the file it read), tried before ``document.source``.
    """
    d = record.document
    path = verified_path(str(file), d.id) if file is not None else None
    if path is None:
        path = verified_path(d.source, d.id, root=root)
    text = d.text
    if text is None and path is not None:
        try:
            source = ingest.read(path)
        except InputError:
            source = None
        text = source.text if source is not None and source.id == d.id else None
    return Found(text, str(path) if path is not None else None)
