"""Stage: split a report into sections (with levels) and sentences, all with spans.

Levels: 1 ``一、``; 2 ``(一)`` (also the garbled ``()`` and a lone ``)``, and an unnumbered
short "phrase，phrase" paragraph among numbered siblings); 3 ``1.`` / ``(1)``; 4 ``一是…二是``
enumeration items. Cues live in ``data/sections.json``.

>>> text = "一、总体情况\\n(一)抓项目,促投资一是开工项目12个。二是投产项目5个。"
>>> [(s.id, s.level, s.heading) for s in split_sections(text)]
[('s1', 1, '总体情况'), ('s1.1', 2, '抓项目,促投资'), ('s1.1.1', 4, '开工项目12个'), ('s1.1.2', 4, '投产项目5个')]
>>> [text[a:b] for a, b in (s.span for s in split_sentences(text, split_sections(text)))][-1]
'二是投产项目5个。'
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources, scan
from yxnlp.numerals import cn_to_number
from yxnlp.record import Section, Sentence, Span

#: Longest sentence: a longer stretch without a sentence end (no report has one; a table
#: dump or a text stripped of punctuation does) is cut into pieces this long.
MAX_SENTENCE_CHARS = 2_000
_SOFT_BREAK = re.compile(r"[，,、：:\s]")
_COMMA = re.compile("[,，]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class _Cues:
    paragraph: re.Pattern[str]
    levels: tuple[tuple[int, re.Pattern[str]], ...]
    heading_end: re.Pattern[str]
    heading_max: int
    unnumbered_max: int
    enumerator: re.Pattern[str]
    enum_before: re.Pattern[str]
    item_end: re.Pattern[str]
    item_max: int
    sentence_end: scan.Guarded


@functools.cache
def _cues() -> _Cues:
    raw = resources.sections()
    return _Cues(
        paragraph=re.compile(raw.paragraph_start),
        levels=tuple((lv.level, re.compile(lv.marker)) for lv in raw.levels),
        heading_end=re.compile(raw.heading_end),
        heading_max=raw.heading_max_chars,
        unnumbered_max=raw.unnumbered_heading_max_chars,
        enumerator=re.compile(raw.enumerator),
        enum_before=re.compile(raw.enumerator_preceded_by),
        item_end=re.compile(raw.item_heading_end),
        item_max=raw.item_heading_max_chars,
        sentence_end=scan.compile(raw.sentence_end),
    )


def cn_ordinal(numeral: str) -> int | None:
    """Value of a small Chinese ordinal.

    >>> cn_ordinal("十二"), cn_ordinal("三"), cn_ordinal("")
    (12, 3, None)
    """
    value = cn_to_number(numeral)
    return int(value) if value else None


@dataclass
class _Heading:
    start: int  # marker start
    title_start: int
    title_end: int
    level: int
    number: str | None


def _title_end(text: str, start: int, limit: int) -> int:
    cues = _cues()
    stop = min(len(text), start + limit)
    m = cues.heading_end.search(text, start, stop)
    end = m.start() if m else stop
    e = cues.enumerator.search(text, start, end)
    if e and e.group("num") == "一":
        end = e.start()
    return end


def _paragraph_starts(text: str) -> list[int]:
    starts = [m.end() for m in _cues().paragraph.finditer(text)]
    return sorted({s for s in starts if s < len(text)})


def _numbered_headings(text: str, starts: list[int]) -> list[_Heading]:
    cues = _cues()
    found: list[_Heading] = []
    for pos in starts:
        for level, marker in cues.levels:
            m = marker.match(text, pos)
            if not m:
                continue
            end = _title_end(text, m.end(), cues.heading_max)
            title = text[m.end() : end].strip()
            if (title and not title[0].isdigit()) or (title and level == 1):
                found.append(_Heading(pos, m.end(), end, level, m.group().strip()))
            break
    return found


def _unnumbered_headings(text: str, numbered: list[_Heading], starts: list[int]) -> list[_Heading]:
    """Short "phrase，phrase" paragraphs standing between numbered level-2 siblings.

    Such a paragraph is a subsection whose number was lost (a scraping defect) or a run-in
    heading; one after the last numbered sibling is ordinary text and is left alone.
    """
    cues = _cues()
    taken = {h.start for h in numbered}
    level1 = [h.start for h in numbered if h.level == 1]
    level2 = [h.start for h in numbered if h.level == 2]
    out: list[_Heading] = []
    for pos in starts:
        if pos in taken:
            continue
        i = bisect.bisect_right(level1, pos)
        lo = level1[i - 1] if i else -1
        hi = level1[i] if i < len(level1) else len(text)
        before = bisect.bisect_right(level2, lo)  # the first level-2 heading after ``lo``
        after = bisect.bisect_right(level2, pos)  # the first one after ``pos``
        if not (before < len(level2) and level2[before] < pos):
            continue
        if not (after < len(level2) and level2[after] < hi):
            continue
        end = _title_end(text, pos, cues.unnumbered_max + 1)
        title = text[pos:end]
        closed = end < len(text) and (text[end] in "。\n" or text.startswith("一是", end))
        if (
            closed
            and 4 <= len(title) <= cues.unnumbered_max
            and _COMMA.search(title)
            and not _DIGIT.search(title)
        ):
            out.append(_Heading(pos, pos, end, 2, None))
    return out


def _enumeration_items(text: str, start: int, end: int) -> list[_Heading]:
    """``一是…二是…`` items in ``text[start:end]``, accepted in order."""
    cues = _cues()
    cands = [
        (m, cn_ordinal(m.group("num")) or 0) for m in cues.enumerator.finditer(text, start, end)
    ]
    last_at = {n: i for i, (_, n) in enumerate(cands)}  # where each ordinal is seen last
    items: list[_Heading] = []
    expected = 1
    for i, (m, n) in enumerate(cands):
        if n != expected:
            # tolerate a lost ordinal: accept a later one if it clearly continues the list
            if not (items and n == expected + 1):
                continue
        prev_ok = m.start() == start or bool(cues.enum_before.match(text, m.start() - 1))
        follows = last_at.get(n + 1, -1) > i  # a later candidate continues the list
        if not (prev_ok or n >= 2 or follows):
            continue
        limit = min(end, m.end() + cues.item_max)
        stop = cues.item_end.search(text, m.end(), limit)
        items.append(_Heading(m.start(), m.end(), stop.start() if stop else limit, 4, m.group()))
        expected = n + 1
    return items


def split_sections(text: str) -> list[Section]:
    """Sections in document order, nested by level, each spanning heading and body."""
    starts = _paragraph_starts(text)
    heads = _numbered_headings(text, starts)
    heads = sorted(heads + _unnumbered_headings(text, heads, starts), key=lambda h: h.start)
    bounds = [h.start for h in heads] + [len(text)]
    items: list[_Heading] = []
    for i, h in enumerate(heads):
        items += _enumeration_items(text, h.title_end, bounds[i + 1])
    if heads:
        items += _enumeration_items(text, 0, heads[0].start) if heads[0].start else []
    all_heads = sorted(heads + items, key=lambda h: (h.start, h.level))

    nodes: list[_Node] = []
    stack: list[tuple[_Heading, str, list[int]]] = []  # heading, section id, child counter
    top_counter = [0]
    for h in all_heads:
        while stack and stack[-1][0].level >= h.level:
            stack.pop()
        counter = stack[-1][2] if stack else top_counter
        counter[0] += 1
        sid = (stack[-1][1] + "." if stack else "s") + str(counter[0])
        nodes.append(_Node(sid, h, stack[-1][1] if stack else None))
        stack.append((h, sid, [0]))
    ends = _ends(nodes, len(text))
    return [
        Section(
            id=x.id,
            heading=text[x.head.title_start : x.head.title_end].strip(),
            level=x.head.level,
            number=x.head.number,
            parent=x.parent,
            span=(x.head.start, end),
            heading_span=(x.head.start, x.head.title_end),
        )
        for x, end in zip(nodes, ends, strict=True)
    ]


class _Node(NamedTuple):
    id: str
    head: _Heading
    parent: str | None


def _ends(nodes: list[_Node], n: int) -> list[int]:
    """Where each section ends: where the next section of the same or a higher level begins.

    Sections come in document order, each right after its parent and before the parent's next
    sibling, so the scan from one section stops within its own descendants (at most four
    levels deep) and the parent's end is looked up by id: linear in the number of sections.
    """
    out: list[int] = []
    ends: dict[str, int] = {}
    for i, s in enumerate(nodes):
        end = n
        level = s.head.level
        for j in range(i + 1, len(nodes)):
            t = nodes[j]
            if t.head.level <= level or (level == 4 and t.head.level != 4) or t.parent == s.parent:
                end = t.head.start
                break
        if s.parent is not None:
            end = min(end, ends.get(s.parent, n))
        ends[s.id] = end
        out.append(end)
    return out


def split_sentences(text: str, sections: list[Section]) -> list[Sentence]:
    """Sentences (also cut at headings and enumeration items), each in its innermost section."""
    cues = _cues()
    cuts = {0, len(text)}
    for m in cues.sentence_end.finditer(text):
        cuts.add(m.end())
    for s in sections:
        cuts.add(s.span[0])
        if s.level < 4:
            cuts.add(s.heading_span[1])
    index = SectionIndex(sections)
    out: list[Sentence] = []
    points = sorted(cuts)
    for a2, b2 in _bounded(text, points):
        section = index.at(a2)
        out.append(
            Sentence(id=f"t{len(out) + 1}", span=(a2, b2), section=section.id if section else None)
        )
    return out


def _bounded(text: str, points: list[int]) -> Iterator[Span]:
    """The non-blank stretches between consecutive ``points``, stripped, each cut after the
    last soft break (comma, enumeration comma, colon, space) into pieces of at most
    :data:`MAX_SENTENCE_CHARS` when longer (else at that length).

    >>> list(_bounded("甲乙，丙丁戊己 ", [0, 8]))
    [(0, 7)]
    """
    size = MAX_SENTENCE_CHARS
    for a, b in itertools.pairwise(points):
        a, b = _strip(text, a, b)
        while b - a > size:
            found = None
            for found in _SOFT_BREAK.finditer(text, a + size // 2, a + size):  # noqa: B007
                pass
            cut = found.end() if found else a + size
            piece = _strip(text, a, cut)
            if piece[0] < piece[1]:
                yield piece
            a, b = _strip(text, cut, b)
        if a < b:
            yield a, b


def _strip(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


class SectionIndex:
    """Innermost-section look-ups by position, each in O(log n).

    Sections nest (a child's span lies in its parent's, siblings do not overlap), so the
    innermost section holding ``pos`` is the last one starting at or before ``pos`` or one of
    its ancestors: a bisect, then a walk up at most four levels.

    >>> secs = split_sections("一、总体情况\\n(一)抓项目。开工12个。\\n二、计划\\n增长6%。")
    >>> index = SectionIndex(secs)
    >>> [index.at(p).id for p in (0, 9, 25)]
    ['s1', 's1.1', 's2']
    """

    def __init__(self, sections: list[Section]) -> None:
        self._ordered = sorted(sections, key=lambda s: (s.span[0], s.level))
        self._starts = [s.span[0] for s in self._ordered]
        self._by_id = {s.id: s for s in sections}

    def at(self, pos: int) -> Section | None:
        """The innermost section containing ``pos``, or ``None``."""
        i = bisect.bisect_right(self._starts, pos) - 1
        sec = self._ordered[i] if i >= 0 else None
        while sec is not None and not sec.span[0] <= pos < sec.span[1]:
            sec = self.parent(sec)
        return sec

    def parent(self, sec: Section) -> Section | None:
        return self._by_id.get(sec.parent) if sec.parent else None

    def starting(self, start: int, end: int) -> list[Section]:
        """The sections starting in ``[start, end)``, in document order."""
        lo = bisect.bisect_left(self._starts, start)
        return self._ordered[lo : bisect.bisect_left(self._starts, end)]


def section_at(sections: list[Section], pos: int) -> Section | None:
    """The innermost section containing ``pos`` (for many look-ups, use :class:`SectionIndex`).

    >>> secs = split_sections("一、总体情况\\n(一)抓项目。开工12个。")
    >>> section_at(secs, 9).heading
    '抓项目'
    """
    return SectionIndex(sections).at(pos)
