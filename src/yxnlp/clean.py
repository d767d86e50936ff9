"""Stage 2, clean: find page furniture and mask it without moving any offset.

Scraped reports carry the chrome of the page they came from: font-size toolbars
(``字体:【 】 打印``, ``下载 打印 全屏 收藏 【字号： 加大 还原 减小 】``), posting lines
(``2022-11-02 11:13文章来源: …``, ``来源：…``, ``时间：…``), breadcrumbs, photo credits
(``本报记者 某某 摄``), share buttons and counters (``浏览次数:``). The rules live in
``data/furniture.json``; each works on whole lines, most only near the top or bottom of the
page. :func:`find_furniture` returns their spans and :func:`mask` blanks them with spaces,
so the masked text has the same length and every offset still points into the source.

>>> text = "某县2023年工作总结\\n字体:【    】 打印\\n一、总体情况\\n浏览次数:"
>>> [text[s:e] for s, e in find_furniture(text)]
['字体:【    】 打印', '浏览次数:']
>>> mask(text, find_furniture(text)).splitlines()[1].strip() == ""
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from yxnlp import resources
from yxnlp.record import Span


@dataclass(frozen=True)
class Line:
    """A non-blank line: its index among non-blank lines, span and stripped text."""

    index: int
    start: int
    end: int
    text: str
    furniture: bool = False


@dataclass(frozen=True)
class _Rules:
    head: int
    tail: int
    zone_rules: tuple[tuple[str, str, re.Pattern[str]], ...]  # (id, zone, pattern)
    toolbar_token: re.Pattern[str]
    toolbar_strong: re.Pattern[str]
    toolbar_rest: str
    crumb_start: re.Pattern[str]
    crumb_home: frozenset[str]
    crumb_sep: frozenset[str]
    crumb_inline: re.Pattern[str]
    label_only: re.Pattern[str]
    label_max: int


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def rules() -> _Rules:
    """The furniture rules of ``data/furniture.json``, compiled once."""
    data = resources.furniture()
    bar, crumb = data.toolbar, data.breadcrumb
    seps = _alternation(crumb.separators)
    homes = _alternation(crumb.home)
    return _Rules(
        head=data.head_lines,
        tail=data.tail_lines,
        zone_rules=tuple((r.id, r.zone, re.compile(r.pattern)) for r in data.rules),
        toolbar_token=re.compile(_alternation(bar.strong + bar.weak)),
        toolbar_strong=re.compile(_alternation(bar.strong)),
        toolbar_rest=bar.brackets,
        crumb_start=re.compile(rf"(?:{_alternation(crumb.starts)})\s*[:：]\s*(.*)"),
        crumb_home=frozenset(crumb.home),
        crumb_sep=frozenset(crumb.separators),
        crumb_inline=re.compile(rf"(?:{homes})\s*(?:{seps})\s*.{{1,80}}"),
        label_only=re.compile(rf"(?:{_alternation(data.label_only.labels)})\s*[:：]"),
        label_max=data.label_only.max_value,
    )


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append(Line(len(out), pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return out


def _furniture_indices(lines: list[Line]) -> set[int]:
    hits: set[int] = set()
    for found in (_by_rules(lines), _toolbars(lines), _breadcrumbs(lines), _label_pairs(lines)):
        hits.update(found)
    return hits


def find_furniture(text: str, *, lines: Sequence[Line] | None = None) -> list[Span]:
    """Spans of page-furniture lines (leading/trailing blanks excluded), in text order
    (``lines``: :func:`content_lines` of ``text``, when the caller has them already).

    >>> page = "下载\\n打印\\n【字号：\\n加大\\n还原\\n减小\\n】\\n2026年某省政府工作报告\\n来源：某某日报"
    >>> len(find_furniture(page))
    8
    >>> find_furniture("一、主要指标\\n全年地区生产总值增长6%。")
    []
    """
    found = content_lines(text) if lines is None else lines
    return [(ln.start, ln.end) for ln in found if ln.furniture]


def content_lines(text: str) -> tuple[Line, ...]:
    """The non-blank lines of ``text``, each flagged if it is page furniture (the pipeline
    computes them once and hands them to cleaning and metadata).

    >>> [(ln.text, ln.furniture) for ln in content_lines("标题\\n\\n字体:【 】 打印\\n正文")]
    [('标题', False), ('字体:【 】 打印', True), ('正文', False)]
    """
    lines = _lines(text)
    hits = _furniture_indices(lines)
    return tuple(replace(ln, furniture=True) if ln.index in hits else ln for ln in lines)


def _zone(line: Line, n: int, r: _Rules) -> set[str]:
    zones = {"anywhere"}
    if line.index < r.head:
        zones.add("head")
    if line.index >= n - r.tail:
        zones.add("tail")
    return zones


def _by_rules(lines: list[Line]) -> Iterator[int]:
    r = rules()
    for line in lines:
        zones = _zone(line, len(lines), r)
        if any(z in zones and p.fullmatch(line.text) for _, z, p in r.zone_rules):
            yield line.index


def _is_toolbar(text: str, r: _Rules) -> bool:
    rest = r.toolbar_token.sub("", text)
    return all(c in r.toolbar_rest or c.isspace() for c in rest)


def _toolbars(lines: list[Line]) -> Iterator[int]:
    """Runs of toolbar-only lines holding at least one strong word."""
    r = rules()
    run: list[int] = []
    for line in [*lines, None]:
        if line is not None and _is_toolbar(line.text, r):
            run.append(line.index)
            continue
        if any(r.toolbar_strong.search(lines[i].text) for i in run):
            yield from run
        run = []


def _breadcrumbs(lines: list[Line]) -> Iterator[int]:
    """当前位置：首页 > … either on one line or one item per line (head zone only)."""
    r = rules()
    head = lines[: r.head]
    i = 0
    while i < len(head):
        text = head[i].text
        start = r.crumb_start.fullmatch(text)
        if r.crumb_inline.fullmatch(text) or (start and start.group(1)):
            yield i
            i += 1
            continue
        nxt = head[i + 1].text if i + 1 < len(head) else ""
        if start or (text in r.crumb_home and nxt in r.crumb_sep):
            j = i + 1
            while j < len(head):
                if head[j].text in r.crumb_sep:
                    j += 2  # the separator and the item after it
                elif j == i + 1 and start and head[j].text in r.crumb_home:
                    j += 1
                else:
                    break
            j = min(j, len(head))
            if i + 1 < j < len(head) and head[j].text == head[j - 1].text:
                j += 1  # the last item repeated as the page's section heading
            yield from range(i, j)
            i = j
            continue
        i += 1


def _label_pairs(lines: list[Line]) -> Iterator[int]:
    """``时间：`` alone on a line, its value on the next (head and tail zones)."""
    r = rules()
    for k, line in enumerate(lines[:-1]):
        if not ({"head", "tail"} & _zone(line, len(lines), r)):
            continue
        if r.label_only.fullmatch(line.text):
            value = lines[k + 1].text
            yield k
            if (len(value) <= r.label_max and not value.endswith((":", "："))
                    and not re.search(r"[。；;！!？?]", value)):
                yield k + 1


def mask(text: str, spans: list[Span]) -> str:
    """Replace each span by spaces of the same length, so offsets are unchanged.

    >>> mask("打印正文", [(0, 2)])
    '  正文'
    >>> mask("页首\\r\\n正文末尾", [(4, 6), (0, 3), (5, 7)])  # line breaks stay; spans may overlap
    '  \\r\\n   尾'
    """
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if start >= end:
            continue
        out += [text[pos:start], _NOT_A_BREAK.sub(" ", text[start:end])]
        pos = end
    out.append(text[pos:])
    return "".join(out)


_NOT_A_BREAK = re.compile(r"[^\r\n]")
