"""Number parsing: Arabic, full-width and Chinese numerals, scales, ranges, and non-numbers."""

from __future__ import annotations

import pytest

from yxnlp.extract.numbers import cn_decimal, cn_to_number, find_numbers, parse_number

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
# percentages written in words, as in 1990s reports
PERCENT_WORDS = [
    ("增长百分之九", "百分之九", 9.0, None),
    ("定为百分之八至九", "百分之八至九", 8.0, 9.0),
    ("增长百分之四至百分之五", "百分之四至百分之五", 4.0, 5.0),
    ("增长百分之十二点三", "百分之十二点三", 12.3, None),
    ("达到百分之七十五以上", "百分之七十五", 75.0, None),
    ("占百分之7.5", "百分之7.5", 7.5, None),
    ("普及率百分之百", "百分之百", 100.0, None),
    ("完成了百分之九十四點三", "百分之九十四點三", 94.3, None),  # traditional 點
    ("降低百分之九至八", "百分之九", 9.0, None),  # descending: not a range
]
# digits typeset one by one with single spaces (scanned reports)
SPACED = [
    ("总值7 4 7 7 2 亿元", "7 4 7 7 2 亿", 74772.0, "亿"),
    ("增长1 1 ％", "1 1", 11.0, None),
    ("增长8 ％", "8", 8.0, None),
    ("面积8 ．7 平方米", "8 ．7", 8.7, None),
    ("增长率1 0 ．0 6 ‰", "1 0 ．0 6", 10.06, None),
]
NOT_SPACED = [
    ("2023 2024年", ["2023", "2024"]),
    ("第3 期", []),
    ("共 3 个", ["3"]),
    ("5 2024年", ["5", "2024"]),
    ("百分之百的努力", []),
]


@pytest.mark.parametrize(("text", "found", "value", "high"), PERCENT_WORDS)
def test_percent_in_words(text: str, found: str, value: float, high: float | None) -> None:
    m = next(find_numbers(text))
    assert (m.text, m.value, m.high, m.percent) == (found, pytest.approx(value), high, True)
    assert text[m.start : m.end] == found


@pytest.mark.parametrize(("text", "found", "value", "scale"), SPACED)
def test_spaced_digits(text: str, found: str, value: float, scale: str | None) -> None:
    m = next(find_numbers(text))
    assert (m.text, m.value, m.scale, m.spaced) == (found, pytest.approx(value), scale, True)


@pytest.mark.parametrize(("text", "figures"), NOT_SPACED)
def test_ordinary_spacing_is_not_spaced_digits(text: str, figures: list[str]) -> None:
    found = list(find_numbers(text))
    assert [m.text for m in found] == figures
    assert not any(m.spaced for m in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [("十二点三", 12.3), ("零点五", 0.5), ("六", 6.0), ("三点", None), ("点五", None)],
)
def test_cn_decimal(text: str, value: float | None) -> None:
    assert cn_decimal(text) == (pytest.approx(value) if value is not None else None)


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


# --- read as a reader sees it (issue 13): invisible characters and minus signs ---------------------
# (text, span of the figure in the text, value, high); the span holds the hidden characters
HIDDEN_INSIDE = [
    ("总值4\u200b45亿元", "4\u200b45亿", 445.0, None),  # zero-width space
    ("总值1\ufeff2亿元", "1\ufeff2亿", 12.0, None),  # BOM
    ("总值4\u206045亿元", "4\u206045亿", 445.0, None),  # word joiner
    ("总值4\u00ad45亿元", "4\u00ad45亿", 445.0, None),  # soft hyphen
    ("总值4\u200d4\u200c5亿元", "4\u200d4\u200c5亿", 445.0, None),  # joiners
    ("总值4\x0145亿元", "4\x0145亿", 445.0, None),  # control character
    ("总值4\x7f45亿元", "4\x7f45亿", 445.0, None),  # DEL
    ("总值4\u030145亿元", "4\u030145亿", 445.0, None),  # combining mark
    ("总值4\ufe0f45亿元", "4\ufe0f45亿", 445.0, None),  # variation selector
    ("总值4\u202a45\u202c亿元", "4\u202a45\u202c亿", 445.0, None),  # bidi embedding
    ("增长1.\u200b5%", "1.\u200b5", 1.5, None),
    ("增长6\u200b%－6.5%", "6\u200b%－6.5", 6.0, 6.5),  # a range across a hidden character
    ("资金2,\u200b030万元", "2,\u200b030万", 2030.0, None),
    ("总值\u200b445亿元", "445亿", 445.0, None),  # before the figure: not in its span
]
SIGNED = [
    ("利润\u2212445亿元", "\u2212445亿", -445.0),  # minus sign
    ("利润\uff0d445亿元", "\uff0d445亿", -445.0),  # full-width minus
    ("利润\ufe63445亿元", "\ufe63445亿", -445.0),  # small hyphen-minus
    ("增速为：-2.5%", "-2.5", -2.5),  # ASCII minus after punctuation
    ("（-2.5%）", "-2.5", -2.5),
    ("-2.5%", "-2.5", -2.5),  # at the start of the text
    ("增长\u2212\u200b2.5%", "\u2212\u200b2.5", -2.5),  # a hidden character after the sign
]
NOT_SIGNED = [  # a dash that joins, or cannot be told from a hyphen
    ("2021年-2025年", ["2021", "2025"]),  # a range with its unit on both sides
    ("10万-20万元", ["10万", "20万"]),
    ("5亿元－10亿元", ["5亿", "10亿"]),
    ("增长6%-7%", ["6%-7"]),  # a range read as one figure
    ("国标GB-2020", ["2020"]),  # a code: the figure as before, unsigned
    ("歼-35系列", []),  # a hyphen in a name: left out, not read as -35
    ("同比增长-3.2%", []),  # an ASCII dash after a word: cannot tell, left out
]


@pytest.mark.parametrize(("text", "span", "value", "high"), HIDDEN_INSIDE)
def test_hidden_characters_never_split_a_figure(
    text: str, span: str, value: float, high: float | None
) -> None:
    m = next(find_numbers(text))
    assert (text[m.start : m.end], m.value, m.high) == (span, value, high)


@pytest.mark.parametrize(("text", "span", "value"), SIGNED)
def test_a_minus_sign_makes_a_figure_negative(text: str, span: str, value: float) -> None:
    m = next(find_numbers(text))
    assert (text[m.start : m.end], m.value) == (span, value)


@pytest.mark.parametrize(("text", "figures"), NOT_SIGNED)
def test_a_dash_that_is_no_sign(text: str, figures: list[str]) -> None:
    found = list(find_numbers(text))
    assert [text[m.start : m.end] for m in found] == figures
    assert all(m.value >= 0 for m in found)


def test_offsets_into_a_slice_of_a_text_with_hidden_characters() -> None:
    text = "甲\u200b乙增长5%，总值4\u200b45亿元，投资3\u200b0亿元"
    start = text.index("总")
    found = [(text[m.start : m.end], m.value) for m in find_numbers(text, start, text.index("投"))]
    assert found == [("4\u200b45亿", 445.0)]
