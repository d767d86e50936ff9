"""Overlap resolution: rule > list > ner, then the longest span; a place inside any
name, a company (or body) inside a project may nest. Overlaps are looked up among the
candidates indexed by start (:class:`Spans`), not by comparing every pair."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import alternation, rules

#: (inner, outer) label pairs that may nest: a place inside any name, a company in a project.
_NESTING = {
    ("PLACE", "ORG"),
    ("PLACE", "PROJECT"),
    ("PLACE", "COMPANY"),
    ("COMPANY", "PROJECT"),
    ("ORG", "PROJECT"),
}


def overlap(a: Candidate, b: Candidate) -> bool:
    return a.start < b.end and b.start < a.end


def compatible(a: Candidate, b: Candidate) -> bool:
    """Two overlapping candidates may both stay when one nests in the other by label."""
    if a.start >= b.start and a.end <= b.end and (a.label, b.label) in _NESTING:
        return a.label != b.label
    if b.start >= a.start and b.end <= a.end and (b.label, a.label) in _NESTING:
        return a.label != b.label
    return False


def merge(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Resolve overlaps: rule > list > ner, then the longest span; nesting by label is kept.

    >>> a = Candidate("COMPANY", 0, 4, "华强科技", "list")
    >>> b = Candidate("COMPANY", 0, 6, "华强科技集团", "rule:legal_form")
    >>> [c.text for c in merge([a, b])]
    ['华强科技集团']
    """
    kept = Spans()
    order = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
    for c in order:
        if all(not overlap(c, k) or compatible(c, k) for k in kept.near(c)):
            kept.add(c)
    return sorted(kept.every, key=lambda c: (c.start, -c.end))


class Spans:
    """Candidates indexed by where they start (in blocks of :data:`BLOCK` characters), so
    overlap checks look only at the few that can share a character with a candidate, not at
    the whole document.

    >>> spans = Spans([Candidate("PLACE", 0, 3, "湖州市", "rule:gazetteer")])
    >>> [k.text for k in spans.near(Candidate("ORG", 2, 6, "市商务局", "rule:department"))]
    ['湖州市']
    >>> spans.near(Candidate("ORG", 3, 6, "商务局", "rule:department"))
    []
    """

    BLOCK = 32

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self.every: list[Candidate] = []  # in the order added
        self._blocks: dict[int, list[Candidate]] = {}  # the non-empty ones by start block
        self._longest = 0
        for c in candidates:
            self.add(c)

    def add(self, c: Candidate) -> None:
        self.every.append(c)
        if c.start < c.end:
            self._blocks.setdefault(c.start // self.BLOCK, []).append(c)
            self._longest = max(self._longest, c.end - c.start)

    def near(self, c: Candidate) -> list[Candidate]:
        """The non-empty candidates that share a character with ``c`` (all of them when
        ``c`` is empty)."""
        if c.start >= c.end:
            return self.every
        first = max(0, c.start - self._longest + 1) // self.BLOCK
        return [
            k
            for b in range(first, (c.end - 1) // self.BLOCK + 1)
            for k in self._blocks.get(b, ())
            if k.start < c.end and k.end > c.start
        ]


def add_short_places(text: str, merged: list[Candidate]) -> list[Candidate]:
    """Short forms (柯桥 for 柯桥区) of places named in full, where no other mention covers them."""
    stems = rules().stems_of_place
    full = {c.text for c in merged if c.label == "PLACE"}
    wanted = {s: n for n in full for s in stems.get(n, ())}
    if not wanted:
        return merged
    pattern = re.compile(alternation(wanted))
    spans = Spans(merged)
    extra = []
    for m in pattern.finditer(text):
        c = Candidate("PLACE", m.start(), m.end(), m.group(), "rule:place_short")
        others = spans.near(c)
        if all(not overlap(c, k) or (k.label != "PLACE" and compatible(c, k)) for k in others):
            extra.append(c)
    return sorted(merged + extra, key=lambda c: (c.start, -c.end))


def drop_short_places_in_firms(merged: list[Candidate]) -> list[Candidate]:
    """A place written without its suffix inside a firm's name (四川 in 四川某某科技) is part
    of the name, not a mention of the place; a full name inside another name still counts.

    >>> firm = Candidate("COMPANY", 0, 6, "浙江华强科技", "rule:shape")
    >>> short = Candidate("PLACE", 0, 2, "浙江", "rule:place_short")
    >>> [c.text for c in drop_short_places_in_firms([firm, short])]
    ['浙江华强科技']
    """
    firms = sorted((c.start, c.end) for c in merged if c.label == "COMPANY")
    starts = [s for s, _ in firms]
    reach = list(itertools.accumulate((e for _, e in firms), max))  # furthest end so far
    return [
        c
        for c in merged
        if not (
            c.label == "PLACE"
            and c.source == "rule:place_short"
            and (i := bisect.bisect_right(starts, c.start)) > 0
            and reach[i - 1] >= c.end  # a firm starting at or before it ends at or after it
        )
    ]
