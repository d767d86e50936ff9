"""DOCX: paragraphs and table rows (cells separated by a tab), one per line, in document order.

The document is parsed from the bytes already read (never reopened by path), after its zip
directory shows that it does not expand beyond :data:`MAX_EXPANDED` (a zip bomb).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yxnlp.errors import InputError, input_failure
from yxnlp.ingest.reading import MAX_BYTES

#: Largest total size of a document's parts once unzipped (a text-heavy report is a few MB).
MAX_EXPANDED = 5 * MAX_BYTES


def docx_text(raw: bytes, *, path: str | Path = "<bytes>") -> tuple[str, dict[str, str]]:
    """Paragraphs and table rows of a Word document, and its title hint.

    >>> docx_text(b"PK\\x03\\x04 not a zip", path="a.docx")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: a.docx: not a readable DOCX: File is not a zip file
    """
    import docx
    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError

    # What a damaged package raises: zip and deflate errors, an encrypted or unsupported
    # member (RuntimeError, NotImplementedError), XML syntax errors (SyntaxError), a missing
    # part (KeyError) and python-docx's own errors.
    malformed = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
                 SyntaxError, LookupError, ValueError, OpcError, PythonDocxError)  # fmt: skip
    with input_failure(path, "DOCX", malformed=malformed):
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            expanded = sum(info.file_size for info in package.infolist())
        if expanded > MAX_EXPANDED:
            raise InputError(path, f"not a readable DOCX: it unzips to {expanded / 2**20:.1f} MiB"
                                   f" (more than {MAX_EXPANDED // 2**20} MiB)")  # fmt: skip
        document = docx.Document(io.BytesIO(raw))
        lines = list(_docx_lines(document))
        title = document.core_properties.title or ""
    return "\n".join(lines), ({"title": title.strip()} if title.strip() else {})


def _docx_lines(document: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document).text
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat: keep one
                    text = cell.text.strip()
                    if not cells or cells[-1] != text:
                        cells.append(text)
                yield "\t".join(cells)
