"""Numeric indicators, table-driven, on invented sentences in the style of other regions' reports.

Each case is a tiny report: a title that fixes the summary and plan years, a section heading,
and one paragraph. A case names the figure as written (``Indicator.text``) and the fields it
must have. Groups follow the phenomenon: money, counts, quantities, percents, shares, growth,
declines, ranges, qualifiers, Chinese numerals, status, period, subject, entity, negatives.
"""

from __future__ import annotations

from typing import Any

import pytest

from yxnlp.extract.indicators import extract_indicators
from yxnlp.ingest import from_text
from yxnlp.pipeline import analyse
from yxnlp.record import Entity, Indicator, Mention

SUMMARY = "浙江省某县发展和改革局2024年工作总结和2025年工作计划"
GOV = "河南省某县2025年政府工作报告"
DONE = "一、2024年主要经济指标完成情况"
PLAN = "二、2025年工作计划"
OLD_GOV = "广东省某县1995年政府工作报告"
OLD_PLAN = "二、1995年的主要任务"


def report(body: str, *, title: str = SUMMARY, heading: str = DONE) -> str:
    return f"{title}\n\n{heading}\n\n{body}\n"


def indicators(text: str, *, entities: list[Entity] | None = None) -> list[Indicator]:
    return extract_indicators(analyse(from_text(text, name="case.txt")), entities=entities or [])


def the(text: str, figure: str, **kw: Any) -> Indicator:
    found = [i for i in indicators(text, **kw) if i.text == figure]
    assert found, f"{figure!r} not extracted from {text!r}"
    return found[0]


def check(ind: Indicator, want: dict[str, Any]) -> None:
    got: dict[str, Any] = {}
    for key in want:
        if key == "norm":
            got[key] = ind.normalized.value
        elif key == "norm_unit":
            got[key] = ind.normalized.unit
        elif key == "max":
            got[key] = ind.normalized.max
        else:
            got[key] = getattr(ind, key)
    for key, value in want.items():
        if isinstance(value, float):
            assert got[key] == pytest.approx(value), (key, got)
        else:
            assert got[key] == value, (key, got)


Case = tuple[str, str, str, dict[str, Any]]  # id, report text, figure, expected fields

MONEY: list[Case] = [
    (
        "gdp-yi",
        report("全县实现地区生产总值356.8亿元。"),
        "356.8亿元",
        {
            "value": 356.8,
            "unit": "亿元",
            "norm": 3.568e10,
            "norm_unit": "CNY",
            "kind": "amount",
            "key": "gdp",
            "source": "rule:money",
        },
    ),
    (
        "thousands-comma",
        report("完成一般公共预算收入12,345万元。"),
        "12,345万元",
        {"value": 12345.0, "norm": 1.2345e8, "key": "general_budget_revenue"},
    ),
    (
        "bare-yi-money-context",
        report("争取上级资金2.3亿，支持企业技改。"),
        "2.3亿",
        {"unit": "亿", "norm": 2.3e8, "norm_unit": "CNY", "kind": "amount"},
    ),
    (
        "wan-yi",
        report("实现外贸进出口总额1.2万亿元。"),
        "1.2万亿元",
        {"norm": 1.2e12, "key": "foreign_trade"},
    ),
    ("wan-yuan", report("发放创业担保贷款8600万元。"), "8600万元", {"norm": 8.6e7}),
    (
        "usd",
        report("实际利用外资3.5亿美元。"),
        "3.5亿美元",
        {"norm": 3.5e8, "norm_unit": "USD", "kind": "amount"},
    ),
    (
        "fullwidth-digits",
        report("兑现惠企资金５６００万元。"),
        "５６００万元",
        {"value": 5600.0, "norm": 5.6e7},
    ),
    (
        "tech-renovation",
        report("完成技改投资23.6亿元。"),
        "23.6亿元",
        {"key": "tech_renovation_investment", "key_source": "rule"},
    ),
]

COUNTS: list[Case] = [
    (
        "jia",
        report("新培育国家高新技术企业26家。"),
        "26家",
        {"value": 26.0, "unit": "家", "norm": 26.0, "norm_unit": "count", "kind": "count"},
    ),
    (
        "hu-new-above-scale",
        report("新增规上工业企业15户。"),
        "15户",
        {"key": "new_above_scale_enterprises", "kind": "count"},
    ),
    ("ge-comma", report("建成5G基站1,280个。"), "1,280个", {"value": 1280.0}),
    ("suo", report("新建中小学校4所。"), "4所", {"kind": "count"}),
    ("renci", report("培训农村劳动力3200人次。"), "3200人次", {"unit": "人次"}),
    (
        "wan-ren",
        report("城镇新增就业1.2万人。"),
        "1.2万人",
        {"norm": 12000.0, "norm_unit": "count", "key": "urban_new_jobs"},
    ),
    ("xiang", report("解决企业反映问题126项。"), "126项", {"kind": "count"}),
    (
        "inferred-measure-word",
        report("关停整治120散乱污企业。"),
        "120",
        {"unit": "户", "unit_inferred": True, "kind": "count", "source": "rule:count-inferred"},
    ),
]

QUANTITIES: list[Case] = [
    (
        "wan-dun",
        report("粮食总产量达到52.6万吨。"),
        "52.6万吨",
        {"norm": 526000.0, "norm_unit": "吨", "kind": "quantity", "key": "grain_output"},
    ),
    (
        "wan-mu",
        report("新增造林面积1.5万亩。"),
        "1.5万亩",
        {"unit": "万亩", "norm": 1000.0, "norm_unit": "公顷"},  # 15 亩 are 1 公顷
    ),
    (
        "square-metres",
        report("建成标准厂房12万平方米。"),
        "12万平方米",
        {"norm": 120000.0, "norm_unit": "平方米"},
    ),
    (
        "kilowatt",
        report("新增光伏装机容量30万千瓦。"),
        "30万千瓦",
        {"norm": 300000.0, "norm_unit": "千瓦"},
    ),
    ("km", report("新改建农村公路128公里。"), "128公里", {"kind": "quantity", "norm_unit": "公里"}),
]

PERCENTS: list[Case] = [
    (
        "surveyed-unemployment",
        report("城镇调查失业率5.2%。"),
        "5.2%",
        {"kind": "percent", "norm_unit": "percent", "key": "surveyed_unemployment_rate"},
    ),
    (
        "coverage",
        report("森林覆盖率达到63.5%。"),
        "63.5%",
        {"kind": "percent", "qualifier": "exact"},
    ),
    (
        "fullwidth-percent",
        report("常住人口城镇化率为58.7％。"),
        "58.7％",
        {"kind": "percent", "key": "urbanization_rate"},
    ),
    ("rd-intensity", report("研发经费投入强度2.1%。"), "2.1%", {"key": "rd_intensity"}),
]

