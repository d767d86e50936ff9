"""PDF: the text layer, as pdfminer.six lays it out, with paragraphs joined again.

A PDF breaks a paragraph into lines of the page's width; pdfminer keeps those breaks, which
would cut sentences (and the figures' subjects) in two. A line as long as the page's full lines
(the width most of its lines have) that does not end a sentence is joined to the next one (:func:`reflow`), also across a page
break; a short line, a line ending in 。！？；：, and a next line that opens a paragraph (an
indent or a heading number) keep their break. A scan (no text layer) or a layer whose fonts
have no Unicode mapping is refused, as is a file pdfminer cannot parse.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zlib
from collections import Counter
from pathlib import Path

from yxnlp import resources
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
    return reflow(text).replace("\x0c", "\n").rstrip("\n") + "\n", {}


MIN_FULL = 8  # the shortest width of a page taken for a full line
_SENTENCE_END = tuple("。！？；：!?;:")


@functools.cache
def _opens_paragraph() -> re.Pattern[str]:
    """An indent, or a heading number of any level the section splitter knows (一、 （二） 3.)."""
    markers = [level.marker for level in resources.sections().levels]
    return re.compile("|".join([r"\s", *markers]))


def reflow(text: str) -> str:
    """``text`` with the line breaks inside paragraphs removed (see the module docstring).

    >>> lines = ["一、工作回顾", "全年实现地区生产总值1520亿元，同比增长6.2%，规上工业增加",
    ...          "值增长8.1%，固定资产投资增长5%。", "二、2025年工作计划",
    ...          "力争地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增",
    ...          "就业1.2万人，完成年度各项目标任务。"]
    >>> reflow("\\n".join(lines)).splitlines()[1]
    '全年实现地区生产总值1520亿元，同比增长6.2%，规上工业增加值增长8.1%，固定资产投资增长5%。'
    """
    lines = text.split("\n")
    sizes = Counter(len(ln.strip()) for ln in lines if len(ln.strip()) >= MIN_FULL)
    width, times = max(sizes.items(), key=lambda kv: (kv[1], kv[0]), default=(0, 0))
    if times < 2:  # no two lines of one width: nothing was wrapped
        return text
    full = width - 1  # one short: a line may end early (punctuation kept off the next line)
    out: list[str] = []
    between: list[str] = []  # blank lines and page breaks since the last line of text
    for line in lines:
        body = line.lstrip("\x0c")  # a page's first line follows pdfminer's page break
        if not body.strip():
            between.append(line)
            continue
        prev = out[-1] if out else ""
        wraps = len(prev.strip()) >= full and not prev.rstrip().endswith(_SENTENCE_END)
        paged = len(body) < len(line) or any("\x0c" in b for b in between)
        joins = (not between and not paged) or (paged and len(between) <= 2)
        if wraps and joins and not _opens_paragraph().match(body):
            out[-1] = prev.rstrip() + body
        else:
            out.extend(between)
            out.append(line)
        between = []
    return "\n".join([*out, *between])
