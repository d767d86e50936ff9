"""Number parsing: Arabic and full-width digits, Chinese numerals, scales, ranges.

A *number* here is only the figure and its scale (``1.58亿``, ``77.51余亿``, ``6%－6.5``,
``三千三百万``); units, qualifiers and meaning are decided by :mod:`yxnlp.extract.indicators`.

>>> parse_number("2,030"), parse_number("１６６９２.６０"), parse_number("一千二百")
(2030.0, 16692.6, 1200.0)
>>> [(m.text, m.value, m.scale, m.high) for m in find_numbers("协调贷款约1.58亿元，增长6%－6.5%")]
[('1.58亿', 1.58, '亿', None), ('6%－6.5', 6.0, None, 6.5)]
>>> [m.text for m in find_numbers("十三五期间第3名，JK0+220，1e-400亿元")]
['1']
>>> [(m.text, m.value * m.factor) for m in find_numbers("達到125.6億元，新增1.2萬人")]
[('125.6億', 12560000000.0), ('1.2萬', 12000.0)]
>>> [(m.text, m.value * m.factor, m.more) for m in find_numbers("达到四亿零七百多万吨，计划三亿六千万吨")]
[('四亿零七百多万', 407000000.0, True), ('三亿六千万', 360000000.0, False)]

Digits typeset one by one with single spaces are one figure (``spaced``; a single space may
then stand before the unit).

>>> [(m.text, m.value, m.scale) for m in find_numbers("总值达到7 4 7 7 2 亿元，增长8 ％")]
[('7 4 7 7 2 亿', 74772.0, '亿'), ('8', 8.0, None)]

A percentage written in words (``百分之六``, ``百分之八至九``, ``百分之十二点三``) is one figure
with ``percent`` set; the unit is part of its text.

>>> [(m.text, m.value, m.high, m.percent) for m in find_numbers("增长百分之八至九，涨幅百分之十二点三")]
[('百分之八至九', 8.0, 9.0, True), ('百分之十二点三', 12.3, None, True)]

Figures are read in the text *as a reader sees it* (:func:`visible`): characters nobody sees
(zero-width spaces and joiners, the word joiner, a BOM, soft hyphens, combining marks, control
characters) never split a figure, and spans still point into the original text. A minus sign
(U+2212, full-width ``－``, or ``-`` after punctuation) makes a figure negative, unless it joins
two figures with the same unit (``2023年-2025年``); an ASCII ``-`` right after a word (``歼-35``,
``增长-3%``) cannot be told apart, and its figure is left out rather than read wrong.

>>> [(m.start, m.end, m.text, m.value) for m in find_numbers("总值4\\u200b45亿元，增速−2.5%")]
[(2, 7, '445亿', 445.0), (11, 15, '−2.5', -2.5)]
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources, scan
from yxnlp.numerals import cn_fraction, cn_to_number, halfwidth

#: Multipliers of the scale words that may follow a figure (longest first in the regex).
SCALES: dict[str, float] = dict(resources.units().scales)

# thousands separated by a comma, ASCII or full-width (33，212万吨 in older reports)
ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
CHINESE = r"[零〇一二两三四五六七八九十百千]+"
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_RANGE_SEP = r"[-－—–~～至]"
_MORE = "|".join(resources.qualifiers().embedded_more_than)
_CN_DECIMAL = rf"{CHINESE}(?:[点點][零〇一二三四五六七八九]+)?"
# 百分之六, 百分之八至九, 百分之四至百分之五, 百分之十二点三, 百分之7.5
_PERCENT_WORDS = (
    rf"百分之(?P<p1>{ARABIC}|{_CN_DECIMAL})"
    rf"(?:(?:{_RANGE_SEP}|到)(?:百分之)?(?P<p2>{ARABIC}|{_CN_DECIMAL})(?![0-9０-９]))?"
)
# ASCII letters, '+', '#', ':' or a digit before a figure mean it is part of a code or a time;
# so does an exponent (1e-400亿元 is no 400亿元).
_BLOCK_BEFORE = re.compile(r"[A-Za-z0-9０-９+#:：._/第]|(?<=[0-9][eE])[-−]")

# digits typeset one by one with single spaces (1 9 9 7 年, 7 4 7 7 2 亿元, 8 ．7 平方米, 8 ％);
# the first digit must be followed by a space, so ordinary figures never take this branch
_SPACED = (
    rf"(?P<s1>[0-9０-９](?= )(?:(?: ?[.．] ?| )[0-9０-９])+(?![0-9０-９])|[0-9０-９](?= [%％‰]))"
    rf"(?: (?P<sscale>{_SCALE}))?"
)
_PERCENT_RE = re.compile(_PERCENT_WORDS)
_SPACED_RE = re.compile(_SPACED)
NUMBER_RE = scan.compile(
    rf"(?P<n1>{ARABIC}|{CHINESE}(?:亿{CHINESE})?)"
    rf"(?:(?P<pct1>[%％])?(?P<sep>{_RANGE_SEP})(?P<n2>{ARABIC}|{CHINESE})(?![0-9０-９]))?"
    rf"(?P<more>{_MORE})?(?P<scale>{_SCALE})?(?P<more2>{_MORE})?"
)


class NumberMatch(NamedTuple):
    """A figure found in text; ``value``/``high`` are as written, before the scale. (A named
    tuple: thousands are made per report, several times faster than a frozen dataclass.)"""

    start: int
    end: int
    text: str
    value: float
    high: float | None  # upper end of a range
    scale: str | None  # 万, 亿, 万亿 … as written
    more: bool  # an embedded 余/多 ("300余", "77.51余亿")
    chinese: bool  # written in Chinese numerals
    percent: bool = False  # a percentage in words (百分之六): the unit is inside the text
    spaced: bool = False  # digits typeset with single spaces: one space may precede the unit

    @property
    def factor(self) -> float:
        """The scale's multiplier (1 without a scale)."""
        return SCALES[self.scale] if self.scale else 1.0


