"""Sections and sentences: the seed's garbled markers, and shapes from other regions."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import pytest

from yxnlp.record import Section
from yxnlp.sections import MAX_SENTENCE_CHARS, SectionIndex, split_sections, split_sentences

ROOT = Path(__file__).resolve().parents[1]


def test_seed_levels(seed_text: str) -> None:
    secs = split_sections(seed_text)
    assert Counter(s.level for s in secs) == {1: 4, 2: 18, 4: 33}
    headings = [s.heading for s in secs if s.level == 1]
    assert headings == ["主要经济指标完成情况", "重点工作开展情况", "特色亮点工作", "2021年工作重点"]


def test_seed_garbled_markers(seed_text: str) -> None:
    """``()强化…``, ``)突出…`` and paragraphs whose ``(四)`` was lost are level-2 sections."""
    by_heading = {s.heading: s for s in split_sections(seed_text)}
    assert by_heading["强化责任担当,重点单项有序推进"].number == "()"
    assert by_heading["突出政治引领队伍建设不断强化"].number == ")"
    lost = by_heading["着力数字经济,支撑体系不断完善"]
    assert (lost.level, lost.number, lost.parent) == (2, None, "s2")


def test_seed_enumerations(seed_text: str) -> None:
    secs = split_sections(seed_text)
    items = [s for s in secs if s.parent == "s2.6"]
    assert [s.number for s in items] == ["一是", "二是", "三是", "四是"]
    assert items[0].heading == "建立建立重点企业专班制度"


def test_spans_nest_and_point_into_text(seed_text: str) -> None:
    secs = split_sections(seed_text)
    by_id = {s.id: s for s in secs}
    for s in secs:
        a, b = s.span
        assert 0 <= a < b <= len(seed_text)
        assert seed_text[s.heading_span[0] : s.heading_span[1]].endswith(s.heading)
        if s.parent:
            pa, pb = by_id[s.parent].span
            assert pa <= a and b <= pb


# (text, expected [(level, number, heading)]) — written in other regions' styles
SHAPES = [
    (
        "一、2023年工作回顾\n（一）稳住经济大盘。全县生产总值增长5.2%。\n（二）扩大有效投资。",
        [(1, "一、", "2023年工作回顾"), (2, "（一）", "稳住经济大盘"), (2, "（二）", "扩大有效投资")],
    ),
    (
        "二、2024年主要任务\n1.抓好项目建设。新开工项目60个。\n2.优化营商环境。",
        [(1, "二、", "2024年主要任务"), (3, "1.", "抓好项目建设"), (3, "2.", "优化营商环境")],
    ),
    (
        "（三）聚力招商引资。一是强化产业链招商，二是办好投资推介会。",
        [(2, "（三）", "聚力招商引资"), (4, "一是", "强化产业链招商"), (4, "二是", "办好投资推介会")],
    ),
    # flattened paragraphs (full-width spaces instead of line breaks), as on some portals
    (
        "　　一、过去一年工作　　过去一年，全市经济稳中有进。　　二、今年工作安排　　今年要稳中求进。",
        [(1, "一、", "过去一年工作"), (1, "二、", "今年工作安排")],
    ),
]

NEGATIVES = [
    "全区统一是非标准，坚持一是一、二是二的作风。",  # idioms, not an enumeration
    "1.58亿元用于技改，3.5%的增速保持平稳。",  # decimals at a line start are not headings
    "过去一年，全省经济运行总体平稳。",
]


@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_shapes(text: str, expected: list[tuple[int, str, str]]) -> None:
    got = [(s.level, s.number, s.heading) for s in split_sections(text)]
    assert got == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_sections(text: str) -> None:
    assert split_sections(text) == []


def test_sentences_cover_text_in_order(seed_text: str) -> None:
    secs = split_sections(seed_text)
    sents = split_sentences(seed_text, secs)
    spans = [s.span for s in sents]
    assert spans == sorted(spans)
    assert all(a < b and not seed_text[a].isspace() for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    first = next(s for s in sents if "445亿元" in seed_text[s.span[0] : s.span[1]])
    assert first.section == "s1"
    assert seed_text[first.span[0] : first.span[1]].endswith("。")


def _innermost_by_scan(secs: list[Section], pos: int) -> Section | None:
    """The definition: the deepest section holding ``pos`` (a scan of every section)."""
    best = None
    for s in secs:
        if s.span[0] <= pos < s.span[1] and (best is None or s.level >= best.level):
            best = s
    return best


INDEXED = ["seeds/000_cba11b42fa3c7c35.txt", "tests/golden/reports/longwan_fgj_2023.txt",
           "corpus/national/1955.txt", "corpus/provinces-2026/320000.txt"]  # fmt: skip


@pytest.mark.parametrize("path", INDEXED)
def test_section_index_finds_the_innermost_section(path: str) -> None:
    text = (ROOT / path).read_text("utf-8")
    secs = split_sections(text)
    index = SectionIndex(secs)
    assert len(secs) > 5
    for pos in range(0, len(text), 11):
        assert index.at(pos) == _innermost_by_scan(secs, pos)


def test_sentences_are_bounded() -> None:
    clauses = "全县规上工业增加值增长6%，" * 400  # 5,600 characters, commas only
    bare = "全县规上工业增加值增长" * 500  # 5,500 characters, no break at all
    for text in (clauses, bare):
        spans = [s.span for s in split_sentences(text, [])]
        assert all(b - a <= MAX_SENTENCE_CHARS for a, b in spans)
        assert "".join(text[a:b] for a, b in spans) == text
    assert all(clauses[b - 1] == "，" for a, b in (s.span for s in split_sentences(clauses, [])))
    assert [b - a for a, b in (s.span for s in split_sentences(bare, []))] == [2000, 2000, 1500]


def test_a_long_sentence_under_the_bound_is_whole() -> None:
    text = "全县规上工业增加值增长6%，" * 140 + "。"  # 1,961 characters
    assert [s.span for s in split_sentences(text, [])] == [(0, len(text))]