SHARES: list[Case] = [
    (
        "zhan-bizhong",
        report("高新技术产业产值占规上工业总产值的比重达42.5%。"),
        "42.5%",
        {"kind": "share"},
    ),
    ("zhan-de", report("民营经济占全县经济总量的62%。"), "62%", {"kind": "share"}),
    ("zhanbi", report("数字经济核心产业增加值占比8.3%。"), "8.3%", {"kind": "share"}),
]

GROWTH: list[Case] = [
    (
        "gdp-growth",
        report("全县地区生产总值增长6.2%。"),
        "6.2%",
        {"kind": "growth", "norm": 6.2, "key": "gdp_growth"},
    ),
    (
        "value-added-yoy",
        report("规模以上工业增加值同比增长9.1%。"),
        "9.1%",
        {"kind": "growth", "key": "industrial_value_added_above_scale_growth"},
    ),
    (
        "fai",
        report("固定资产投资比上年增长7.5%。"),
        "7.5%",
        {"kind": "growth", "key": "fixed_asset_investment_growth"},
    ),
    ("retail", report("社会消费品零售总额增长5.8%。"), "5.8%", {"key": "retail_sales_growth"}),
    ("cpi", report("居民消费价格涨幅2.1%。"), "2.1%", {"kind": "growth", "key": "cpi_growth"}),
    (
        "respectively-second",
        report("城乡居民人均可支配收入分别增长5.1%和7.3%。"),
        "7.3%",
        {"kind": "growth"},
    ),
    ("tong-bi-zeng", report("税收收入同比增12.4%。"), "12.4%", {"kind": "growth"}),
    ("level-not-growth", report("森林覆盖率提高到64%。"), "64%", {"kind": "percent"}),
]

DECLINES: list[Case] = [
    (
        "energy-intensity",
        report("单位地区生产总值能耗下降3.2%。"),
        "3.2%",
        {"kind": "growth", "value": 3.2, "norm": -3.2, "key": "energy_intensity_reduction"},
    ),
    ("jianshao", report("安全生产事故起数同比减少15%。"), "15%", {"norm": -15.0}),
    ("pm25", report("PM2.5平均浓度降低8.1%。"), "8.1%", {"norm": -8.1, "kind": "growth"}),
    (
        "points",
        report("城镇登记失业率比上年下降0.3个百分点。"),
        "0.3个百分点",
        {"norm": -0.3, "norm_unit": "percentage_point", "kind": "growth"},
    ),
]

RANGES: list[Case] = [
    (
        "fullwidth-dash",
        report("地区生产总值增长6%－6.5%。"),
        "6%－6.5%",
        {"qualifier": "range", "norm": 6.0, "max": 6.5, "kind": "growth"},
    ),
    ("hyphen", report("全年经济增长6.5-7%。"), "6.5-7%", {"qualifier": "range", "max": 7.0}),
    (
        "zhi-count",
        report("每个乡镇新建3至5个便民服务点。"),
        "3至5个",
        {"qualifier": "range", "norm": 3.0, "max": 5.0, "kind": "count"},
    ),
    ("tilde", report("税收收入增长5%~6%。"), "5%~6%", {"qualifier": "range", "max": 6.0}),
]

QUALIFIERS: list[Case] = [
    (
        "respectively-amounts",
        report("力争交通、水利领域投资额分别达240亿元、45亿元。"),
        "45亿元",
        {"subject": "水利领域投资额", "status": "target", "kind": "amount"},  # 分别: one each
    ),
    (
        "respectively-shared-prefix",
        report("食品、药品抽检合格率分别超98.5%和99%。"),
        "99%",
        {"qualifier": "more_than", "kind": "percent", "subject": "药品抽检合格率"},
    ),
    (
        "respectively-other-scale",
        report("全市税收收入和一般公共预算支出分别突破8千亿元、2万亿元。"),
        "2万亿元",
        {"qualifier": "more_than", "kind": "amount", "subject": "一般公共预算支出"},
    ),
    (
        "respectively-tons-other-scale",
        report("钢材和水泥产量分别达到1.35亿吨和980万吨。"),
        "980万吨",
        {"qualifier": "exact", "kind": "quantity", "subject": "水泥产量"},
    ),
    ("yue", report("为企业协调贷款约2.4亿元。"), "2.4亿元", {"qualifier": "approx"}),
    ("zuoyou", report("粮食产量稳定在60万吨左右。"), "60万吨", {"qualifier": "approx"}),
    ("chaoguo", report("帮扶小微企业超过3000户。"), "3000户", {"qualifier": "more_than"}),
    ("chao", report("全年减税降费超4亿元。"), "4亿元", {"qualifier": "more_than"}),
    ("yu", report("服务企业200余家。"), "200余家", {"qualifier": "more_than", "value": 200.0}),
    ("duo", report("建成充电桩300多个。"), "300多个", {"qualifier": "more_than"}),
    ("yishang", report("培育营收10亿元以上企业8家。"), "10亿元", {"qualifier": "at_least"}),
    ("yinei", report("城镇登记失业率控制在3.5%以内。"), "3.5%", {"qualifier": "at_most"}),
    ("buzu", report("规上企业亏损面不足5%。"), "5%", {"qualifier": "less_than"}),
    ("budiyu", report("污水处理率不低于95%。"), "95%", {"qualifier": "at_least"}),
    ("yixia", report("淘汰10蒸吨以下燃煤锅炉12台。"), "10蒸吨", {"qualifier": "at_most"}),
    ("dadao-exact", report("国家级专精特新企业达到12家。"), "12家", {"qualifier": "exact"}),
]

CHINESE_NUMERALS: list[Case] = [
    (
        "qian-bai-ren",
        report("新增就业岗位一千二百人。"),
        "一千二百人",
        {"value": 1200.0, "kind": "count"},
    ),
    ("liang-jia", report("引进两家上市公司区域总部。"), "两家", {"value": 2.0, "kind": "count"}),
    (
        "qian-wan-yuan",
        report("安排奖补资金三千三百万元。"),
        "三千三百万元",
        {"value": 3300.0, "unit": "万元", "norm": 3.3e7},
    ),
    ("wu-suo", report("新建公办幼儿园五所。"), "五所", {"value": 5.0}),
    ("shi-er-jia", report("培育十二家专精特新企业。"), "十二家", {"value": 12.0}),
]

