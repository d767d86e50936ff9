"""Fixtures shared by the batch, store, compare, distributed and query tests.

Reports and records here are invented for the tests, written in the style of county work reports
from Zhejiang, Guangdong and Henan (the seed report is from Sichuan); every company and project
name is made up.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from yxnlp.record import (
    Document,
    Entity,
    Indicator,
    Mention,
    Normalized,
    Provenance,
    Record,
    Region,
    Section,
    Sentence,
)

# --- report texts for batch runs -------------------------------------------------------------

COUNTIES = (
    ("浙江省湖州市安吉县", "安吉县人民政府"),
    ("广东省江门市新会区", "新会区人民政府"),
    ("河南省许昌市长葛市", "长葛市人民政府"),
    ("浙江省金华市义乌市", "义乌市人民政府"),
    ("广东省清远市英德市", "英德市人民政府"),
)

_REVIEW = (
    "（{n}）{topic}稳中有进。全年实现地区生产总值{gdp}亿元，同比增长{g}%；规模以上工业增加值"
    "增长{ind}%；一般公共预算收入{rev}亿元，增长{rg}%。新增规模以上工业企业{firms}家，"
    "完成固定资产投资{inv}亿元。{company}年产值突破{out}亿元，{park}新入驻项目{proj}个。\n"
)
_PLAN = (
    "（{n}）抓好{topic}。{year}年全县地区生产总值增长{g}%左右，规模以上工业增加值增长{ind}%以上，"
    "固定资产投资增长{inv}%，城乡居民人均可支配收入分别增长{inc}%和{inc2}%。力争引进亿元以上"
    "项目{proj}个，推动{company}扩产，加快建设{park}。\n"
)
_TOPICS = (
    "工业经济",
    "项目建设",
    "招商引资",
    "农业农村",
    "城乡建设",
    "生态环境",
    "民生保障",
    "营商环境",
)
_COMPANIES = (
    "青岚竹木制品有限公司",
    "南塘五金机械有限公司",
    "禾丰食品集团",
    "远澜新材料股份有限公司",
)
_PARKS = ("经济开发区", "竹产业创新园", "智能装备产业园", "现代农业产业园")


def report_text(county: str, issuer: str, year: int, *, paragraphs: int = 40, seed: int = 0) -> str:
    """An invented county work report for ``year`` (summary of year-1, plan for year)."""
    rnd = random.Random(f"{county}{year}{seed}")
    lines = [
        f"{issuer}{year}年政府工作报告\n",
        f"{county}\n",
        f"一、{year - 1}年工作回顾\n",
    ]

    def fill(template: str, n: int) -> str:
        return template.format(
            n="一二三四五六七八九十"[n % 10],
            topic=_TOPICS[n % len(_TOPICS)],
            year=year,
            gdp=rnd.randint(200, 900),
            g=rnd.choice([5, 5.5, 6, 6.5, 7, 7.5, 8]),
            ind=rnd.choice([6, 7, 8, 9, 10]),
            rev=rnd.randint(20, 90),
            rg=rnd.randint(3, 12),
            firms=rnd.randint(10, 80),
            inv=rnd.randint(8, 200),
            company=rnd.choice(_COMPANIES),
            out=rnd.randint(2, 30),
            park=rnd.choice(_PARKS),
            proj=rnd.randint(3, 40),
            inc=rnd.choice([5, 6, 7]),
            inc2=rnd.choice([7, 8, 9]),
        )

    for n in range(paragraphs // 2):
        lines.append(fill(_REVIEW, n))
    lines.append(f"二、{year}年工作安排\n")
    for n in range(paragraphs - paragraphs // 2):
        lines.append(fill(_PLAN, n))
    return "".join(lines)


def write_reports(folder: Path, count: int = 10, *, paragraphs: int = 40) -> list[Path]:
    """``count`` UTF-8 reports named ``<pinyin-free county index>_<year>.txt`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        county, issuer = COUNTIES[i % len(COUNTIES)]
        year = 2021 + i // len(COUNTIES)
        path = folder / f"county{i % len(COUNTIES)}_{year}.txt"
        path.write_text(report_text(county, issuer, year, paragraphs=paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


# --- hand-made records for the store and compare ---------------------------------------------


def indicator(
    n: int,
    key: str | None,
    value: float,
    *,
    status: str = "actual",
    unit: str = "percent",
    period: str | None = None,
    kind: str = "growth",
    start: int = 0,
) -> Indicator:
    spec: dict[str, Any] = {
        "id": f"i{n}",
        "key": key,
        "text": f"{value:g}%",
        "span": (start, start + 3),
        "sentence_span": (max(0, start - 10), start + 10),
        "value": value,
        "unit": "%",
        "normalized": Normalized(value=value, unit=unit),
        "kind": kind,
        "status": status,
        "period": period,
        "source": "rule:test",
    }
    return Indicator.model_validate(spec)


def company(n: int, name: str, *, label: str = "COMPANY") -> Entity:
    return Entity.model_validate(
        {
            "id": f"e{n}",
            "label": label,
            "name": name,
            "canonical": name,
            "mentions": [
                Mention(text=name, span=(100 + n * 20, 100 + n * 20 + len(name)), source="rule")
            ],
        }
    )


def record(
    doc_id: str,
    *,
    region: tuple[str, str | None] | None,
    issuer: str | None,
    plan_year: int | None,
    indicators: list[Indicator] = (),  # type: ignore[assignment]
    entities: list[Entity] = (),  # type: ignore[assignment]
) -> Record:
    return Record(
        document=Document(
            id=doc_id,
            source=f"reports/{doc_id}.txt",
            title=f"{issuer}{plan_year}年政府工作报告" if issuer else None,
            issuer=issuer,
            region=Region(name=region[0], code=region[1]) if region else None,
            summary_year=plan_year - 1 if plan_year else None,
            plan_year=plan_year,
            length=1000,
        ),
        indicators=list(indicators),
        entities=list(entities),
        provenance=Provenance(
            yxnlp="0.1.0", segmenter="jieba", created="2026-01-01T00:00:00+00:00"
        ),
    )


ANJI = ("安吉县", "330523")
XINHUI = ("新会区", "440705")
CHANGGE = ("长葛市", "411082")


def county_records() -> list[Record]:
    """Three years of 安吉县 reports, one 新会区 and one 长葛市 report (2024).

    gdp_growth targets: 安吉 2022 7.0, 2023 6.5, 2024 6.0; 新会 2024 5.5; 长葛 2024 7.5.
    gdp_growth actuals (period = the previous year): 安吉 2021 8.1, 2022 6.2, 2023 6.4.
    """
    return [
        record(
            "anji2022", region=ANJI, issuer="安吉县人民政府", plan_year=2022,
            indicators=[
                indicator(1, "gdp_growth", 8.1, period="2021", start=50),
                indicator(2, "gdp_growth", 7.0, status="target", start=900),
                indicator(3, "industrial_value_added_growth", 9.0, status="target", start=920),
                indicator(4, None, 3.0, status="target", start=940),
            ],
            entities=[company(1, "青岚竹木制品有限公司"), company(2, "南塘五金机械有限公司")],
        ),
        record(
            "anji2023", region=ANJI, issuer="安吉县人民政府", plan_year=2023,
            indicators=[
                indicator(1, "gdp_growth", 6.2, period="2022", start=40),
                indicator(2, "gdp_growth", 6.5, status="target", period="2023", start=800),
                # a later, county-wide repeat of the target: the first mention wins
                indicator(3, "gdp_growth", 9.9, status="target", period="2023", start=850),
            ],
            entities=[
                company(1, "青岚竹木制品有限公司"),
                company(2, "禾丰食品集团"),
                company(3, "竹产业创新园", label="PROJECT"),
            ],
        ),
        record(
            "anji2024", region=ANJI, issuer="安吉县人民政府", plan_year=2024,
            indicators=[
                indicator(1, "gdp_growth", 6.4, period="2023", start=30),
                indicator(2, "gdp_growth", 6.0, status="target", start=700),
                indicator(3, "industrial_value_added_growth", 8.0, status="target", start=720),
                # the same key in another unit (a minority): left out of the wide table
                indicator(4, "gdp_growth", 500.0, status="target", unit="CNY", kind="amount", start=740),
            ],
            entities=[
                company(1, "禾丰食品集团"),
                company(2, "远澜新材料股份有限公司"),
                company(3, "竹产业创新园", label="PROJECT"),
            ],
        ),
        record(
            "xinhui2024", region=XINHUI, issuer="新会区人民政府", plan_year=2024,
            indicators=[indicator(1, "gdp_growth", 5.5, status="target", start=600)],
        ),
        record(
            "changge2024", region=CHANGGE, issuer="长葛市人民政府", plan_year=2024,
            indicators=[indicator(1, "gdp_growth", 7.5, status="target", start=500)],
            entities=[company(1, "南塘五金机械有限公司")],
        ),
    ]  # fmt: skip


def full_record() -> Record:
    """A record with every field of every model filled, each with a value of its own, so a
    value stored under another field's column shows (an invented 江西 district, 2025)."""
    document = Document(
        id="linchuan2025", source="reports/linchuan2025.html", title="临川区2025年政府工作报告",
        issuer="临川区人民政府", region=Region(name="临川区", code="361002"),
        published="2025-01-20", summary_year=2024, plan_year=2025, summary_period="2024",
        zone="临川高新区", url="https://www.linchuan.gov.cn/art/2025/1/20/art_1.html",
        rules={"title": "hint", "region": "gazetteer:longest_chain"},
        format="html", length=2000, text="（报告正文）", furniture=[(0, 4)],
    )  # fmt: skip
    section = Section(
        id="s1", heading="主要目标", level=3, number="一、", parent="s0",
        span=(8, 400), heading_span=(10, 16),
    )  # fmt: skip
    indicator = Indicator(
        id="i1", key="industrial_investment", key_source="rule", subject="工业投资",
        text="12亿—15亿元", span=(30, 38), sentence_span=(21, 61), section="s1",
        value=12.0, unit="亿元", unit_inferred=True,
        normalized=Normalized(value=1.2e9, unit="CNY", max=1.5e9),
        kind="amount", qualifier="range", status="target", period="2025-01..2025-06",
        scope="抚州市", entity="e1", source="rule:money",
    )  # fmt: skip
    entity = Entity(
        id="e1", label="COMPANY", name="赣临精密", canonical="赣临精密机械有限公司",
        mentions=[Mention(text="赣临精密", span=(70, 74), source="ner")],
        attributes={"type": "企业"},
    )  # fmt: skip
    provenance = Provenance(
        yxnlp="9.9.9", segmenter="pkuseg", ner_model="models/test-ner",
        created="2025-02-01T00:00:00+00:00",
        resources={"company lexicon": "companynameparser 9.9 (brands, trades)"},
    )  # fmt: skip
    return Record(
        document=document,
        sections=[section],
        sentences=[Sentence(id="t1", span=(20, 60), section="s1")],
        indicators=[indicator],
        entities=[entity],
        provenance=provenance,
    )


def county_store(path: Path) -> Path:
    """``path``: a new store holding :func:`county_records` (for tests of the store and CLI)."""
    from yxnlp.store import Store

    with Store(path, read_only=False) as store:
        store.upsert(county_records())
    return path
