"""Dates and years of a report: published date, Chinese-numeral years, the summary's period.

The Chinese-numeral helpers here are small on purpose: a shared ``numerals`` module may
replace them (``_cn_number`` is the only one that parses numerals).

>>> find_date("发文日期：2024-01-19"), summary_period(2023, "1-11月")
('2024-01-19', '2023-01..2023-11')
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from yxnlp import clean
from yxnlp.metadata.rules import config

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_YEAR = re.compile(r"[〇○Ｏ零一二三四五六七八九]{4}(?=年)")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:-|/|\.|年)\s*(?P<m>\d{1,2})\s*(?:-|/|\.|月)\s*(?P<d>\d{1,2})(?!\d)日?"
)
_CN_DATE = re.compile(r"(?P<y>[〇○Ｏ零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
                      r"(?P<d>[一二三四五六七八九十]{1,3})日")
_MONTHS = re.compile(r"[1１一][-－—~～至到](?P<n>\d{1,2}|[一二三四五六七八九十]{1,2})月")


def year(value: str | None) -> int | None:
    """A 4-digit year inside the configured range, else ``None``."""
    lo, hi = config().year_range
    if value is None:
        return None
    y = int(value)
    return y if lo <= y <= hi else None


def normalize_years(title: str) -> str:
    """Full-width and Chinese-numeral years as ASCII digits (titles only).

    >>> normalize_years("二〇二三年工作总结和２０２４年工作计划")
    '2023年工作总结和2024年工作计划'
    """
    title = title.translate(_FULLWIDTH)
    return _CN_YEAR.sub(lambda m: str(_cn_number(m.group())), title)


def _cn_number(s: str) -> int:
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def summary_period(summary: int, part: str | None) -> str:
    """The summary's period in the record's ``period`` vocabulary: the year, or its months.

    >>> summary_period(2024, "上半年"), summary_period(2023, "前三季度"), summary_period(2023, None)
    ('2024-01..2024-06', '2023-01..2023-09', '2023')
    >>> summary_period(2022, "一至十一月")
    '2022-01..2022-11'
    """
    if not part:
        return str(summary)
    span = config().periods.get(part)
    if span is None and (m := _MONTHS.fullmatch(part.removesuffix("份"))):
        n = m["n"]
        last = int(n) if n.isdigit() else _cn_number(n)
        span = (1, last) if 1 <= last <= 12 else None
    if span is None:
        return str(summary)
    return f"{summary}-{span[0]:02d}..{summary}-{span[1]:02d}"


def find_date(line: str) -> str | None:
    """The first valid date in a line, as YYYY-MM-DD.

    >>> find_date("时间：2026-02-02"), find_date("——2024年3月5日在会议上"), find_date("2023/7/1")
    ('2026-02-02', '2024-03-05', '2023-07-01')
    >>> find_date("二〇二三年一月十二日"), find_date("2021年工作总结")
    ('2023-01-12', None)
    """
    for m in _DATE.finditer(line):
        if (d := _valid(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
            return d
    for cn in _CN_DATE.finditer(line):
        y, mo, day = (_cn_number(cn[k]) for k in ("y", "m", "d"))
        if (iso := _valid(y, mo, day)) is not None:
            return iso
    return None


def _valid(y: int, m: int, d: int) -> str | None:
    lo, hi = config().year_range
    if not lo <= y <= hi:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def date_only(text: str) -> bool:
    """True if ``text`` holds nothing but a date (a signature date line)."""
    return not _CN_DATE.sub("", _DATE.sub("", text)).strip(" 　（）()")


def published_date(text: str) -> tuple[str | None, str | None]:
    """(date, rule): a posting line near the top, else a signature date at the end (a line
    holding only a date), else the first date near the top (e.g. the day a report was
    delivered).

    >>> published_date("标题\\n——2026年1月25日在会议上\\n时间：2026-02-02\\n正文")
    ('2026-02-02', 'date:posting_line')
    >>> published_date("某局工作总结\\n一、成绩\\n全年完成。\\n某局\\n2023年12月28日")
    ('2023-12-28', 'date:signature')
    """
    return published(clean.content_lines(text))


def published(lines: Sequence[clean.Line]) -> tuple[str | None, str | None]:
    """:func:`published_date` over lines already split and flagged by :mod:`yxnlp.clean`."""
    cfg = config()
    top = lines[: cfg.date_lines]
    for line in top:
        if line.furniture and (d := find_date(line.text)):
            return d, "date:posting_line"
    for line in lines[-cfg.date_signature_lines:]:
        if date_only(line.text) and (d := find_date(line.text)):
            return d, "date:signature"
    for line in top:
        if (d := find_date(line.text)) and len(line.text) <= 80:
            return d, "date:top"
    return None, None
