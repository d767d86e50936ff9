"""Windows of a long report: bounded stretches extracted one by one, spans mapped back.

A report up to :data:`WINDOW_CHARS` characters is extracted whole. A longer one, or one with a
stretch of more than :data:`RUN_CHARS` characters without a full stop, is cut into windows
(:func:`windows`) where a sentence starts, preferably where a top-level section or a paragraph
starts; each window gets its own :class:`~yxnlp.analysis.Analysis` (:meth:`WindowIndex.view`)
and the windows' indicators and entities are joined again (:func:`merge`). No extractor and no
model sees more than a window, so time and memory stay linear in the text.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import Any

from yxnlp import ingest, metadata, parts, sections, segment
from yxnlp.analysis import Analysis
from yxnlp.record import Entity, Indicator, Section, Sentence, Span

#: A report up to this many characters is extracted whole; a longer one in windows of at most
#: this size, cut where a sentence starts (where a top-level section or a paragraph starts,
#: when one does in the window's second half). Above the longest national report (57,600);
#: small enough that the model's memory stays bounded (it grows with the text it is given).
WINDOW_CHARS = 80_000
#: A stretch without a full stop or line break longer than this (no report has one; a dump
#: of a table or a text stripped of its punctuation does) is extracted in windows this long.
RUN_CHARS = sections.MAX_SENTENCE_CHARS
_FULL_STOP = re.compile(r"[。！？!?\n]")
_INDENT = frozenset(" \t\u3000")


@dataclasses.dataclass(frozen=True)
class Structure:
    """The structural stages' results for the whole report: an :class:`Analysis` but its Doc
    (segmenting is left to each window). Offsets refer to ``text``."""

    source: ingest.Source
    text: str
    furniture: list[Span]
    masked: str
    meta: metadata.Metadata
    sections: list[Section]
    sentences: list[Sentence]
    segmenter: str
    parts: parts.Parts

    @classmethod
    def of(cls, a: Analysis) -> Structure:
        """The structure of an analysed report (its Doc left out)."""
        return cls(a.source, a.text, a.furniture, a.masked, a.meta, a.sections, a.sentences,
                   a.segmenter, a.parts)  # fmt: skip

    def analysis(self) -> Analysis:
        """The whole report's analysis: ``masked`` segmented at once."""
        doc = segment.segment(self.masked, segmenter=self.segmenter)
        return Analysis(self.source, self.text, self.furniture, self.masked, self.meta,
                        self.sections, self.sentences, doc, self.segmenter, self.parts)  # fmt: skip


def windows(
    text: str,
    sents: Sequence[Sentence],
    secs: Sequence[Section],
    *,
    size: int = WINDOW_CHARS,
    run: int = RUN_CHARS,
) -> list[Span]:
    """Consecutive ``(start, end)`` windows covering ``text``, each cut where a sentence starts:
    one for a report of at most ``size`` characters without a run (a stretch longer than
    ``run`` without a full stop or line break); else windows of at most ``size``, or ``run``
    where they hold part of a run.

    >>> text = "一、甲\\n乙。\\n二、丙\\n丁。"
    >>> secs = sections.split_sections(text)
    >>> windows(text, sections.split_sentences(text, secs), secs, size=8)
    [(0, 7), (7, 13)]
    """
    runs = _runs(text, run)
    if len(text) <= size and not runs:
        return [(0, len(text))]
    tops = {s.span[0] for s in secs if s.level == 1}
    bounds = [0]
    best_top = best_para = 0  # the latest good cuts in the current window's second half
    in_run = False
    r = 0
    for s in sents:
        a, b = s.span
        while r < len(runs) and runs[r][1] <= a:
            r += 1
        touches = r < len(runs) and runs[r][0] < b
        limit = run if in_run or touches else size
        w0 = bounds[-1]
        if b - w0 > limit and a > w0:
            cut = a
            if not (in_run or touches):
                cut = best_top or best_para or a
            bounds.append(cut)
            best_top = best_para = 0
            in_run = touches
        else:
            in_run = in_run or touches
        if a - bounds[-1] > size // 2:
            if a in tops:
                best_top = a
            if _starts_line(text, a):
                best_para = a
    return list(zip(bounds, [*bounds[1:], len(text)], strict=True))


