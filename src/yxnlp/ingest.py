"""Stage 1, ingest: a file on disk → the decoded *source text* every span points into.

Formats, chosen by extension (a file without one is read as text):

- ``.txt``: UTF-8 with or without BOM (the BOM is removed), else GB18030 (which covers
  GBK and GB2312), else UTF-8 with a few stray bytes (a file cut mid-character; each stray
  byte becomes U+FFFD), else what charset-normalizer finds among Chinese and Unicode
  encodings (Big5, UTF-16 …). Nothing else is changed: the file's characters are the
  source text.
- ``.html``/``.htm``: the main text block of the page, without navigation, headers,
  footers, scripts or forms; one line per block element. ``hints["title"]`` is the page's
  ``<h1>`` (else its ``<title>``).
- ``.docx``: paragraphs and table rows (cells separated by a tab), one per line.
- ``.pdf``: the text layer, as pdfminer.six lays it out (page breaks become newlines).

For html, docx and pdf the extracted text is the source text (the record carries it).
Files larger than :data:`MAX_BYTES` (20 MiB) are refused. Every failure is an
:class:`~yxnlp.errors.InputError` naming the file and the reason in one line.

>>> src = from_text("一、总体情况", name="a.txt")
>>> src.format, src.text
('txt', '一、总体情况')
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yxnlp import resources
from yxnlp.errors import InputError

#: Largest input accepted, in bytes (20 MiB): far above any work report (the seed is
#: 20 KB, a long provincial report about 100 KB as text, a few MB as PDF).
MAX_BYTES = 20 * 1024 * 1024

FORMATS: dict[str, str] = {
    ".txt": "txt", "": "txt",
    ".html": "html", ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}
#: The suffixes of report files: what batch discovery collects and ``process`` reads as a path.
SUFFIXES: tuple[str, ...] = tuple(s for s in FORMATS if s)
_EXPECTED = ", ".join(SUFFIXES)

#: Encodings accepted from charset-normalizer's guess (Chinese and Unicode ones).
_GUESSABLE = ("big5", "cp950", "gb", "hz", "utf_16", "utf_32", "utf_8")
_SNIFF = 8192  # bytes examined for the binary test

# Thresholds of the heuristics below (shares are fractions).
CONTROL_SHARE = 0.1  # control bytes in the first 8 KiB above which a .txt is binary
STRAY_PER_BYTE = 0.001  # undecodable UTF-8 sequences tolerated per byte (a cut file)
CJK_SHARE = 0.9  # non-ASCII characters that must be CJK for a GB18030 decoding to stand
COMMON_SHARE = 0.5  # ideographs that must be everyday ones (GB2312 or Big5) to be real text
MAIN_SHARE = 0.3  # paragraph text the html main block must hold, else the whole body
CLIMB_RATIO, CLIMB_CHARS = 1.2, 80  # an enclosing block may add this much (heading, date)
CID_SHARE = 0.3  # "(cid:N)" placeholders above which a PDF text layer is unreadable
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}


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


def read(path: str | Path) -> Source:
    """Read one report file; raises :class:`InputError` with the reason if it cannot.

    >>> read("no/such/report.txt")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: no/such/report.txt: no such file
    """
    p = Path(path)
    fmt = _format_of(p)
    raw = _read_bytes(p)
    hints: dict[str, str] = {}
    if fmt == "txt":
        text, encoding = detect_and_decode(raw, path=p)
        hints["encoding"] = encoding
    elif fmt == "html":
        text, hints = html_text(raw, path=p)
    elif fmt == "docx":
        text, hints = docx_text(p)
    else:
        text, hints = pdf_text(raw, path=p)
    if not text.strip():
        raise InputError(p, "file is empty" if fmt == "txt" else f"no text found in the {fmt}")
    return Source(name=str(path), id=hashlib.sha256(raw).hexdigest(), text=text,
                  format=fmt, hints=hints)


def _format_of(p: Path) -> str:
    if not p.exists():
        raise InputError(p, "no such file")
    if p.is_dir():
        raise InputError(p, "is a directory")
    suffix = p.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(p, f"unsupported format '{p.suffix}' (expected {_EXPECTED})")
    return FORMATS[suffix]


def _read_bytes(p: Path) -> bytes:
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            mib = MAX_BYTES // 2**20
            raise InputError(p, f"file too large ({size / 2**20:.1f} MiB > {mib} MiB)")
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read file ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise InputError(p, "file is empty")
    return raw


# -- text ----------------------------------------------------------------------------------
def is_binary(raw: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes, in the first 8 KiB.

    >>> is_binary("一、概况\\n".encode("gb18030")), is_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00")
    (False, True)
    """
    head = raw[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with BOM holds NULs
        return False
    if b"\x00" in head:
        return True
    return sum(b in _CONTROL for b in head) > CONTROL_SHARE * max(len(head), 1)


def decode_text(raw: bytes, *, path: str | Path = "<bytes>") -> str:
    """Decode a text file: UTF-8 (BOM removed), else GB18030, else UTF-8 with at most one
    stray byte per thousand (each becomes U+FFFD), else a guessed CJK encoding.

    >>> decode_text("\\ufeff规上工业".encode("utf-8"))
    '规上工业'
    >>> decode_text("规上工业增加值增长8%".encode("gbk"))
    '规上工业增加值增长8%'
    """
    return detect_and_decode(raw, path=path)[0]


def detect_and_decode(raw: bytes, *, path: str | Path = "<bytes>") -> tuple[str, str]:
    """(text, encoding) of a text file, as :func:`decode_text` decides.

    >>> detect_and_decode("规上工业".encode("gb18030"))
    ('规上工业', 'gb18030')
    """
    if is_binary(raw):
        raise InputError(path, "binary file, not text")
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode("gb18030")
        if _looks_chinese(text):
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    lenient = raw.decode("utf-8-sig", errors="replace")  # a few stray bytes, e.g. a cut file
    stray = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    if stray <= max(1, len(raw) * STRAY_PER_BYTE) and _looks_chinese(lenient.replace("\ufffd", "")):
        return lenient, f"utf-8 ({stray} undecodable byte sequence(s) replaced by U+FFFD)"
    import charset_normalizer

    best = charset_normalizer.from_bytes(raw).best()
    if best is not None and best.encoding.lower().startswith(_GUESSABLE):
        return str(best).removeprefix("\ufeff"), best.encoding
    raise InputError(path, "cannot decode text (not UTF-8 or GB18030)")


def _looks_chinese(text: str) -> bool:
    """Most non-ASCII characters are CJK ideographs or CJK/full-width punctuation."""
    wide = [c for c in text if ord(c) > 127]
    if not wide:
        return True
    good = sum(
        "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
        or "\u2000" <= c <= "\u206f" or "\u3400" <= c <= "\u4dbf"
        for c in wide
    )
    return good >= CJK_SHARE * len(wide) and common_share(text) >= COMMON_SHARE


def common_share(text: str, *, min_ideographs: int = 20) -> float:
    """Share of the CJK ideographs in ``text`` that are common ones (in GB2312 or Big5); 1.0 when
    there are too few to judge. Real Chinese prose scores above 0.95; text decoded with
    the wrong mapping (e.g. PDF fonts without ToUnicode) scores far lower.

    >>> common_share("全年实现规上工业增加值215亿元，同比增长7.5%。" * 2)
    1.0
    >>> common_share("䑣鉆㨋䥩鵇钑㱻鬒㡄㩾㧮鏅㱆鵇㩾㧮鏅饄醟嶜㩾㧮鏅㱆") < 0.5
    True
    """
    ideographs = [c for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"]
    if len(ideographs) < min_ideographs:
        return 1.0
    return sum(map(_is_common, ideographs)) / len(ideographs)


@functools.cache
def _is_common(char: str) -> bool:
    for encoding in ("gb2312", "big5"):  # simplified and traditional everyday characters
        try:
            char.encode(encoding)
            return True
        except UnicodeEncodeError:
            pass
    return False


# -- html ----------------------------------------------------------------------------------
_DROP_TAGS = ("head", "title", "script", "style", "noscript", "template", "iframe", "nav", "header", "footer",
              "aside", "form", "button", "select", "input", "textarea", "svg", "canvas")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "main", "blockquote", "pre", "ul", "ol", "dd", "dt",
               "center", "td", "th")
_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for glyphs it cannot map
_CONTAINERS = ("div", "p", "table", "ul", "ol", "section", "article")
_TOKEN = re.compile(r"[A-Za-z]+(?:_[A-Za-z]+)*")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_text(raw: bytes, *, path: str | Path = "<bytes>") -> tuple[str, dict[str, str]]:
    """The main text of a web page, one line per block, and its title hint.

    >>> page = '''<html><head><title>通知_某县人民政府</title></head><body>
    ... <div class="nav">首页 &gt; 政务公开</div>
    ... <div class="article"><h1>某县2024年工作要点</h1>
    ... <p>一、总体要求</p><p>坚持稳中求进。</p></div>
    ... <div id="footer">版权所有</div></body></html>'''
    >>> text, hints = html_text(page.encode("utf-8"))
    >>> print(text)
    某县2024年工作要点
    一、总体要求
    坚持稳中求进。
    >>> hints["title"]
    '某县2024年工作要点'
    """
    from bs4 import BeautifulSoup

    if is_binary(raw):
        raise InputError(path, "binary file, not text")
    soup = BeautifulSoup(raw, "lxml")
    hints = {"title": t} if (t := _html_title(soup)) else {}
    if enc := soup.original_encoding:
        hints["encoding"] = str(enc)
    for tag in _chrome(soup):
        tag.decompose()
    root = _main_block(soup)
    lines = (_SPACES.sub(" ", ln).strip() for ln in _block_text(root).splitlines())
    return "\n".join(ln for ln in lines if ln), hints


# Every walk below visits each node once, with an explicit stack: bs4's own searches from each
# tag (``find``, ``get_text``, ``decomposed``, ``insert_after``) are linear in the tag's subtree
# or siblings, so calling them on every tag is quadratic in the depth or breadth of a page.


def _chrome(soup: Any) -> list[Any]:
    """The outermost elements to drop: page chrome by tag (scripts, navigation, forms …) and
    by class or id words (:func:`_is_noise`); nothing inside one of them is looked at."""
    from bs4.element import Tag

    found: list[Any] = []
    stack = [c for c in reversed(soup.contents) if isinstance(c, Tag)]
    while stack:
        tag = stack.pop()
        if tag.name in _DROP_TAGS or _is_noise(tag):
            found.append(tag)
        else:
            stack.extend(c for c in reversed(tag.contents) if isinstance(c, Tag))
    return found


def _block_text(root: Any) -> str:
    """``root``'s text with a line break for each ``<br>`` and around each block element."""
    from bs4.element import NavigableString, Tag

    kept = _string_types(root)
    newline = "\n" if NavigableString in kept else ""  # a string get_text would read
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(c, False) for c in reversed(root.contents)]
    while stack:
        node, closing = stack.pop()
        if closing or (isinstance(node, Tag) and node.name == "br"):
            out.append(newline)
        elif isinstance(node, NavigableString):
            if type(node) in kept:
                out.append(str(node))
        elif isinstance(node, Tag):
            if node.name in _BLOCK_TAGS:
                out.append(newline)
                stack.append((node, True))
            stack.extend((c, False) for c in reversed(node.contents))
    return "".join(out)


