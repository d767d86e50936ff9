"""``yxnlp evaluate`` on the seed against ../shared/gold (floors), and on small made-up folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yxnlp.cli import main
from yxnlp.errors import InputError
from yxnlp.evaluate import evaluate
from yxnlp.evaluate.indicators import gold_spans, match, prf
from yxnlp.ingest import from_text
from yxnlp.pipeline import analyse, build_record

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "gold"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_scores() -> dict[str, Any]:
    return evaluate(GOLD, SEEDS, ner=False)


@pytest.mark.shared
def test_seed_indicator_f1_floor(seed_scores: dict[str, Any]) -> None:
    ind = seed_scores["indicators"]
    assert len(seed_scores["documents"]) == 1
    assert ind["tp"] + ind["fn"] == 92  # every gold item was located and counted
    assert ind["f1"] >= 0.92


@pytest.mark.shared
@pytest.mark.parametrize("attribute", ["kind", "qualifier", "status", "period"])
def test_seed_attribute_floors(seed_scores: dict[str, Any], attribute: str) -> None:
    assert seed_scores["indicators"]["attributes"][attribute]["accuracy"] >= 0.90


@pytest.mark.shared
def test_seed_gold_quotes_are_all_found() -> None:
    gold = json.loads((GOLD / "000_cba11b42fa3c7c35.gold.json").read_text("utf-8"))
    text = (SEEDS / "000_cba11b42fa3c7c35.txt").read_text("utf-8")
    spans = gold_spans(text, gold["indicators"])
    assert None not in spans
    for g, span in zip(gold["indicators"], spans, strict=True):
        assert span is not None and text[span[0] : span[1]] == g["number_text"]


@pytest.mark.shared
def test_cli_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "scores.json"
    args = ["evaluate", "--gold", str(GOLD), "--docs", str(SEEDS), "--no-ner", "-v"]
    assert main([*args, "--json", str(out)]) == 0
    table = capsys.readouterr().out
    assert "indicators" in table and "period" in table and "== 000_cba11b42fa3c7c35.txt" in table
    saved = json.loads(out.read_text("utf-8"))
    assert saved["indicators"]["f1"] >= 0.92


def _folder(tmp_path: Path, body: str, gold: list[dict[str, Any]]) -> Path:
    (tmp_path / "r1.txt").write_text(body, "utf-8")
    (tmp_path / "r1.gold.json").write_text(json.dumps({"indicators": gold}), "utf-8")
    return tmp_path


BODY = "广东省某区2024年工作总结\n\n一、主要指标\n\n全区实现地区生产总值210亿元，同比增长5%。新增规上企业12户。"
GOLD_ITEMS = [
    {"quote": "地区生产总值210亿元", "number_text": "210亿元", "normalized": {"value": 2.1e10},
     "kind": "amount", "qualifier": "exact", "status": "actual", "period": "2024"},
    {"quote": "同比增长5%", "number_text": "5%", "normalized": {"value": 5},
     "kind": "growth", "qualifier": "approx", "status": "actual", "period": "2024"},
    {"quote": "城镇新增就业3000人", "number_text": "3000人", "normalized": {"value": 3000},
     "kind": "count", "qualifier": "exact", "status": "actual", "period": "2024"},
]  # fmt: skip


def test_counts_on_a_made_up_folder(tmp_path: Path) -> None:
    ind = evaluate(_folder(tmp_path, BODY, GOLD_ITEMS), tmp_path, ner=False)["indicators"]
    # 2 of 3 gold found (the third is not in the text); 12户 is spurious
    assert (ind["tp"], ind["fp"], ind["fn"]) == (2, 1, 1)
    assert ind["attributes"]["qualifier"] == {"accuracy": 0.5, "right": 1, "n": 2}
    assert ind["attributes"]["kind"]["accuracy"] == 1.0


def test_value_must_agree(tmp_path: Path) -> None:
    a = analyse(from_text(BODY, name="r1.txt"))
    rec = build_record(a, ner=False)
    wrong = [dict(GOLD_ITEMS[0], normalized={"value": 2.1e9})]
    m = match(a.text, wrong, rec.indicators)
    assert m.pairs == [] and m.missed == [0]


def test_document_without_gold_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "other.txt").write_text(BODY, "utf-8")
    assert evaluate(tmp_path, tmp_path, ner=False)["documents"] == []


def test_bad_gold_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.gold.json").write_text("{not json", "utf-8")
    with pytest.raises(InputError, match=r"x\.gold\.json"):
        evaluate(tmp_path, tmp_path, ner=False)


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="gold folder not found"):
        evaluate(tmp_path / "nope", tmp_path)


PRF = [((0, 0, 0), 0.0), ((1, 0, 0), 1.0), ((3, 1, 1), 0.75)]


@pytest.mark.parametrize(("counts", "f1"), PRF)
def test_prf(counts: tuple[int, int, int], f1: float) -> None:
    assert prf(*counts)["f1"] == f1
