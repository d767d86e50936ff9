"""Stage 1, ingest: bytes on disk → the decoded source text every span points into.

(Skeleton: txt only. The ingest work item extends it to html, docx and pdf.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from yxnlp.errors import InputError


@dataclass(frozen=True)
class Source:
    """A decoded report: ``text`` is the source text of the record."""

    name: str
    id: str
    text: str
    format: str = "txt"
    hints: dict[str, str] = field(default_factory=dict)


def from_text(text: str, *, name: str = "<text>") -> Source:
    """Wrap a string already in memory.

    >>> from_text("一、总体情况", name="a.txt").format
    'txt'
    """
    return Source(name=name, id=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text)


def read(path: str | Path) -> Source:
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "no such file")
    raw = p.read_bytes()
    if not raw.strip():
        raise InputError(p, "file is empty")
    text = raw.decode("utf-8-sig")
    return Source(name=str(path), id=hashlib.sha256(raw).hexdigest(), text=text)