def _string_types(tag: Any) -> frozenset[type]:
    """The kinds of strings ``tag.get_text()`` reads (text and CDATA; not comments, scripts)."""
    types = tag.interesting_string_types or tag.MAIN_CONTENT_STRING_TYPES
    return frozenset([types] if isinstance(types, type) else types)


class _Sizes:
    """``len(tag.get_text(strip=True))`` and whether a container element lies inside, for
    every element under ``root``, added up from the leaves in one walk."""

    def __init__(self, root: Any) -> None:
        from bs4.element import NavigableString, Tag

        self._text = _string_types(root)
        self._size: dict[int, int] = {}
        self._holds: set[int] = set()
        stack: list[tuple[Any, Iterator[Any]]] = [(root, iter(root.contents))]
        totals, holds = [0], [False]
        while stack:
            tag, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                size, held = totals.pop(), holds.pop()
                self._size[id(tag)] = size
                if held:
                    self._holds.add(id(tag))
                if totals:
                    totals[-1] += size
                    holds[-1] = holds[-1] or held or tag.name in _CONTAINERS
            elif isinstance(child, Tag):
                stack.append((child, iter(child.contents)))
                totals.append(0)
                holds.append(False)
            elif isinstance(child, NavigableString) and type(child) in self._text:
                totals[-1] += len(child.strip())

    def text(self, tag: Any) -> int:
        """The length of ``tag``'s stripped text (as ``get_text`` reads it for this tag)."""
        if id(tag) in self._size and _string_types(tag) == self._text:
            return self._size[id(tag)]
        return len(tag.get_text(strip=True))

    def holds_container(self, tag: Any) -> bool:
        return id(tag) in self._holds


