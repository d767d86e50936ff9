"""Training data builders: label mapping (the government-body rule for Boson), sentence
splitting with offsets, Boson's held-out split, the generated fixtures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from yxnlp import trainingdata as td

# (name, is a government or party body)
BODY_CASES = [
    ("市教育局", True),
    ("县人大常委会", True),
    ("浙江省公安厅", True),
    ("外交部欧亚司", True),
    ("高新区管委会", True),
    ("区委宣传部", True),
    ("市消防支队", True),
    ("镇人民政府", True),
    ("国务院", True),
    # negatives: schools, associations, companies, teams, media, nations
    ("城南中学", False),
    ("北方理工大学", False),
    ("省台球协会", False),
    ("宏达贸易公司", False),
    ("中国奥委会", False),
    ("市青年足球队", False),
    ("南方日报社", False),
    ("人民银行", False),
    ("日本", False),
    ("局", False),
]


@pytest.mark.parametrize(("name", "expected"), BODY_CASES, ids=[c[0] for c in BODY_CASES])
def test_government_body_rule(name: str, expected: bool) -> None:
    assert td.is_government_body(name) is expected


def _boson_line(text: str, ents: list[tuple[str, str]]) -> str:
    items = []
    for label, name in ents:
        b = text.index(name)
        items.append({"entity_type": label, "entity": name,
                      "entity_index": {"begin": b, "end": b + len(name)}})
    return json.dumps({"text": text, "entity_list": items}, ensure_ascii=False)


def test_boson_labels_keep_bodies_and_companies_only(tmp_path: Path) -> None:
    text = "市商务局和北方理工大学走访宏达电子，张三陪同。"
    line = _boson_line(text, [("org_name", "市商务局"), ("org_name", "北方理工大学"),
                              ("company_name", "宏达电子"), ("person_name", "张三")])
    path = tmp_path / "boson.txt"
    path.write_text(line + "\n", "utf-8")
    train, held = td.boson_examples(path)
    ex = (train + held)[0]
    assert [ex["text"][s:e] + "/" + lab for s, e, lab in ex["entities"]] == [
        "市商务局/ORG", "宏达电子/COMPANY"]


def test_boson_held_out_documents_are_seeded_and_disjoint(tmp_path: Path) -> None:
    lines = [_boson_line(f"第{i}篇：瑞丰药业{i}号车间投产。", [("company_name", "瑞丰药业")])
             for i in range(40)]
    path = tmp_path / "boson.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    train, held = td.boson_examples(path, seed=3)
    assert len(held) == 4 and len(train) == 36
    assert {x["text"] for x in held}.isdisjoint(x["text"] for x in train)
    assert td.boson_examples(path, seed=3)[1] == held
    assert td.boson_examples(path, seed=4)[1] != held


def test_entity_whitespace_is_stripped_and_overlaps_dropped() -> None:
    raw = {"text": "引进 瑞丰药业 项目", "entity_list": [
        {"entity_type": "company_name", "entity_index": {"begin": 2, "end": 8}},
        {"entity_type": "company_name", "entity_index": {"begin": 3, "end": 5}},
    ]}
    assert td._entities(raw, {"company_name": "COMPANY"}) == [[3, 7, "COMPANY"]]


SPLIT_CASES = [
    ("sentence_ends", "甲公司投产。乙局召开会议！丙", [[0, 3, "COMPANY"], [6, 8, "ORG"]],
     ["甲公司投产。", "乙局召开会议！", "丙"]),
    ("written_newlines", "甲局\\n\\n乙公司", [[0, 2, "ORG"], [6, 9, "COMPANY"]], ["甲局\\n\\n", "乙公司"]),
    ("never_inside_an_entity", "宏达。电子公司", [[0, 7, "COMPANY"]], ["宏达。电子公司"]),
]


@pytest.mark.parametrize(("case", "text", "ents", "pieces"), SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_split_sentences_maps_offsets(case: str, text: str, ents: list[list[object]], pieces: list[str]) -> None:
    out = list(td.split_sentences({"text": text, "entities": ents}))
    assert [x["text"] for x in out] == pieces
    names = [x["text"][s:e] for x in out for s, e, _ in x["entities"]]
    assert names == [text[s:e] for s, e, _ in ents]  # type: ignore[misc]


def test_long_sentences_are_cut_at_commas() -> None:
    text = "，".join(["宏达电子扩建厂房"] * 40) + "。"
    out = list(td.split_sentences({"text": text, "entities": [[0, 4, "COMPANY"]]}, max_len=100))
    assert all(len(x["text"]) <= 100 for x in out) and "".join(x["text"] for x in out) == text


def test_fixtures_are_seeded_valid_and_cover_every_template() -> None:
    exs = td.fixture_examples(seed=0)
    assert exs == td.fixture_examples(seed=0) and exs != td.fixture_examples(seed=1)
    assert len({x["text"] for x in exs}) == len(exs)
    for x in exs:
        assert all(0 <= s < e <= len(x["text"]) and lab in td.LABELS for s, e, lab in x["entities"])
        assert all(a[1] <= b[0] for a, b in zip(x["entities"], x["entities"][1:], strict=False))
    labels = Counter(lab for x in exs for *_, lab in x["entities"])
    assert min(labels[lab] for lab in td.LABELS) > 300
    assert sum(not x["entities"] for x in exs) > 100  # negatives


# the shapes of issue 10, each written by some template (checked on the generated text)
SHAPES = [
    ("list_closed_by_deng_qiye", "等企业"),
    ("count_then_list_in_brackets", "家（"),
    ("invested_company_project", "的"),
    ("paragraph_head_firm", "：总投资"),
    ("phase", "期"),
    ("declared_short_form", "以下简称"),
    ("park", "园"),
    ("signed", "签约"),
]


@pytest.mark.parametrize(("shape", "cue"), SHAPES, ids=[s[0] for s in SHAPES])
def test_fixture_shapes_carry_entities(shape: str, cue: str) -> None:
    hits = [x for x in td.fixture_examples(seed=0, count=400) if cue in x["text"] and x["entities"]]
    assert hits, f"no fixture of shape {shape}"


def test_short_form_and_full_name_are_both_companies() -> None:
    ex = next(x for x in td.fixture_examples(seed=0) if "以下简称" in x["text"])
    names = [ex["text"][s:e] for s, e, lab in ex["entities"] if lab == "COMPANY"]
    assert len(names) == 2 and names[1] in names[0]


def _gold_names(paths: list[Path]) -> set[str]:
    names: set[str] = set()
    for path in paths:
        gold = json.loads(path.read_text("utf-8"))
        for key in ("companies", "projects"):
            for e in gold.get(key, []):
                names |= {e["name"], *e.get("mentions", []), *e.get("aliases", [])}
    return {n for n in names if len(n) >= 3}


@pytest.mark.shared
def test_no_seed_or_dev_company_or_project_name_in_fixtures(shared_dir: Path) -> None:
    names = _gold_names(sorted(shared_dir.glob("gold/*.gold.json"))
                        + sorted(shared_dir.glob("gold/dev/*.gold.json")))
    assert names
    root = td.repo_root()
    texts = [(root / "configs" / "fixtures.json").read_text("utf-8")]
    texts += [p.read_text("utf-8") for p in sorted((root / "models" / "training-data" / "fixtures").glob("*.jsonl"))]
    found = sorted(n for n in names if any(n in t for t in texts))
    assert found == []
