"""Metadata of messy pages: fixtures of our own writing, one test per page and field.

Each page under ``tests/fixtures/metadata/`` is modelled on a shape of real scraped pages
(header blocks, mirror and doc-site chrome, zones, half-year and 1-N月 summaries, issuers
known only as 我局 or 区工信局); ``expected.json`` beside them holds the fields and the rule
expected to set each one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yxnlp.metadata import Metadata, read_metadata

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "metadata"
EXPECTED: dict[str, dict[str, Any]] = {
    k: v for k, v in json.loads((HERE / "expected.json").read_text("utf-8")).items()
    if not k.startswith("_")
}
FIELDS = ["title", "issuer", "region", "published", "summary_year", "plan_year",
          "summary_period", "zone"]


def _read(stem: str) -> Metadata:
    return read_metadata((HERE / f"{stem}.txt").read_text("utf-8"))


def _value(m: Metadata, name: str) -> Any:
    if name == "region":
        return [m.region.name, m.region.code] if m.region else None
    return getattr(m, name)


def test_every_page_has_its_expectation() -> None:
    assert sorted(p.stem for p in HERE.glob("*.txt")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize(("stem", "name"), [(s, f) for s in EXPECTED for f in FIELDS])
def test_field(stem: str, name: str) -> None:
    assert _value(_read(stem), name) == EXPECTED[stem][name]


@pytest.mark.parametrize("stem", list(EXPECTED))
def test_rule_of_each_field(stem: str) -> None:
    m = _read(stem)
    rules = EXPECTED[stem]["rules"]
    assert {k: m.rules.get(k) for k in rules} == rules
    unexplained = [f for f in FIELDS if _value(m, f) is not None and f not in m.rules]
    assert unexplained == []


def test_title_is_text_of_the_page() -> None:
    for stem in EXPECTED:
        m = _read(stem)
        assert m.title is None or m.title in (HERE / f"{stem}.txt").read_text("utf-8")
