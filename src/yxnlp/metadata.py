"""Stage: document metadata — title, issuer, region, published date, summary and plan years.

The rules are data (``data/metadata.json``): title shapes such as
``<issuer><Y1>年工作总结和<Y2>年工作计划`` or ``<Y>年<region>政府工作报告``; the region is the
longest chain of gazetteer names in the issuer or title; the published date is the first
date near the top (a posting line such as ``时间：2026-02-02`` first), else a signature date
at the end. ``Metadata.rules`` says which rule produced each field.

>>> m = read_metadata("温州市龙湾区发展和改革局2023年工作总结及2024年工作思路\\n发布时间：2024-01-12\\n")
>>> m.issuer, m.region.code, m.published, m.summary_year, m.plan_year
('温州市龙湾区发展和改革局', '330303', '2024-01-12', 2023, 2024)
>>> m = read_metadata("2025年中华人民共和国国务院政府工作报告\\n\\n一、2024年工作回顾\\n")
>>> m.issuer, m.region.name, m.summary_year, m.plan_year
('国务院', '中华人民共和国', 2024, 2025)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from yxnlp import clean, gazetteer
from yxnlp.record import Region


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    published: str | None = None
    summary_year: int | None = None
    plan_year: int | None = None
    rules: dict[str, str] = field(default_factory=dict)  # field name -> rule id


@functools.cache
def _config() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("yxnlp.data").joinpath("metadata.json").read_text("utf-8")
    )
    for rule in data["title_patterns"]:
        rule["regex"] = re.compile(rule["pattern"])
    data["subtitle_regex"] = re.compile(data["subtitle"]["pattern"])
    return data


def read_metadata(
    text: str, *, title: str | None = None, lines: Sequence[clean.Line] | None = None
) -> Metadata:
    """Read a report's metadata from its source text (``title``: a hint from the page).

    >>> m = read_metadata("某某\\n2022-11-02 11:13文章来源: 某局\\n字体:【 】 打印\\n", title="无年份标题")
    >>> m.title, m.published, m.plan_year
    ('无年份标题', '2022-11-02', None)
    """
    lines = clean.content_lines(text) if lines is None else lines
    meta = Metadata(rules={})
    meta.title = " ".join(title.split()) if title else _title(lines)
    if meta.title:
        meta.rules["title"] = "hint" if title else "first_line"
    _from_title(meta, text, lines)
    if meta.region is None:
        for source in (meta.issuer, meta.title):
            if source and (region := gazetteer.load().search(source)) is not None:
                meta.region, meta.rules["region"] = region, "gazetteer:longest_chain"
                break
    meta.published, rule = _published(lines)
    if rule:
        meta.rules["published"] = rule
    return meta


def _title(lines: Sequence[clean.Line]) -> str | None:
    """The first non-furniture line near the top that can be a title (not a salutation)."""
    cfg = _config()
    for line in [ln for ln in lines if not ln.furniture][: cfg["title_lines"]]:
        t = line.text
        if len(t) <= cfg["title_max_chars"] and not t.endswith(("：", ":", "。", "！", "!")):
            return t
        return None
    return None


# -- title rules -----------------------------------------------------------------------------
def _year(value: str | None) -> int | None:
    lo, hi = _config()["year_range"]
    if value is None:
        return None
    year = int(value)
    return year if lo <= year <= hi else None


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_YEAR = re.compile(r"[〇○Ｏ零一二三四五六七八九]{4}(?=年)")


def normalize_years(title: str) -> str:
    """Full-width and Chinese-numeral years as ASCII digits (titles only).

    >>> normalize_years("二〇二三年工作总结和２０２４年工作计划")
    '2023年工作总结和2024年工作计划'
    """
    title = title.translate(_FULLWIDTH)
    return _CN_YEAR.sub(lambda m: str(_cn_number(m.group())), title)


def _clean_issuer(value: str) -> str | None:
    cfg = _config()
    value = value.strip(cfg["issuer_strip"])
    for suffix in cfg["issuer_strip_suffixes"]:
        value = value.removesuffix(suffix)
    value = value.strip(cfg["issuer_strip"])
    return value or None


def _from_title(meta: Metadata, text: str, lines: Sequence[clean.Line]) -> None:
    cfg = _config()
    compact = normalize_years("".join((meta.title or "").split()))
    sub = _subtitle(lines)
    for rule in cfg["title_patterns"]:
        m = rule["regex"].search(compact)
        if not m:
            continue
        groups = m.groupdict()
        rid = rule["id"]
        if groups.get("issuer"):
            meta.issuer = _clean_issuer(groups["issuer"])
        meta.summary_year = _year(groups.get("summary"))
        meta.plan_year = _year(groups.get("plan"))
        if rule.get("issuer_template"):
            _gov_report(meta, groups.get("region"), sub, rule["issuer_template"])
        if rule.get("plan_from_summary"):  # 上半年工作总结和下半年工作计划
            meta.plan_year = meta.summary_year
        if rule.get("summary_from_plan") and meta.plan_year is not None:
            if _reviews_year(text, meta.plan_year - 1):
                meta.summary_year = meta.plan_year - 1
                meta.rules["summary_year"] = "body_cue:" + rid
        for name in ("issuer", "summary_year", "plan_year"):
            if getattr(meta, name) is not None and name not in meta.rules:
                meta.rules[name] = rid
        return


def _gov_report(meta: Metadata, region_text: str | None, sub: tuple[int, Region] | None,
                template: str) -> None:
    """A 政府工作报告: issuer <region>人民政府 (国务院 at the national level)."""
    gaz = gazetteer.load()
    region = gaz.resolve(region_text) or gaz.search(region_text) if region_text else None
    if region is None and sub is not None:
        region = sub[1]
        meta.rules["region"] = "subtitle"
    if meta.plan_year is None and sub is not None:
        meta.plan_year = sub[0]
        meta.rules["plan_year"] = "subtitle"
    if region is None:
        if region_text and region_text.endswith(tuple(_config()["admin_suffixes"])):
            meta.issuer = template.format(region=region_text)  # a place the gazetteer lacks
        return
    meta.region = region
    meta.rules.setdefault("region", "gazetteer:title")
    if region.code == "100000":
        meta.issuer = _config()["national_issuer"]
    else:
        meta.issuer = template.format(region=region_text or region.name)


def _subtitle(lines: Sequence[clean.Line]) -> tuple[int, Region] | None:
    """——2026年1月27日在某省第十四届人民代表大会第四次会议上 → (2026, region)."""
    cfg = _config()
    for line in [ln for ln in lines if not ln.furniture][: cfg["subtitle"]["lines"]]:
        m = cfg["subtitle_regex"].search(line.text)
        if not m or (year := _year(m.group("year"))) is None:
            continue
        gaz = gazetteer.load()
        region = gaz.resolve("全国") if m.group("national") else gaz.search(m.group("region"))
        if region is not None:
            return year, region
    return None


def _reviews_year(text: str, prev: int) -> bool:
    cfg = _config()
    head = text[: cfg["summary_cue_chars"]]
    digits = str(prev)
    forms = {
        "prev": digits,
        "prev_cn": "".join("〇一二三四五六七八九"[int(c)] for c in digits),
        "prev_fw": digits.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    }
    return any(cue.format(**forms) in head for cue in cfg["summary_cues"])


# -- dates -----------------------------------------------------------------------------------
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:-|/|\.|年)\s*(?P<m>\d{1,2})\s*(?:-|/|\.|月)\s*(?P<d>\d{1,2})(?!\d)日?"
)
_CN_DATE = re.compile(r"(?P<y>[〇○Ｏ零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
                      r"(?P<d>[一二三四五六七八九十]{1,3})日")


def _cn_number(s: str) -> int:
    if "十" not in s:
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


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
    lo, hi = _config()["year_range"]
    if not lo <= y <= hi:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def published_date(text: str) -> tuple[str | None, str | None]:
    """(date, rule): a posting line near the top, else a signature date at the end (a line
    holding only a date), else the first date near the top (e.g. the day a report was
    delivered).

    >>> published_date("标题\\n——2026年1月25日在会议上\\n时间：2026-02-02\\n正文")
    ('2026-02-02', 'date:posting_line')
    >>> published_date("某局工作总结\\n一、成绩\\n全年完成。\\n某局\\n2023年12月28日")
    ('2023-12-28', 'date:signature')
    """
    return _published(clean.content_lines(text))


def _published(lines: Sequence[clean.Line]) -> tuple[str | None, str | None]:
    cfg = _config()
    top = lines[: cfg["date_lines"]]
    for line in top:
        if line.furniture and (d := find_date(line.text)):
            return d, "date:posting_line"
    for line in lines[-cfg["signature_lines"]:]:
        date_only = not _CN_DATE.sub("", _DATE.sub("", line.text)).strip(" 　（）()")
        if date_only and (d := find_date(line.text)):
            return d, "date:signature"
    for line in top:
        if (d := find_date(line.text)) and len(line.text) <= 80:
            return d, "date:top"
    return None, None
