"""Companies and projects named by their context, not by a legal form or cue word (issue 10).

One table per shape (:mod:`yxnlp.extract.entities.contexts`, :mod:`.enumerations`), written in
the style of county and bureau reports of several provinces, with firm names of our own or
well-known brands of the company lexicon; then negatives that must stay empty (the precision
guards), declared short forms, bodies and places these pages need.
"""

from __future__ import annotations

import pytest

from yxnlp.extract.entities import extract_entities
from yxnlp.extract.entities.brands import firm_brand, list_item_ok, name_at_start
from yxnlp.ingest import from_text
from yxnlp.pipeline import analyse
from yxnlp.record import Entity


def entities(text: str) -> list[Entity]:
    return extract_entities(analyse(from_text(text, name="case.txt")), use_ner=False)


def names(text: str, label: str) -> set[str]:
    """Every surface form of ``label`` (canonical names and mentions)."""
    out: set[str] = set()
    for e in entities(text):
        if e.label == label:
            out |= {e.canonical, *(m.text for m in e.mentions)}
    return out


# (case id, text, companies that must be found, projects that must be found)
SHAPES = [
    (
        "unknown_firm_by_its_phase",
        "湘高齿风电齿轮箱二期实现关键部件国产化。",
        {"湘高齿"},
        {"湘高齿风电齿轮箱二期"},
    ),
    (
        "counted_list_of_firms_projects",
        "瑷珑碳纤维复合材料、铧鑫石英坩埚等5个配套项目陆续完工。",
        {"瑷珑", "铧鑫"},
        {"瑷珑碳纤维复合材料", "铧鑫石英坩埚"},
    ),
    (
        "count_list_brackets",
        "新认定专精特新企业4家（科瑞达、鼎泰新材、宏远精工、汇川智控等）。",
        {"科瑞达", "鼎泰新材", "宏远精工", "汇川智控"},
        set(),
    ),
    (
        "count_list_listed_firms",
        "已报证监会上市企业2家（恒瑞达、金禾股份），新三板挂牌企业1家（泽宇）。",
        {"恒瑞达", "金禾股份", "泽宇"},
        set(),
    ),
    (
        "list_closed_by_firms",
        "协助永晟纺织、鑫达包装、宏图门业等企业办理环评手续。",
        {"永晟纺织", "鑫达包装", "宏图门业"},
        set(),
    ),
    (
        "list_closed_by_n_firms",
        "为恒源、金穗、泰和等12家企业协调贷款1.6亿元。",
        {"恒源", "金穗", "泰和"},
        set(),
    ),
    (
        "brand_list_with_a_firm_named_before",
        "全力支持盛丰门业做大做强。盛丰、金禾、鑫达等品牌影响力不断提升。",
        {"盛丰门业", "盛丰", "金禾", "鑫达"},
        set(),
    ),
    (
        "investment_of_firm_and_project",
        "成功引进投资18亿元的恒力储能电站、投资5.6亿元的通威光伏组件。",
        {"恒力", "通威"},
        {"恒力储能电站", "通威光伏组件"},
    ),
    (
        "paragraph_heads",
        "一、在建项目\n1、泰和精密：总投资2.3亿元，占地80亩，一期已投产。\n2、恒昌木业：总投资1.5亿元，厂房主体完工。",
        {"泰和精密", "恒昌木业"},
        set(),
    ),
    (
        "firm_and_phase",
        "光伏产业加快集聚，比亚迪二期、隆基三期顺利投产。",
        {"比亚迪", "隆基"},
        {"比亚迪二期", "隆基三期"},
    ),
    (
        "firm_product_projects_counted",
        "福耀汽车玻璃、舜宇光学镜头等5个配套项目陆续完工。",
        {"福耀", "舜宇"},
        {"福耀汽车玻璃", "舜宇光学镜头"},
    ),
    (
        "firms_standing_for_projects",
        "推动蓝思科技、立讯精密、伯恩光学等项目竣工投产。",
        {"蓝思科技", "立讯精密", "伯恩光学"},
        set(),
    ),
    ("brand_after_verb", "今年成功引进舜宇，项目已开工建设。", {"舜宇"}, set()),
    ("brand_before_verb", "比亚迪落户我县，带动配套企业12家。", {"比亚迪"}, set()),
    (
        "firm_inside_park_name",
        "加快福耀玻璃产业园、正泰智能制造生态园建设。",
        {"福耀", "正泰"},
        {"福耀玻璃产业园", "正泰智能制造生态园"},
    ),
    (
        "full_legal_name_and_its_project",
        "浙江恒丰新材料股份有限公司年产3万吨改性塑料项目开工建设。",
        {"浙江恒丰新材料股份有限公司"},
        {"浙江恒丰新材料股份有限公司年产3万吨改性塑料项目"},
    ),
    (
        "projects_after_signing_and_starting",
        "签约南溪智能装备产业园，开工建设金沙江绿色食品加工基地。",
        set(),
        {"南溪智能装备产业园", "金沙江绿色食品加工基地"},
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "companies", "projects"), SHAPES, ids=[c[0] for c in SHAPES]
)
def test_context_shapes(case: str, text: str, companies: set[str], projects: set[str]) -> None:
    assert companies <= names(text, "COMPANY")
    assert projects <= names(text, "PROJECT")


