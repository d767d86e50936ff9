"""Tasks and their parts, quotes that find a figure again, gold things from spans."""

from __future__ import annotations

import pytest

from yxnlp.annotate.gold import gold_record, unique_quote
from yxnlp.annotate.tasks import LABELS, Task, TaskSpan, cuts

CUTS = [
    ("short_text_one_piece", "甲乙。丙丁。", [3], 100, [], [(0, 6)]),
    ("at_sections", "一、甲乙。\n二、丙丁。\n", [6], 8, [], [(0, 6), (6, 12)]),
    ("long_part_cut_after_a_line", "甲。\n乙。\n丙。\n丁。\n", [], 7, [], [(0, 6), (6, 12)]),
    ("never_inside_a_span", "甲乙丙丁戊己", [], 4, [(2, 6)], [(0, 6)]),
    ("section_start_inside_a_span_ignored", "甲乙丙丁戊己", [3], 5, [(2, 5)], [(0, 5), (5, 6)]),
]


@pytest.mark.parametrize(("case", "text", "starts", "size", "keep", "want"), CUTS,
                         ids=[c[0] for c in CUTS])  # fmt: skip
def test_cuts(case: str, text: str, starts: list[int], size: int,
              keep: list[tuple[int, int]], want: list[tuple[int, int]]) -> None:  # fmt: skip
    got = cuts(text, starts, max_chars=size, keep=keep)
    assert got == want
    assert "".join(text[a:b] for a, b in got) == text  # the parts cover the text once


QUOTES = [
    ("clause", "全年产值增长6%，投资增长9%。", 11, 13, "投资增长9%"),
    ("same_figure_twice_in_text", "产值增长6%，投资增长6%。", 11, 13, "投资增长6%"),
    ("figure_twice_in_one_clause", "增长6%和6%", 5, 7, "和6%"),
    ("repeated_clause", "增长6%。增长6%。", 7, 9, "。增长6%"),
    ("first_of_repeated_clauses", "增长6%。增长6%。", 2, 4, "增长6%"),
]


@pytest.mark.parametrize(("case", "text", "s", "e", "want"), QUOTES, ids=[c[0] for c in QUOTES])
def test_quote_finds_its_figure_again(case: str, text: str, s: int, e: int, want: str) -> None:
    quote = unique_quote(text, s, e)
    assert quote == want
    at = text.find(quote)
    assert at + quote.find(text[s:e]) == s  # how yxnlp evaluate locates a gold figure


def test_labels_are_the_record_labels_and_kinds() -> None:
    assert LABELS == ("COMPANY", "PROJECT", "ORG", "PLACE",
                      "AMOUNT", "COUNT", "PERCENT", "GROWTH", "SHARE", "QUANTITY")  # fmt: skip


def test_spans_of_a_known_entity_are_one_thing_across_parts() -> None:
    text = "引进宏达电子科技有限公司。\n宏达电子投产，县商务局跟进。"
    meta = {"record_id": "x", "source": "a.txt", "entities": [
        {"id": "e1", "label": "COMPANY", "name": "宏达电子科技有限公司",
         "canonical": "宏达电子科技有限公司", "mentions": ["宏达电子科技有限公司", "宏达电子"],
         "attributes": {}}]}  # fmt: skip
    a = Task(text=text[:14], spans=[TaskSpan(2, 12, "COMPANY")], meta={**meta, "offset": 0})
    b = Task(text=text[14:], spans=[TaskSpan(0, 4, "COMPANY"), TaskSpan(7, 11, "ORG"),
             TaskSpan(7, 11, "ORG")], meta={**meta, "offset": 14})  # fmt: skip
    gold = gold_record([b, a], text)
    assert gold["companies"] == [{"name": "宏达电子科技有限公司", "canonical": "宏达电子科技有限公司",
                                  "mentions": ["宏达电子科技有限公司", "宏达电子"], "count": 2}]  # fmt: skip
    assert gold["organizations"] == [{"name": "县商务局"}]  # a duplicate span counts once
    assert gold["indicators"] == [] and gold["projects"] == [] and gold["places"] == []


def test_a_task_with_no_spans_gives_empty_gold() -> None:
    gold = gold_record([Task(text="全年平稳。", meta={"offset": 0})], "全年平稳。")
    assert {k: v for k, v in gold.items() if v} == {}
