"""Subjects an analyst reads in the ``subject`` column: the thing counted, not the verb before
it; no comparison base (分别, 同比, 比“十三五”时期) left in; a list's shared head noun given to
every item. And the keys those repairs make possible or must keep away (a five-year-span growth
is not the annual growth). Sentences are invented (某某省, 青禾市)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.test_indicators import GOV, check, report, the

Case = tuple[str, str, str, dict[str, Any]]  # id, report text, figure, expected fields

LONE_VERB: list[Case] = [
    (
        "quoted-noun-after-a-flow-verb",
        report("打造8个“云端示范”企业、15个标杆车间。", title=GOV),
        "8个",
        {"subject": "打造云端示范企业"},
    ),
    (
        "next-item-is-its-own-noun",
        report("打造8个“云端示范”企业、15个标杆车间。", title=GOV),
        "15个",
        {"subject": "标杆车间"},
    ),
    (
        "yishang-read-past",
        report("新建6个以上紧密型城市医疗集团。", title=GOV),
        "6个",
        {"subject": "新建紧密型城市医疗集团", "qualifier": "at_least"},
    ),
    (
        "zuoyou-read-past",
        report("培育80家左右领军企业。", title=GOV),
        "80家",
        {"subject": "培育领军企业"},
    ),
    (
        "a-verb-that-is-no-flow-is-dropped",
        report("实施12个以上省科技重大专项。", title=GOV),
        "12个",
        {"subject": "省科技重大专项", "key": "sci_tech_major_projects"},
    ),
    (
        "quantity-after-a-building-verb",
        report("建设36.5万亩高标准农田。", title=GOV),
        "36.5万亩",
        {"subject": "建设高标准农田", "key": "high_standard_farmland"},
    ),
    (
        "amount-after-a-verb-that-is-no-flow",
        report("设立20亿元生态补偿基金。", title=GOV),
        "20亿元",
        {"subject": "生态补偿基金", "key": None},
    ),
    (
        "verb-with-nothing-after-stays",
        report("改造老旧小区600个，惠及12万户。", title=GOV),
        "12万户",
        {"subject": "惠及"},
    ),
]

COMPARISON_BASES: list[Case] = [
    (
        "five-year-base-out-of-both-items",
        report("道路交通事故起数、死亡人数分别比“十三五”时期下降30.5%、22.4%。", title=GOV),
        "22.4%",
        {"subject": "道路交通事故死亡人数降幅", "key": None},
    ),
    (
        "tongbi-fenbie-out-of-the-subject",
        report("事故起数、死亡人数同比分别下降8.2%、6.1%。", title=GOV),
        "6.1%",
        {"subject": "死亡人数降幅"},
    ),
    (
        "first-item-gets-its-decline",
        report("事故起数、死亡人数同比分别下降8.2%、6.1%。", title=GOV),
        "8.2%",
        {"subject": "事故起数降幅"},
    ),
    (
        "five-year-span-growth-is-no-annual-key",
        report("实际使用外资比“十三五”时期增长45%。", title=GOV),
        "45%",
        {"subject": "实际使用外资增速", "key": None},
    ),
    (
        "last-year-base-keeps-the-annual-key",
        report("实际使用外资比上年增长12%。", title=GOV),
        "12%",
        {"key": "fdi_actual_growth"},
    ),
]

SHARED_HEADS: list[Case] = [
    (
        "head-noun-to-every-item",
        report("公路、水利、电网投资分别增长12%、18%、9%。", title=GOV),
        "12%",
        {"subject": "公路投资增速"},
    ),
    (
        "head-after-deng",
        report("食品、石化、医药等产业增加值分别增长6.5%、9.1%、12.2%。", title=GOV),
        "9.1%",
        {"subject": "石化产业增加值增速", "key": "petrochemical_value_added_growth"},
    ),
    (
        "a-sector-item-drops-the-heads-chanye",
        report("规上制造业、工业战略性新兴产业增加值分别增长6%、7.5%。", title=GOV),
        "6%",
        {"subject": "规上制造业增加值增速", "key": "manufacturing_value_added_growth"},
    ),
    (
        "items-naming-their-own-measure-keep-them",
        report("地区生产总值、一般公共预算收入、固定资产投资分别增长5%、3%、4%。", title=GOV),
        "5%",
        {"key": "gdp_growth"},
    ),
    (
        "deng-inside-a-word-is-no-list-word",
        report("学前教育毛入园率、高中阶段和高等教育毛入学率分别达到92%、95%、61%。", title=GOV),
        "92%",
        {"subject": "学前教育毛入园率", "key": "preschool_enrolment_rate"},
    ),
    (
        "industry-investment-items",
        report("工业、制造业、工业技改投资分别增长8%、11%、5%。", title=GOV),
        "8%",
        {"subject": "工业投资增速", "key": "industrial_investment_growth"},
    ),
    (
        "product-outputs",
        report("汽车用锂电池、太阳能电池、工业机器人产量分别增长40%、35%、60%。", title=GOV),
        "35%",
        {"subject": "太阳能电池产量增速", "key": "solar_cell_output_growth"},
    ),
]

PROGRAMME: list[Case] = [
    (
        "trade-in-in-the-clause-before",
        report("加力扩围以旧换新，带动消费420亿元。", title=GOV),
        "420亿元",
        {"subject": "以旧换新带动消费", "key": "consumer_goods_trade_in_sales"},
    ),
    (
        "trade-in-in-the-same-clause",
        report("落实以旧换新补贴资金18亿元、带动消费150亿元。", title=GOV),
        "150亿元",
        {"key": "consumer_goods_trade_in_sales"},
    ),
    (
        "other-activities-stay-bare",
        report("举办系列促消费活动，拉动消费60亿元。", title=GOV),
        "60亿元",
        {"subject": "拉动消费", "key": None},
    ),
]

CAPACITY_SHARES: list[Case] = [
    (
        "new-energy-share-is-not-renewables",
        report("清洁能源装机占比达90%，其中新能源装机占比达70%。", title=GOV),
        "70%",
        {"key": "new_energy_capacity_share"},
    ),
    (
        "clean-energy-share-is-renewables",
        report("清洁能源装机占比达90%，其中新能源装机占比达70%。", title=GOV),
        "90%",
        {"key": "renewable_capacity_share"},
    ),
]

REVIEW = "某某省2026年政府工作报告"
FIVE_YEARS = "一、“十四五”时期发展成就"

ANNUAL_AVERAGES: list[Case] = [
    (
        "a-span-average-per-year-takes-no-key",
        report("过去五年，城镇新增就业年均超过55万人。", title=REVIEW, heading=FIVE_YEARS),
        "55万人",
        {"period": "2021..2025", "key": None},
    ),
    (
        "the-span-total-keeps-its-key",
        report("过去五年，城镇新增就业累计达到260万人。", title=REVIEW, heading=FIVE_YEARS),
        "260万人",
        {"period": "2021..2025", "key": "urban_new_jobs"},
    ),
    (
        "an-annual-mean-concentration-keeps-its-key",
        report("过去五年，PM2.5年均浓度降至28微克/立方米。", title=REVIEW, heading=FIVE_YEARS),
        "28微克/立方米",
        {"key": "pm25_concentration"},
    ),
    (
        "a-cumulative-change-dated-to-one-year-takes-no-key",
        report("全省能耗强度累计下降12.5%。", title=GOV),
        "12.5%",
        {"key": None},
    ),
    (
        "a-cumulative-change-of-the-review-keeps-its-key",
        report("过去五年，单位地区生产总值能耗累计下降12.5%。", title=REVIEW, heading=FIVE_YEARS),
        "12.5%",
        {"period": "2021..2025", "key": "energy_intensity_reduction"},
    ),
    (
        "schools-rebuilt-in-the-review-are-the-spans",
        report("过去五年，新改扩建各类学校210所。", title=REVIEW, heading=FIVE_YEARS),
        "210所",
        {"period": "2021..2025"},
    ),
    (
        "recovered-wages-in-the-review-are-the-spans",
        report("过去五年，为劳动者追回工资9.6亿元。", title=REVIEW, heading=FIVE_YEARS),
        "9.6亿元",
        {"period": "2021..2025"},
    ),
]

ALL = LONE_VERB + COMPARISON_BASES + SHARED_HEADS + PROGRAMME + CAPACITY_SHARES + ANNUAL_AVERAGES


@pytest.mark.parametrize(("text", "figure", "want"), [c[1:] for c in ALL], ids=[c[0] for c in ALL])
def test_subject_and_key(text: str, figure: str, want: dict[str, Any]) -> None:
    check(the(text, figure), want)


def test_a_five_year_span_growth_is_dated_by_the_span() -> None:
    text = report(
        "“十四五”时期，青禾市实际使用外资比“十三五”时期增长45%。",
        title="某某省青禾市2026年政府工作报告",
        heading="一、“十四五”时期发展成就",
    )
    ind = the(text, "45%")
    assert (ind.key, ind.period) == (None, "2021..2025")
