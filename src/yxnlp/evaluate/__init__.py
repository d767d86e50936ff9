"""``yxnlp evaluate``: precision/recall/F1 of the pipeline against gold annotations.

For each ``<stem>.gold.json`` in the gold folder whose document is in the documents folder,
the report is run through the pipeline and scored: indicators by :mod:`.indicators`
(P/R/F1, then kind/qualifier/status/period accuracy on matched pairs) and entity categories
by :func:`yxnlp.evaluate.entities.score_entities`. Totals are micro-averaged over documents.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "r.txt").write_text("一、主要指标\\n2024年全区实现地区生产总值120亿元。", "utf-8")
>>> _ = (d / "r.gold.json").write_text('{"indicators": [{"quote": "地区生产总值120亿元", '
...     '"number_text": "120亿元", "normalized": {"value": 12000000000}, "kind": "amount", '
...     '"qualifier": "exact", "status": "actual", "period": "2024"}]}', "utf-8")
>>> evaluate(d, d, ner=False)["indicators"]["f1"]
1.0
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.errors import InputError, input_failure
from yxnlp.evaluate import indicators as ind_eval
from yxnlp.evaluate.entities import name_set_prf, score_entities
from yxnlp.pipeline import analyse, build_record

GOLD_SUFFIX = ".gold.json"


def read_gold(path: Path) -> dict[str, Any]:
    """A gold annotation file; raises :class:`InputError` when it is not one."""
    with input_failure(path, "gold JSON file", malformed=(ValueError,)):
        data = json.loads(ingest.read_bytes(path).decode("utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("indicators", []), list):
        raise InputError(path, "expected an object with an 'indicators' list")
    return data


def find_document(docs_dir: Path, stem: str, gold: dict[str, Any]) -> Path | None:
    """The document a gold file annotates: its ``document`` name, else ``<stem>.<ext>``."""
    named = gold.get("document")
    if isinstance(named, str) and (docs_dir / named).is_file():
        return docs_dir / named
    return next(
        (
            docs_dir / f"{stem}{ext}"
            for ext in ingest.SUFFIXES
            if (docs_dir / f"{stem}{ext}").is_file()
        ),
        None,
    )


def evaluate_document(
    doc_path: Path, gold: dict[str, Any], *, segmenter: str = "jieba", ner: bool = True
) -> dict[str, Any]:
    """Scores of one document against its gold annotation."""
    a = analyse(ingest.read(doc_path), segmenter=segmenter)
    record = build_record(a, ner=ner)
    indicators = (  # entity-only gold (no "indicators" key) scores no indicators
        ind_eval.score_indicators(a.text, gold["indicators"], record.indicators)
        if "indicators" in gold
        else None
    )
    return {
        "document": doc_path.name,
        "indicators": indicators,
        "entities": score_entities(record, gold),
    }


def evaluate(
    gold_dir: str | Path,
    docs_dir: str | Path,
    *,
    segmenter: str = "jieba",
    ner: bool = True,
) -> dict[str, Any]:
    """Score every annotated document found in ``docs_dir``; totals are micro-averaged."""
    gdir, ddir = Path(gold_dir), Path(docs_dir)
    if not gdir.is_dir():
        raise InputError(gdir, "gold folder not found")
    if not ddir.is_dir():
        raise InputError(ddir, "documents folder not found")
    docs: list[dict[str, Any]] = []
    for gpath in sorted(gdir.glob(f"*{GOLD_SUFFIX}")):
        gold = read_gold(gpath)
        doc = find_document(ddir, gpath.name[: -len(GOLD_SUFFIX)], gold)
        if doc is not None:
            docs.append(evaluate_document(doc, gold, segmenter=segmenter, ner=ner))
    scored = [d["indicators"] for d in docs if d["indicators"] is not None]
    return {
        "documents": docs,
        "indicators": _total_indicators(scored) if scored else None,
        "entities": _total_entities([d["entities"] for d in docs]),
    }


def _total_indicators(scores: list[dict[str, Any]]) -> dict[str, Any]:
    tp, fp, fn = (sum(int(s[k]) for s in scores) for k in ("tp", "fp", "fn"))
    out: dict[str, Any] = ind_eval.prf(tp, fp, fn)
    attrs: dict[str, dict[str, float | int]] = {}
    for attr in ind_eval.ATTRIBUTES:
        right = sum(int(s["attributes"][attr]["right"]) for s in scores)
        n = sum(int(s["attributes"][attr]["n"]) for s in scores)
        attrs[attr] = {"accuracy": round(right / n, 4) if n else 0.0, "right": right, "n": n}
    out["attributes"] = attrs
    return out


def _total_entities(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Per label and mode, summed counts (tp/fp/fn, or the ``names`` mode's name counts)."""
    sums: dict[str, dict[str, dict[str, int]]] = {}
    for s in scores:
        for label, modes in s.items():
            for mode, v in modes.items():
                keys = _COUNTS.get(mode)
                if keys is None or not isinstance(v, dict):
                    continue
                acc = sums.setdefault(label, {}).setdefault(mode, dict.fromkeys(keys, 0))
                for k in keys:
                    acc[k] += int(v[k])
    out: dict[str, Any] = {}
    for label, modes in sums.items():
        out[label] = {}
        for mode, c in modes.items():
            if mode == "names":
                out[label][mode] = {**c, **name_set_prf(c)}
            else:
                out[label][mode] = ind_eval.prf(c["tp"], c["fp"], c["fn"])
    return out


_COUNTS = {
    "exact": ("tp", "fp", "fn"),
    "relaxed": ("tp", "fp", "fn"),
    "names": ("hit_pred", "n_pred", "hit_gold", "n_gold"),
}