STATUS: list[Case] = [
    ("yuji", report("预计全年地区生产总值增长6%。"), "6%", {"status": "estimate"}),
    (
        "yuji-scope-next-clause",
        report("预计完成固定资产投资120亿元，同比增长8%。"),
        "8%",
        {"status": "estimate"},
    ),
    ("lizheng", report("力争规上工业增加值增长8%。"), "8%", {"status": "target"}),
    (
        "quebao",
        report("确保新增规上企业20户以上。"),
        "20户",
        {"status": "target", "qualifier": "at_least"},
    ),
    ("mubiao", report("明年的目标是粮食产量稳定在60万吨。"), "60万吨", {"status": "target"}),
    (
        "plan-section",
        report("新开工重点项目30个。", heading=PLAN),
        "30个",
        {"status": "target", "period": "2025"},
    ),
    (
        "plan-lead",
        report("2025年，县发改局将紧扣高质量发展，新开工项目25个。", heading="三、下步打算"),
        "25个",
        {"status": "target", "period": "2025"},
    ),
    (
        "progress-approx",
        report("项目主体工程完成约60%。"),
        "60%",
        {"status": "progress", "qualifier": "approx"},
    ),
    ("progress-rate", report("整改完成率达到85%。"), "85%", {"status": "progress"}),
    ("actual", report("全年完成技改投资18亿元。"), "18亿元", {"status": "actual"}),
    (
        "plan-figure-clause",
        report("当年计划投资15亿元，已完成投资12亿元。"),
        "15亿元",
        {"status": "target"},
    ),
    (
        "plan-figure-not-next-clause",
        report("当年计划投资15亿元，已完成投资12亿元。"),
        "12亿元",
        {"status": "actual"},
    ),
    (
        "estimate-task-rate",
        report("预计完成市下达目标任务的120%。"),
        "120%",
        {"status": "estimate", "kind": "percent"},
    ),
    (
        "unnumbered-plan-heading-line",
        report(
            "全县新增市场主体5600户。\n\n“十五五”时期主要目标和2025年重点工作\n\n新建5G基站800个。"
        ),
        "800个",
        {"status": "target", "period": "2025"},
    ),
    (
        "plan-year-opener",
        report("2025年是“十五五”开局之年。全年新增城镇就业1.1万人。", heading="三、奋力开好局"),
        "1.1万人",
        {"status": "target", "period": "2025"},
    ),
    (
        "title-line-is-not-a-plan-heading",
        report("全县新增市场主体5600户。"),
        "5600户",
        {"status": "actual", "period": "2024"},
    ),
    (
        "past-effort-is-not-target",
        report("经过艰苦努力，全年地区生产总值增长5.5%。"),
        "5.5%",
        {"status": "actual"},
    ),
]

PERIOD: list[Case] = [
    ("months", report("1-10月，规上工业总产值增长7.2%。"), "7.2%", {"period": "2024-01..2024-10"}),
    (
        "fyp-annual",
        report("“十四五”期间地区生产总值年均增长6.5%。"),
        "6.5%",
        {"period": "2021..2025", "kind": "growth"},
    ),
    (
        "to-2025-annual",
        report("到2025年，力争工业投资年均增长10%以上。"),
        "10%",
        {"period": "2021..2025", "status": "target", "qualifier": "at_least"},
    ),
    ("explicit-year", report("2023年全县引进亿元以上项目45个。"), "45个", {"period": "2023"}),
    ("summary-default", report("全县新增市场主体5600户。"), "5600户", {"period": "2024"}),
    (
        "gov-report-this-year",
        report(
            "今年主要预期目标是：地区生产总值增长6%左右。", title=GOV, heading="三、2025年工作安排"
        ),
        "6%",
        {"period": "2025", "status": "target", "qualifier": "approx", "key": "gdp_growth"},
    ),
    (
        "gov-report-last-year",
        report("过去一年，全县地区生产总值增长5.5%。", title=GOV, heading="一、2024年工作回顾"),
        "5.5%",
        {"period": "2024", "status": "actual"},
    ),
    (
        "future-deadline",
        report("负责在2025年6月前完成12户企业搬迁。"),
        "12户",
        {"status": "target", "period": "2025"},
    ),
    (
        "capacity",
        report("推进年产30万吨新材料项目建设。"),
        "30万吨",
        {"status": "target", "period": None, "kind": "quantity"},
    ),
    (
        "project-attribute",
        report("协调总投资5.6亿元的冷链物流园项目入库。"),
        "5.6亿元",
        {"status": "actual", "period": None},
    ),
    (
        "from-year-dates-the-start-only",
        report("高新技术产业占比从2019年的30.8%提高到42%。"),
        "42%",
        {"period": "2024"},
    ),
    (
        "from-year-start",
        report("高新技术产业占比从2019年的30.8%提高到42%。"),
        "30.8%",
        {"period": "2019"},
    ),
    (
        "flattened-plan-heading",
        report("全年新增就业3万人。 二、2025年主要任务 新增城镇就业3.2万人。"),
        "3.2万人",
        {"status": "target", "period": "2025"},
    ),
    (
        "fyp-span-in-sentence",
        report("“十四五”期间累计新增城镇就业5万人。"),
        "5万人",
        {"period": "2021..2025"},
    ),
    (
        "under-heading-of-the-starting-plan",
        report(
            "实现城镇新增就业5000万人以上。",
            title="河南省某县2021年政府工作报告",
            heading="二、“十四五”时期主要目标任务",
        ),
        "5000万人",
        {"period": "2021..2025", "status": "target", "qualifier": "at_least"},
    ),
    (
        "document-year-ignored",
        report("按照《2023年工作方案》，新建冷库8座。"),
        "8座",
        {"period": "2024"},
    ),
]

SUBJECT: list[Case] = [
    (
        "strip-region-verb",
        report("全区规模以上工业总产值达到380亿元。"),
        "380亿元",
        {"subject": "规模以上工业总产值", "key": "industrial_output_above_scale"},
    ),
    (
        "strip-verb",
        report("完成工业投资45亿元。"),
        "45亿元",
        {"subject": "工业投资", "key": "industrial_investment"},
    ),
    (
        "growth-inherits",
        report("完成工业投资45亿元，同比增长12%。"),
        "12%",
        {"subject": "工业投资同比增速", "key": "industrial_investment_growth"},
    ),
    (
        "qizhong",
        report("实施重点项目60个，其中新开工项目18个。"),
        "18个",
        {"subject": "新开工项目"},
    ),
    (
        "retail-subject",
        report("全县社会消费品零售总额增长6.1%。"),
        "6.1%",
        {"subject": "社会消费品零售总额增速"},
    ),
    (
        "share-subject",
        report("战略性新兴产业实现产值120亿元，占规上工业总产值的35%。"),
        "35%",
        {"kind": "share", "subject": "战略性新兴产业产值占规上工业总产值比重"},
    ),
]

