"""The correction loop, worked end to end on three provincial 2026 reports of ``corpus/``.

    .venv/bin/python benchmarks/correction_loop.py [--work DIR] [--model DIR] [--json OUT]

1. extract the reports (rules and the shipped model) and export them as Label Studio tasks;
2. correct the tasks as a person would in Label Studio: each task gets an annotation made
   from its predictions with the edits of ``correction_loop/corrections.json`` (names the
   extraction missed added at every occurrence, wrong spans removed);
3. import the corrected file as a gold folder and score the records against it;
4. retrain with the gold folder added to the shipped training data (``yxnlp train --extra``,
   timed, the machine's load noted), unless ``--model`` names a model trained before;
5. score again with the retrained model: the whole pipeline, and the model alone (its
   COMPANY, ORG and PROJECT names against the gold's, relaxed as ``yxnlp evaluate``'s names
   mode counts them).

The retrained model has seen these reports, so the "after" scores show that the corrections
were learnt, not how well it does on new reports. Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [ROOT / "corpus" / "provinces-2026" / f"{code}.txt" for code in ("130000", "220000", "350000")]
CORRECTIONS = Path(__file__).with_name("correction_loop") / "corrections.json"
YXNLP = [str(Path(sys.executable).with_name("yxnlp"))]


def yxnlp(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([*YXNLP, *args], check=True, env={**os.environ, **(env or {})})


def correct(tasks_file: Path, out: Path) -> dict[str, int]:
    """Each task's predictions, edited, as its annotation (what Label Studio exports)."""
    spec = json.loads(CORRECTIONS.read_text("utf-8"))
    add, remove = [tuple(x) for x in spec["add"]], {tuple(x) for x in spec["remove"]}
    tasks = json.loads(tasks_file.read_text("utf-8"))
    counts = {"added": 0, "removed": 0}
    for task in tasks:
        text = task["data"]["text"]
        result = []
        for r in task["predictions"][0]["result"]:
            if (r["value"]["labels"][0], r["value"]["text"]) in remove:
                counts["removed"] += 1
            else:
                result.append(r)
        for label, name in add:
            at = text.find(name)
            while at >= 0:
                value = {"start": at, "end": at + len(name), "text": name, "labels": [label]}
                result.append({"from_name": "label", "to_name": "text", "type": "labels", "value": value})
                counts["added"] += 1
                at = text.find(name, at + 1)
        task["annotations"] = [{"was_cancelled": False, "result": result}]
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), "utf-8")
    return counts


def scores(gold: Path, model: Path | None) -> dict[str, Any]:
    """Pipeline scores (exact) and the model alone (names mode) against the gold folder."""
    from yxnlp.evaluate import GOLD_SUFFIX, evaluate, read_gold
    from yxnlp.evaluate.entities import GOLD_KEYS, gold_names, score_name_sets
    from yxnlp.extract import ner

    if model is not None:
        os.environ[ner.ENV_MODEL] = str(model)
    result = evaluate(gold, gold)
    pipeline = {"indicators": result["indicators"]["f1"]}
    for label, modes in sorted(result["entities"].items()):
        pipeline[label] = {k: modes["exact"][k] for k in ("p", "r", "f1", "tp", "fp", "fn")}
    alone: dict[str, Any] = {}
    tagged: dict[str, list[str]] = {}
    golds: dict[str, list[list[str]]] = {}
    for path in sorted(gold.glob(f"*{GOLD_SUFFIX}")):
        g = read_gold(path)
        text = (gold / g["document"]).read_text("utf-8")
        for s, e, label in ner.tag(text):
            tagged.setdefault(label, []).append(text[s:e])
        for label in ("COMPANY", "ORG", "PROJECT"):
            golds.setdefault(label, []).extend(gold_names(x) for x in g.get(GOLD_KEYS[label]) or [])
    for label in ("COMPANY", "ORG", "PROJECT"):
        s = score_name_sets(tagged.get(label, []), golds[label])
        alone[label] = {k: s[k] for k in ("precision", "recall", "f1", "hit_gold", "n_gold")}
    os.environ.pop(ner.ENV_MODEL, None)
    return {"model": str(model) if model else "shipped", "pipeline": pipeline, "model_alone": alone}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, default=ROOT / "out" / "correction-loop")
    ap.add_argument("--model", type=Path, help="a model retrained before (skip the training)")
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "correction_loop.json")
    args = ap.parse_args()
    w: Path = args.work
    shutil.rmtree(w, ignore_errors=True)
    (w / "docs").mkdir(parents=True)
    for p in REPORTS:
        shutil.copy(p, w / "docs" / p.name)
    records = []
    for p in sorted((w / "docs").glob("*.txt")):
        yxnlp("extract", str(p), "-o", str(w / "records" / f"{p.stem}.json"))
        records.append(str(w / "records" / f"{p.stem}.json"))
    yxnlp("annotate", "export", *records, "--format", "label-studio", "--out", str(w / "tasks.json"))
    edits = correct(w / "tasks.json", w / "corrected.json")
    yxnlp("annotate", "import", str(w / "corrected.json"), "--format", "label-studio", "--out", str(w / "gold"))
    from yxnlp.annotate.training import gold_examples

    _, info = gold_examples(w / "gold")
    out: dict[str, Any] = {"reports": [p.name for p in REPORTS], "edits": edits, "extra": info}
    out["before"] = scores(w / "gold", None)
    model = args.model
    if model is None:
        model = w / "model"
        load = os.getloadavg()
        t0 = time.perf_counter()
        yxnlp("train", "--extra", str(w / "gold"), "--out", str(model), "--seed", "0")
        out["retrain"] = {"seconds": round(time.perf_counter() - t0, 1), "load_before": load,
                          "load_after": os.getloadavg(), "cpus": os.cpu_count()}  # fmt: skip
    out["after"] = scores(w / "gold", model.resolve())
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
