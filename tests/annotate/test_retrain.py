"""A tiny seeded retrain with one corrected sentence makes the model tag a name it missed,
and ``extract --model`` / ``$YXNLP_MODEL`` use the retrained model, whose card says what it
was trained on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yxnlp.annotate.training import gold_examples
from yxnlp.cli import main
from yxnlp.extract import ner

SMALL_TRAIN = [
    {"text": "区商务局走访宏达集团。", "entities": [[0, 4, "ORG"], [6, 10, "COMPANY"]]},
    {"text": "县政府支持天成药业扩产。", "entities": [[0, 3, "ORG"], [5, 9, "COMPANY"]]},
    {"text": "市财政局拨付华茂纺织补助资金。", "entities": [[0, 4, "ORG"], [6, 10, "COMPANY"]]},
    {"text": "全年工业增加值增长8%。", "entities": []},
]
SENTENCE = "县商务局与鑫源动力签订合作协议。"
NAME = (5, 9, "COMPANY")


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny training folder, a gold folder with one corrected sentence, and two models
    trained the same way (seed 0, 20 steps), without and with the correction."""
    d = tmp_path_factory.mktemp("retrain")
    for split in ("train", "dev"):
        p = d / "data" / "cluener" / f"{split}.jsonl"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SMALL_TRAIN), "utf-8")
    gold = d / "gold"
    gold.mkdir()
    (gold / "r.txt").write_text(SENTENCE + "\n", "utf-8")
    (gold / "r.gold.json").write_text(json.dumps({
        "document": "r.txt", "companies": [{"name": "鑫源动力"}],
        "organizations": [{"name": "县商务局"}]}, ensure_ascii=False), "utf-8")  # fmt: skip
    common = ["train", "--data", str(d / "data"), "--max-steps", "20", "--seed", "0"]
    assert main([*common, "--out", str(d / "base")]) == 0
    assert main([*common, "--extra", str(gold), "--out", str(d / "retrained")]) == 0
    return d


def test_the_gold_sentence_becomes_a_training_example(trained: Path) -> None:
    examples, info = gold_examples(trained / "gold")
    assert examples == [{"text": SENTENCE, "entities": [[0, 4, "ORG"], list(NAME)]}]
    assert (info["files"], info["sentences"], info["entities"]) == (1, 1, 2)


def test_one_added_sentence_makes_the_model_tag_a_name_it_missed(trained: Path) -> None:
    assert NAME not in ner.tag(SENTENCE, path=str(trained / "base"))
    assert NAME in ner.tag(SENTENCE, path=str(trained / "retrained"))


def test_the_model_card_says_what_it_was_trained_on(trained: Path) -> None:
    meta = json.loads((trained / "retrained" / "meta.json").read_text("utf-8"))
    on = meta["trained_on"]
    assert meta["version"].startswith("0.2.0+extra.") and on["extra_repeat"] == 10
    assert on["extra_sentences"] == 1 and on["extra"][0]["gold_dir"] == str(trained / "gold")
    assert on["train_examples"] == 2 * len(SMALL_TRAIN) + 10
    card = (trained / "retrained" / "README.md").read_text("utf-8")
    assert f"corrections from `{trained / 'gold'}`: 1 gold files, 1 sentences" in card
    base = json.loads((trained / "base" / "meta.json").read_text("utf-8"))
    assert base["version"] == "0.2.0" and base["trained_on"]["extra"] == []


def test_extract_uses_the_model_it_is_given(
    trained: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "r.txt"
    report.write_text("一、工作回顾\n" + SENTENCE + "\n", "utf-8")
    monkeypatch.setenv(ner.ENV_MODEL, "")  # unset, and restored after the test (--model sets it)
    out = tmp_path / "r.json"
    assert main(["extract", str(report), "--model", str(trained / "retrained"), "-o", str(out)]) == 0
    record = json.loads(out.read_text("utf-8"))
    assert record["provenance"]["ner_model"].startswith("retrained@0.2.0+extra.")
    monkeypatch.setenv(ner.ENV_MODEL, str(trained / "base"))  # the variable alone does it too
    assert ner.model_dir() == trained / "base" and ner.model_name() == "base@0.2.0"


def test_extra_without_out_and_a_bad_model_folder_are_refused(
    trained: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "--data", str(trained / "data"), "--extra", str(trained / "gold")]) == 2
    assert "--extra needs --out DIR" in capsys.readouterr().err
    assert main(["extract", str(trained / "gold" / "r.txt"), "--model", str(tmp_path)]) == 1
    assert "not an NER model folder (no meta.json)" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    args = ["train", "--data", str(trained / "data"), "--max-steps", "1", "--out", str(tmp_path)]
    assert main(args) == 1 and (tmp_path / "notes.txt").is_file()
    assert "exists and is not a model folder" in capsys.readouterr().err


def test_evaluate_scores_with_the_model_it_is_given(
    trained: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ner.ENV_MODEL, "")  # restored after the test (--model sets it)
    gold = trained / "gold"
    for model, found in (("base", 0), ("retrained", 1)):
        out = trained / f"{model}.json"
        args = ["evaluate", "--gold", str(gold), "--docs", str(gold), "--model", str(trained / model)]
        assert main([*args, "--json", str(out)]) == 0
        names = json.loads(out.read_text("utf-8"))["entities"]["COMPANY"]["names"]
        assert (names["hit_gold"], names["n_gold"]) == (found, 1)
    capsys.readouterr()