# sentences where a shape could fire but nothing may be a company (precision guards)
NOT_FIRMS = [
    ("verb_phrase_and_exclusion", "严格执行环保标准，不含房地产开发项目。"),
    ("rhetoric_of_old_reports", "就必须断绝同帝国主义侵略集团的一切联系。"),
    ("a_batch_of_bases", "建设一批爱国主义教育基地和研学实践基地。"),
    ("public_works_by_phase", "南水北调东线二期工程加快推进，引江济淮二期开工。"),
    ("lines_between_provinces", "推进川渝特高压、渝黔高速扩容等项目建设。"),
    ("report_vocabulary_brand", "全力推进绿电园区建设，引进一批大项目、好项目。"),
    ("product_brands", "做强涪江榨菜、龙泉脐橙、青川木耳等品牌。"),
    ("sectors_not_firms", "发展交通、仓储、邮政等行业。"),
    ("list_of_places", "督促长兴、德清、安吉等县区落实整改。"),
    # the guards of the precision audit: each a shape seen in reports of other provinces
    ("factions_of_old_reports", "揭露某某某集团和东方条约集团、西方公约集团的阴谋。"),
    ("kinds_of_firm", "吸引外资独资证券公司、公募基金公司落户，推动城投公司转型，在沪跨国公司总部达到900家。"),
    ("a_word_runs_across_the_industry_word", "与兄弟企业争原材料，扩大锂离子蓄电池出口，建好现代农业园。"),
    ("sector_word_goes_on", "完成山林生态治理80万亩，让江岸生态美景成为名片，打造两湖生物制造集群。"),
    ("lists_of_products", "培育晶硅光伏、风电装备等链条，发展寒区测试、寒区服装、寒区用品等产业。"),
    ("variety_in_brackets", "推进中医药（苗侗医药）传承创新发展。"),
    ("kind_before_bracketed_place", "紫霞山（某区）文化创意产业园营收增长，中国建造（某省）平台上线。"),
    ("transfer_works", "西电东送、引洮济渭等重大项目相继开工。"),
    ("brand_after_a_common_noun", "一批大国重器投产发电。"),
    ("led_by_a_quantity", "在很多工业、商业等企业中存在浪费。"),
    ("kinds_of_bank", "推动农商行改革，稳妥推进市（州）农商银行组建，农村信用社改革扩大到全省。"),
    ("sectors_listed_as_firms", "清理工矿、交通运输、建筑安装等企业的仓库。"),
    ("brand_runs_into_a_word", "有序推进中运量骨干公交系统、智慧交通等项目落地。"),
    ("parallel_verb_phrases", "引导基金投早投小投长期投硬科技，资本投早、投小、投硬科技。"),
    ("utilities_by_their_phase", "建成柳湾污水处理厂四期、南塘湿垃圾二期和东坪中试基地二期。"),
    ("modifiers_sharing_a_head", "打造众创、众包、众扶、众筹平台，大力发展公铁、河海联运。"),
]


@pytest.mark.parametrize(("case", "text"), NOT_FIRMS, ids=[c[0] for c in NOT_FIRMS])
def test_not_firms(case: str, text: str) -> None:
    assert names(text, "COMPANY") == set()


PROJECT_GUARDS = [
    ("status_description", "光伏产业厚积薄发，成为全国重要的太阳能光伏产业基地。"),
    ("heading_number_is_not_a_name", "（一）城东工业园。园区在建项目12个。"),
]


def test_status_description_is_not_a_project() -> None:
    assert names(PROJECT_GUARDS[0][1], "PROJECT") == set()


def test_heading_number_stays_out_of_the_name() -> None:
    assert names(PROJECT_GUARDS[1][1], "PROJECT") == {"城东工业园"}


