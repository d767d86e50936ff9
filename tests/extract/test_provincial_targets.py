"""Provincial 政府工作报告: every province's 2026 GDP growth target, Shanghai's CPI and jobs targets.

Reads ``corpus/provinces-2026/<code>.txt`` and ``corpus/shanghai/<year>.txt``. The expected values were read by hand from each
report's 主要预期目标 sentence (地区生产总值增长5%左右, 经济增长5.5%左右, 按增长5%安排 …).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.corpus_targets import corpus_record, first_target
from yxnlp.record import Record

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "provinces-2026"

# (code, province, normalised value, normalised max, qualifier)
GDP_GROWTH_2026 = [
    ("110000", "北京", 5.0, None, "approx"),
    ("120000", "天津", 4.5, None, "exact"),
    ("130000", "河北", 5.0, None, "at_least"),
    ("140000", "山西", 4.5, 5.0, "range"),
    ("150000", "内蒙古", 5.0, None, "approx"),
    ("210000", "辽宁", 4.5, None, "approx"),  # under a “十五五” heading, after 今年是…开局之年
    ("220000", "吉林", 5.0, None, "approx"),
    ("230000", "黑龙江", 4.5, 5.0, "range"),
    ("310000", "上海", 5.0, None, "approx"),
    ("320000", "江苏", 5.0, None, "exact"),  # 地区生产总值按增长5%安排
    ("340000", "安徽", 5.0, 5.5, "range"),
    ("350000", "福建", 5.0, None, "approx"),
    ("360000", "江西", 5.0, 5.5, "range"),
    ("370000", "山东", 5.0, None, "at_least"),
    ("420000", "湖北", 5.5, None, "approx"),  # 经济增长5.5%左右
    ("430000", "湖南", 5.0, None, "approx"),
    ("450000", "广西", 5.0, None, "approx"),  # 经济增长5%左右
    ("500000", "重庆", 5.0, None, "at_least"),
    ("520000", "贵州", 5.0, None, "approx"),
    ("530000", "云南", 4.5, None, "approx"),
    ("540000", "西藏", 7.0, None, "at_least"),
    ("610000", "陕西", 5.0, None, "approx"),
    ("630000", "青海", 4.5, None, "approx"),
    ("640000", "宁夏", 5.0, None, "approx"),
    ("650000", "新疆", 5.5, 6.0, "range"),
]


def _record(code: str) -> Record:
    return corpus_record(f"provinces-2026/{code}.txt")


def test_the_table_covers_every_report() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus/provinces-2026 is absent")
    assert sorted(p.stem for p in CORPUS.glob("*.txt")) == [c for c, *_ in GDP_GROWTH_2026]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(
    ("code", "value", "high", "qualifier"),
    [(c, v, h, q) for c, _, v, h, q in GDP_GROWTH_2026],
    ids=[f"{c}-{name}" for c, name, *_ in GDP_GROWTH_2026],
)
def test_gdp_growth_target_2026(
    code: str, value: float, high: float | None, qualifier: str
) -> None:
    first = first_target(_record(code), "gdp_growth", 2026)
    assert (first.normalized.value, first.normalized.max, first.qualifier) == (
        pytest.approx(value),
        pytest.approx(high) if high is not None else None,
        qualifier,
    )
    assert first.kind == "growth"


SHANGHAI = ROOT / "corpus" / "shanghai"

# (year, key, normalised value, qualifier): 居民消费价格涨幅3%左右, 新增就业岗位50万个以上 …
SHANGHAI_TARGETS = [
    (2020, "cpi_growth", 3.0, "approx"),
    (2020, "urban_new_jobs", 5e5, "exact"),  # 新增就业岗位50万个 (a synonym, see the taxonomy)
    (2021, "cpi_growth", 2.5, "approx"),
    (2021, "urban_new_jobs", 5e5, "at_least"),
    (2022, "cpi_growth", 3.0, "approx"),
    (2022, "urban_new_jobs", 5.5e5, "at_least"),
    (2023, "cpi_growth", 3.0, "approx"),
    (2023, "urban_new_jobs", 5.5e5, "at_least"),
    (2024, "cpi_growth", 3.0, "approx"),
    (2024, "urban_new_jobs", 5.5e5, "at_least"),  # 城镇新增就业55万人以上
]


def _shanghai(year: int) -> Record:
    return corpus_record(f"shanghai/{year}.txt")


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("year", "key", "value", "qualifier"), SHANGHAI_TARGETS)
def test_shanghai_targets(year: int, key: str, value: float, qualifier: str) -> None:
    rec = _shanghai(year)
    first = first_target(rec, key, year)
    assert (first.normalized.value, first.qualifier) == (pytest.approx(value), qualifier)
    actual = [i for i in rec.indicators if i.key == key and i.status == "actual"]
    assert all(i.period == str(year - 1) for i in actual)