# Subjects that carry over within a sentence (issue 11: keys for most figures). Rows are
# written in the shapes of provincial reports, for invented places and figures.
CARRIED_SUBJECT: list[Case] = [
    (
        "from-a-rise-to-b-any-verb",
        report("全县居民人均可支配收入由2.1万元增加到2.9万元、年均增长6.6%。", title=GOV),
        "2.9万元",
        {"subject": "居民人均可支配收入", "key": "disposable_income"},
    ),
    (
        "from-a-rise-to-b-growth-after",
        report("全县居民人均可支配收入由2.1万元增加到2.9万元、年均增长6.6%。", title=GOV),
        "6.6%",
        {"key": "disposable_income_growth"},
    ),
    (
        "from-a-to-year-dated-b",
        report("常住人口城镇化率从2019年的48.2%提升到2024年的53.5%。", title=GOV),
        "53.5%",
        {"subject": "常住人口城镇化率", "key": "urbanization_rate", "period": "2024"},
    ),
    (
        "from-a-count-is-no-noun",
        report("5G基站从0.8万个增加到3.1万个。", title=GOV),
        "3.1万个",
        {"subject": "5G基站", "key": "five_g_base_stations"},
    ),
    (
        "threshold-then-exact-level",
        report("地区生产总值突破800亿元、达到835亿元。", title=GOV),
        "835亿元",
        {"subject": "地区生产总值", "key": "gdp", "qualifier": "exact"},
    ),
    (
        "step-then-exact-level",
        report("地区生产总值迈上800亿元台阶，达到835亿元。", title=GOV),
        "835亿元",
        {"key": "gdp"},
    ),
    (
        "dollar-level-after-yuan-level",
        report("人均地区生产总值从5.1万元增至6.9万元，超过1万美元，年均增长5.2%。", title=GOV),
        "1万美元",
        {"key": "gdp_per_capita", "qualifier": "more_than"},
    ),
    (
        "growth-after-subjectless-level",
        report("人均地区生产总值从5.1万元增至6.9万元，超过1万美元，年均增长5.2%。", title=GOV),
        "5.2%",
        {"key": "gdp_per_capita_growth"},
    ),
    (
        "total-after-growth",
        report("全县外贸进出口增长7.5%，总额突破90亿元。", title=GOV),
        "90亿元",
        {"subject": "外贸进出口", "key": "foreign_trade", "qualifier": "more_than"},
    ),
    (
        "share-reached",
        report("全县税收占比达81.5%。", title=GOV),
        "81.5%",
        {"subject": "税收占比", "key": "tax_revenue_share"},
    ),
    (
        "pm25-typeset-with-subscript",
        report("全县PM_2.5平均浓度下降6.3%。", title=GOV),
        "6.3%",
        {"key": "pm25_change", "norm": -6.3},
    ),
    (
        "from-last-year-to-now",
        report("常住人口由上年86.2万人增加到86.9万人。", title=GOV),
        "86.9万人",
        {"subject": "常住人口", "key": "resident_population"},
    ),
    (
        "fell-to-a-level",
        report("PM2.5平均浓度降至29微克/立方米。", title=GOV),
        "29微克/立方米",
        {"subject": "PM2.5平均浓度", "key": "pm25_concentration"},
    ),
    (
        "doubled-then-level",
        report("水利建设投资翻番、达86.3亿元。", title=GOV),
        "86.3亿元",
        {"subject": "水利建设投资", "key": "water_conservancy_investment"},
    ),
    (
        "rate-over",
        report("基本医保参保率超97%。", title=GOV),
        "97%",
        {"subject": "基本医保参保率", "key": "medical_insurance_coverage"},
    ),
    (
        "growth-after-a-rank",
        report("全县地区生产总值达到412亿元、稳居全市第二、增长6.1%。", title=GOV),
        "6.1%",
        {"subject": "地区生产总值增速", "key": "gdp_growth"},
    ),
    (
        "five-year-plan-period-is-neutral",
        report("力争“十五五”时期地区生产总值年均增长6%左右。", title=GOV, heading=PLAN),
        "6%",
        {"key": "gdp_growth"},
    ),
    (
        "profit-of-the-firms-whose-revenue-came-first",
        report("自治区国资委监管企业营收增长4.2%、利润增长6.8%。", title=GOV),
        "6.8%",
        {"subject": "自治区国资委监管企业利润增速", "key": "soe_profit_growth"},
    ),
    (
        "exports-of-a-product-are-no-total-exports",
        report("苹果综合产值增长9.1%、出口增长21.5%。", title=GOV),
        "21.5%",
        {"subject": "苹果出口增速", "key": None},
    ),
    (
        "exports-after-total-trade",
        report("全县外贸进出口增长6%、出口增长9%。", title=GOV),
        "9%",
        {"key": "exports_growth"},
    ),
    (
        "pension-raised-by",
        report("城乡居民基础养老金最低标准调增8.5%。", title=GOV),
        "8.5%",
        {"key": "basic_pension_minimum_standard_growth"},
    ),
]

