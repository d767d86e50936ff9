"""Period and status in the review of a five-year span, table-driven on invented reports.

A 2026 政府工作报告 reviews 2025 and the whole 十四五 (2021..2025) before it sets the 十五五
targets and the year's own. In the review, a flow of the span (新增, 累计, 办理, a growth) is
dated to the span, a level (达到, 增至, a share) to its last year; the start value of 从A提升到B
belongs to the year the change started. The negatives: the year's own review keeps its year,
the next plan's averages are the next plan's, and reports that review no span are unchanged.

Also the shapes a review takes on real pages: flattened into one line with indents, opened by
a numbered heading or 上次大会以来的五年, or two sentences after 收官之年; a change over
compared years (2005年与2000年相比) and over a base year five years back (cumulative: no annual
key); a threshold passed before the level (突破N大关，达到M: only M is the level); a target
stated in the past (要从A降到B，…实际回落到C); spans of other lengths (过去三年) and a span the
text does not date (以来: the start value gets no period).
"""

from __future__ import annotations

from typing import Any

import pytest

from yxnlp.extract.indicators import extract_indicators
from yxnlp.ingest import from_text
from yxnlp.pipeline import analyse
from yxnlp.record import Indicator

# a 2026 report that opens with the year, then the five years (the order of several provinces)
YEAR_FIRST = """某省2026年政府工作报告
各位代表：
一、2025年及“十四五”时期工作回顾
2025年是很不平凡的一年。全省地区生产总值增长5.4%，新增城镇就业61.2万人。
各位代表！2025年是“十四五”收官之年。五年来，全省累计完成营造林1860万亩，办理省人大代表建议3150件，规上工业增加值增长38.2%。
——基础设施实现新跃升。新建改扩建高速公路1420公里，高速公路总里程达9120公里，高铁运营里程由1780公里增至2960公里。
2020年到2025年，制造业增加值占地区生产总值比重从24.1%提升到27.6%，城镇新增就业年均超过55万人。
——人民生活持续改善。城镇新增就业超过310万人，年接待游客超过6亿人次，每年实施15项民生实事。地区生产总值从不到2万亿元增加到2.6万亿元，占全国比重由2020年的1.9%提升至2.1%，在西部地区占比由20.5%提升至21.3%。
需要说明的是，“十四五”时期，受多重因素影响，2项重大工程未能如期完成。
二、“十五五”时期主要目标任务
“十五五”时期经济社会发展的主要目标是：地区生产总值年均增长5%左右，研发经费投入强度达到3%。
三、2026年重点工作
今年是“十五五”开局之年。地区生产总值增长5%左右，力争农村居民人均可支配收入从2.1万元提高到2.3万元。
"""

# a 2026 report whose review and next-plan targets share one heading (the plan heading wins it)
ONE_HEADING = """某自治区2026年政府工作报告
一、2025年工作回顾
过去一年，全区地区生产总值增长5.1%，粮食产量达到1420万吨。
二、“十四五”时期发展成就和“十五五”时期主要目标任务
过去五年，全区地区生产总值年均增长4.9%，有效发明专利比2020年增长61.3%，森林覆盖率提高到63.1%，新增上市公司36家。
根据《中共某自治区委员会关于制定国民经济和社会发展第十五个五年规划的建议》，我们编制了规划纲要草案。经济发展方面，提出地区生产总值年均增长5%左右。
三、2026年重点工作
今年全区地区生产总值增长5%左右。
"""

# a 2023 report reviewing the five years of the government's term (no plan has ended)
TERM = """某市2023年政府工作报告
一、过去五年工作回顾
过去五年，全市累计新增城镇就业48.5万人，一般公共预算收入年均增长6.2%，常住人口城镇化率达到68.4%。
刚刚过去的2022年，全市地区生产总值增长3.6%。
2022年同2017年相比，全市社会消费品零售总额由2100亿元增加到3050亿元。
“十四五”以来，全市累计新增市场主体12.3万户。
二、2023年工作安排
今年全市地区生产总值增长6%左右。
"""

# reports that review no span: an annual summary and a 2021 summary with 两年平均
ANNUAL = """江西省某县工业和信息化局2024年工作总结和2025年工作计划
一、2024年工作完成情况
全县规上工业增加值同比增长8.1%，新增规上工业企业42家，工业用电量由9.6亿千瓦时增至10.4亿千瓦时。
二、2025年工作计划
力争规上工业增加值增长8%以上。
"""
TWO_YEARS = """河北省某区2021年工作总结
一、经济运行
全区规上工业增加值增长9.3%，两年平均增长5.8%。
"""

