"""Guarded cue patterns find what the regex engine finds, match for match."""

from __future__ import annotations

import random
import re

import pytest

from yxnlp import resources, scan

# patterns of the kinds the rules use: named alternatives with lookarounds, optional prefixes,
# anchors, a negated class within \s, categories; and patterns the engine scans by itself
PATTERNS = [
    "(?P<a_0>预计)|(?P<b_0>(?<!努力)争取(?=达到|实现))|(?P<b_1>(?:预期)?目标(?!任务))",
    r"过去一年|(?<![比较同与和])(?:去年|上年(?!同期)|上一年)",
    r"[。！？!?；;]+[”’」』）)]*|\n+|[^\S\n]{2,}",
    r"(?:^|\n)[ \t\u3000]*(?:今年|2025年)",
    r"(?:^|\n)\s*2025年(?:是|[^。\n]{0,40}将)",
    r"(?<![0-9一二])(?P<y>(?:19|20)[0-9]{2}|[一二][九〇零][一二三四五六七八九〇零]{2})(?=年)",
    r"(?:要|(?:计划|力争)[^，。]{0,12})(?=[从由][^，。]{0,24}(?:降到|提高到))",
    r"\b增长\d+",
    "增长|下降",
    r"\s*年",  # may start with white space or 年
    r"(?P<m1>1[0-2]|[1-9]|十[一二]?)\s*(?:月份?)?\s*[-至到]\s*(?P<m2>1[0-2]|[1-9])\s*月(?:份)?",
    r"(?P<y2>20[0-9]{2})年(?:与|同)(?P<y>20[0-9]{2})年(?:相比|比较)",
]
NULLABLE = [r"a*", r"(?:^|\n)[ \t]*", r"(?=x)"]
TEXTS = (
    "甲乙。力争从10%提高到12%，预计增长6%；2025年是开局之年  今年将增长。\n\n去年上年同期比上年"
    "目标任务目标为7%\u3000\u3000一九九八年1-11月份，十至十二月2024年与2019年相比"
)


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rnd = random.Random(7)
    chars = list(TEXTS)
    return [TEXTS, *("".join(rnd.choice(chars) for _ in range(rnd.randint(0, 80))) for _ in range(400))]


def _spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


@pytest.mark.parametrize("guard", [True, False])
@pytest.mark.parametrize("pattern", PATTERNS)
def test_guarded_matches_are_the_engines(pattern: str, guard: bool, texts: list[str]) -> None:
    """Guarded by first characters or only by a character every match holds: the same."""
    plain, guarded = re.compile(pattern), scan.compile(pattern, guard=guard)
    for text in texts:
        for start, end in ((0, len(text)), (len(text) // 3, len(text)), (2, max(2, len(text) - 5))):
            assert _spans(guarded.finditer(text, start, end)) == _spans(plain.finditer(text, start, end))
            ours, theirs = guarded.search(text, start, end), plain.search(text, start, end)
            assert (ours and ours.span()) == (theirs and theirs.span())
        assert guarded.sub("", text) == plain.sub("", text)


def test_a_character_every_match_holds() -> None:
    assert scan.compile(PATTERNS[-2], guard=False).required == "月"
    assert scan.compile(PATTERNS[1]).required is None  # 过去一年 or 去年: no one character
    assert scan.compile("(?:预期)?目标").required == "目"  # an optional group holds none


def test_only_patterns_the_engine_cannot_skip_are_guarded() -> None:
    assert scan.compile(PATTERNS[0]).guard is not None
    assert scan.compile("增长|下降").guard is None  # a literal prefix: the engine skips
    assert scan.compile("(?P<fyp>十四五|十五五)时期").guard is None


@pytest.mark.parametrize("pattern", NULLABLE)
def test_a_pattern_that_can_match_empty_is_not_guarded(pattern: str) -> None:
    assert scan.compile(pattern).guard is None


def test_the_status_cues_are_guarded() -> None:
    """The cue list that made the status rule slow: an alternation of named groups."""
    s = resources.status_cues()
    alts = "|".join(f"(?P<c_{i}>{p})" for i, p in enumerate([*s.estimate, *s.target]))
    guard = scan.compile(alts).guard
    assert guard is not None and "力" in guard.pattern and "预" in guard.pattern
