"""The entity rules' fast scans find what a plain scan of the whole text finds (issue 12).

The rules look only where a match can be: the lines holding a shape's cue
(:func:`~yxnlp.extract.entities.data.search_lines`), the offsets whose two characters open a
place name, the ranges near a verb of investment. Each is checked against the plain scan it
replaces, on invented lines of our own and on every report of the demo corpus.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yxnlp import lexicon, resources
from yxnlp.extract.entities import contexts, data, merging, places, prefixes
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.record import Label

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "corpus").rglob("*.txt"))

# lines that hold a match of each shape (names invented), and lines that only look like one
LINES = "\n".join(
    [
        "一、概况",
        "宏泰风电齿轮箱二期、鑫源3期项目建成投产，引江济淮二期工程加快推进。",
        "全年引进瑞丰、华泓等企业12家，推动景和新材、汇通光电等6个配套项目签约落地。",
        "支持金诚、宏远电子等6家企业办理转贷，督促长兴、德清等县区落实。",
        "融入长三角城市群，对接成渝地区双城经济圈。",
        "“十四五”时期，长期坚持，期间项目等工作有序开展。",
        "等待项目",
    ]
)


def _scans() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    s, r = contexts._shapes(), data.rules()
    return [
        ("phase", s.phase, s.phase_cue),
        ("project_list", s.project_list, s.project_list_cue),
        ("enumeration", r.enum_company_re, r.enum_cue_re),
        ("named_region", r.region_re, r.region_kind_re),
    ]


@pytest.mark.parametrize("name", ["phase", "project_list", "enumeration", "named_region"])
def test_line_search_finds_every_match_on_invented_lines(name: str) -> None:
    pattern, cue = next((p, c) for n, p, c in _scans() if n == name)
    plain = [m.span() for m in pattern.finditer(LINES)]
    assert plain  # each shape is exercised
    assert [m.span() for m in data.search_lines(pattern, LINES, cue)] == plain


def test_line_search_finds_every_match_in_the_corpus() -> None:
    assert CORPUS
    for path in CORPUS:
        text = path.read_text("utf-8")
        for name, pattern, cue in _scans():
            plain = [m.span() for m in pattern.finditer(text)]
            fast = [m.span() for m in data.search_lines(pattern, text, cue)]
            assert fast == plain, (path.name, name)


def test_a_shape_cue_is_part_of_every_match() -> None:
    """The cue of a shape matches inside each of its matches (so no line is skipped wrongly)."""
    for name, pattern, cue in _scans():
        for m in pattern.finditer(LINES):
            assert cue.search(m.group()), (name, m.group())


def test_place_name_starts_hold_every_offset_opening_a_name() -> None:
    names = data.rules().places
    for text in (LINES, *(p.read_text("utf-8") for p in CORPUS[:20])):
        starts = set(places._gazetteer_starts(text))
        every = {i for i in range(len(text)) for k in range(2, 13) if text[i : i + k] in names}
        assert every <= starts
        assert all(text[i : i + 2] in data.rules().place_prefixes for i in starts)
    assert places._gazetteer_starts("") == places._gazetteer_starts("湖") == []


@pytest.mark.parametrize("which", ["industry", "org_core"])
def test_word_patterns_are_the_alternation_matches(which: str) -> None:
    """Industry words and bodies' department cores, tried only where a word starts."""
    r = data.rules()
    pattern, index = getattr(r, f"{which}_re"), getattr(r, f"{which}_index")
    for text in (
        LINES,
        "市发展改革委、区经信局和县农业农村局",
        *(p.read_text("utf-8") for p in CORPUS),
    ):
        plain = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in prefixes.matches(pattern, text, index)] == plain


def test_a_list_with_a_one_character_word_is_searched_everywhere() -> None:
    index = prefixes.PrefixIndex(["园", "产业园"])
    pattern = re.compile("产业园|园")
    text = "建设甲产业园和乙园"
    assert index.everywhere
    assert [m.span() for m in prefixes.matches(pattern, text, index)] == [
        m.span() for m in pattern.finditer(text)
    ]


