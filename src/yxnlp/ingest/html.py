"""HTML: the main text block of a web page, one line per block element, and its title hint.

Navigation, headers, footers, scripts, forms and elements whose class or id words are page
chrome (``data/furniture.json``) are dropped; ``hints["title"]`` is the page's ``<h1>`` (else
its ``<title>``).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from yxnlp import resources
from yxnlp.errors import InputError
from yxnlp.ingest.decoding import is_binary

MAIN_SHARE = 0.3  # paragraph text the html main block must hold, else the whole body
CLIMB_RATIO, CLIMB_CHARS = 1.2, 80  # an enclosing block may add this much (heading, date)
# A page's shape, checked before the tree walk (whose time grows with elements × depth): real
# report pages nest a few dozen levels and hold a few thousand elements.
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
    from bs4 import BeautifulSoup, Tag

    if is_binary(raw):
        raise InputError(path, "binary file, not text")
    soup = BeautifulSoup(raw, "lxml")
    hints = {"title": t} if (t := _html_title(soup)) else {}
    if enc := soup.original_encoding:
        hints["encoding"] = str(enc)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if isinstance(tag, Tag) and not tag.decomposed and _is_noise(tag):
            tag.decompose()
    root = _main_block(soup)
    for br in root.find_all("br"):
        br.replace_with("\n")
    for tag in root.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (_SPACES.sub(" ", ln).strip() for ln in root.get_text().splitlines())
    return "\n".join(ln for ln in lines if ln), hints


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
    for name in ("article", "main"):
        found = [t for t in body.find_all(name) if t.get_text(strip=True)]
        if found:
            return max(found, key=lambda t: len(t.get_text(strip=True)))
    scores: dict[int, tuple[int, Any]] = {}
    for p in body.find_all(["p", "br", "div"]):
        parent = p.parent
        if parent is None or (p.name == "div" and p.find(_CONTAINERS) is not None):
            continue  # only paragraph-like divs count, not layout containers
        text = p.get_text(strip=True) if p.name == "p" else str(p.next_sibling or "").strip()
        old = scores.get(id(parent), (0, parent))
        scores[id(parent)] = (old[0] + len(text), parent)
    if not scores:
        return body
    best_len, best = max(scores.values(), key=lambda s: s[0])
    if best_len < MAIN_SHARE * len(body.get_text(strip=True)) or best.name in ("html", "body"):
        return body
    # Climb to the enclosing block while it adds little (the heading, a date line).
    size = len(best.get_text(strip=True))
    while best is not body and best.parent is not None and best.parent is not body:
        outer = len(best.parent.get_text(strip=True))
        if outer > CLIMB_RATIO * size + CLIMB_CHARS or best.name in ("td", "th", "tr", "tbody", "table"):
            break  # never leave a layout table's cell: its neighbours are side columns
        best, size = best.parent, outer
    return best