def parse_number(text: str) -> float | None:
    """Value of an Arabic (half- or full-width, with thousands commas) or Chinese numeral.

    >>> parse_number("16692.60"), parse_number("两百"), parse_number("4G")
    (16692.6, 200.0, None)
    """
    t = halfwidth(text).replace(",", "")
    try:
        return float(t)
    except ValueError:
        return cn_to_number(text)


def cn_decimal(text: str) -> float | None:
    """Value of a Chinese numeral with an optional decimal part written with 点.

    >>> cn_decimal("十二点三"), cn_decimal("零点五"), cn_decimal("九十四點三"), cn_decimal("三点")
    (12.3, 0.5, 94.3, None)
    """
    whole, dot, frac = text.replace("點", "点").partition("点")
    value = 0.0 if whole in ("零", "〇") else cn_to_number(whole)
    if value is None or (dot and not frac):
        return None
    if not frac:
        return value
    digits = cn_fraction(frac)
    return None if digits is None else value + float("0." + digits)


def _percent_words(text: str, m: re.Match[str]) -> NumberMatch | None:
    p1, p2 = m.group("p1"), m.group("p2")
    if p1 == "百" and not p2 and text[m.end() : m.end() + 1] in ("的", "地"):
        return None  # 百分之百的热情: an idiom, not a figure
    value = parse_number(p1) if p1[0].isdigit() else cn_decimal(p1)
    if value is None:
        return None
    high = (parse_number(p2) if p2[0].isdigit() else cn_decimal(p2)) if p2 else None
    end = m.end()
    if p2 and (high is None or high <= value):
        high, end = None, m.end("p1")
    chinese = not p1[0].isdigit()
    return NumberMatch(m.start(), end, text[m.start() : end], value, high, None, False, chinese,
                       percent=True)  # fmt: skip


def find_numbers(text: str, start: int = 0, end: int | None = None) -> Iterator[NumberMatch]:
    """Figures in ``text[start:end]``, skipping codes (``JK0+220``), times and ordinals.

    Chinese numerals are returned only when they parse as one well-formed number. Offsets
    index ``text``; a figure's ``text`` is the figure as read (without invisible characters).

    >>> [(m.text, m.value, m.more) for m in find_numbers("实施项目42个，计划投资77.51余亿元")]
    [('42', 42.0, False), ('77.51余亿', 77.51, True)]
    """
    view = visible(text)
    stop = len(text) if end is None else end
    for m in _find(view.text, view.index(start), view.index(stop)):
        yield view.to_text(m)


def _find(text: str, start: int, stop: int) -> Iterator[NumberMatch]:
    """:func:`find_numbers` over a text without invisible characters."""
    skip = -1  # the end of a figure found by a special form (百分之…, spaced digits)
    last = -1  # the end of the previous figure (a minus after it may make a range)
    for m in NUMBER_RE.finditer(text, start, stop):
        s, before, last = m.start(), last, m.end()
        if s < skip or (s > 0 and _BLOCK_BEFORE.match(text, s - 1)):
            continue
        special = _special(text, s, stop) if text[s] == "百" or text[s + 1 : s + 2] == " " else None
        if special is not None:
            skip = last = special.end
        found = special or _figure(text, m)
        if found is not None and found.value >= 0 and (signed := _signed(text, found, before)):
            yield signed


def _figure(text: str, m: re.Match[str]) -> NumberMatch | None:
    """The figure of a :data:`NUMBER_RE` match (``None``: not a figure)."""
    n1, n2, scale, more, more2 = m.group("n1", "n2", "scale", "more", "more2")
    chinese = not n1[0].isdigit()
    if chinese and n1[0] in "百千":
        return None  # 百万亩工程, 千亿级: a label, not a count
    if chinese and "亿" in n1 and scale == "万":
        n1, scale = n1.replace("亿零", "亿") + "万", None  # 四亿零七百多万吨: 407 million
    value = _value(n1)
    if value is None:
        return None
    high = _value(n2) if n2 else None
    if n2 and (high is None or high <= value or chinese != (not n2[0].isdigit())):
        return _single(text, m, value, chinese)  # not a range after all: the first figure only
    return NumberMatch(m.start(), m.end(), m.group(), value, high, scale, bool(more or more2),
                       chinese)  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _value(numeral: str) -> float | None:
    """:func:`parse_number` of a numeral :data:`NUMBER_RE` matched: Chinese numerals (which
    ``float`` refuses) read without trying ``float`` first; remembered (一, 二, 十 recur in
    every report)."""
    return parse_number(numeral) if numeral[0].isdigit() else cn_to_number(numeral)