def test_short_places_are_the_alternation_matches_on_word_bounds() -> None:
    """The short names found as a regex alternation would find them (leftmost, longest)."""
    names = places._short_place_names()
    alternation = re.compile(data.alternation(names))
    for path in CORPUS[:20]:
        text = path.read_text("utf-8")
        bounds = frozenset(range(len(text) + 1))  # every offset: only the scan is compared
        full = data.rules().places
        plain = [
            m.span()
            for m in alternation.finditer(text)
            if not any(text[m.start() : m.end() + k] in full for k in range(1, 4))
        ]
        fast = [(c.start, c.end) for c in places._short_places(text, bounds)]
        assert fast == plain, path.name


def test_lexicon_spans_within_ranges_are_the_words_starting_there() -> None:
    lex = lexicon.load()
    text = LINES
    ranges = [(0, 3), (10, 25), (40, 41)]
    every = lex.spans(text)
    inside = sorted(h for h in every if any(lo <= h[0] < hi for lo, hi in ranges))
    assert inside
    assert sorted(lex.spans(text, within=ranges)) == inside
    assert lex.spans(text, within=[]) == []


def test_every_brand_a_verb_can_reach_lies_in_the_verb_ranges() -> None:
    """A brand hit of the whole text with a verb of investment right before it, or after it
    within a brand run, starts in one of the ranges the brand-verb shape searches."""
    shapes = contexts._shapes()
    assert resources.entity_contexts().brand_verbs.before
    lex = lexicon.load()
    for text in (LINES, *(p.read_text("utf-8") for p in CORPUS[:20])):
        ranges = contexts._near_verbs(text, lex.longest)
        for s, e, _ in lex.spans(text):
            before = shapes.verb_before.search(text, max(0, s - 6), s)
            after = any(shapes.verb_after.match(text, x) for x in range(s + 1, max(e, s + 12) + 1))
            if before or after:
                assert any(lo <= s < hi for lo, hi in ranges), text[s:e]


def test_merge_looks_at_every_overlapping_candidate() -> None:
    """Merging through the start-block index keeps what comparing every pair keeps."""
    rnd = random.Random(12)
    labels: list[Label] = ["COMPANY", "ORG", "PLACE", "PROJECT"]
    sources = ["rule:x", "list", "ner"]
    for _ in range(30):
        cands = []
        for _ in range(rnd.randint(1, 80)):
            start = rnd.randint(0, 300)
            end = start + rnd.choice([1, 2, 3, 5, 8, 13, 40, 90])
            cands.append(Candidate(rnd.choice(labels), start, end, "x", rnd.choice(sources)))
        kept: list[Candidate] = []
        for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
            if all(not merging.overlap(c, k) or merging.compatible(c, k) for k in kept):
                kept.append(c)
        assert merging.merge(cands) == sorted(kept, key=lambda c: (c.start, -c.end))


def test_the_phrase_ruler_on_clauses_finds_what_it_finds_on_lines() -> None:
    """The span ruler run on the clauses holding a phrase finds what it finds run on every
    line holding one (single spaces inside a phrase included)."""
    nlp = data.span_ruler()
    for text in (
        "一、概况\n服务长 三角，落实国务院部署。全国人大常委会",
        *(p.read_text("utf-8") for p in CORPUS[:30]),
    ):
        plain = []
        start = 0
        for line in text.split("\n"):
            doc = nlp(line)
            plain += [
                (start + s.start_char, start + s.end_char, s.label_) for s in doc.spans["rules"]
            ]
            start += len(line) + 1
        fast = [(c.start, c.end, c.label) for c in data.ruler_candidates(text)]
        assert sorted(fast) == sorted(plain)


_HANZI = st.text(alphabet="湖州市安吉县德阳旌", min_size=0, max_size=5)


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_HANZI.filter(bool), max_size=12), text=st.text(alphabet="湖州市安吉县德阳旌和", max_size=40),
       width=st.sampled_from([2, 3]))  # fmt: skip
def test_prefix_starts_are_where_a_prefix_begins(words: list[str], text: str, width: int) -> None:
    """Every offset where the first ``width`` characters of a word (or a whole shorter word)
    begin, and no other: the vectorised lookup against the plain reading."""
    index = prefixes.PrefixIndex(words, width=width)
    if any(len(w) < width for w in words):
        expected = list(range(len(text)))
    else:
        expected = [i for i in range(len(text)) if any(text.startswith(w[:width], i) for w in words)]
    assert index.starts(text) == expected
