"""The pipeline: ingest → clean → metadata → sections → segment → extract → record.

A report written in traditional characters is read through its simplified view
(:func:`yxnlp.script.simplified_view`, same length); the record's spans and the ``text`` of its
indicators and mentions are the source's, as written. A long report is extracted in windows
(:mod:`yxnlp.windowing`).

>>> rec = process("一、主要指标\\n全区地区生产总值增长6%。", source="demo.txt")
>>> [s.heading for s in rec.sections]
['主要指标']
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import Mapping
from pathlib import Path

from yxnlp import clean, ingest, metadata, parts, resources, script, sections, segment, taxonomy
from yxnlp.analysis import Analysis
from yxnlp.errors import InputError
from yxnlp.extract import entities as entities_mod
from yxnlp.extract import indicators as indicators_mod
from yxnlp.extract import link
from yxnlp.record import Document, Entity, Indicator, Provenance, Record
from yxnlp.version import VERSION
from yxnlp.windowing import RUN_CHARS, WINDOW_CHARS, Structure, WindowIndex, merge, windows

__all__ = ["RUN_CHARS", "WINDOW_CHARS", "analyse", "build_record", "process", "warm_up", "windows"]


def _structure(
    src: ingest.Source, *, segmenter: str, meta: Mapping[str, str] | None = None
) -> Structure:
    text = src.text
    view = script.simplified_view(text)  # the text itself unless it is traditional script
    lines = clean.content_lines(view)
    furniture = clean.find_furniture(view, lines=lines)
    masked = clean.mask(view, furniture)
    hint = src.hints.get("title")
    hint = script.simplified_view(hint) if hint and view is not text else hint
    md = metadata.read_metadata(view, title=hint, user=meta, lines=lines)
    secs = sections.split_sections(masked)
    sents = sections.split_sentences(masked, secs)
    seg = segment.Segmenter(segmenter).value
    where = parts.read_parts(
        masked, secs, summary_year=md.summary_year, plan_year=md.plan_year,
        title=md.title, summary_period=md.summary_period,
    )  # fmt: skip
    return Structure(src, text, furniture, masked, md, secs, sents, seg, where)


def analyse(
    src: ingest.Source, *, segmenter: str = "jieba", meta: Mapping[str, str] | None = None
) -> Analysis:
    """Run the structural stages over one decoded source (``meta``: metadata a user knows,
    see :func:`yxnlp.metadata.user_metadata`; it wins over what the text says)."""
    return _structure(src, segmenter=segmenter, meta=meta).analysis()


def build_record(a: Analysis, *, ner: bool = True, window_chars: int = WINDOW_CHARS) -> Record:
    """Extract indicators and entities from an analysed report and assemble its record.

    A report longer than ``window_chars`` (or with a stretch of more than :data:`RUN_CHARS`
    without a full stop) is extracted window by window (see :func:`windows`), which bounds
    time and memory: cut where paragraphs start, its indicators come out as from the whole
    text; its entities are grouped within each window, then joined across windows by label and
    canonical name (a short form in one window and the full name in another stay apart).
    """
    return _record(Structure.of(a), ner=ner, whole=a, size=window_chars)


def _record(
    st: Structure, *, ner: bool, whole: Analysis | None = None, size: int = WINDOW_CHARS
) -> Record:
    spans = windows(st.masked, st.sentences, st.sections, size=size)
    if len(spans) == 1:
        ents, inds = _extract(whole or st.analysis(), ner=ner)
    else:
        index = WindowIndex(st)
        ents, inds = merge([(w0, *_extract(index.view(w0, w1), ner=ner)) for w0, w1 in spans])
    if any(m.text != st.text[m.span[0] : m.span[1]] for e in ents for m in e.mentions):
        ents = [_as_written(e, st.text) for e in ents]  # read through a simplified view
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
        summary_period=m.summary_period,
        zone=m.zone,
        url=m.url,
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
        resources=resources.used(st.segmenter),
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


def _as_written(e: Entity, text: str) -> Entity:
    """``e`` with its mentions' text as the source writes it (a traditional-script report)."""
    mentions = [m.model_copy(update={"text": text[m.span[0] : m.span[1]]}) for m in e.mentions]
    return e.model_copy(update={"mentions": mentions})