def _words(tag: Any) -> set[str]:
    attrs = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]).lower()
    words = set(_TOKEN.findall(attrs))
    return words | {p for w in words for p in re.split(r"[_]", w)}


@functools.cache
def _html_words() -> tuple[frozenset[str], frozenset[str]]:
    """Class/id words of HTML chrome (dropped) and of main content (kept)."""
    html = resources.furniture().html
    return frozenset(html.noise_words), frozenset(html.main_words)


def _is_noise(tag: Any) -> bool:
    if tag.name in ("html", "body"):
        return False
    words = _words(tag)
    noise, main = _html_words()
    return bool(words & noise) and not words & main


def _html_title(soup: Any) -> str | None:
    h1 = soup.find("h1")
    if h1 is not None and (text := " ".join(h1.get_text(" ").split())):
        return str(text)
    if soup.title is not None and soup.title.string:
        title = " ".join(str(soup.title.string).split())
        return re.split(r"\s*(?:_|\||｜| - | — )\s*", title)[0] or None
    return None


def _main_block(soup: Any) -> Any:
    """``<article>``/``<main>`` if present, else the element holding most paragraph text
    (climbing to its enclosing block while that adds only a heading or a date line)."""
    body = soup.body or soup
    sizes = _Sizes(body)
    for name in ("article", "main"):
        found = [t for t in body.find_all(name) if sizes.text(t)]
        if found:
            return max(found, key=sizes.text)
    scores: dict[int, tuple[int, Any]] = {}
    for p in body.find_all(["p", "br", "div"]):
        parent = p.parent
        if parent is None or (p.name == "div" and sizes.holds_container(p)):
            continue  # only paragraph-like divs count, not layout containers
        size = sizes.text(p) if p.name == "p" else len(str(p.next_sibling or "").strip())
        old = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (old[0] + size, parent)
    if not scores:
        return body
    best_len, best = max(scores.values(), key=lambda s: s[0])
    if best_len < MAIN_SHARE * sizes.text(body) or best.name in ("html", "body"):
        return body
    # Climb to the enclosing block while it adds little (the heading, a date line).
    size = sizes.text(best)
    while best is not body and best.parent is not None and best.parent is not body:
        outer = sizes.text(best.parent)
        if outer > CLIMB_RATIO * size + CLIMB_CHARS or best.name in ("td", "th", "tr", "tbody", "table"):
            break  # never leave a layout table's cell: its neighbours are side columns
        best, size = best.parent, outer
    return best


