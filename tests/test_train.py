"""Training: data conversion, the training files' checks, silver data, and a tiny real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yxnlp import train
from yxnlp.errors import InputError
from yxnlp.extract import ner

CLUENER_LINES = [
    {"text": "华为公司与深圳市政府签约", "entity_list": [
        {"entity_type": "company", "entity": "华为公司", "entity_index": {"begin": 0, "end": 4}},
        {"entity_type": "government", "entity": "深圳市政府", "entity_index": {"begin": 5, "end": 10}},
    ]},
    {"text": "张三在杭州工作", "entity_list": [
        {"entity_type": "name", "entity": "张三", "entity_index": {"begin": 0, "end": 2}},
        {"entity_type": "address", "entity": "杭州", "entity_index": {"begin": 3, "end": 5}},
    ]},
]

SMALL_TRAIN = [
    {"text": "区商务局走访宏达集团。", "entities": [[0, 4, "ORG"], [6, 10, "COMPANY"]]},
    {"text": "县政府支持天成药业扩产。", "entities": [[0, 3, "ORG"], [5, 9, "COMPANY"]]},
    {"text": "市财政局拨付华茂纺织补助资金。", "entities": [[0, 4, "ORG"], [6, 10, "COMPANY"]]},
    {"text": "全年工业增加值增长8%。", "entities": []},
]


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_cluener_labels_are_mapped_and_others_dropped() -> None:
    rows = [train.convert_cluener_line(json.dumps(r, ensure_ascii=False)) for r in CLUENER_LINES]
    assert rows[0]["entities"] == [[0, 4, "COMPANY"], [5, 10, "ORG"]]
    assert rows[1] == {"text": "张三在杭州工作", "entities": []}


def test_prepare_writes_cluener_and_silver(tmp_path: Path) -> None:
    src = tmp_path / "cluener"
    for split in ("train", "dev"):
        write(src / f"{split}.txt", CLUENER_LINES)
    report = tmp_path / "report.txt"
    report.write_text("一、概况\n区发展改革局会同宏达集团召开座谈会。\n全年增长6%。", "utf-8")
    counts = train.prepare(cluener_dir=src, report_texts=[report], data_dir=tmp_path / "data")
    assert counts == {"cluener/train": 2, "cluener/dev": 2, "silver/reports": 1,
                      "fixtures/generated": 3000}
    silver = list(train.read_jsonl(tmp_path / "data" / "silver" / "reports.jsonl"))
    ex = silver[0]
    assert [ex["text"][s:e] + "/" + lab for s, e, lab in ex["entities"]] == [
        "区发展改革局/ORG",
        "宏达集团/COMPANY",
    ]


BAD_LINES = [
    ("not_json", "{text"),
    ("missing_entities", json.dumps({"text": "区委"})),
    ("span_outside", json.dumps({"text": "区委", "entities": [[0, 5, "ORG"]]})),
]


@pytest.mark.parametrize(("case", "line"), BAD_LINES, ids=[c[0] for c in BAD_LINES])
def test_bad_training_lines_name_the_file(case: str, line: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", "utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl: line 1"):
        list(train.read_jsonl(path))


def test_missing_training_data_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no training data"):
        train.train(data_dir=tmp_path, output=tmp_path / "model")


def test_tiny_training_run_gives_a_loadable_model(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write(data / "cluener" / "train.jsonl", SMALL_TRAIN)
    write(data / "cluener" / "dev.jsonl", SMALL_TRAIN[:2])
    out = tmp_path / "model"
    result = train.train(data_dir=data, output=out, max_steps=2, seed=0)
    assert result["train_examples"] == 8 and result["dev_examples"] == 2  # CLUENER lines twice
    nlp = ner.load(str(out))
    tags = set(nlp.get_pipe("ner").labels)  # type: ignore[attr-defined]
    assert tags == {"O"} | {f"{m}-{lab}" for m in "BILU" for lab in ("COMPANY", "ORG", "PROJECT")}
    spans = ner.spans("区商务局走访宏达集团。", path=str(out))
    assert all(0 <= s < e <= 11 and 0 < p <= 1 for s, e, _, p in spans)
    doc = nlp("区商务局走访宏达集团。")  # spaCy's own API runs the same model
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [s[:3] for s in spans]


def test_train_command_prepares_and_trains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from yxnlp.cli import main

    src = tmp_path / "cluener"
    for split in ("train", "dev"):
        write(src / f"{split}.txt", CLUENER_LINES)
    data, out = tmp_path / "data", tmp_path / "model"
    args = ["train", "--prepare", "--cluener", str(src), "--data", str(data)]
    assert main([*args, "--skip-training"]) == 0
    assert '"cluener/train": 2' in capsys.readouterr().out
    assert main(["train", "--data", str(data), "--output", str(out), "--max-steps", "2"]) == 0
    assert (out / "meta.json").is_file()
    assert json.loads((out / "meta.json").read_text("utf-8"))["version"] == train.MODEL_VERSION


@pytest.mark.shared
def test_shared_names_every_source(shared_dir: Path) -> None:
    import argparse

    from yxnlp.cli.train import _shared_sources

    args = argparse.Namespace(shared=shared_dir, cluener=None, boson=None, reports=[])
    _shared_sources(args)
    assert (args.cluener / "train.txt").is_file() and args.boson.is_file()
    assert len(args.reports) >= 20 and all(p.is_file() for p in args.reports)