def _is_path(value: str | Path, *, named: bool = False) -> bool:
    """A path: a ``Path``, or a short one-line string that names a file, or (unless the caller
    ``named`` the text with a source) ends in a supported suffix (``0.TXT`` named ``a.txt`` is
    text)."""
    if isinstance(value, Path):
        return True
    if not value or "\n" in value or len(value) > 1024:
        return False
    if Path(value).suffix.lower() in ingest.SUFFIXES and not named:
        return True
    try:
        return Path(value).is_file()
    except OSError:  # not a name the file system takes (too long a line of Chinese): text
        return False


def _a_missing_path(value: str) -> bool:
    """A short line with a path separator and no Chinese: a path with its suffix left off."""
    if "\n" in value or len(value) > 1024 or not ("/" in value or "\\" in value):
        return False
    return not script.has_ideographs(value)


def process(
    path_or_text: str | Path,
    *,
    source: str | None = None,
    segmenter: str = "jieba",
    ner: bool = True,
    meta: Mapping[str, str] | None = None,
) -> Record:
    """One report (a file path, or the text itself) in, its knowledge record out.

    A ``str`` is read as a path when it names an existing file or, unless ``source`` names
    it as text, ends in a supported suffix (.txt .html .htm .docx .pdf); otherwise it is the
    report's text. ``meta`` holds
    metadata the caller knows (keys ``title, issuer, region, published, summary_year,
    plan_year, url``); a value given wins over a guess and is marked ``user`` in
    ``document.rules``.

    >>> rec = process("一、概况\\n全区地区生产总值增长6%。", source="a.txt",
    ...               meta={"region": "嘉善县", "summary_year": "2023"}, ner=False)
    >>> rec.document.region.code, rec.document.summary_period, rec.document.rules["region"]
    ('330421', '2023', 'user')

    Raises :class:`yxnlp.InputError` for a file that cannot be read or a value that cannot
    be used, such as a path that names no file (a suffix left off) given without ``source``.
    """
    if _is_path(path_or_text, named=source is not None):
        src = ingest.read(path_or_text)
    elif source is None and _a_missing_path(str(path_or_text)):
        raise InputError(path_or_text, "no such file (pass the text itself, or a file that exists)")
    else:
        src = ingest.from_text(str(path_or_text), name=source or "<text>")
    return _record(_structure(src, segmenter=segmenter, meta=meta), ner=ner)


@functools.cache
def warm_up(segmenter: str = "jieba", ner: bool = True) -> None:
    """Load the segmenter, the rule data, the gazetteer, the taxonomy's nearest-name model and
    the NER model once (workers, benchmarks).

    The sample touches every extractor: an indicator, a company list, a project, a body, a place.
    What is loaded then lives as long as the process, so it is moved out of the cyclic garbage
    collector's sight (:func:`gc.freeze`): each full collection would walk the lexicon's and
    the gazetteer's hundreds of thousands of objects again (7% of the time of a long report),
    and a forked worker would copy every page the collector touches.
    """
    process(_WARM_UP_TEXT, source="warm-up.txt", segmenter=segmenter, ner=ner)
    taxonomy.nearest_model()  # the sample's subjects all have names: the fallback stays unread
    gc.freeze()


_WARM_UP_TEXT = (
    "某县经济和信息化局2024年工作总结和2025年工作计划\n一、2024年工作回顾\n"
    "（一）稳增长。在县委、县政府领导下，全县地区生产总值增长6%，为华兴电子、宏达机械等8家企业"
    "协调贷款约1.2亿元，杭州市余杭区新材料产业园年产5万吨新型材料项目开工建设。\n"
    "二、2025年工作计划\n力争规上工业增加值增长7%以上。"
)