# 分别 lists and lists without 分别: one subject per figure, in order.
LISTS: list[Case] = [
    (
        "respectively-growth-in-next-clause",
        report("城乡居民人均可支配收入分别达5.2万元、2.6万元，增长4.8%、6.9%。", title=GOV),
        "6.9%",
        {"subject": "农村居民人均可支配收入增速", "key": "rural_disposable_income_growth"},
    ),
    (
        "respectively-after-zuoyou",
        report("一二三产增加值分别增长3.5%左右、6%左右、5.5%左右。", title=GOV, heading=PLAN),
        "6%",
        {"key": "secondary_industry_value_added_growth", "qualifier": "approx"},
    ),
    (
        "industries-one-two-three",
        report("一、二、三产业增加值分别增长3.8%、6.2%、5.1%。", title=GOV),
        "5.1%",
        {"subject": "第三产业增加值增速", "key": "tertiary_industry_value_added_growth"},
    ),
    (
        "urban-rural-without-respectively",
        report("全县城乡居民人均可支配收入年均增长5.1%、7.3%。", title=GOV),
        "7.3%",
        {"key": "rural_disposable_income_growth"},
    ),
    (
        "two-items-without-respectively",
        report("全县国内游客人次、总花费增长9.2%、11.4%。", title=GOV),
        "11.4%",
        {"key": "domestic_tourism_spending_growth"},
    ),
    (
        "respectively-growths-of-two-listed-counts",
        report("接待国内游客2.1亿人次、入境游客86万人次，分别增长5.2%、31.4%。", title=GOV),
        "5.2%",
        {"subject": "接待国内游客增速", "key": "domestic_tourist_arrivals_growth"},
    ),
    (
        "respectively-growths-of-two-clauses",
        report("全县实现地区生产总值420亿元，完成财政收入31亿元，分别增长5.5%、3.2%。", title=GOV),
        "5.5%",
        {"key": "gdp_growth"},
    ),
    (
        "deposits-and-loans-respectively",
        report("金融机构人民币存贷款余额分别增长7.2%、8.1%。", title=GOV),
        "8.1%",
        {"subject": "金融机构人民币贷款余额增速", "key": "loans_balance_growth"},
    ),
    (
        "cheng-xiang-item-is-not-expanded",
        report("城乡环卫一体化覆盖率、农村自来水普及率分别提高到70%、95%。", title=GOV),
        "95%",
        {"key": "rural_tap_water_rate"},
    ),
    (
        "from-to-is-no-list",
        report("城乡居民基础养老金最低标准从120元/月提高到190元/月。", title=GOV),
        "190元",
        {"key": "basic_pension_minimum_standard"},
    ),
]

# Keys of recurring quantities read in their sentence (issue 11), and the figures that must
# not take them. Invented provinces' wording and figures.
KEYS_IN_CONTEXT: list[Case] = [
    (
        "projects-counted-then-their-investment",
        report("全年实施省重点项目420个、完成投资1860亿元。", title=GOV),
        "1860亿元",
        {"subject": "实施省重点项目投资", "key": "key_project_investment"},
    ),
    (
        "projects-counted-then-investment-of-other-projects",
        report("建设亿元以上项目900个、完成投资超1200亿元。", title=GOV),
        "1200亿元",
        {"key": None},  # projects over 100 million yuan are not the key projects
    ),
    (
        "share-right-after-a-capacity",
        report("新能源装机达1200万千瓦、占比达46.2%。", title=GOV),
        "46.2%",
        {"kind": "share", "subject": "新能源装机占比", "key": "new_energy_capacity_share"},
    ),
    (
        "share-after-a-growth",
        report("工业战略性新兴产业总产值增长7.1%、占规模以上工业总产值比重提高到38%。", title=GOV),
        "38%",
        {"key": "strategic_emerging_output_share"},
    ),
    (
        "contribution-is-no-growth",
        report("全县工业对经济增长贡献率达41.2%。", title=GOV),
        "41.2%",
        {"kind": "percent", "key": "industry_contribution_to_growth"},
    ),
    (
        "contribution-to-industry-is-no-value-added",
        report("非烟工业增加值增长7.4%、对规模以上工业增长贡献率达60.5%。", title=GOV),
        "60.5%",
        {"kind": "percent", "key": None},
    ),
    (
        "livelihood-projects-completed",
        report("全年18件民生实事全面完成。", title=GOV),
        "18件",
        {"subject": "民生实事", "key": "livelihood_projects"},
    ),
    (
        "livelihood-project-categories-are-no-projects",
        report("今年将实施8大类40项民生实事项目。", title=GOV, heading=PLAN),
        "8大类",
        {"key": None},
    ),
    (
        "compounds-not-households",
        report("全县开工改造城镇老旧小区1.2万户。", title=GOV),
        "1.2万户",
        {"key": "old_residential_renovation_households"},  # households: a key of their own
    ),
    (
        "compounds-counted",
        report("全县开工改造城镇老旧小区126个。", title=GOV),
        "126个",
        {"key": "old_residential_renovation"},
    ),
    (
        "net-increase-after-the-stock",
        report("全县高新技术企业净增85家。", title=GOV),
        "85家",
        {"key": "new_high_tech_enterprises"},
    ),
    (
        "built-counted-noun-keeps-its-verb",
        report("布局打造6个概念验证中心。", title=GOV),
        "6个",
        {"key": None},  # six built, not the stock of centres
    ),
    (
        "projects-started-are-no-key-projects",
        report("城西快速路、北部水厂等42个重大项目开工。", title=GOV),
        "42个",
        {"subject": "重大项目开工", "key": "key_projects_started"},  # started, not all of them
    ),
    (
        "a-standard-raised-by-an-amount-is-no-standard",
        report("青禾市城乡居民医保人均财政补助标准提高30元。", title=GOV),
        "30元",
        {"key": None},  # the rise, not the standard
    ),
    (
        "a-standard-raised-to-an-amount-is-the-standard",
        report("城乡居民医保人均财政补助标准提高到700元。", title=GOV),
        "700元",
        {"key": "resident_medical_insurance_subsidy"},
    ),
    (
        "rises-listed-after-respectively-are-rises",
        report("城镇、农村低保标准每月分别提高40元、30元。", title=GOV),
        "30元",
        {"key": None},
    ),
    (
        "a-stock-increased-by-a-count-is-no-stock",
        report("全县通用机场增加2个、达到5个。", title=GOV),
        "2个",
        {"key": None},
    ),
    (
        "urban-villages-in-households",
        report("全县启动城中村改造1.6万户。", title=GOV),
        "1.6万户",
        {"key": "urban_village_renovation_households"},
    ),
    (
        "a-list-item-before-and-keeps-its-key",
        report("新建2个国家现代农业产业园和5个农业产业强镇。", title=GOV),
        "2个",
        {"key": "new_modern_agricultural_parks"},
    ),
    (
        "projects-above-an-amount-are-no-key-projects",
        report("引进投资超5亿元重大项目9个。", title=GOV),
        "9个",
        {"key": None},
    ),
    (
        "key-projects-described-by-their-investment",
        report("抓好总投资860亿元的126个市重点项目。", title=GOV),
        "126个",
        {"key": "key_projects"},
    ),
    (
        "approved-labs-are-new-labs",
        report("获批建设3个全国重点实验室。", title=GOV),
        "3个",
        {"key": "new_national_key_labs"},
    ),
    (
        "asean-exports-are-no-trade",
        report("对东盟出口增长12.4%。", title=GOV),
        "12.4%",
        {"key": None},
    ),
    (
        "asean-trade",
        report("对东盟、欧盟进出口分别增长9.6%、4.1%。", title=GOV),
        "9.6%",
        {"key": "asean_trade_growth"},
    ),
    (
        "belt-and-road-exports-are-no-trade",
        report("对共建“一带一路”国家、非洲出口分别增长8.2%、11.5%。", title=GOV),
        "8.2%",
        {"key": None},
    ),
    (
        "africa-exports-in-a-partner-list",
        report("对共建“一带一路”国家、非洲、欧洲出口分别增长8.2%、11.5%、4.6%。", title=GOV),
        "11.5%",
        {"subject": "非洲出口增速", "key": "africa_exports_growth"},
    ),
    (
        "africa-exports-first-in-a-partner-list",
        report("对非洲、拉美市场出口分别增长14%、6.3%。", title=GOV),
        "14%",
        {"key": "africa_exports_growth"},
    ),
    (
        "latin-america-exports-are-not-africa",
        report("对非洲、拉美市场出口分别增长14%、6.3%。", title=GOV),
        "6.3%",
        {"key": None},
    ),
    (
        "ic-exports-in-a-product-list",
        report("集成电路、汽车零配件出口分别增长36.2%、12.8%。", title=GOV),
        "36.2%",
        {"key": "ic_exports_growth"},
    ),
    (
        "parts-exports-are-not-ic-exports",
        report("集成电路、汽车零配件出口分别增长36.2%、12.8%。", title=GOV),
        "12.8%",
        {"key": None},
    ),
    (
        "domestic-and-foreign-capital-respectively",
        report("实际使用内外资分别增长8.5%、4.2%。", title=GOV),
        "4.2%",
        {"subject": "实际使用外资增速", "key": "fdi_actual_growth"},
    ),
    (
        "financing-platforms-exited",
        report("稳妥化解存量债务，融资平台新退出61家。", title=GOV),
        "61家",
        {"key": "financing_platforms_exited"},
    ),
    (
        "financing-platforms-cut-is-no-count",
        report("融资平台数量累计压降72.5%。", title=GOV),
        "72.5%",
        {"key": None},
    ),
    (
        "a-rank-after-the-subject",
        report("高速公路通车里程全国第五、突破9000公里。", title=GOV),
        "9000公里",
        {"key": "expressway_length"},
    ),
    (
        "a-total-after-its-flow",
        report("新增境内上市公司12家，总数87家。", title=GOV),
        "87家",
        {"subject": "总数", "key": "listed_companies"},
    ),
    (
        "a-length-after-its-flow",
        report("新增高速公路通车里程312公里，总里程达6120公里。", title=GOV),
        "6120公里",
        {"key": "expressway_length"},
    ),
    (
        "a-total-of-a-flow-without-a-stock-key",
        report("新增口袋公园36座，累计达到410座。", title=GOV),
        "410座",
        {"key": None},
    ),
    (
        "a-total-of-another-measure",
        report("新增上市公司3家，总市值超800亿元。", title=GOV),
        "800亿元",
        {"key": None},
    ),
    (
        "double-high-colleges-and-groups",
        report("9所高职院校、14个专业群入选国家第二期“双高计划”。", title=GOV),
        "14个",
        {"key": "vocational_double_high_programme_groups"},
    ),
]

