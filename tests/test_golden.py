"""Golden reports of our own writing in other regions' styles: facts that must come out,
and the whole record compared field by field with a stored expectation.

Regenerate the stored records after an intended change with ``pytest --update-golden``
and review the diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import yxnlp
from yxnlp.record import Record

HERE = Path(__file__).parent / "golden"
REPORTS = sorted((HERE / "reports").glob("*.txt"))

# (report stem, number text, kind, qualifier, status, period, key) — checked by hand
MUST_INDICATORS = [
    ("longwan_fgj_2023", "618.5亿元", "amount", "exact", "actual", "2023", "gdp"),
    ("longwan_fgj_2023", "6.8%", "growth", "exact", "actual", "2023", "gdp_growth"),
    ("longwan_fgj_2023", "86.4亿元", "amount", "exact", "actual", "2023", "industrial_investment"),
    ("longwan_fgj_2023", "52.3亿元", "amount", "exact", "actual", "2023", "general_budget_revenue"),
    ("longwan_fgj_2023", "145亿元", "amount", "approx", "actual", "2023", None),
    ("longwan_fgj_2023", "40余家", "count", "more_than", "actual", "2023", None),
    ("longwan_fgj_2023", "6.5%", "growth", "approx", "target", "2024", "gdp_growth"),
    ("longwan_fgj_2023", "10%", "growth", "at_least", "target", "2024", "fixed_asset_investment_growth"),
    ("longwan_fgj_2023", "1.2万人", "count", "exact", "target", "2024", "urban_new_jobs"),
    ("longwan_fgj_2023", "150亿元", "amount", "at_least", "target", "2024", None),
    ("longwan_fgj_2023", "3000亩", "quantity", "exact", "target", "2024", None),
    ("zhengzhou_gxj_2022", "186.2亿元", "amount", "exact", "actual", "2022-01..2022-11", "industrial_output_above_scale"),
    ("zhengzhou_gxj_2022", "2.3%", "growth", "exact", "actual", "2022-01..2022-11", None),
    ("zhengzhou_gxj_2022", "1.2个百分点", "percent", "exact", "actual", "2022-01..2022-11", None),
    ("zhengzhou_gxj_2022", "38亿元", "amount", "exact", "estimate", "2022", "industrial_investment"),
    ("zhengzhou_gxj_2022", "20%", "growth", "approx", "estimate", "2022", None),
    ("zhengzhou_gxj_2022", "20蒸吨", "quantity", "exact", "actual", "2022", None),
    ("zhengzhou_gxj_2022", "6%", "growth", "exact", "target", "2023", "industrial_value_added_above_scale_growth"),
    ("zhengzhou_gxj_2022", "8%—10%", "growth", "range", "target", "2023", None),
    ("zhengzhou_gxj_2022", "12%", "growth", "at_least", "target", "2021..2025", None),
]

# (report stem, label, canonical)
MUST_ENTITIES = [
    ("longwan_fgj_2023", "ORG", "温州市龙湾区发展和改革局"),
    ("longwan_fgj_2023", "ORG", "区经信局"),
    ("longwan_fgj_2023", "PLACE", "龙湾区"),
    ("longwan_fgj_2023", "PROJECT", "瓯江口新能源装备产业园"),
    ("longwan_fgj_2023", "PROJECT", "华峰集团年产30万吨差别化纤维项目"),
    ("longwan_fgj_2023", "COMPANY", "华峰集团"),
    ("longwan_fgj_2023", "COMPANY", "新亚电子"),
    ("longwan_fgj_2023", "COMPANY", "奥光动漫"),
    ("zhengzhou_gxj_2022", "PLACE", "中原区"),
    ("zhengzhou_gxj_2022", "PROJECT", "中原科技城数字产业园"),
    ("zhengzhou_gxj_2022", "COMPANY", "郑州信大捷安"),
]


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    return {p.stem: yxnlp.process(p) for p in REPORTS}


@pytest.mark.parametrize(("stem", "text", "kind", "qualifier", "status", "period", "key"), MUST_INDICATORS)
def test_indicator_comes_out(
    records: dict[str, Record], stem: str, text: str, kind: str, qualifier: str,
    status: str, period: str, key: str | None,
) -> None:
    found = [i for i in records[stem].indicators if i.text == text]
    assert found, f"{text} not extracted from {stem}"
    got = [(i.kind, i.qualifier, i.status, i.period) for i in found]
    assert (kind, qualifier, status, period) in got
    if key is not None:
        assert key in {i.key for i in found}


@pytest.mark.parametrize(("stem", "label", "canonical"), MUST_ENTITIES)
def test_entity_comes_out(records: dict[str, Record], stem: str, label: str, canonical: str) -> None:
    assert (label, canonical) in {(e.label, e.canonical) for e in records[stem].entities}


def _comparable(rec: Record) -> dict[str, Any]:
    data = rec.model_dump(mode="json")
    data.pop("provenance")  # version and creation time
    data["document"]["source"] = Path(data["document"]["source"]).name  # where the clone lives
    return data


@pytest.mark.parametrize("report", REPORTS, ids=[p.stem for p in REPORTS])
def test_record_matches_golden(records: dict[str, Record], report: Path, update_golden: bool) -> None:
    expected_path = HERE / "expected" / f"{report.stem}.json"
    got = _comparable(records[report.stem])
    if update_golden or not expected_path.exists():
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", "utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {expected_path.name}; review and commit it")
    expected = json.loads(expected_path.read_text("utf-8"))
    for field in ("document", "sections", "sentences", "indicators", "entities"):
        assert got[field] == expected[field], f"{report.stem}: field {field!r} changed"
