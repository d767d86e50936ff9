"""Table cases for the parts of the metadata stage: titles, header blocks, levels, places, zones."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import NamedTuple

import pytest

from yxnlp import clean
from yxnlp.metadata import place, read_metadata
from yxnlp.metadata.dates import summary_period
from yxnlp.metadata.header import read_page
from yxnlp.metadata.rules import RulesError, build
from yxnlp.metadata.title import clean_title, find_title, shape

# -- titles --------------------------------------------------------------------------------------
CLEAN_TITLES = [
    ("1、2023年工作总结及2024年工作打算某某区工信局2024年1月",
     ("2023年工作总结及2024年工作打算", "某某区工信局")),
    ("（3）2024年工作要点", ("2024年工作要点", None)),
    ("经开区2022年工作总结（精选3篇）", ("经开区2022年工作总结", None)),
    ("经开区2022年工作总结 篇1", ("经开区2022年工作总结", None)),
    ("商务局2023年工作总结_某某市人民政府门户网站", ("商务局2023年工作总结", None)),
    ("乡镇重点项目年度工作总结范文", ("乡镇重点项目年度工作总结", None)),
    ("2023年工作总结.docx", ("2023年工作总结", None)),
    ("某县发改局2023年工作总结 2024-01-05", ("某县发改局2023年工作总结", None)),
    # negatives: nothing to cut
    ("2024年佛山市南海区政府工作报告", ("2024年佛山市南海区政府工作报告", None)),
    ("关于2023年工作总结的报告", ("关于2023年工作总结的报告", None)),
    ("2024年1月", ("2024年1月", None)),  # a date alone is left as it is
]


@pytest.mark.parametrize(("line", "want"), CLEAN_TITLES)
def test_clean_title(line: str, want: tuple[str, str | None]) -> None:
    assert clean_title(line) == want


class Title(NamedTuple):
    page: str
    title: tuple[str, str | None] | None


FIND_TITLES = [
    Title("首页 > 政务公开 > 计划总结\n某县商务局2023年工作总结\n正文。", ("某县商务局2023年工作总结", None)),
    Title("范文网 > 工作总结 > 个人总结\n2023年工作总结\n正文。", ("2023年工作总结", None)),
    Title("某某区人民政府门户网站\n区商务局2023年工作总结\n", ("区商务局2023年工作总结", None)),
    Title("温馨提示:\n1. 预览可能错乱。\n2. 下载后无此问题。\n某局2023年工作总结\n", ("某局2023年工作总结", None)),
    Title("——2024年1月9日在县第十八届人民代表大会第三次会议上\n各位代表：\n", None),
    Title("下面是小编为大家整理的工作总结，供大家参考。\n某局工作总结\n", ("某局工作总结", None)),
    # negatives: the body starts before any title
    Title("各位代表：\n现在，我代表县人民政府向大会报告工作。\n", None),
    Title("一、主要成绩\n全年完成目标。\n", None),
    Title("2023年，全县经济稳中有进，地区生产总值增长6%。\n", None),
]


@pytest.mark.parametrize("case", FIND_TITLES, ids=lambda c: c.page.splitlines()[0][:16])
def test_find_title(case: Title) -> None:
    assert find_title(clean.content_lines(case.page)) == case.title


SHAPES = [
    # (title, rule, issuer, summary, plan, period)
    ("关于某某区2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告",
     "title:plan_execution", None, 2023, 2024, None),
    ("关于2023年区级预算执行情况和2024年区级预算草案的报告", "title:plan_execution", None, 2023, 2024, None),
    ("高新区2023年经济社会发展总体情况和2024年工作打算汇报", "title:summary_and_plan", "高新区", 2023, 2024, None),
    ("某区发改局2023年1-11月工作总结和2024年工作计划", "title:summary_and_plan", "某区发改局", 2023, 2024, "1-11月"),
    ("某县商务局2024年前三季度工作总结", "title:summary_only", "某县商务局", 2024, None, "前三季度"),
    ("2023年霍山县商务局工作总结", "title:summary_only", "霍山县商务局", 2023, None, None),
    ("2023年党建工作总结", "title:summary_only", None, 2023, None, None),  # a topic, not a body
    ("2023年乡镇工作总结", "title:summary_only", None, 2023, None, None),  # too short to be a body
    ("县发改局上半年工作总结", "title:no_year", "县发改局", None, None, "上半年"),
    ("开发区招商引资工作汇报", "title:no_year", "开发区", None, None, None),
]


@pytest.mark.parametrize(("title", "rule", "issuer", "summary", "plan", "period"), SHAPES)
def test_title_shapes(title: str, rule: str, issuer: str | None, summary: int | None,
                      plan: int | None, period: str | None) -> None:
    s = shape(title)
    assert s is not None
    assert (s.rule.id, s.issuer, s.summary, s.plan, s.period) == (rule, issuer, summary, plan, period)


@pytest.mark.parametrize("title", ["关于开展安全生产大检查的通知", "各位代表", "2023年12月"])
def test_no_shape(title: str) -> None:
    assert shape(title) is None


PERIODS = [(2023, "上半年", "2023-01..2023-06"), (2023, "前三季度", "2023-01..2023-09"),
           (2023, "1-11月", "2023-01..2023-11"), (2023, "1—6月份", "2023-01..2023-06"),
           (2023, "一至十一月", "2023-01..2023-11"), (2023, "一季度", "2023-01..2023-03"),
           (2023, None, "2023"), (2023, "1-13月", "2023")]


@pytest.mark.parametrize(("y", "part", "want"), PERIODS)
def test_summary_period(y: int, part: str | None, want: str) -> None:
    assert summary_period(y, part) == want


# -- header blocks -------------------------------------------------------------------------------
HEADERS = [
    ("索 引 号：001/2024-00017\n发布机构：市经信局\n发文日期：2024-01-19\n名　　称：某某工作总结\n正文。",
     {"issuer": "市经信局", "published": "2024-01-19", "title": "某某工作总结"}),
    ("索引号: 001/2024-1 主题分类: 工业 发布机构: 区工信局 成文日期: 2023年7月14日 标  题: 某某总结 文号: 无",
     {"issuer": "区工信局", "published": "2023-07-14", "title": "某某总结"}),
    ("信息索引号：\n001/2024-3\n发布机构：\n某某县商务局\n发布日期：\n2024-02-02\n正文。",
     {"issuer": "某某县商务局", "published": "2024-02-02"}),
    # 发布日期 is preferred over 成文日期 whatever their order
    ("成文日期：2024-01-02\n发布日期：2024-01-09\n正文。", {"published": "2024-01-09"}),
    # negatives: labels inside a sentence, and a date field that holds no date
    ("全年发布机构名称变更3次。\n正文。", {}),
    ("发文日期：无\n正文。", {}),
]


@pytest.mark.parametrize(("page", "fields"), HEADERS)
def test_header_fields(page: str, fields: dict[str, str]) -> None:
    assert read_page(clean.content_lines(page)).fields == fields


def test_header_lines_are_never_the_title() -> None:
    m = read_metadata("索 引 号：0012/2024-00015\n主题分类：工作总结\n正文开始，全年完成任务。\n")
    assert m.title is None


def test_signature_and_sources() -> None:
    page = read_page(clean.content_lines(
        "标题\n来源：某某县人民政府 浏览次数：12\n正文。\n某某县商务局\n2024年1月5日"))
    assert (page.sources, page.signature) == (("某某县人民政府",), "某某县商务局")
    none = read_page(clean.content_lines("标题\n来源：某某日报\n正文。\n本文来源于网络"))
    assert (none.sources, none.signature) == ((), None)


# -- levels, places, zones -----------------------------------------------------------------------
LEVELS = [
    ("在区委、区政府的坚强领导下，全区……", None, ("区", "level:lead")),
    ("在市委、市政府的正确领导下，市商务局……", None, ("市", "level:lead")),
    ("现在，我代表县人民政府向大会报告工作。", None, ("县", "level:self")),
    ("全镇上下……全镇经济……", None, ("镇", "level:whole")),
    ("全市……", None, None),  # once is not enough
    ("正文", "区工信局", ("区", "level:issuer")),
    ("在上级部门的正确领导下，各项工作有序推进。", None, None),
]


@pytest.mark.parametrize(("head", "partial", "want"), LEVELS)
def test_level_cue(head: str, partial: str | None, want: tuple[str, str] | None) -> None:
    assert place.level_cue(head, partial) == want


BODIES = [
    ("全力推动鼓楼区工业发展，助力福州建设。", "区", None, "350102"),
    ("全力推动鼓楼区工业发展。", "区", "320100", "320106"),  # namesakes told apart by within
    ("全力推动鼓楼区工业发展。", "区", None, None),  # four 鼓楼区: unsure
    ("落实甘肃省委部署，立足兰州区位优势。", "市", None, "620100"),
    ("在湖州市委和县委领导下，打造安吉样板。", "县", None, "330523"),
    ("认真贯彻全国、全省工作会议精神。", "县", None, None),
    ("市政府和县委领导下", "县", None, None),  # 和县 is not named here
]


@pytest.mark.parametrize(("head", "level", "within", "code"), BODIES)
def test_body_division(head: str, level: str, within: str | None, code: str | None) -> None:
    found = place.body_division(head, level, within=within)
    assert (found[0].code if found else None) == code


ZONES = [
    ("高新区", "2023年，襄阳高新区坚持创新。", ("襄阳高新区", "420600")),
    ("经开区管委会", "临沂经济技术开发区全年完成投资。", ("临沂经济技术开发区", "371300")),
    ("开发区", "为昆山开发区打造标杆。", ("昆山开发区", "320583")),
    ("株洲高新区", "正文没有地名。", ("株洲高新区", "430200")),
    ("高新区", "高新区管委会紧紧围绕目标任务。", None),
    ("商务局", "襄阳高新区", None),  # not a zone
]


@pytest.mark.parametrize(("issuer", "head", "want"), ZONES)
def test_find_zone(issuer: str, head: str, want: tuple[str, str] | None) -> None:
    found = place.find_zone(issuer, head)
    assert ((found[0], found[1].code) if found else None) == want


# -- the data file -------------------------------------------------------------------------------
def _data() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        resources.files("yxnlp.data").joinpath("metadata.json").read_text("utf-8"))
    return loaded


def test_rules_load_and_ids_are_unique() -> None:
    rules = build(_data())
    ids = [p.id for p in rules.title_patterns]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("change", ["extra_top", "extra_rule", "missing", "levels"])
def test_rules_reject_bad_data(change: str) -> None:
    data = copy.deepcopy(_data())
    if change == "extra_top":
        data["title_words"] = []
    elif change == "extra_rule":
        data["title_patterns"][0]["flag"] = True  # type: ignore[index]
    elif change == "missing":
        del data["header"]
    else:
        data["levels"]["divisions"].pop("镇")  # type: ignore[index]
    with pytest.raises(RulesError, match=r"metadata\.json"):
        build(data)


BODY_SUBJECTS = [
    ("2023年工作总结\n　　2023年，县商务局紧紧围绕中心工作，推动平遥县商贸流通提质。\n", "平遥县商务局"),
    ("2023年工作总结\n　　2023年，市发改委党组在市委、市政府领导下，助力兰州发展。\n", "兰州市发改委"),
    # negatives: party committees and governments leading the work are not the issuer
    ("2023年工作总结\n　　2023年，在市委、市政府的坚强领导下，全市经济稳中有进。\n", None),
    ("2023年工作总结\n　　2023年，县委坚持稳中求进，全县经济稳中有进。\n", None),
]


@pytest.mark.parametrize(("page", "issuer"), BODY_SUBJECTS)
def test_issuer_named_in_the_first_sentence(page: str, issuer: str | None) -> None:
    assert read_metadata(page).issuer == issuer
