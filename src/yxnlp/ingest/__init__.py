"""Stage 1, ingest: a file on disk → the decoded *source text* every span points into.

Formats, chosen by extension (a file without one is read as text), one module each:

- ``.txt`` (:mod:`~yxnlp.ingest.decoding`): a byte-order mark, else UTF-8, else GB18030
  (which covers GBK and GB2312), else UTF-8 with a few stray bytes (a file cut
  mid-character), else what charset-normalizer finds among Chinese and Unicode encodings
  (Big5, UTF-16 without a mark …). Nothing else is changed: the file's characters are the
  source text.
- ``.html``/``.htm`` (:mod:`~yxnlp.ingest.html`): the main text block of the page, one line
  per block element; ``hints["title"]`` is the page's ``<h1>`` (else its ``<title>``). A page
  nested deeper than 200 levels or holding more than 100,000 elements is refused (a real
  report page has a few thousand).
- ``.docx`` (:mod:`~yxnlp.ingest.docx`): paragraphs and table rows, one per line.
- ``.pdf`` (:mod:`~yxnlp.ingest.pdf`): the text layer, as pdfminer.six lays it out.

Every format reads its bytes through :func:`~yxnlp.ingest.reading.read_bytes`: regular files
only, at most :data:`MAX_BYTES` (20 MiB) actually read. For html, docx and pdf the extracted
text is the source text (the record carries it). Every failure is an
:class:`~yxnlp.errors.InputError` naming the file and the reason in one line.

>>> src = from_text("一、总体情况", name="a.txt")
>>> src.format, src.text
('txt', '一、总体情况')
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from yxnlp.errors import InputError
from yxnlp.ingest.decoding import common_share, decode_text, detect_and_decode, is_binary
from yxnlp.ingest.docx import docx_text
from yxnlp.ingest.html import check_shape, html_text
from yxnlp.ingest.pdf import pdf_text
from yxnlp.ingest.reading import MAX_BYTES, chunks, read_bytes

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "SUFFIXES",
    "Source",
    "chunks",
    "common_share",
    "decode_text",
    "detect_and_decode",
    "docx_text",
    "from_text",
    "html_text",
    "is_binary",
    "pdf_text",
    "read",
    "read_bytes",
]

FORMATS: dict[str, str] = {
    ".txt": "txt", "": "txt",
    ".html": "html", ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}  # fmt: skip
#: The suffixes of report files: what batch discovery collects and ``process`` reads as a path.
SUFFIXES: tuple[str, ...] = tuple(s for s in FORMATS if s)
_EXPECTED = ", ".join(SUFFIXES)


@dataclass(frozen=True)
class Source:
    """A decoded report: ``text`` is the source text of the record."""

    name: str
    id: str
    text: str
    format: str = "txt"
    hints: dict[str, str] = field(default_factory=dict)


def from_text(text: str, *, name: str = "<text>") -> Source:
    """Wrap a string already in memory (its id is the sha256 of its UTF-8 bytes).

    >>> from_text("一、总体情况").id == hashlib.sha256("一、总体情况".encode()).hexdigest()
    True
    """
    return Source(name=name, id=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text)


def _txt(raw: bytes, *, path: str | Path) -> tuple[str, dict[str, str]]:
    text, encoding = detect_and_decode(raw, path=path)
    return text, {"encoding": encoding}


def _html(raw: bytes, *, path: str | Path) -> tuple[str, dict[str, str]]:
    check_shape(raw, path=path)
    return html_text(raw, path=path)


_READERS: dict[str, Callable[..., tuple[str, dict[str, str]]]] = {
    "txt": _txt, "html": _html, "docx": docx_text, "pdf": pdf_text,
}  # fmt: skip


def read(path: str | Path) -> Source:
    """Read one report file; raises :class:`InputError` with the reason if it cannot.

    >>> read("no/such/report.txt")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: no/such/report.txt: no such file
    """
    p = Path(path)
    fmt = format_of(p)
    raw = read_bytes(p)
    if not raw.strip():
        raise InputError(p, "file is empty")
    text, hints = _READERS[fmt](raw, path=p)
    if not text.strip():
        raise InputError(p, "file is empty" if fmt == "txt" else f"no text found in the {fmt}")
    return Source(name=str(path), id=hashlib.sha256(raw).hexdigest(), text=text,
                  format=fmt, hints=hints)  # fmt: skip


def format_of(path: Path) -> str:
    """The format a file is read as, by its suffix.

    >>> format_of(Path("a/2024.HTM")), format_of(Path("notes"))
    ('html', 'txt')
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(path, f"unsupported format '{path.suffix}' (expected {_EXPECTED})")
    return FORMATS[suffix]