# Known failures: a fix makes them pass and strict xfail reports it.
XFAIL: list[Case] = [
    (
        "measure-word-dropped-before-threshold",
        report("对列入计划的甲乙等38蒸吨以下燃煤锅炉进行改造。"),
        "8蒸吨",
        {"qualifier": "at_most"},
    ),
    (
        "fund-year-after-figure",
        report("拨付12户企业2023年技改专项资金共计80万元。"),
        "12户",
        {"period": "2023"},
    ),
    (
        "threshold-without-yishang",
        report("组建5亿元企业服务专班12个。"),
        "5亿元",
        {"qualifier": "at_least"},
    ),
]


# Shapes of the main targets in older 政府工作报告 (1990s–2000s), written for invented counties.
OLDER_TARGETS: list[Case] = [
    (
        "percent-in-words",
        report("今年全县国内生产总值计划增长百分之九。", title=OLD_GOV, heading=OLD_PLAN),
        "百分之九",
        {
            "value": 9.0,
            "unit": "百分之",
            "norm_unit": "percent",
            "kind": "growth",
            "key": "gdp_growth",
            "status": "target",
            "period": "1995",
            "source": "rule:percent",
        },
    ),
    (
        "percent-in-words-range",
        report("今年经济增长速度的调控目标，定为百分之八至九。", title=OLD_GOV, heading=OLD_PLAN),
        "百分之八至九",
        {
            "norm": 8.0,
            "max": 9.0,
            "qualifier": "range",
            "kind": "growth",
            "key": "gdp_growth",
            "status": "target",
        },
    ),
    (
        "percent-in-words-decimal",
        report("全县社会商品零售总额增长百分之十二点三。", title=OLD_GOV, heading=OLD_PLAN),
        "百分之十二点三",
        {"value": 12.3, "kind": "growth", "key": "retail_sales_growth"},
    ),
    (
        "percent-in-words-at-most",
        report("要把全年零售物价上涨幅度控制在百分之十以内。", title=OLD_GOV, heading=DONE),
        "百分之十",
        {
            "qualifier": "at_most",
            "kind": "growth",
            "key": "retail_price_growth",
            "status": "target",
            "period": "1995",
            "subject": "零售物价涨幅",
        },
    ),
    (
        "growth-named-as-target",
        report("县委提出今年经济增长预期目标为7%左右，兼顾了需要和可能。", title=GOV, heading=DONE),
        "7%",
        {
            "kind": "growth",
            "qualifier": "approx",
            "key": "gdp_growth",
            "status": "target",
            "period": "2025",
        },
    ),
    (
        "growth-speed-target-set-as",
        report("综合考虑，今年经济增长速度的调控目标定为８％。", title=OLD_GOV, heading=OLD_PLAN),
        "８％",
        {"kind": "growth", "key": "gdp_growth", "status": "target", "period": "1995"},
    ),
    (
        "growth-expected-as",
        report("综合分析各方面因素，今年的经济增长预期为9％左右。", title=OLD_GOV, heading=DONE),
        "9％",
        {
            "kind": "growth",
            "qualifier": "approx",
            "key": "gdp_growth",
            "status": "target",
            "period": "1995",
        },
    ),
    (
        "gov-this-year-paragraph",
        report(
            "今年计划要求，全县生产总值增长百分之十。投资要符合产业政策。"
            "农民人均纯收入增长百分之五。",
            title=OLD_GOV,
            heading=DONE,
        ),
        "百分之五",
        {"status": "target", "period": "1995"},
    ),
    (
        "percent-in-words-hundred",
        report("全县行政村通电率达到百分之百。", title=OLD_GOV),
        "百分之百",
        {"value": 100.0, "kind": "percent"},
    ),
    (
        "gnp-is-not-gdp",
        report("今年国民生产总值增长百分之六。", title=OLD_GOV, heading=OLD_PLAN),
        "百分之六",
        {"key": "gnp_growth", "status": "target"},
    ),
    (
        "retail-price-index",
        report("今年县里商品零售价格涨幅控制在3％以内。", title=OLD_GOV, heading=OLD_PLAN),
        "3％",
        {"key": "retail_price_growth", "qualifier": "at_most", "status": "target"},
    ),
    (
        "cpi-total-level",
        report("今年的主要目标是：居民消费价格总水平涨幅控制在4%。", title=GOV, heading=PLAN),
        "4%",
        {"key": "cpi_growth", "qualifier": "at_most", "status": "target", "period": "2025"},
    ),
    (
        "new-jobs-not-lower-than",
        report("今年的主要目标是：城镇新增就业人数不低于3万人。", title=GOV, heading=PLAN),
        "3万人",
        {"key": "urban_new_jobs", "qualifier": "at_least", "subject": "城镇新增就业人数"},
    ),
    (
        "registered-unemployment",
        report("今年的主要目标是：城镇登记失业率控制在4.5%以内。", title=GOV, heading=PLAN),
        "4.5%",
        {"key": "registered_unemployment_rate", "qualifier": "at_most", "status": "target"},
    ),
    (
        "last-years-target-quoted",
        report(
            "去年县政府在工作报告中提出，要把全年零售物价上涨幅度控制在百分之十以内。",
            title=OLD_GOV,
            heading=DONE,
        ),
        "百分之十",
        {"status": "target", "period": "1994"},
    ),
    (
        "level-reached-is-not-a-fall",
        report("去年全县居民消费价格涨幅回落到2.6%。", title=GOV, heading=PLAN),
        "2.6%",
        {"norm": 2.6, "kind": "growth", "key": "cpi_growth", "status": "actual", "period": "2024"},
    ),
    (
        "last-year-then-this-year",
        report(
            "去年居民消费价格涨幅为2.1%，今年居民消费价格涨幅控制在3%左右。",
            title=GOV,
            heading=PLAN,
        ),
        "3%",
        {"status": "target", "period": "2025"},
    ),
    (
        # the growth is named in the clause before the one holding the figure (national 1995)
        "growth-named-in-clause-before",
        report(
            "今年的目标是，确保物价上涨幅度比去年明显回落，力争控制在百分之十二左右。",
            title=OLD_GOV,
        ),
        "百分之十二",
        {"kind": "growth", "subject": "物价涨幅", "status": "target", "period": "1995"},
    ),
    (
        "growth-named-in-clause-before-plain",
        report("全县规上工业增加值增速有所放缓，保持在8%左右。"),
        "8%",
        {"kind": "growth", "key": "industrial_value_added_above_scale_growth", "norm": 8.0},
    ),
    (
        "held-figure-this-year",
        report("去年物价涨幅较高，今年要控制在3%以内。", title=GOV),
        "3%",
        {"kind": "growth", "status": "target", "qualifier": "at_most", "period": "2025"},
    ),
    (
        "this-year-first-half-is-past",
        report(
            "今年上半年，全县社会消费品零售总额比去年同期增长11%。", title=OLD_GOV, heading=DONE
        ),
        "11%",
        {"status": "actual", "key": "retail_sales_growth"},
    ),
    (
        "explicit-past-year-after-this-year",
        report(
            "今年要继续扩大试点。据试点企业统计，1994年产值增长14.9％。",
            title=OLD_GOV,
            heading=DONE,
        ),
        "14.9％",
        {"status": "actual", "period": "1994"},
    ),
    (
        "this-year-mid-paragraph-is-not-a-lead",
        report("去年，我们为今年预留了政策空间。全县统筹资金2.8亿元用于惠企纾困。", title=GOV),
        "2.8亿元",
        {"status": "actual", "period": "2024"},
    ),
    (
        "this-year-since-is-past",
        report("今年以来，全县规上工业增加值增长9%。", title=GOV, heading=DONE),
        "9%",
        {"status": "actual"},
    ),
]

