"""Number parsing: Arabic, full-width and Chinese numerals, scales, ranges, and non-numbers."""

from __future__ import annotations

import pytest

from yxnlp.extract.numbers import cn_to_number, find_numbers, parse_number

PARSE_ARABIC = [
    ("445", 445.0),
    ("1.58", 1.58),
    ("2,030", 2030.0),
    ("16692.60", 16692.6),
    ("１２３４.５", 1234.5),
]
PARSE_CHINESE = [
    ("两", 2.0),
    ("十二", 12.0),
    ("一百零五", 105.0),
    ("一千二百万", 12_000_000.0),
    ("三千三百万", 33_000_000.0),
    ("两千", 2000.0),
]
NOT_NUMBERS = ["十三五", "一二三", "4G", "", "三三"]


@pytest.mark.parametrize(("text", "value"), PARSE_ARABIC + PARSE_CHINESE)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None
    assert cn_to_number(text) is None


# (text, figure as found, value, high, scale, more)
FIND = [
    ("实现产值1.58亿元", "1.58亿", 1.58, None, "亿", False),
    ("计划投资77.51余亿元", "77.51余亿", 77.51, None, "亿", True),
    ("推进300余个项目", "300余", 300.0, None, None, True),
    ("增长6%－6.5%", "6%－6.5", 6.0, 6.5, None, False),
    ("增长6.5-7%", "6.5-7", 6.5, 7.0, None, False),
    ("新建3至5个", "3至5", 3.0, 5.0, None, False),
    ("就业一千二百万人", "一千二百万", 1200.0, None, "万", False),
    ("总额2.38万亿元", "2.38万亿", 2.38, None, "万亿", False),
    ("贷款１５００万元", "１５００万", 1500.0, None, "万", False),
    ("资金2,030万元", "2,030万", 2030.0, None, "万", False),
]


@pytest.mark.parametrize(("text", "found", "value", "high", "scale", "more"), FIND)
def test_find_numbers(
    text: str, found: str, value: float, high: float | None, scale: str | None, more: bool
) -> None:
    m = next(find_numbers(text))
    assert (m.text, m.value, m.high, m.scale, m.more) == (found, value, high, scale, more)
    assert text[m.start : m.end] == found


CODES_AND_ORDINALS = [
    ("道路JK0+220至JK0+580段", []),
    ("名列第3位", []),
    ("位居第一", []),
    ("3+3产业布局", ["3"]),
    ("VOCs和PM2.5", []),
    ("十三五期间", []),
    ("4-9月10:00-18:00", ["4-9", "10"]),
]


@pytest.mark.parametrize(("text", "figures"), CODES_AND_ORDINALS)
def test_codes_and_ordinals_are_not_figures(text: str, figures: list[str]) -> None:
    assert [m.text for m in find_numbers(text)] == figures


def test_descending_pair_is_not_a_range() -> None:
    m = next(find_numbers("2022-11-02"))
    assert (m.text, m.high) == ("2022", None)
