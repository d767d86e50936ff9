"""Period, status, key and scope of figures on page fixtures of our own writing.

Each page under ``tests/fixtures/context/`` is modelled on a shape of real pages (a header
block, 上半年 / 1-N月 / 前三季度 summaries, 截至目前 stocks, 两年平均, 十四五 spans, plan vs
completion vs estimate in one sentence, a firm's own investment, other places' figures,
comparisons, 分别 lists, a whole report in Big5); ``expected.json`` beside them holds each
figure's reading, judged by hand. One test per figure and field; known failures are strict
xfails so a fix shows up.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from yxnlp import process
from yxnlp.record import Indicator, Record

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "context"
EXPECTED: dict[str, dict[str, Any]] = {
    k: v for k, v in json.loads((HERE / "expected.json").read_text("utf-8")).items()
    if not k.startswith("_")
}
FIELDS = ("status", "period", "key", "scope")

#: (page, figure, n, field): readings the rules do not give yet.
KNOWN_FAILURES: set[tuple[str, str, int, str]] = set()


@functools.cache
def record(stem: str) -> Record:
    return process(HERE / f"{stem}.txt", ner=False)


def figure(stem: str, text: str, n: int) -> Indicator:
    found = [i for i in record(stem).indicators if i.text == text]
    assert len(found) >= n, f"{stem}: figure {text!r} (#{n}) not extracted"
    return found[n - 1]


def _cases() -> list[Any]:
    cases = []
    for stem, page in EXPECTED.items():
        for want in page["figures"]:
            n = want.get("n", 1)
            for name in FIELDS:
                if name not in want:
                    continue
                marks = [pytest.mark.xfail(strict=True)] if (stem, want["text"], n, name) in KNOWN_FAILURES else []
                cases.append(pytest.param(stem, want["text"], n, name, want[name],
                                          id=f"{stem}-{want['text']}#{n}-{name}", marks=marks))  # fmt: skip
    return cases


def test_every_page_has_its_expectation() -> None:
    assert sorted(p.stem for p in HERE.glob("*.txt")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize(("stem", "text", "n", "name", "want"), _cases())
def test_figure_reading(stem: str, text: str, n: int, name: str, want: Any) -> None:
    assert getattr(figure(stem, text, n), name) == want


def test_spans_point_into_the_page_as_written() -> None:
    """The Big5 page is read through a simplified view; spans and texts are the page's own."""
    raw = (HERE / "c10_traditional_big5.txt").read_bytes().decode("big5")
    rec = record("c10_traditional_big5")
    assert rec.indicators and all(raw[i.span[0] : i.span[1]] == i.text for i in rec.indicators)
    assert any("億" in i.text for i in rec.indicators)


def test_rule_ids_say_which_cue_decided() -> None:
    assert figure("c01_half_year_header", "386.2亿元", 1).rules["period"] == "period:months"
    assert figure("c01_half_year_header", "12.4%", 1).rules["period"] == "period:summary_period"
    assert figure("c05_two_year_average", "5.9%", 1).rules["period"] == "period:n_year_average"
    assert figure("c05_two_year_average", "19.5%", 1).rules["period"] == "period:since_base_year"
    assert figure("c07_plan_progress", "93.6%", 1).rules["status"] == "status:progress"
    assert figure("c07_plan_progress", "120亿元", 1).rules["status"] == "status:attribute"
    end = figure("c06_county_gov_report", "1200家", 1)
    assert end.rules["period"] == "period:five_year_plan_end"
    assert figure("c06_county_gov_report", "1860亿元", 1).rules["period"] == "period:five_year_plan"
