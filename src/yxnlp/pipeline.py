"""The pipeline: ingest → clean → metadata → sections → segment → extract → record.

>>> rec = process("一、主要指标\\n全区地区生产总值增长6%。", source="demo.txt")
>>> [s.heading for s in rec.sections]
['主要指标']
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yxnlp import clean, ingest, metadata, parts, sections, segment
from yxnlp.analysis import Analysis
from yxnlp.extract import entities as entities_mod
from yxnlp.extract import indicators as indicators_mod
from yxnlp.extract import link
from yxnlp.record import Document, Entity, Indicator, Provenance, Record, Section, Sentence, Span
from yxnlp.version import VERSION

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
class _Structure:
    """The structural stages' results for the whole report: an :class:`Analysis` but its Doc."""

    source: ingest.Source
    text: str
    furniture: list[Span]
    masked: str
    meta: metadata.Metadata
    sections: list[Section]
    sentences: list[Sentence]
    segmenter: str
    parts: parts.Parts


def _structure(src: ingest.Source, *, segmenter: str) -> _Structure:
    text = src.text
    lines = clean.content_lines(text)
    furniture = clean.find_furniture(text, lines=lines)
    masked = clean.mask(text, furniture)
    meta = metadata.read_metadata(text, title=src.hints.get("title"), lines=lines)
    secs = sections.split_sections(masked)
    sents = sections.split_sentences(masked, secs)
    seg = segment.Segmenter(segmenter).value
    where = parts.read_parts(
        masked, secs, summary_year=meta.summary_year, plan_year=meta.plan_year, title=meta.title
    )
    return _Structure(src, text, furniture, masked, meta, secs, sents, seg, where)


def _analysis(st: _Structure) -> Analysis:
    doc = segment.segment(st.masked, segmenter=st.segmenter)
    return Analysis(st.source, st.text, st.furniture, st.masked, st.meta, st.sections,
                    st.sentences, doc, st.segmenter, st.parts)  # fmt: skip


def analyse(src: ingest.Source, *, segmenter: str = "jieba") -> Analysis:
    """Run the structural stages over one decoded source."""
    return _analysis(_structure(src, segmenter=segmenter))


def build_record(a: Analysis, *, ner: bool = True, window_chars: int = WINDOW_CHARS) -> Record:
    """Extract indicators and entities from an analysed report and assemble its record.

    A report longer than ``window_chars`` (or with a stretch of more than :data:`RUN_CHARS`
    without a full stop) is extracted window by window (see :func:`windows`), which bounds
    time and memory: cut where paragraphs start, its indicators come out as from the whole
    text; its entities are grouped within each window, then joined across windows by label and
    canonical name (a short form in one window and the full name in another stay apart).
    """
    st = _Structure(a.source, a.text, a.furniture, a.masked, a.meta, a.sections, a.sentences,
                    a.segmenter, a.parts)  # fmt: skip
    return _record(st, ner=ner, whole=a, size=window_chars)


def _record(
    st: _Structure, *, ner: bool, whole: Analysis | None = None, size: int = WINDOW_CHARS
) -> Record:
    spans = windows(st.masked, st.sentences, st.sections, size=size)
    if len(spans) == 1:
        ents, inds = _extract(whole or _analysis(st), ner=ner)
    else:
        index = _Index(st)
        ents, inds = _merge([(w0, *_extract(index.view(w0, w1), ner=ner)) for w0, w1 in spans])
    m = st.meta
    document = Document(
        id=st.source.id,
        source=st.source.name,
        title=m.title,
        issuer=m.issuer,
        region=m.region,
        published=m.published,
        summary_year=m.summary_year,
        plan_year=m.plan_year,
        rules=m.rules,
        format=st.source.format,
        length=len(st.text),
        text=None if st.source.format == "txt" else st.text,
        furniture=st.furniture,
    )
    provenance = Provenance(
        yxnlp=VERSION,
        segmenter=st.segmenter,
        ner_model=entities_mod.ner_model_name() if ner else None,
        created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    return Record(
        document=document,
        sections=st.sections,
        sentences=st.sentences,
        indicators=inds,
        entities=ents,
        provenance=provenance,
    )


def _extract(a: Analysis, *, ner: bool) -> tuple[list[Entity], list[Indicator]]:
    ents = entities_mod.extract_entities(a, use_ner=ner)
    inds = indicators_mod.extract_indicators(a, entities=ents)
    return link.link(ents, inds)


# -- windows of a long report ----------------------------------------------------------------
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


class _Index:
    """Windows of one report: sentences and sections found by position (indexed once)."""

    def __init__(self, st: _Structure) -> None:
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
        sents = [s.model_copy(update={"span": shift(s.span)}) for s in st.sentences[lo:hi]]
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


def _merge(
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


def _is_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    if not value or "\n" in value or len(value) > 1024:
        return False
    return Path(value).suffix.lower() in ingest.SUFFIXES or Path(value).is_file()


def process(
    path_or_text: str | Path,
    *,
    source: str | None = None,
    segmenter: str = "jieba",
    ner: bool = True,
) -> Record:
    """One report (a file path, or the text itself) in, its knowledge record out.

    A ``str`` is read as a path when it names an existing file or ends in a supported
    suffix (.txt .html .htm .docx .pdf); otherwise it is the report's text.

    Raises :class:`yxnlp.InputError` for a file that cannot be read.
    """
    if _is_path(path_or_text):
        src = ingest.read(path_or_text)
    else:
        src = ingest.from_text(str(path_or_text), name=source or "<text>")
    return _record(_structure(src, segmenter=segmenter), ner=ner)


@functools.cache
def warm_up(segmenter: str = "jieba", ner: bool = True) -> None:
    """Load the segmenter, the rule data, the gazetteer and the model once (workers, benchmarks).

    The sample touches every extractor: an indicator, a company list, a project, a body, a place.
    """
    process(_WARM_UP_TEXT, source="warm-up.txt", segmenter=segmenter, ner=ner)


_WARM_UP_TEXT = (
    "某县经济和信息化局2024年工作总结和2025年工作计划\n一、2024年工作回顾\n"
    "（一）稳增长。在县委、县政府领导下，全县地区生产总值增长6%，为华兴电子、宏达机械等8家企业"
    "协调贷款约1.2亿元，杭州市余杭区新材料产业园年产5万吨新型材料项目开工建设。\n"
    "二、2025年工作计划\n力争规上工业增加值增长7%以上。"
)
