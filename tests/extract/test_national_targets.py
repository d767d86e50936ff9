"""主要预期目标 of the national 政府工作报告: key, status target, period = the report's year.

Reads ``corpus/national/<year>.txt`` (the project's corpus) when present, else the row of
``../shared/corpus/national/government_work_reports.jsonl`` (title line + content).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from tests.extract.corpus_targets import first_target
from yxnlp import process
from yxnlp.record import Record

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "national"
JSONL = ROOT.parent / "shared" / "corpus" / "national" / "government_work_reports.jsonl"


def _text(year: int) -> str | None:
    path = CORPUS / f"{year}.txt"
    if path.is_file():
        return path.read_text("utf-8")
    if JSONL.is_file():
        for line in JSONL.read_text("utf-8").splitlines():
            row = json.loads(line)
            if str(row.get("year")) == str(year):
                return f"{row['title']}\n\n{row['content']}"
    return None


@functools.cache
def _record(year: int) -> Record:
    text = _text(year)
    if text is None:
        pytest.skip(f"no national report for {year} (corpus/ or ../shared)")
    return process(text, source=f"national/{year}.txt", ner=False)


# (year, key, normalised value, normalised max, qualifier)
GDP_GROWTH = [
    (2025, 5.0, None, "approx"),
    (2024, 5.0, None, "approx"),
    (2023, 5.0, None, "approx"),
    (2022, 5.5, None, "approx"),
    (2021, 6.0, None, "at_least"),
    (2019, 6.0, 6.5, "range"),
    (2018, 6.5, None, "approx"),
    (2017, 6.5, None, "approx"),
    (2016, 6.5, 7.0, "range"),
    (2015, 7.0, None, "approx"),
    (2014, 7.5, None, "approx"),
    (2013, 7.5, None, "approx"),
    (2012, 7.5, None, "exact"),
    (2011, 8.0, None, "approx"),
    (2010, 8.0, None, "approx"),
    (2009, 8.0, None, "approx"),
    (2008, 8.0, None, "approx"),
    (2007, 8.0, None, "approx"),
    (2006, 8.0, None, "approx"),
    (2005, 8.0, None, "approx"),
    (2004, 7.0, None, "approx"),  # 经济增长预期目标为7%左右
    (2003, 7.0, None, "approx"),
    (1999, 7.0, None, "approx"),  # 今年的经济增长预期为7％左右 (not 1998's 7.8％)
    (1998, 8.0, None, "exact"),  # 经济增长速度8 ％ (spaced digits)
    (1997, 8.0, None, "exact"),  # 经济增长速度的调控目标定为８％
    (1995, 8.0, 9.0, "range"),  # …宏观调控目标，定为百分之八至九
    (1994, 9.0, None, "exact"),  # 今年计划国内生产总值增长百分之九
]
OTHER_TARGETS = [
    (2025, "cpi_growth", 2.0, "approx"),
    (2025, "urban_new_jobs", 1.2e7, "at_least"),
    (2025, "surveyed_unemployment_rate", 5.5, "approx"),
    (2024, "cpi_growth", 3.0, "approx"),
    (2024, "urban_new_jobs", 1.2e7, "at_least"),
    (2022, "surveyed_unemployment_rate", 5.5, "at_most"),
    (2022, "urban_new_jobs", 1.1e7, "at_least"),
    (2019, "registered_unemployment_rate", 4.5, "at_most"),
    (2018, "surveyed_unemployment_rate", 5.5, "at_most"),
    (2012, "cpi_growth", 4.0, "approx"),
    (2012, "urban_new_jobs", 9e6, "at_least"),
    (2011, "urban_new_jobs", 9e6, "at_least"),  # not the 十二五 total 4500万 (2011..2015)
    (2016, "urban_new_jobs", 1e7, "at_least"),  # not the 十三五 total 5000万
    (2021, "surveyed_unemployment_rate", 5.5, "approx"),  # not the 十四五 bound 5.5%以内
    (2009, "cpi_growth", 4.0, "approx"),
    (2008, "registered_unemployment_rate", 4.5, "approx"),
    (2007, "urban_new_jobs", 9e6, "at_least"),  # 城镇新增就业人数不低于900万人
    (2007, "cpi_growth", 3.0, "at_most"),  # 居民消费价格总水平涨幅在 3%以内
    (2005, "cpi_growth", 4.0, "at_most"),
    (2005, "registered_unemployment_rate", 4.6, "at_most"),
    (2004, "urban_new_jobs", 9e6, "exact"),  # 今年的预期目标是，新增城镇就业900万人
    (1998, "retail_price_growth", 3.0, "at_most"),  # 商品零售价格涨幅控制在3 ％以内
    (1994, "retail_price_growth", 10.0, "at_most"),  # 零售物价上涨幅度控制在百分之十以内
    (1993, "gnp_growth", 8.0, "exact"),  # 国民生产总值计划增长百分之八 (GNP, not GDP)
    (1992, "gnp_growth", 6.0, "exact"),
    (1992, "retail_price_growth", 6.0, "at_most"),
]


def _target(year: int, key: str) -> tuple[float | None, float | None, str]:
    i = first_target(_record(year), key, year)
    return i.normalized.value, i.normalized.max, i.qualifier


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("year", "value", "high", "qualifier"), GDP_GROWTH)
def test_gdp_growth_target(year: int, value: float, high: float | None, qualifier: str) -> None:
    assert _target(year, "gdp_growth") == (pytest.approx(value), high, qualifier)


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize(("year", "key", "value", "qualifier"), OTHER_TARGETS)
def test_other_main_targets(year: int, key: str, value: float, qualifier: str) -> None:
    got_value, _, got_qualifier = _target(year, key)
    assert (got_value, got_qualifier) == (pytest.approx(value), qualifier)


@pytest.mark.shared
@pytest.mark.slow
def test_a_quoted_target_of_last_year_keeps_its_year() -> None:
    # 1995: 去年我在政府工作报告中曾提出，要把全年商品零售物价上涨幅度控制在百分之十以内
    quoted = [i for i in _record(1995).indicators if i.key == "retail_price_growth"]
    assert quoted and quoted[0].period == "1994"


@pytest.mark.shared
@pytest.mark.slow
def test_last_years_growth_is_actual() -> None:
    rec = _record(2021)
    reviewed = [i for i in rec.indicators if i.key == "gdp_growth" and i.period == "2020"]
    assert reviewed and all(i.status == "actual" for i in reviewed)
