"""Metadata: title, issuer, region, published date, summary and plan years."""

from __future__ import annotations

from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yxnlp.metadata import find_date, published_date, read_metadata


class Case(NamedTuple):
    text: str
    issuer: str | None
    region: tuple[str, str] | None
    summary: int | None
    plan: int | None


def test_seed(seed_text: str) -> None:
    m = read_metadata(seed_text)
    assert m.title == "绵阳市游仙区工业和信息化局2021年工作总结和2022年工作计划"
    assert m.issuer == "绵阳市游仙区工业和信息化局"
    assert m.region is not None and (m.region.name, m.region.code) == ("绵阳市游仙区", "510704")
    assert m.published == "2022-11-02"
    assert (m.summary_year, m.plan_year) == (2021, 2022)
    assert m.rules["published"] == "date:posting_line"


REVIEW = "\n各位代表：\n一、{prev}年工作回顾\n过去一年，全区经济稳中有进。\n"

# Department summaries and plans (the seed's shape) from other regions.
DEPARTMENT_REPORTS = [
    Case("温州市龙湾区发展和改革局2023年工作总结及2024年工作思路\n一、2023年工作总结\n",
         "温州市龙湾区发展和改革局", ("温州市龙湾区", "330303"), 2023, 2024),
    Case("2023年度桐乡市经济和信息化局工作总结和2024年工作计划\n",
         "桐乡市经济和信息化局", ("桐乡市", "330483"), 2023, 2024),
    Case("郑州市金水区商务局关于2022年工作总结和2023年工作安排的报告\n",
         "郑州市金水区商务局", ("郑州市金水区", "410105"), 2022, 2023),
    Case("郑州市金水区商务局2023年工作总结\n一、主要成效\n",
         "郑州市金水区商务局", ("郑州市金水区", "410105"), 2023, None),
    Case("2024年登封市教育局工作要点\n一、总体要求\n",
         "登封市教育局", ("登封市", "410185"), None, 2024),
    Case("昆山市科学技术局2025年工作计划\n",
         "昆山市科学技术局", ("昆山市", "320583"), None, 2025),
]

# Half-year reports, full-width and Chinese-numeral years, a township issuer (9-digit code).
OTHER_SHAPES = [
    Case("南海区桂城街道2024年上半年工作总结和下半年工作计划\n",
         "南海区桂城街道", ("南海区桂城街道", "440605011"), 2024, 2024),
    Case("二〇二三年度嘉善县商务局工作总结\n", "嘉善县商务局", ("嘉善县", "330421"), 2023, None),
    Case("慈溪市农业农村局２０２４年工作要点\n", "慈溪市农业农村局", ("慈溪市", "330282"), None, 2024),
]

# Government work reports: year Y plans Y and reviews Y-1 (confirmed by a body cue).
GOVERNMENT_REPORTS = [
    Case("2024年佛山市南海区政府工作报告" + REVIEW.format(prev=2023),
         "佛山市南海区人民政府", ("佛山市南海区", "440605"), 2023, 2024),
    Case("河南省2025年政府工作报告" + REVIEW.format(prev=2024),
         "河南省人民政府", ("河南省", "410000"), 2024, 2025),
    Case("义乌市人民政府2024年政府工作报告" + REVIEW.format(prev=2023),
         "义乌市人民政府", ("义乌市", "330782"), 2023, 2024),
    Case("政府工作报告\n——2025年1月14日在浙江省第十四届人民代表大会第三次会议上\n"
         + REVIEW.format(prev=2024), "浙江省人民政府", ("浙江省", "330000"), 2024, 2025),
    Case("2025年中华人民共和国国务院政府工作报告\n\n各位代表：\n一、2024年工作回顾\n",
         "国务院", ("中华人民共和国", "100000"), 2024, 2025),
    Case("2026年北京市政府工作报告\n\n一、2025年工作回顾\n",
         "北京市人民政府", ("北京市", "110000"), 2025, 2026),
    Case("1982年中华人民共和国国务院政府工作报告\n\n一九八一年，国民经济继续调整。\n",
         "国务院", ("中华人民共和国", "100000"), 1981, 1982),
]

NEGATIVES = [
    # a place the gazetteer lacks keeps its issuer; no body cue: the review year is not guessed
    Case("2024年某县政府工作报告\n\n各位代表：\n现在，我代表县人民政府报告工作。\n",
         "某县人民政府", None, None, 2024),
    Case("2024年某某政府工作报告\n", None, None, None, 2024),
    Case("关于开展安全生产大检查的通知\n各乡镇：\n", None, None, None, None),
    Case("各位代表：\n现在，我代表县人民政府向大会报告工作。\n", None, None, None, None),
]


@pytest.mark.parametrize("case", DEPARTMENT_REPORTS + OTHER_SHAPES + GOVERNMENT_REPORTS + NEGATIVES,
                         ids=lambda c: c.text.splitlines()[0][:24])
def test_title_shapes(case: Case) -> None:
    m = read_metadata(case.text)
    assert m.issuer == case.issuer
    assert ((m.region.name, m.region.code) if m.region else None) == case.region
    assert (m.summary_year, m.plan_year) == (case.summary, case.plan)


def test_title_hint_wins_and_salutation_is_no_title() -> None:
    assert read_metadata("正文第一行\n", title="嘉兴市2024年工作要点").title == "嘉兴市2024年工作要点"
    assert read_metadata("各位代表：\n现在报告工作。\n").title is None


def test_provenance_of_fields() -> None:
    m = read_metadata("2024年佛山市南海区政府工作报告" + REVIEW.format(prev=2023))
    assert m.rules["plan_year"] == "title:gov_report_year_first"
    assert m.rules["summary_year"] == "body_cue:title:gov_report_year_first"


DATES = [
    ("时间：2026-02-02", "2026-02-02"),
    ("发布日期：2024年1月5日", "2024-01-05"),
    ("2023/7/1 09:00", "2023-07-01"),
    ("2023.12.28", "2023-12-28"),
    ("二〇二四年一月十五日", "2024-01-15"),
    ("二〇二三年十二月三十一日", "2023-12-31"),
    ("2023年2月30日", None),  # not a date
    ("2021年工作总结", None),
    ("增长8.2%", None),
]


@pytest.mark.parametrize(("line", "iso"), DATES)
def test_find_date(line: str, iso: str | None) -> None:
    assert find_date(line) == iso


PUBLISHED = [
    ("标题\n2023-12-28 10:20来源：区发改局\n正文。", "2023-12-28", "date:posting_line"),
    ("标题\n——2025年1月14日在会议上\n来源：日报\n时间：2025-01-20\n正文", "2025-01-20",
     "date:posting_line"),
    ("某局2023年工作总结\n一、成效\n全年完成目标。\n某局\n二〇二四年一月五日", "2024-01-05",
     "date:signature"),
    ("政府工作报告\n——2025年1月14日在会议上\n各位代表：", "2025-01-14", "date:top"),
    ("某局2023年工作总结\n一、成效\n全年完成目标。", None, None),
]


@pytest.mark.parametrize(("text", "iso", "rule"), PUBLISHED)
def test_published_date(text: str, iso: str | None, rule: str | None) -> None:
    assert published_date(text) == (iso, rule)


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_any_text_gives_metadata(text: str) -> None:
    m = read_metadata(text)
    assert m.published is None or find_date(m.published) == m.published
    assert m.title is None or m.title in text


def test_doctests() -> None:
    import doctest

    from yxnlp import metadata as module

    assert doctest.testmod(module).failed == 0