def test_project_after_verb_of_improvement_starts_at_its_name() -> None:
    assert names("进一步完善家纺产业园基础设施。", "PROJECT") == {"家纺产业园"}


# declared short forms: one company, both forms
ALIASES = [
    (
        "full_name_then_short",
        "宏图精密机械有限公司（以下简称“宏图机械”）完成技改，宏图机械产值增长20%。",
        "宏图精密机械有限公司",
        "宏图机械",
    ),
    (
        "comma_form",
        "浙江天元新材料股份有限公司，简称“天元新材”，今年新增产能5万吨；天元新材二期开工。",
        "浙江天元新材料股份有限公司",
        "天元新材",
    ),
]


@pytest.mark.parametrize(("case", "text", "full", "short"), ALIASES, ids=[c[0] for c in ALIASES])
def test_declared_short_forms_are_one_company(case: str, text: str, full: str, short: str) -> None:
    found = [e for e in entities(text) if e.label == "COMPANY" and e.canonical == full]
    assert len(found) == 1
    assert short in {m.text for m in found[0].mentions}


# bodies and places of these pages
ORGS = [
    ("elided_government", "镇党委、政府紧紧围绕发展目标。", {"镇党委", "政府"}),
    ("elided_committee", "在工业区党工委、管委会的领导下。", {"管委会"}),
    ("association_bodies", "协调区科委、区经委、区科协开展工作。", {"区科委", "区经委", "区科协"}),
    ("conjunction_before_a_county_body", "在市委、市政府和县委的坚强领导下。", {"市委", "市政府", "县委"}),
    ("office_after_a_year", "2023年科技办在招商中发挥作用。", {"科技办"}),
]


@pytest.mark.parametrize(("case", "text", "expected"), ORGS, ids=[c[0] for c in ORGS])
def test_orgs_of_local_pages(case: str, text: str, expected: set[str]) -> None:
    assert names(text, "ORG") == expected


def test_city_written_without_its_suffix() -> None:
    assert "唐山" in names("贯彻对唐山“三个努力建成”的要求。", "PLACE")


# the lexicon's guards, one predicate at a time
@pytest.mark.parametrize(
    ("word", "firm"),
    [("比亚迪", True), ("舜宇", True), ("绿色", False), ("三峡", False), ("大项目", False),
     ("川渝", False), ("雁栖湖", False), ("亿级", False)],
)
def test_firm_brand(word: str, firm: bool) -> None:
    assert firm_brand(word) is firm


@pytest.mark.parametrize(
    ("item", "name"),
    [("瑞丰集团年产5万吨饲料项目", "瑞丰集团"), ("福耀汽车玻璃", "福耀"),
     ("鼎泰新材料储能电站", "鼎泰新材料"), ("重点工业项目", None), ("沪渝铁路二期", None)],
)
def test_name_at_start(item: str, name: str | None) -> None:
    assert name_at_start(item) == name


@pytest.mark.parametrize(
    ("item", "ok"),
    [("冠华楼梯", True), ("宏发铝业", True), ("落实领导联系", False), ("重点企业", False),
     ("湖州市", False), ("煤矿", False), ("国有大型骨干企业集团", False)],
)
def test_list_item_guard(item: str, ok: bool) -> None:
    assert list_item_ok(item) is ok


def test_township_at_the_start_of_a_park_name() -> None:
    assert "狮岭" in names("依托狮岭工业园、城东工业园两大平台。", "PLACE")
    assert "城东" not in names("依托狮岭工业园、城东工业园两大平台。", "PLACE")


def test_a_firm_before_its_product_is_not_a_list_of_things() -> None:
    """A list of firm + product items (甲重工智能掘进装备、乙大学某算法) keeps its firms."""
    text = "推动湘江大学多元异构计算、铁建重工智能掘进装备等关键技术取得突破。"
    assert "铁建重工" in names(text, "COMPANY")


def test_a_place_before_a_trade_and_company_is_a_firm() -> None:
    """武汉钢铁公司 names one firm; 钢铁公司 alone would be a kind."""
    assert "包头钢铁公司" in names("规模巨大的包头钢铁公司将要投入生产。", "COMPANY")


def test_public_works_by_phase_are_projects_without_an_owner() -> None:
    text = "加快引洮济渭二期、沪甬铁路二期建设。"
    assert {"引洮济渭二期", "沪甬铁路二期"} <= names(text, "PROJECT")
    assert names(text, "COMPANY") == set()