# -- docx ----------------------------------------------------------------------------------
def docx_text(path: Path) -> tuple[str, dict[str, str]]:
    """Paragraphs and table rows of a Word document, in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        lines = list(_docx_lines(document))
        title = document.core_properties.title or ""
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable DOCX ({_short(exc)})") from exc
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


# -- pdf -----------------------------------------------------------------------------------
def pdf_text(raw: bytes, *, path: str | Path = "<bytes>") -> tuple[str, dict[str, str]]:
    """The text layer of a PDF; none (a scan) or an unreadable file is an InputError."""
    import io

    from pdfminer.high_level import extract_text
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    if b"%PDF-" not in raw[:1024]:
        raise InputError(path, "not a readable PDF: no %PDF header")
    # pdfminer raises many exception types on damaged files; these are the ones seen.
    errors = (PDFException, PSException, ValueError, TypeError, KeyError, IndexError,
              AttributeError, AssertionError, EOFError, zlib.error, struct.error)
    try:
        text = extract_text(io.BytesIO(raw))
    except errors as exc:
        raise InputError(path, f"not a readable PDF: {_short(exc)}") from exc
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned?)")
    unmapped = len("".join(_CID.findall(text))) > CID_SHARE * len(text.strip())
    if unmapped or common_share(text) < COMMON_SHARE:
        raise InputError(path, "PDF text layer cannot be decoded (fonts without Unicode mapping)")
    return text.replace("\x0c", "\n").rstrip("\n") + "\n", {}


def _short(exc: BaseException) -> str:
    msg = " ".join(str(exc).split()) or type(exc).__name__
    return msg if len(msg) <= 80 else msg[:77] + "..."