# Digits typeset one by one with single spaces (a scanned 1990s report).
SPACED_DIGITS: list[Case] = [
    (
        "spaced-money",
        report("全县生产总值达到3 4 5 6 万元。", title=OLD_GOV),
        "3 4 5 6 万元",
        {"value": 3456.0, "norm": 3.456e7, "unit": "万元", "key": "gdp"},
    ),
    (
        "spaced-percent",
        report("今年的主要目标是：经济增长速度9 ％。", title=OLD_GOV, heading=OLD_PLAN),
        "9 ％",
        {"value": 9.0, "kind": "growth", "key": "gdp_growth", "status": "target"},
    ),
    (
        "spaced-decimal",
        report("城镇人均住房面积增加到9 ．6 平方米。", title=OLD_GOV),
        "9 ．6 平方米",
        {"value": 9.6, "kind": "quantity", "norm_unit": "平方米"},
    ),
    (
        "spaced-year-dates",
        report("1 9 9 4 年全县粮食产量达到2 1 万吨。", title=OLD_GOV),
        "2 1 万吨",
        {"value": 21.0, "period": "1994", "key": "grain_output"},
    ),
]

# Energy per unit of output is never a growth of value added.
ENERGY: list[Case] = [
    (
        "industrial-energy-intensity",
        report("单位工业增加值能耗下降3.5%。"),
        "3.5%",
        {"key": "industrial_energy_intensity_reduction", "norm": -3.5, "value": 3.5},
    ),
    (
        "above-scale-energy-intensity",
        report("力争规上工业单位增加值能耗降低4%。", heading=PLAN),
        "4%",
        {"key": "industrial_energy_intensity_reduction", "status": "target", "norm": -4.0},
    ),
    (
        "ten-thousand-yuan-energy",
        report("万元工业增加值能耗同比下降5.2%。"),
        "5.2%",
        {"key": "industrial_energy_intensity_reduction"},
    ),
    (
        "gdp-energy-intensity",
        report("单位地区生产总值能耗比上年下降2.8%。"),
        "2.8%",
        {"key": "energy_intensity_reduction", "norm": -2.8},
    ),
    (
        "value-added-next-to-energy",
        report("规上工业增加值增长8%、单位工业增加值能耗下降3%。"),
        "3%",
        {"key": "industrial_energy_intensity_reduction"},
    ),
]

