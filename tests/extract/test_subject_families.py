"""Subjects repaired and measures named in other words, table-driven, with the near misses that
must not change: counts of the plan's own parts are not figures; a bare measure word takes the
thing its paragraph names (事故起数 after 生产安全事故); a list shares its verb, place word or
rate; a 其中 part takes its whole's measure; stock twins; new keys for recurring measures.

Each case is a tiny county report in the style of another province's; ``key`` is the expected
taxonomy key (None where the figure must stay without one).
"""

from __future__ import annotations

from typing import Any

import pytest

from yxnlp.extract.indicators import extract_indicators
from yxnlp.ingest import from_text
from yxnlp.pipeline import analyse
from yxnlp.record import Indicator

GOV = "湖北省某县2025年政府工作报告"
DONE = "一、2024年工作回顾"


def indicators(body: str) -> list[Indicator]:
    text = f"{GOV}\n\n{DONE}\n\n{body}\n"
    return extract_indicators(analyse(from_text(text, name="case.txt")), entities=[])


def the(body: str, figure: str) -> Indicator:
    found = [i for i in indicators(body) if i.text == figure]
    assert found, f"{figure!r} not extracted from {body!r}"
    return found[0]


NOT_FIGURES = [
    ("plan-indicators", "规划纲要设置了29项主要指标，包括地区生产总值年均增长5%左右。", "29项"),
    ("plan-expected", "其中18个预期性指标、7个约束性指标。", "18个"),
    ("plan-aspects", "今年具体抓好9个方面工作：", "9个"),
    ("plan-dimensions", "从6个维度提出了目标。", "6个"),
    ("duration", "新增3家上市公司，打破9年无企业上市局面。", "9"),
    ("fortune-label", "在本县投资的世界500强企业达到12家。", "500"),
]


@pytest.mark.parametrize(("case", "body", "figure"), NOT_FIGURES, ids=[c[0] for c in NOT_FIGURES])
def test_not_a_figure(case: str, body: str, figure: str) -> None:
    assert figure not in [i.text for i in indicators(body)], case


STILL_FIGURES = [
    ("works-not-indicators", "实施29项重点工程，完成投资80亿元。", "29项"),
    ("listed-companies", "新增3家上市公司，打破多年无企业上市局面。", "3家"),
    ("fortune-firms", "在本县投资的世界500强企业达到12家。", "12家"),
]


@pytest.mark.parametrize(("case", "body", "figure"), STILL_FIGURES, ids=[c[0] for c in STILL_FIGURES])
def test_still_a_figure(case: str, body: str, figure: str) -> None:
    assert figure in [i.text for i in indicators(body)], case


Case = tuple[str, str, str, dict[str, Any]]

