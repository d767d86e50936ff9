"""The correction loop's export and import: round trips score 1.000, edits move the score as
they should, and tasks that no longer match their reports are refused with nothing written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from yxnlp import annotate
from yxnlp.annotate import doccano, label_studio
from yxnlp.cli import main
from yxnlp.errors import InputError
from yxnlp.evaluate import evaluate
from yxnlp.pipeline import process
from yxnlp.record import Record
from yxnlp.store import Store

REPORTS = Path(__file__).with_name("reports")
FORMATS = list(annotate.FORMATS)
FILE = {"label-studio": "tasks.json", "doccano": "tasks.jsonl", "spans": "tasks.jsonl"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Record]]:
    """The invented reports copied to a folder, with their records (rules only)."""
    d = tmp_path_factory.mktemp("reports")
    for p in sorted(REPORTS.glob("*.txt")):
        shutil.copy(p, d / p.name)
    return d, [process(p, ner=False) for p in sorted(d.glob("*.txt"))]


def _scores(gold: Path) -> dict[str, Any]:
    return evaluate(gold, gold, ner=False)


def _labels_all_one(result: dict[str, Any]) -> dict[str, float]:
    out = {"indicators": result["indicators"]["f1"]}
    out |= {label: modes["exact"]["f1"] for label, modes in result["entities"].items()}
    return out


@pytest.mark.parametrize("max_chars", [100_000, 120], ids=["whole", "per_section"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_without_edits_scores_one(
    fmt: str, max_chars: int, reports: tuple[Path, list[Record]], tmp_path: Path
) -> None:
    _, records = reports
    out = tmp_path / FILE[fmt]
    n = annotate.export(records, out, format=fmt, max_chars=max_chars)
    assert n == (2 if max_chars > 1000 else len(annotate.read_tasks(out, format=fmt)))
    if max_chars < 1000:
        assert n > 4  # the reports were cut into parts, offsets mapped back
    annotate.import_gold(out, tmp_path / "gold", format=fmt)
    scores = _labels_all_one(_scores(tmp_path / "gold"))
    assert set(scores) == {"indicators", "COMPANY", "PROJECT", "ORG", "PLACE"}
    assert scores == dict.fromkeys(scores, 1.0)


def test_round_trip_from_a_store(reports: tuple[Path, list[Record]], tmp_path: Path) -> None:
    _, records = reports
    db = tmp_path / "s.duckdb"
    with Store(db, read_only=False) as st:
        st.upsert(records)
    assert main(["annotate", "export", str(db), "--format", "label-studio",
                 "--out", str(tmp_path / "t.json"), "--max-chars", "150"]) == 0  # fmt: skip
    assert (tmp_path / "t.label_config.xml").is_file()
    assert main(["annotate", "import", str(tmp_path / "t.json"), "--format", "label-studio",
                 "--out", str(tmp_path / "gold")]) == 0  # fmt: skip
    assert sorted(p.name for p in (tmp_path / "gold").iterdir()) == [
        "ganzhou_fgw_2023.gold.json", "ganzhou_fgw_2023.txt",
        "linze_gxj_2024.gold.json", "linze_gxj_2024.txt",
    ]  # fmt: skip
    scores = _labels_all_one(_scores(tmp_path / "gold"))
    assert scores == dict.fromkeys(scores, 1.0) and len(scores) == 5
    gold = json.loads((tmp_path / "gold" / "linze_gxj_2024.gold.json").read_text("utf-8"))
    assert list(gold) == ["document", "metadata", "indicators", "companies", "projects",
                          "organizations", "places"]  # the guidelines' order  # fmt: skip
    assert gold["metadata"] == {
        "title": "临泽县工业和信息化局2024年工作总结和2025年工作计划", "region": "临泽县",
        "issuer": "临泽县工业和信息化局", "published": None, "summary_year": 2024, "plan_year": 2025,
    }  # fmt: skip


def _edit_spans(path: Path, fn: Any) -> None:
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    path.write_text("".join(json.dumps(fn(r), ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _add_company_remove_place(row: dict[str, Any]) -> dict[str, Any]:
    """A person adds the company the rules missed and removes a river taken for a place."""
    text = row["text"]
    spans = [s for s in row["spans"] if not (s["label"] == "PLACE" and s["text"] == "章江")]
    at = text.find("鑫源动力")
    if at >= 0:
        spans.append({"start": at, "end": at + 4, "label": "COMPANY", "text": "鑫源动力"})
    return {**row, "spans": spans}


def test_export_from_a_batch_output_folder(
    reports: tuple[Path, list[Record]], tmp_path: Path
) -> None:
    """The folder ``yxnlp batch`` writes holds its manifest (index.json) beside the records."""
    docs, _ = reports
    out = tmp_path / "records"
    assert main(["batch", str(docs), "--out", str(out), "--no-ner", "-q", "--no-progress"]) == 0
    assert (out / "index.json").is_file()
    assert main(["annotate", "export", str(out), "--format", "spans",
                 "--out", str(tmp_path / "t.jsonl")]) == 0  # fmt: skip
    assert len(annotate.read_tasks(tmp_path / "t.jsonl", format="spans")) == 2


def test_an_edit_changes_precision_and_recall_as_expected(
    reports: tuple[Path, list[Record]], tmp_path: Path
) -> None:
    _, records = reports
    out = tmp_path / "t.jsonl"
    annotate.export(records, out, format="spans")
    annotate.import_gold(out, tmp_path / "before", format="spans")
    _edit_spans(out, _add_company_remove_place)
    annotate.import_gold(out, tmp_path / "after", format="spans")
    before = _scores(tmp_path / "before")["entities"]
    after = _scores(tmp_path / "after")["entities"]
    company, place = before["COMPANY"]["exact"], before["PLACE"]["exact"]
    assert after["COMPANY"]["exact"]["tp"] == company["tp"]
    assert after["COMPANY"]["exact"]["fn"] == 1 and after["COMPANY"]["exact"]["fp"] == 0
    assert (company["tp"], after["COMPANY"]["exact"]["r"]) == (3, 0.75)  # 3 of 4 companies
    assert after["PLACE"]["exact"]["fp"] == 1 and after["PLACE"]["exact"]["fn"] == 0
    assert (place["tp"], after["PLACE"]["exact"]["p"]) == (5, 0.8)  # 4 of the 5 places right
    for label in ("PROJECT", "ORG"):
        assert after[label]["exact"]["f1"] == 1.0
    gold = json.loads((tmp_path / "after" / "ganzhou_fgw_2023.gold.json").read_text("utf-8"))
    assert {"name": "鑫源动力", "canonical": "鑫源动力", "mentions": ["鑫源动力"], "count": 1} in gold["companies"]
    assert all(p["name"] != "章江" for p in gold["places"])


def test_an_added_figure_gets_its_value(reports: tuple[Path, list[Record]], tmp_path: Path) -> None:
    _, records = reports
    out = tmp_path / "t.jsonl"
    annotate.export(records[:1], out, format="spans")

    def add(row: dict[str, Any]) -> dict[str, Any]:
        at = row["text"].find("612亿元")
        spans = [s for s in row["spans"] if s.get("text") != "612亿元"]
        return {**row, "spans": [*spans, {"start": at, "end": at + 4, "label": "AMOUNT"}]}  # 612亿

    _edit_spans(out, add)
    annotate.import_gold(out, tmp_path / "gold", format="spans")
    gold = json.loads((tmp_path / "gold" / "ganzhou_fgw_2023.gold.json").read_text("utf-8"))
    fig = next(g for g in gold["indicators"] if g["number_text"].startswith("612"))
    assert fig["number_text"] == "612亿"  # a span the record did not have: its value is read
    assert fig["normalized"]["value"] == 6.12e10 and fig["kind"] == "amount"
    assert fig["quote"] == "2023年全区实现地区生产总值612亿元" and fig["status"] is None
    assert _scores(tmp_path / "gold")["indicators"]["tp"] == 7  # and it still matches


def _text_changed(tasks: list[Any]) -> None:
    text = tasks[1]["text"]
    tasks[1]["text"] = ("改" if text[0] != "改" else "动") + text[1:]


def _span_outside(tasks: list[Any]) -> None:
    tasks[0]["spans"].append({"start": 0, "end": len(tasks[0]["text"]) + 3, "label": "ORG"})


def _unknown_label(tasks: list[Any]) -> None:
    tasks[0]["spans"].append({"start": 0, "end": 2, "label": "PERSON"})


def _span_text_wrong(tasks: list[Any]) -> None:
    tasks[0]["spans"][0]["text"] = "别的名字"


REFUSED = [
    ("text_changed", _text_changed, r"t\.jsonl: task 2 \(.*offset \d+\): the task's text no longer matches its report"),
    ("span_outside", _span_outside, r"span \[0, \d+\) lies outside the task's text"),
    ("unknown_label", _unknown_label, r"unknown label 'PERSON'"),
    ("span_text_wrong", _span_text_wrong, r"t\.jsonl: line 1: span '别的名字' is not the text at"),
]


@pytest.mark.parametrize(("case", "edit", "message"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_task_that_does_not_match_its_report_is_refused(
    case: str, edit: Any, message: str, reports: tuple[Path, list[Record]], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, records = reports
    out = tmp_path / "t.jsonl"
    annotate.export(records, out, format="spans", max_chars=200)
    tasks = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    edit(tasks)
    out.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), "utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "kept.gold.json").write_text("{}", "utf-8")  # an earlier import stays as it was
    assert main(["annotate", "import", str(out), "--format", "spans", "--out", str(gold)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("yxnlp: error: ")
    assert pytest.importorskip("re").search(message, err), err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in gold.iterdir()] == ["kept.gold.json"]


def test_a_changed_report_is_refused(reports: tuple[Path, list[Record]], tmp_path: Path) -> None:
    d, _ = reports
    docs = tmp_path / "docs"
    shutil.copytree(d, docs)
    out = tmp_path / "t.json"
    annotate.export([process(p, ner=False) for p in docs.glob("*.txt")], out, format="label-studio")
    report = docs / "linze_gxj_2024.txt"
    report.write_text(report.read_text("utf-8") + "补记。", "utf-8")
    with pytest.raises(InputError, match=r"t\.json: task \d+ .*the report changed since the export"):
        annotate.import_gold(out, tmp_path / "gold", format="label-studio", docs=docs)
    assert not (tmp_path / "gold").exists()


def test_a_record_without_its_report_is_refused(reports: tuple[Path, list[Record]], tmp_path: Path) -> None:
    _, records = reports
    moved = records[0].model_copy(deep=True)
    moved.document.source = str(tmp_path / "gone.txt")
    with pytest.raises(InputError, match=r"gone\.txt: report text not found or changed; name its folder with --docs"):
        annotate.export([moved], tmp_path / "t.jsonl", format="spans")
    assert not (tmp_path / "t.jsonl").exists()


# -- the formats against their tools' definitions ---------------------------------------
def test_label_studio_export_passes_label_studio_sdk(
    reports: tuple[Path, list[Record]], tmp_path: Path
) -> None:
    sdk = pytest.importorskip("label_studio_sdk.label_interface")
    _, records = reports
    out = tmp_path / "t.json"
    annotate.export(records, out, format="label-studio", max_chars=150)
    li = sdk.LabelInterface(annotate.config_path(out).read_text("utf-8"))
    assert set(li.get_control("label").labels) == set(annotate.tasks.LABELS)
    tasks = json.loads(out.read_text("utf-8"))
    for task in tasks:
        assert li.validate_task({"data": task["data"]}) is not False  # (its prediction check is broken in 2.1)
        assert li.validate_prediction(task["predictions"][0]) is True
    bad = {**tasks[0]["predictions"][0], "result": [{**tasks[0]["predictions"][0]["result"][0],
           "value": {**tasks[0]["predictions"][0]["result"][0]["value"], "labels": ["PERSON"]}}]}  # fmt: skip
    assert li.validate_prediction(bad) is False  # the checker does check labels


def _doccano_line_ok(line: str) -> bool:
    """doccano's documented JSONL for sequence labelling: an object with a ``text`` string and
    ``label`` a list of ``[start, end, label]`` (character offsets, end exclusive)."""
    row = json.loads(line)
    text, labels = row.get("text"), row.get("label")
    return (isinstance(text, str) and isinstance(labels, list)
            and all(isinstance(x, list) and len(x) == 3 and isinstance(x[0], int)
                    and isinstance(x[1], int) and isinstance(x[2], str)
                    and 0 <= x[0] < x[1] <= len(text) for x in labels))  # fmt: skip


DOCCANO_LINES = [
    ('{"text": "县商务局", "label": [[0, 4, "ORG"]]}', True),
    ('{"text": "县商务局", "label": [[0, 5, "ORG"]]}', False),
    ('{"text": "县商务局", "label": [{"start": 0, "end": 4}]}', False),
    ('{"text": "县商务局"}', False),
]


@pytest.mark.parametrize(("line", "ok"), DOCCANO_LINES)
def test_the_doccano_checker_knows_the_format(line: str, ok: bool) -> None:
    assert _doccano_line_ok(line) is ok


def test_doccano_export_follows_the_documented_jsonl(
    reports: tuple[Path, list[Record]], tmp_path: Path
) -> None:
    _, records = reports
    out = tmp_path / "t.jsonl"
    annotate.export(records, out, format="doccano", max_chars=150)
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) > 4 and all(_doccano_line_ok(x) for x in lines)
    exported = [json.loads(x) | {"id": n, "Comments": []} for n, x in enumerate(lines)]
    relation_style = [{"text": r["text"], "meta": r["meta"], "entities": [
        {"id": i, "start_offset": s, "end_offset": e, "label": lab}
        for i, (s, e, lab) in enumerate(r["label"])]} for r in exported]  # fmt: skip
    payload = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in relation_style)
    assert [t.spans for t in doccano.loads(payload, where="x")] == [
        t.spans for t in doccano.loads("\n".join(lines), where="y")]


def test_label_studio_annotations_win_over_predictions() -> None:
    task = {"data": {"text": "县商务局与宏达集团", "meta": {}},
            "predictions": [{"result": [{"type": "labels", "value": {"start": 0, "end": 4, "labels": ["ORG"]}}]}],
            "annotations": [
                {"was_cancelled": False, "result": [{"type": "labels", "value": {"start": 5, "end": 9, "labels": ["COMPANY"]}}]},
                {"was_cancelled": True, "result": []}]}  # fmt: skip
    [t] = label_studio.loads(json.dumps([task], ensure_ascii=False), where="x")
    assert [(t.text[s.start : s.end], s.label) for s in t.spans] == [("宏达集团", "COMPANY")]
