"""Long reports in windows: where the cuts fall, and records that do not depend on them."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import yxnlp
from yxnlp import pipeline
from yxnlp.ingest import from_text
from yxnlp.parts import read_parts
from yxnlp.record import Record
from yxnlp.sections import MAX_SENTENCE_CHARS, split_sections, split_sentences

ROOT = Path(__file__).resolve().parents[1]
LONG_REPORT = ROOT / "corpus" / "national" / "1955.txt"  # the longest report of the corpus


def cut(text: str, *, size: int, run: int = 2_000) -> list[tuple[int, int]]:
    secs = split_sections(text)
    return pipeline.windows(text, split_sentences(text, secs), secs, size=size, run=run)


def assert_tiles(text: str, spans: list[tuple[int, int]]) -> None:
    """Windows follow each other from 0 to the end, each cut where a sentence starts."""
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(spans))
    starts = {s.span[0] for s in split_sentences(text, split_sections(text))}
    assert all(a in starts for a, _ in spans[1:])


TWO_PARTS = "一、2024年工作回顾\n" + "全县生产总值增长5%。" * 30 + "\n二、2025年工作计划\n" + "力争增长6%。" * 30
PARAGRAPHS = "".join(f"第{i}段。全市工业投资增长{i}%。\n" for i in range(40))
ONE_LINE = "全县新增企业12户。" * 60  # sentences, no line break
RUN = "一、概况\n" + "全县规上工业增加值增长" * 400 + "。\n二、计划\n力争增长7%。"  # 4,400 without a full stop


def test_a_short_report_is_one_window() -> None:
    text = "一、概况\n全县增长6%。"
    assert cut(text, size=100) == [(0, len(text))]
    assert cut(TWO_PARTS, size=len(TWO_PARTS)) == [(0, len(TWO_PARTS))]  # headings alone cut nothing


def test_cut_where_a_top_level_section_starts() -> None:
    spans = cut(TWO_PARTS, size=int(len(TWO_PARTS) * 0.8))
    assert_tiles(TWO_PARTS, spans)
    assert spans[1][0] == TWO_PARTS.index("二、2025年工作计划")


def test_else_where_a_paragraph_starts() -> None:
    spans = cut(PARAGRAPHS, size=60)
    assert_tiles(PARAGRAPHS, spans)
    assert len(spans) > 5
    assert all(PARAGRAPHS[a - 1] == "\n" for a, _ in spans[1:])
    assert all(b - a <= 60 for a, b in spans)


def test_else_where_a_sentence_starts() -> None:
    spans = cut(ONE_LINE, size=50)
    assert_tiles(ONE_LINE, spans)
    assert all(ONE_LINE[a - 1] == "。" and b - a <= 50 for a, b in spans[1:])


def test_a_stretch_without_full_stop_is_cut_short() -> None:
    spans = cut(RUN, size=100_000, run=2_000)
    assert_tiles(RUN, spans)
    assert len(spans) >= 3
    assert all(b - a <= 2_000 for a, b in spans)
    sents = split_sentences(RUN, split_sections(RUN))
    assert max(b - a for a, b in (s.span for s in sents)) <= MAX_SENTENCE_CHARS


@pytest.fixture(scope="module")
def long_report() -> tuple[Record, Record]:
    a = pipeline.analyse(from_text(LONG_REPORT.read_text("utf-8"), name=LONG_REPORT.name))
    return pipeline.build_record(a, ner=False), pipeline.build_record(a, ner=False, window_chars=20_000)


def test_windows_give_the_same_indicators(long_report: tuple[Record, Record]) -> None:
    whole, windowed = long_report
    text = LONG_REPORT.read_text("utf-8")
    assert len(pipeline.windows(text, whole.sentences, whole.sections, size=20_000)) >= 3
    assert windowed.indicators == whole.indicators
    assert (windowed.sections, windowed.sentences) == (whole.sections, whole.sentences)


def test_windows_give_the_mentions_a_window_can_see(long_report: tuple[Record, Record]) -> None:
    """Within a window, every mention is found as in the whole text; a short place name (北京)
    counts only where its full name (北京市) is in the same window."""
    whole, windowed = long_report

    def mentions(rec: Record) -> set[tuple[str, tuple[int, int], str]]:
        return {(e.label, m.span, m.text) for e in rec.entities for m in e.mentions}

    missing = mentions(whole) - mentions(windowed)
    assert mentions(windowed) <= mentions(whole)
    places = {text for label, _, text in mentions(whole) if label == "PLACE"}
    for label, _, short in missing:
        assert label == "PLACE"
        assert any(p.startswith(short) and p != short for p in places)
    assert len(windowed.entities) >= len(whole.entities)  # grouped within windows


def test_a_windowed_record_is_consistent(long_report: tuple[Record, Record]) -> None:
    _, rec = long_report
    assert [i.id for i in rec.indicators] == [f"i{n}" for n in range(1, len(rec.indicators) + 1)]
    assert [e.id for e in rec.entities] == [f"e{n}" for n in range(1, len(rec.entities) + 1)]
    ids = {i.id for i in rec.indicators}
    names = {e.canonical for e in rec.entities}
    assert all(set(e.attributes.get("indicators", [])) <= ids for e in rec.entities)
    assert all(i.entity in names for i in rec.indicators if i.entity)
    firsts = [min(m.span for m in e.mentions) for e in rec.entities]
    assert firsts == sorted(firsts)


@pytest.mark.slow
def test_more_than_a_million_characters() -> None:
    """Over spaCy's max_length (1,000,000), which the pipeline no longer depends on."""
    report = (ROOT / "tests" / "golden" / "reports" / "longwan_fgj_2023.txt").read_text("utf-8")
    text = "\n".join([report] * (1_000_000 // len(report) + 2))
    assert len(text) > 1_000_000
    rec = yxnlp.process(text, source="long.txt", ner=False)
    assert rec.document.length == len(text)
    assert all(text[i.span[0] : i.span[1]] == i.text for i in rec.indicators)
    assert max(i.span[0] for i in rec.indicators) > 1_000_000 - len(report)


@pytest.mark.slow
def test_a_line_without_punctuation() -> None:
    text = "全县规上工业增加值增长6%新增企业12户" * 3_000  # 63,000 characters, one line
    rec = yxnlp.process(text, source="flat.txt", ner=False)
    assert max(b - a for a, b in (s.span for s in rec.sentences)) <= MAX_SENTENCE_CHARS
    assert sum(i.text == "12户" for i in rec.indicators) > 2_500
    assert all(text[i.span[0] : i.span[1]] == i.text for i in rec.indicators)


# plan parts opened by a heading, by a paragraph lead and by a short line, and a year lead
PARTS_TEXT = (
    "某县2024年工作总结和2025年工作计划\n一、2024年工作回顾\n全县生产总值增长5%。\n"
    "二、存在问题\n投资增长放缓。2025年，我们将力争增长6%。\n"
    "（一）稳增长\n规上工业增加值增长7%。\n三、2025年工作计划\n力争增长6%。今年要稳中求进。\n"
)


@pytest.mark.parametrize("start", [0, 20, PARTS_TEXT.index("投资"), PARTS_TEXT.index("（一）")])
def test_parts_seen_from_a_window(start: int) -> None:
    """Whether a position is in the plan part reads the same from any window holding it."""
    text = PARTS_TEXT
    secs = split_sections(text)
    parts = read_parts(text, secs, summary_year=2024, plan_year=2025, title=text.split("\n")[0])
    end = len(text) - 5
    mine = [
        s.model_copy(update={"span": (s.span[0] - start, s.span[1] - start),
                             "heading_span": (s.heading_span[0] - start, s.heading_span[1] - start)})
        for s in secs
        if s.span[0] < end and s.span[1] > start
    ]  # fmt: skip
    seen = parts.within(mine, start, end)
    assert [seen.is_plan_at(p - start) for p in range(start, end)] == [
        parts.is_plan_at(p) for p in range(start, end)
    ]
    assert any(parts.is_plan_at(p) for p in range(start, end))