def _special(text: str, s: int, stop: int) -> NumberMatch | None:
    """A percentage in words or spaced digits starting at ``s`` (a negative value: skip it)."""
    if text.startswith("百分之", s):
        m = _PERCENT_RE.match(text, s, stop)
        if m:
            found = _percent_words(text, m)
            return found or NumberMatch(s, m.end(), m.group(), -1.0, None, None, False, True)
    elif text[s].isdigit():
        m = _SPACED_RE.match(text, s, stop)
        value = parse_number(m.group("s1").replace(" ", "")) if m else None
        if m and value is not None:
            return NumberMatch(s, m.end(), m.group(), value, None, m.group("sscale"), False,
                               False, spaced=True)  # fmt: skip
    return None


def _single(text: str, m: re.Match[str], value: float, chinese: bool) -> NumberMatch:
    end = m.end("n1")
    return NumberMatch(m.start(), end, text[m.start() : end], value, None, None, False, chinese)


# --- signs ------------------------------------------------------------------------------------
_MINUS = frozenset("-\u2212\ufe63\uff0d")  # hyphen-minus, minus sign, small and full-width
_SURE_MINUS = frozenset("\u2212\ufe63\uff0d")  # a sign after a word too
_RANGE_WORD = re.compile(r"[^\W\d_]{1,4}")  # a unit between two figures (年, 万, 亿元 …)
_CODE_BEFORE = re.compile(r"[A-Za-z0-9０-９]")


def _signed(text: str, n: NumberMatch, before: int) -> NumberMatch | None:
    """``n`` with the minus sign written before it, if any (see the module docstring);
    ``None`` when an ASCII ``-`` after a word cannot be told from a hyphen."""
    d = n.start - 1
    if d < 0 or text[d] not in _MINUS or n.chinese or n.percent:
        return n
    if d > 0 and _CODE_BEFORE.match(text, d - 1):
        return n  # a code (GB-2020, JK0-220): the dash is no sign
    between = text[before:d] if 0 <= before <= d else None
    if between == "" or (
        between and _RANGE_WORD.fullmatch(between) and text.startswith(between, n.end)
    ):
        return n  # 10万-20万, 2023年-2025年: a range, not a sign
    if text[d] not in _SURE_MINUS and d > 0 and text[d - 1].isalnum():
        return None  # 歼-35 or 增长-3%: cannot tell
    return n._replace(start=d, text=text[d] + n.text, value=-n.value)


# --- reading through invisible characters ------------------------------------------------------
#: Unicode categories of the characters dropped from a figure: format characters (zero-width
#: space and joiners, word joiner, BOM, soft hyphen, bidirectional marks), combining marks and
#: control characters (white space is never dropped).
INVISIBLE = frozenset({"Cf", "Mn", "Me", "Cc"})
# The characters worth a look: anything but word characters, white space and the punctuation
# of Chinese text (so a clean text costs one regex scan).
_ODD = re.compile(r"[^\w\s!-/:-@\[-`{-~\u2010-\u2027\u2030-\u205e\u3000-\u303f\uff01-\uff65]")


@dataclass(frozen=True, slots=True)
class Visible:
    """A text without its invisible characters; ``origin[i]`` is where ``text[i]`` stands in
    the original (``None`` when nothing was dropped)."""

    text: str
    origin: list[int] | None = None

    def index(self, pos: int) -> int:
        """The position in ``text`` of the original position ``pos``."""
        return pos if self.origin is None else bisect.bisect_left(self.origin, pos)

    def to_text(self, n: NumberMatch) -> NumberMatch:
        """``n`` with its offsets in the original text (invisible characters inside it are
        inside its span; its ``text`` stays the figure as read)."""
        if self.origin is None:
            return n
        return n._replace(start=self.origin[n.start], end=self.origin[n.end - 1] + 1)


def visible(text: str) -> Visible:
    """``text`` as a reader sees it, with the map back to the original.

    >>> v = visible("4\\u200b45亿元")
    >>> v.text, v.origin
    ('445亿元', [0, 2, 3, 4, 5])
    >>> visible("增长6.5%").origin is None
    True
    """
    dropped = [m.start() for m in _ODD.finditer(text) if unicodedata.category(m.group()) in INVISIBLE]
    if not dropped:
        return Visible(text)
    origin: list[int] = []
    pieces: list[str] = []
    for prev, i in zip([-1, *dropped], [*dropped, len(text)], strict=True):
        origin.extend(range(prev + 1, i))
        pieces.append(text[prev + 1 : i])
    return Visible("".join(pieces), origin)