# a 2021 report whose page was flattened into one line (paragraphs kept as em-space indents);
# the review opens two sentences after 收官之年 (回眸过去，这是…的五年)
FLAT = (
    "青禾市2021年政府工作报告\n各位代表：\u2003\u2003一、2020年工作回顾\u2003\u2003过去一年，全市地区生产总值"
    "增长3.2%。\u2003\u2003各位代表，2020年是“十三五”收官之年。我们完成了规划确定的主要目标任务，"
    "城市综合实力迈上新台阶。回眸过去，这是经济实力显著增强的五年。全市地区生产总值从1.2万亿元增加到"
    "1.65万亿元，居民人均可支配收入从3.1万元提高到4.2万元。社会消费品零售总额从2100亿元增长到2900亿元，"
    "外贸进出口总额从800亿元跃升至1300亿元。\u2003\u2003二、2021年主要任务\u2003\u2003今年全市地区生产"
    "总值增长6%以上。\n"
)

# a 2018 report reviewing the government's term under a numbered heading, the span said as
# 上次大会以来的五年, its totals as 五年全省…; compared with a base year five years back
TERM_HEADING = """某某省2018年政府工作报告
一、过去五年工作回顾
省第十二届人民代表大会第一次会议以来的五年，是极不平凡的五年。全省生产总值从1.8万亿元增加到2.9万亿元。五年全省新增城镇就业320万人。
——经济实力跃上新台阶。2017年，全省生产总值达到2.9万亿元，比2012年增长48.2%，年均增长8.2%。
二、2018年工作安排
全省生产总值增长7%左右。
"""

# an annual 2010 summary comparing with 2005, and a threshold passed before the level
COMPARED = """青禾市2010年工作总结
一、经济运行
2010年与2005年相比，全市地区生产总值增长70.3%，年均增长11.2%。全市地区生产总值突破5000亿元大关，达到5120亿元，增长6.1%。一般公共预算收入突破300亿元。规上工业增加值迈上2000亿元台阶，预计达到2050亿元。
二、2011年工作计划
力争地区生产总值增长8%。
"""

# a target stated last year and what happened (a 政府工作报告: 去年 is the summary year)
SET_LAST_YEAR = """某某省2013年政府工作报告
一、2012年工作回顾
去年政府工作报告提出，居民消费价格涨幅要从5.6%降到4%左右，经过各方面努力，实际回落到3.2%。全年计划城镇新增就业从50万人提高到60万人，实际完成63万人。
二、2013年工作安排
居民消费价格涨幅控制在3.5%左右。
"""

# spans of other lengths: 过去三年 dates its paragraph; 以来 without a year dates no start
OTHER_SPANS = """某某县2023年工作总结和2024年工作计划
一、2023年工作完成情况
过去三年，全县累计新增城镇就业2.1万人，全县地区生产总值从180亿元增加到240亿元。
2019—2023年，全县社会消费品零售总额从52亿元增加到71亿元。
2023年，全县新增城镇就业7200人。党的十八大以来，全县一般公共预算收入从9亿元增加到21亿元。
二、2024年工作计划
力争新增城镇就业7500人。
"""

Case = tuple[str, str, str, dict[str, Any]]  # id, report, [words before|]figure, fields

