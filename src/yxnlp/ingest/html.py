"""HTML: the main text block of a web page, one line per block element, and its title hint.

Navigation, headers, footers, scripts, forms and elements whose class or id words are page
chrome (``data/furniture.json``) are dropped; ``hints["title"]`` is the page's ``<h1>`` (else
its ``<title>``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from yxnlp import resources
from yxnlp.errors import InputError
from yxnlp.ingest.decoding import is_binary

MAIN_SHARE = 0.3  # paragraph text the html main block must hold, else the whole body
CLIMB_RATIO, CLIMB_CHARS = 1.2, 80  # an enclosing block may add this much (heading, date)
# A page's shape, checked before parsing: real report pages nest a few dozen levels and hold a
# few thousand elements (the walks below are linear, but a hostile page is refused early).
MAX_DEPTH = 200
MAX_ELEMENTS = 100_000


def check_shape(raw: bytes, *, path: str | Path = "<bytes>") -> None:
    """Refuse a page nested deeper than :data:`MAX_DEPTH` or holding more than
    :data:`MAX_ELEMENTS` elements, from one streaming pass of lxml's parser.

    >>> check_shape(b"<html><body>" + b"<div>" * 300 + b"x", path="deep.html")
    Traceback (most recent call last):
    ...
    yxnlp.errors.InputError: deep.html: not a readable HTML page: nested more than 200 levels deep
    """
    from lxml import etree

    parser = etree.HTMLPullParser(events=("start", "end"))
    depth = elements = 0
    for at in range(0, len(raw), 1 << 16):
        parser.feed(raw[at : at + (1 << 16)])
        for event, element in parser.read_events():
            if event == "end":
                depth -= 1
                element.clear()  # keep memory flat
                continue
            depth, elements = depth + 1, elements + 1
            if depth > MAX_DEPTH:
                raise InputError(path, f"not a readable HTML page: nested more than {MAX_DEPTH}"
                                       " levels deep")  # fmt: skip
            if elements > MAX_ELEMENTS:
                raise InputError(path, f"not a readable HTML page: more than {MAX_ELEMENTS}"
                                       " elements")  # fmt: skip

_DROP_TAGS = ("head", "title", "script", "style", "noscript", "template", "iframe", "nav", "header", "footer",
              "aside", "form", "button", "select", "input", "textarea", "svg", "canvas")
_BLOCK_TAGS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
               "section", "article", "main", "blockquote", "pre", "ul", "ol", "dd", "dt",
               "center", "td", "th")
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