CASES: list[Case] = [
    # a counted noun that opens with a code of digits and letters; not a figure of another unit
    ("code-noun", "新建2.1万个5G基站。", "2.1万个",
     {"subject": "新建5G基站", "key": "new_five_g_base_stations"}),
    ("figure-after-count", "建成20个500千伏输变电工程。", "20个", {"key": None}),
    # a counted noun inside the unit's token (550|个省|重大项目)
    ("noun-in-unit-token", "抓好420个省重大项目，力争全年完成投资500亿元。", "420个",
     {"subject": "省重大项目", "key": "key_projects"}),
    # bare measure words a paragraph names
    ("accidents-after-safety", "全年未发生较大生产安全事故，事故起数、死亡人数分别下降12.1%、10.3%。",
     "12.1%", {"subject": "生产安全事故起数降幅", "key": "safety_accidents_change"}),
    ("deaths-after-safety", "全年未发生较大生产安全事故，事故起数、死亡人数分别下降12.1%、10.3%。",
     "10.3%", {"subject": "生产安全事故死亡人数降幅", "key": "safety_deaths_change"}),
    ("road-accidents", "道路交通秩序持续好转，事故起数下降8%。", "8%", {"key": None}),
    ("entities-total", "经营主体持续壮大。总量达到42万户，新增上市公司2家。", "42万户",
     {"subject": "经营主体总量", "key": "market_entities"}),
    ("listed-total", "经营主体持续壮大，新增上市公司5家、总量达40家。", "40家",
     {"key": "listed_companies"}),
    ("elderly-beds", "养老机构和设施达到320个、床位1.6万张。", "1.6万张",
     {"subject": "养老床位", "key": "elderly_care_beds"}),
    ("hospital-beds", "医疗卫生机构达到320个、床位1.6万张。", "1.6万张", {"key": None}),
    ("rail-flow", "开通2条地铁新线、新增运营里程26公里，总里程达318公里。", "26公里",
     {"subject": "新增轨道交通运营里程", "key": "urban_rail_new_length"}),
    ("rail-stock", "开通2条地铁新线、新增运营里程26公里，总里程达318公里。", "318公里",
     {"key": "urban_rail_length"}),
    ("coal-output", "煤炭绿色开采方面，抓好产能接续，产量稳定在9亿吨左右。", "9亿吨",
     {"subject": "煤炭产量", "key": "raw_coal_output"}),
    ("other-output", "蔬菜生产方面，产量稳定在90万吨左右。", "90万吨", {"key": None}),
    ("suggestions-after-motions", "办理县人大代表议案4项、建议216件。", "216件",
     {"subject": "人大代表建议", "key": "npc_suggestions_handled"}),
    # stock twins only when a stock name holds what the flow added
    ("parks-total", "新增公园95座，累计达到860座。", "860座", {"key": "parks_total"}),
    ("pocket-parks-total", "新增口袋公园36座，累计达到410座。", "410座", {"key": None}),
    ("listed-stocks", "跨国公司地区总部、外资研发中心分别新增65家和30家，累计分别达到956家和561家。",
     "956家", {"key": None}),
    ("listed-flows", "跨国公司地区总部、外资研发中心分别新增65家和30家，累计分别达到956家和561家。",
     "65家", {"key": "new_multinational_regional_headquarters"}),
    # list items share a renovation verb, not 建成; a place word or a rate of a rate list
    ("list-renovation", "有序改造供热管网960公里、燃气管网520公里。", "520公里",
     {"subject": "改造燃气管网", "key": "gas_pipeline_renovation"}),
    ("list-built-stock", "建成国家级绿色工厂88家、绿色园区6个。", "6个",
     {"subject": "绿色园区", "key": "green_industrial_parks"}),
    ("list-place", "农村供电可靠率、自来水普及率分别达99.8%、93.1%。", "93.1%",
     {"subject": "农村自来水普及率", "key": "rural_tap_water_rate"}),
    ("list-own-place", "农村供电可靠率、城乡环卫一体化覆盖率分别达99.8%、61%。", "61%",
     {"subject": "城乡环卫一体化覆盖率"}),
    ("list-rate", "学前教育毛入园率、高中阶段和高等教育毛入学率分别达到92%、96%、60%。", "96%",
     {"subject": "高中阶段毛入学率", "key": "senior_secondary_enrolment_rate"}),
    ("green-coverage", "城市建成区绿化覆盖率、绿地率分别达43.2%、39.8%。", "43.2%",
     {"key": "urban_green_coverage"}),
    ("green-space", "城市建成区绿化覆盖率、绿地率分别达43.2%、39.8%。", "39.8%",
     {"subject": "城市建成区绿地率", "key": "urban_green_space_ratio"}),
    # a 其中 part named by the start of its whole's name
    ("part-measure", "汽车保有量增至210万辆，其中新能源汽车18万辆。", "18万辆",
     {"subject": "新能源汽车保有量", "key": "new_energy_vehicle_stock"}),
    ("part-own-measure", "外贸进出口增长5%，其中出口增长8%。", "8%", {"key": "exports_growth"}),
    # 累计新增 is a sum of flows; 累计培育 names the stock
    ("summed-flow", "城镇累计新增就业18万人。", "18万人",
     {"subject": "城镇新增就业", "key": "urban_new_jobs"}),
    ("cumulative-stock", "累计培育专精特新小巨人企业12家。", "12家", {"key": "little_giant_enterprises"}),
    # a change after 增加了 is not the level
    ("increment-le", "粮食增加了3亿斤，达到42亿斤。", "3亿斤", {"key": None}),
    ("level-after-increment", "粮食增加了3亿斤，达到42亿斤。", "42亿斤", {"key": "grain_output"}),
    # new keys and wordings
    ("fair-competition", "清理妨碍统一市场和公平竞争政策措施38件。", "38件",
     {"key": "anti_competitive_policies_cleared"}),
    ("fair-competition-review", "出台公平竞争审查制度12项。", "12项", {"key": None}),
    ("core-technologies", "攻克关键核心技术26项。", "26项", {"key": "core_technologies_mastered"}),
    ("enterprises", "经营主体总量接近80万户，企业主体超22万户。", "22万户", {"key": "enterprises"}),
    ("new-enterprises", "净增经营主体3.4万家、企业1.4万家。", "1.4万家", {"key": "new_enterprises"}),
    ("zone-enterprises", "自贸片区新设立企业2000余家。", "2000余家", {"key": None}),
    ("livelihood-share", "一般公共预算支出520亿元，72%以上用于民生。", "72%",
     {"key": "livelihood_spending_share"}),
    ("livelihood-described", "每年70%以上的财政支出投入民生领域。", "70%", {"key": None}),
    ("livelihood-projects", "今年，我们继续安排20件民生实事。", "20件", {"key": "livelihood_projects"}),
    ("national-proposals", "办理全国政协提案6件、省政协提案480件。", "6件", {"key": None}),
    ("own-proposals", "办理全国政协提案6件、省政协提案480件。", "480件",
     {"key": "cppcc_proposals_handled"}),
]


@pytest.mark.parametrize(("case", "body", "figure", "want"), CASES, ids=[c[0] for c in CASES])
def test_subject_and_key(case: str, body: str, figure: str, want: dict[str, Any]) -> None:
    ind = the(body, figure)
    got = {k: getattr(ind, k) for k in want}
    assert got == want, (case, ind.subject, ind.key)