JOBS: list[Case] = [
    (
        "jobs-created-count",
        report("全年新增就业岗位12.5万个。"),
        "12.5万个",
        {"key": "urban_new_jobs", "norm": 125000.0, "norm_unit": "count"},
    ),
    (
        "jobs-created-target",
        report("今年的主要预期目标是：城镇新增就业岗位不少于5万个。", title=GOV, heading=PLAN),
        "5万个",
        {"key": "urban_new_jobs", "qualifier": "at_least", "status": "target"},
    ),
]

ALL = MONEY + COUNTS + QUANTITIES + PERCENTS + SHARES + GROWTH + DECLINES + RANGES + QUALIFIERS
ALL += CHINESE_NUMERALS + STATUS + PERIOD + SUBJECT + OLDER_TARGETS + SPACED_DIGITS + ENERGY + JOBS
ALL += CARRIED_SUBJECT + LISTS + KEYS_IN_CONTEXT


@pytest.mark.parametrize(("text", "figure", "want"), [c[1:] for c in ALL], ids=[c[0] for c in ALL])
def test_indicator(text: str, figure: str, want: dict[str, Any]) -> None:
    ind = the(text, figure)
    check(ind, want)
    assert text[ind.span[0] : ind.span[1]] == figure
    assert ind.source.startswith("rule:")


NEGATIVES: list[tuple[str, str]] = [
    ("ordinals", report("一是加强组织领导，二是强化督导考核。")),
    ("section-numbers", report("(三)推进“十四五”规划实施")),
    ("labels-with-numerals", report("围绕3+3产业布局，打造三大支柱产业，实施六大工程。")),
    ("network-generations", report("加快4G/5G网络建设。")),
    ("rank", report("营商环境评价位居全省第一位。")),
    ("deadline-date", report("在2024年6月前完成。")),
    ("plot-numbers", report("4号地块桩基施工完成，5号6号地块有序推进。")),
    ("political-slogans", report("坚决做到“两个维护”，树牢“四个意识”。")),
    ("road-chainage", report("道路K2+300至K3+100段完成路基施工。")),
    ("time-window", report("每天8:30-17:30错峰生产。")),
    ("document-title", report("印发《2024年工作要点》。")),
    ("years-only", report("2023年以来，全县上下团结奋斗。")),
    (
        "party-building-section",
        report("每季度召开1次党建工作会议，集中学习7次。", heading="(五)加强党的建设"),
    ),
    ("hundred-thousand-label", report("实施新一轮百万亩造林绿化工程。")),
    ("duration", report("用3个月时间开展专项整治。")),
    ("bare-number", report("编号为1024的档案。")),
    ("spaced-year-only", report("1 9 9 4 年以来，全县上下团结奋斗。", title=OLD_GOV)),
    ("spaced-list-without-unit", report("见附表1 2 3。", title=OLD_GOV)),
    ("percent-word-without-number", report("百分之百的热情投入工作。")),
]


@pytest.mark.parametrize("text", [t for _, t in NEGATIVES], ids=[n for n, _ in NEGATIVES])
def test_nothing_extracted(text: str) -> None:
    assert [i.text for i in indicators(text)] == []


def _entity(name: str, text: str, label: str = "PROJECT") -> Entity:
    start = text.index(name)
    mention = Mention(text=name, span=(start, start + len(name)), source="rule")
    return Entity(id="e1", label=label, name=name, canonical=name, mentions=[mention])  # type: ignore[arg-type]


ENTITY_CASES = [
    (
        "figure-inside-name",
        report("全面推动某某公司年产20万台电机生产线项目建设。"),
        "某某公司年产20万台电机生产线项目",
        "20万台",
    ),
    (
        "attribute-of-following-name",
        report("协调总投资3.2亿元的城东冷链物流园项目入库。"),
        "城东冷链物流园项目",
        "3.2亿元",
    ),
]


@pytest.mark.parametrize(
    ("text", "name", "figure"), [c[1:] for c in ENTITY_CASES], ids=[c[0] for c in ENTITY_CASES]
)
def test_entity_holds_the_figure(text: str, name: str, figure: str) -> None:
    assert the(text, figure, entities=[_entity(name, text)]).entity == name


def test_no_entity_when_unrelated() -> None:
    text = report("为城东冷链物流园项目协调贷款1.2亿元。")
    assert the(text, "1.2亿元", entities=[_entity("城东冷链物流园项目", text)]).entity is None


# The years the indicator rules work with are the metadata's (no second reading of the title);
# a 政府工作报告 planning year Y reviews Y-1 when the metadata names no summary year.
YEARS = [
    ("宜宾市某区工信局2021年工作总结和2022年工作计划", (2021, 2022, False)),
    ("2025年政府工作报告", (2024, 2025, True)),
    ("某县2023年工作总结", (2023, None, False)),
    ("某局2024年工作要点", (None, 2024, False)),
    ("无年份的标题", (None, None, False)),
]


@pytest.mark.parametrize(("title", "years"), YEARS)
def test_report_years_come_from_metadata(
    title: str, years: tuple[int | None, int | None, bool]
) -> None:
    a = analyse(from_text(f"{title}\n一、概况\n全年增长5%。", name="case.txt"))
    assert a.parts.plan_year == a.meta.plan_year
    assert a.parts.summary_year in (a.meta.summary_year, (a.meta.plan_year or 0) - 1)
    assert (a.parts.summary_year, a.parts.plan_year, a.parts.gov_report) == years


def test_ids_spans_and_sentences_are_consistent() -> None:
    text = report("全县实现地区生产总值356.8亿元，同比增长6.2%；新增规上企业15户。")
    inds = indicators(text)
    assert [i.id for i in inds] == ["i1", "i2", "i3"]
    for i in inds:
        s, e = i.sentence_span
        assert s <= i.span[0] < i.span[1] <= e
        assert i.section is not None


@pytest.mark.xfail(strict=True, reason="rule not written yet (see case id)")
@pytest.mark.parametrize(
    ("text", "figure", "want"), [c[1:] for c in XFAIL], ids=[c[0] for c in XFAIL]
)
def test_known_failures(text: str, figure: str, want: dict[str, Any]) -> None:
    check(the(text, figure), want)
