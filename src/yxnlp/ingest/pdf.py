"""PDF: the text layer, as pdfminer.six lays it out (page breaks become newlines).

A scan (no text layer) or a layer whose fonts have no Unicode mapping is refused, as is a
file pdfminer cannot parse.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

from yxnlp.errors import InputError, input_failure
from yxnlp.ingest.decoding import COMMON_SHARE, common_share

CID_SHARE = 0.3  # "(cid:N)" placeholders above which a PDF text layer is unreadable
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for glyphs it cannot map


def pdf_text(raw: bytes, *, path: str | Path = "<bytes>") -> tuple[str, dict[str, str]]:
    """The text layer of a PDF; none (a scan) or an unreadable file is an InputError.

    >>> pdf_text(b"%PDF-1.4 broken", path="a.pdf")[0]
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: a.pdf: not a readable PDF: No /Root object! - Is this really a PDF?
    """
    from pdfminer.high_level import extract_text
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    if b"%PDF-" not in raw[:1024]:
        raise InputError(path, "not a readable PDF: no %PDF header")
    # pdfminer raises many exception types on damaged files; these are the ones seen.
    malformed = (PDFException, PSException, ValueError, TypeError, LookupError, AttributeError,
                 AssertionError, EOFError, zlib.error, struct.error)  # fmt: skip
    with input_failure(path, "PDF", malformed=malformed):
        text = extract_text(io.BytesIO(raw))
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned?)")
    unmapped = len("".join(_CID.findall(text))) > CID_SHARE * len(text.strip())
    if unmapped or common_share(text) < COMMON_SHARE:
        raise InputError(path, "PDF text layer cannot be decoded (fonts without Unicode mapping)")
    return text.replace("\x0c", "\n").rstrip("\n") + "\n", {}
