"""Entity scoring: exact and relaxed matching, aliases and mentions, one-to-one counting."""

from __future__ import annotations

from typing import Any

import pytest

from yxnlp.evaluate.entities import relaxed_match, score_entities, score_surface_lists
from yxnlp.record import Document, Entity, Label, Record


def record(*items: tuple[Label, str, str]) -> Record:
    ents = [
        Entity(id=f"e{i}", label=label, name=name, canonical=canon)
        for i, (label, name, canon) in enumerate(items, 1)
    ]
    return Record(document=Document(id="x", source="x.txt"), entities=ents)


RELAXED_CASES = [
    ("contained_and_covering", "激光产业园", "激光产业园项目", True),
    ("identical", "区委", "区委", True),
    ("too_short_a_part", "龙湾", "龙湾科技孵化中心", False),
    ("not_contained", "生物医药健康产业园", "生物医疗健康产业园", False),
    ("empty", "", "区委", False),
]


@pytest.mark.parametrize(("case", "a", "b", "expected"), RELAXED_CASES, ids=[c[0] for c in RELAXED_CASES])
def test_relaxed_match(case: str, a: str, b: str, expected: bool) -> None:
    assert relaxed_match(a, b) is expected
    assert relaxed_match(b, a) is expected


SCORE_CASES: list[tuple[str, Record, dict[str, Any], str, tuple[int, int, int], tuple[int, int, int]]] = [
    (
        "alias_counts",
        record(("ORG", "商务局", "商务局")),
        {"organizations": [{"name": "区商务局", "aliases": ["商务局"]}]},
        "ORG",
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "mention_counts_for_companies",
        record(("COMPANY", "兴华", "兴华")),
        {"companies": [{"name": "兴华集团", "canonical": "兴华集团", "mentions": ["兴华集团", "兴华"]}]},
        "COMPANY",
        (1, 0, 0),
        (1, 0, 0),
    ),
    (
        "relaxed_only",
        record(("PROJECT", "光电产业园项目", "光电产业园项目")),
        {"projects": [{"name": "光电产业园"}]},
        "PROJECT",
        (0, 1, 1),
        (1, 0, 0),
    ),
    (
        "duplicate_is_spurious",
        record(("PLACE", "嘉兴市", "嘉兴市"), ("PLACE", "嘉兴", "嘉兴")),
        {"places": [{"name": "嘉兴市", "aliases": ["嘉兴"]}]},
        "PLACE",
        (1, 1, 0),
        (1, 1, 0),
    ),
    (
        "missed_and_spurious",
        record(("COMPANY", "宏达集团", "宏达集团")),
        {"companies": [{"name": "天成药业"}]},
        "COMPANY",
        (0, 1, 1),
        (0, 1, 1),
    ),
]


@pytest.mark.parametrize(
    ("case", "rec", "gold", "label", "exact", "relaxed"), SCORE_CASES, ids=[c[0] for c in SCORE_CASES]
)
def test_score_entities(
    case: str,
    rec: Record,
    gold: dict[str, Any],
    label: str,
    exact: tuple[int, int, int],
    relaxed: tuple[int, int, int],
) -> None:
    scores = score_entities(rec, gold)[label]
    assert tuple(scores["exact"][k] for k in ("tp", "fp", "fn")) == exact
    assert tuple(scores["relaxed"][k] for k in ("tp", "fp", "fn")) == relaxed


def test_precision_recall_f1_and_lists() -> None:
    rec = record(("COMPANY", "宏达集团", "宏达集团"), ("COMPANY", "永祥", "永祥"))
    gold = {"companies": [{"name": "宏达集团"}, {"name": "天成药业"}]}
    s = score_entities(rec, gold)["COMPANY"]["exact"]
    assert (s["precision"], s["recall"], s["f1"]) == (0.5, 0.5, 0.5)
    assert (s["matched"], s["spurious"], s["missed"]) == ([["宏达集团", "宏达集团"]], ["永祥"], ["天成药业"])


def test_labels_without_gold_or_predictions_are_left_out() -> None:
    assert score_entities(record(), {"companies": []}) == {}
    scores = score_entities(record(("ORG", "区委", "区委")), {})
    assert scores["ORG"]["relaxed"]["fp"] == 1 and scores["ORG"]["relaxed"]["precision"] == 0.0


def test_flat_lists_for_baselines() -> None:
    s = score_surface_lists(["区委", "区委", "国务院"], {"organizations": [{"name": "区委"}]}, "organizations")
    assert (s["exact"]["tp"], s["exact"]["fp"], s["exact"]["fn"]) == (1, 1, 0)