CASES: list[Case] = [
    # the year's own review before the five years keeps its year
    ("year-first-growth", YEAR_FIRST, "5.4%", {"status": "actual", "period": "2025"}),
    ("year-first-jobs", YEAR_FIRST, "61.2万人", {"status": "actual", "period": "2025"}),
    # flows of the five years (收官之年。五年来 opens the review)
    ("total-afforestation", YEAR_FIRST, "1860万亩", {"status": "actual", "period": "2021..2025"}),
    ("total-suggestions", YEAR_FIRST, "3150件", {"status": "actual", "period": "2021..2025"}),
    ("total-growth", YEAR_FIRST, "38.2%", {"status": "actual", "period": "2021..2025"}),
    ("total-built", YEAR_FIRST, "1420公里", {"status": "actual", "period": "2021..2025"}),
    # levels at the span's end and start values at its start
    ("level-end", YEAR_FIRST, "9120公里", {"status": "actual", "period": "2025"}),
    ("you-a-start", YEAR_FIRST, "1780公里", {"status": "actual", "period": "2020"}),
    ("zhi-b-end", YEAR_FIRST, "2960公里", {"status": "actual", "period": "2025"}),
    ("range-start", YEAR_FIRST, "24.1%", {"status": "actual", "period": "2020"}),
    ("range-end", YEAR_FIRST, "27.6%", {"status": "actual", "period": "2025"}),
    ("average-review", YEAR_FIRST, "55万人", {"status": "actual", "period": "2021..2025"}),
    ("named-plan-count", YEAR_FIRST, "2项", {"status": "actual", "period": "2021..2025"}),
    # 超过 says nothing; a verb after 年 or 每年 is a yearly level; parallel and compared starts
    ("flow-over", YEAR_FIRST, "310万人", {"status": "actual", "period": "2021..2025"}),
    ("yearly-level", YEAR_FIRST, "6亿人次", {"status": "actual", "period": "2025"}),
    ("each-year", YEAR_FIRST, "15项", {"status": "actual", "period": "2025"}),
    ("qualified-start", YEAR_FIRST, "2万亿元", {"status": "actual", "period": "2020"}),
    ("from-year-start", YEAR_FIRST, "1.9%", {"status": "actual", "period": "2020"}),
    ("parallel-start", YEAR_FIRST, "20.5%", {"status": "actual", "period": "2020"}),
    ("parallel-end", YEAR_FIRST, "21.3%", {"status": "actual", "period": "2025"}),
    ("compared-start", TERM, "2100亿元", {"status": "actual", "period": "2017"}),
    ("compared-end", TERM, "3050亿元", {"status": "actual", "period": "2022"}),
    # the next plan's targets and the year's own
    ("next-plan-average", YEAR_FIRST, "年均增长|5%", {"status": "target", "period": "2026..2030"}),
    ("next-plan-level", YEAR_FIRST, "3%", {"status": "target", "period": "2026..2030"}),
    ("plan-start-value", YEAR_FIRST, "2.1万元", {"status": "actual", "period": "2025"}),
    ("plan-end-value", YEAR_FIRST, "2.3万元", {"status": "target", "period": "2026"}),
    # one heading names the review and the next plan's targets
    ("heading-year", ONE_HEADING, "5.1%", {"status": "actual", "period": "2025"}),
    (
        "heading-review-average",
        ONE_HEADING,
        "4.9%",
        {"status": "actual", "period": "2021..2025", "key": "gdp_growth"},
    ),
    ("heading-since-2020", ONE_HEADING, "61.3%", {"status": "actual", "period": "2021..2025"}),
    ("heading-level", ONE_HEADING, "63.1%", {"status": "actual", "period": "2025"}),
    ("heading-count", ONE_HEADING, "36家", {"status": "actual", "period": "2021..2025"}),
    (
        "heading-next-plan",
        ONE_HEADING,
        "年均增长|5%",
        {"status": "target", "period": "2026..2030", "key": "gdp_growth"},
    ),
    # a term's five years in a 2023 report; 十四五 not over, so 以来 counts to the summary year
    ("term-total", TERM, "48.5万人", {"status": "actual", "period": "2018..2022"}),
    ("term-average", TERM, "6.2%", {"status": "actual", "period": "2018..2022"}),
    ("term-level", TERM, "68.4%", {"status": "actual", "period": "2022"}),
    ("term-year", TERM, "3.6%", {"status": "actual", "period": "2022"}),
    ("plan-not-over", TERM, "12.3万户", {"status": "actual", "period": "2021..2022"}),
    ("term-target", TERM, "增长|6%", {"status": "target", "period": "2023"}),
    # negatives: no span reviewed
    ("annual-yoy", ANNUAL, "8.1%", {"status": "actual", "period": "2024"}),
    ("annual-count", ANNUAL, "42家", {"status": "actual", "period": "2024"}),
    ("annual-start", ANNUAL, "9.6亿千瓦时", {"status": "actual", "period": "2023"}),
    ("annual-end", ANNUAL, "10.4亿千瓦时", {"status": "actual", "period": "2024"}),
    ("annual-plan", ANNUAL, "8%", {"status": "target", "period": "2025"}),
    ("two-year-average", TWO_YEARS, "5.8%", {"status": "actual", "period": "2020..2021"}),
    ("two-year-own", TWO_YEARS, "9.3%", {"status": "actual", "period": "2021"}),
    # a flattened page: the start of 从A增加到B (提高到, 增长到, 跃升至) is the year before the span
    ("flat-year", FLAT, "3.2%", {"status": "actual", "period": "2020", "key": "gdp_growth"}),
    ("flat-increase-start", FLAT, "1.2万亿元", {"status": "actual", "period": "2015", "key": "gdp"}),
    ("flat-increase-end", FLAT, "1.65万亿元", {"status": "actual", "period": "2020", "key": "gdp"}),
    ("flat-raise-start", FLAT, "3.1万元", {"status": "actual", "period": "2015"}),
    ("flat-raise-end", FLAT, "4.2万元", {"status": "actual", "period": "2020"}),
    ("flat-grow-start", FLAT, "2100亿元", {"status": "actual", "period": "2015", "key": "retail_sales"}),
    ("flat-leap-start", FLAT, "800亿元", {"status": "actual", "period": "2015"}),
    ("flat-leap-end", FLAT, "1300亿元", {"status": "actual", "period": "2020"}),
    ("flat-next-year", FLAT, "6%", {"status": "target", "period": "2021"}),
    # a term's review under a numbered heading: totals over the span, start before it
    ("term-heading-start", TERM_HEADING, "1.8万亿元", {"status": "actual", "period": "2012", "key": "gdp"}),
    ("term-heading-end", TERM_HEADING, "|2.9万亿元", {"status": "actual", "period": "2017", "key": "gdp"}),
    ("term-heading-total", TERM_HEADING, "320万人", {"status": "actual", "period": "2013..2017", "key": "urban_new_jobs"}),
    ("term-heading-since-base", TERM_HEADING, "48.2%", {"status": "actual", "period": "2013..2017", "key": None}),
    ("term-heading-average", TERM_HEADING, "8.2%", {"status": "actual", "period": "2013..2017", "key": "gdp_growth"}),
    ("term-heading-plan", TERM_HEADING, "7%", {"status": "target", "period": "2018"}),
    # compared years: the change is over the span and no annual growth; its average keeps it
    ("compared-growth", COMPARED, "70.3%", {"status": "actual", "period": "2006..2010", "key": None}),
    ("compared-average", COMPARED, "11.2%", {"status": "actual", "period": "2006..2010", "key": "gdp_growth"}),
    # a threshold passed, then the level: the level has the key, the milestone none
    ("milestone", COMPARED, "5000亿元", {"status": "actual", "period": "2010", "key": None}),
    ("milestone-level", COMPARED, "5120亿元", {"status": "actual", "period": "2010", "key": "gdp"}),
    ("milestone-growth", COMPARED, "6.1%", {"status": "actual", "period": "2010", "key": "gdp_growth"}),
    ("threshold-alone", COMPARED, "300亿元", {"qualifier": "more_than", "key": "general_budget_revenue"}),
    ("step-milestone", COMPARED, "2000亿元", {"key": None}),
    ("step-level-estimate", COMPARED, "2050亿元", {"status": "estimate", "key": "industrial_value_added_above_scale"}),
    # a target set last year (要从A降到B), its start level, and what 实际 happened
    ("set-start", SET_LAST_YEAR, "5.6%", {"status": "actual", "period": "2011", "key": "cpi_growth"}),
    ("set-target", SET_LAST_YEAR, "4%", {"status": "target", "period": "2012", "key": "cpi_growth"}),
    ("set-actual", SET_LAST_YEAR, "3.2%", {"status": "actual", "period": "2012", "key": "cpi_growth"}),
    ("plan-from-target", SET_LAST_YEAR, "60万人", {"status": "target", "period": "2012"}),
    ("plan-from-actual", SET_LAST_YEAR, "63万人", {"status": "actual", "period": "2012"}),
    # other spans: three years; a span opened (以来) but not dated leaves the start undated
    ("three-years-total", OTHER_SPANS, "2.1万人", {"status": "actual", "period": "2021..2023"}),
    ("three-years-start", OTHER_SPANS, "180亿元", {"status": "actual", "period": "2020", "key": "gdp"}),
    ("three-years-end", OTHER_SPANS, "240亿元", {"status": "actual", "period": "2023", "key": "gdp"}),
    ("dash-span-start", OTHER_SPANS, "52亿元", {"status": "actual", "period": "2018", "key": "retail_sales"}),
    ("dash-span-end", OTHER_SPANS, "71亿元", {"status": "actual", "period": "2023", "key": "retail_sales"}),
    ("three-years-over", OTHER_SPANS, "7200人", {"status": "actual", "period": "2023"}),
    ("since-undated-start", OTHER_SPANS, "9亿元", {"status": "actual", "period": None, "key": None}),
    ("since-end", OTHER_SPANS, "21亿元", {"status": "actual", "period": "2023", "key": "general_budget_revenue"}),
]


def _found(text: str, figure: str) -> Indicator:
    """The figure as written; ``年均增长|5%`` names the words just before it, to tell it apart."""
    before, _, figure = figure.rpartition("|")
    inds = extract_indicators(analyse(from_text(text, name="case.txt")), entities=[])
    found = [i for i in inds if i.text == figure and text[: i.span[0]].endswith(before)]
    assert found, f"{figure!r} not extracted"
    return found[0]


@pytest.mark.parametrize(
    ("text", "figure", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_period_and_status(text: str, figure: str, want: dict[str, Any]) -> None:
    ind = _found(text, figure)
    assert {k: getattr(ind, k) for k in want} == want, ind.rules