def _runs(text: str, run: int) -> list[Span]:
    """Stretches longer than ``run`` characters without a full stop or line break."""
    out: list[Span] = []
    prev = 0
    for m in _FULL_STOP.finditer(text):
        if m.start() - prev > run:
            out.append((prev, m.start()))
        prev = m.end()
    if len(text) - prev > run:
        out.append((prev, len(text)))
    return out


def _starts_line(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in _INDENT:
        k -= 1
    return k < 0 or text[k] == "\n"


class WindowIndex:
    """Windows of one report: sentences and sections found by position (indexed once)."""

    def __init__(self, st: Structure) -> None:
        self.st = st
        self.sentence_starts = [s.span[0] for s in st.sentences]
        self.sections = sections.SectionIndex(st.sections)

    def view(self, start: int, end: int) -> Analysis:
        """The analysis of ``text[start:end]`` (its sentences, the sections overlapping it, the
        report's parts) with offsets shifted by ``-start``, and the window's own Doc."""
        st = self.st

        def shift(span: Span) -> Span:
            return span[0] - start, span[1] - start

        lo = bisect.bisect_left(self.sentence_starts, start)
        hi = bisect.bisect_left(self.sentence_starts, end)
        sents = [Sentence(id=s.id, span=(s.span[0] - start, s.span[1] - start), section=s.section)
                 for s in st.sentences[lo:hi]]  # fmt: skip
        secs = [
            s.model_copy(update={"span": shift(s.span), "heading_span": shift(s.heading_span)})
            for s in self._overlapping(start, end)
        ]
        furniture = [shift(f) for f in st.furniture if f[0] < end and f[1] > start]
        masked = st.masked[start:end]
        doc = segment.segment(masked, segmenter=st.segmenter)
        return Analysis(st.source, st.text[start:end], furniture, masked, st.meta, secs, sents,
                        doc, st.segmenter, st.parts.within(secs, start, end))  # fmt: skip

    def _overlapping(self, start: int, end: int) -> list[Section]:
        """The sections holding ``start`` (outermost first) and those opening after it."""
        holding: list[Section] = []
        sec = self.sections.at(start)
        while sec is not None:
            holding.append(sec)
            sec = self.sections.parent(sec)
        return [*reversed(holding), *self.sections.starting(start + 1, end)]


def merge(
    windows_: list[tuple[int, list[Entity], list[Indicator]]],
) -> tuple[list[Entity], list[Indicator]]:
    """Entities and indicators of consecutive windows (each with its start) as one report's:
    spans shifted back, ids renumbered in text order, entities of one label and canonical name
    joined (the first window's attributes kept, indicator lists concatenated). The windows'
    objects are new and this function's own: they are updated in place."""
    inds: list[Indicator] = []
    merged: dict[tuple[str, str], Entity] = {}
    for start, ents, window_inds in windows_:
        ids: dict[str, str] = {}
        for i in window_inds:
            ids[i.id] = f"i{len(inds) + 1}"
            i.id = ids[i.id]
            i.span = (i.span[0] + start, i.span[1] + start)
            i.sentence_span = (i.sentence_span[0] + start, i.sentence_span[1] + start)
            inds.append(i)
        for e in ents:
            attrs = _shift_attributes(e.attributes, start, ids)
            for m in e.mentions:
                m.span = (m.span[0] + start, m.span[1] + start)
            first = merged.setdefault((e.label, e.canonical), e)
            if first is e:
                e.attributes = attrs
                continue
            first.mentions.extend(e.mentions)
            for k, v in attrs.items():
                if k == "indicators":
                    first.attributes.setdefault(k, []).extend(v)
                else:
                    first.attributes.setdefault(k, v)
    for n, e in enumerate(merged.values(), 1):
        e.id = f"e{n}"
    return list(merged.values()), inds


def _shift_attributes(attrs: dict[str, Any], start: int, ids: dict[str, str]) -> dict[str, Any]:
    """A window's entity attributes in the report's terms: the investment span shifted,
    indicator ids renumbered (the keys :mod:`yxnlp.extract.link` and the project attributes
    set)."""
    out = dict(attrs)
    if out.get("investment_span"):
        a, b = out["investment_span"]
        out["investment_span"] = [a + start, b + start]
    if "investment_indicator" in out:
        out["investment_indicator"] = ids.get(out["investment_indicator"])
    if "indicators" in out:
        out["indicators"] = [ids[i] for i in out["indicators"] if i in ids]
    return out

