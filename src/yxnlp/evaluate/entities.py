"""Scoring entity categories against a gold annotation (``../shared/gold`` format).

Per label (COMPANY ← ``companies``, PROJECT ← ``projects``, ORG ← ``organizations``, PLACE ←
``places``) each predicted entity is matched one-to-one, in document order, to an unmatched
gold item. A gold item is known by its ``name``, ``canonical``, ``aliases`` and ``mentions``;
a prediction by its ``canonical`` and ``name``.

- **exact**: a predicted name equals one of the gold item's names;
- **relaxed**: one name contains the other and covers at least 70% of it.

A third mode, **names**, scores sets of names the way ``shared/tools/score_entities.py`` does
(the project's independent scorer), so the two agree to the last digit: every name a
prediction is known by (canonical and each mention) is one predicted name, precision is the
share of predicted names that relaxed-match some gold name, recall the share of gold items
with a relaxed-matching predicted name; whitespace is ignored.

A prediction that matches only gold items already taken (a duplicate that canonicalisation
missed) counts as a false positive. Returns, per label and mode, tp/fp/fn counts, precision,
recall and F1, and the matched and unmatched names.

>>> from yxnlp.record import Document, Entity, Record
>>> rec = Record(document=Document(id="x", source="x"), entities=[
...     Entity(id="e1", label="COMPANY", name="兴华", canonical="兴华集团"),
...     Entity(id="e2", label="COMPANY", name="兴华门窗厂", canonical="兴华门窗厂")])
>>> gold = {"companies": [{"name": "兴华集团", "mentions": ["兴华"]}, {"name": "兴华门窗"}]}
>>> s = score_entities(rec, gold)["COMPANY"]
>>> s["exact"]["tp"], s["relaxed"]["tp"], s["relaxed"]["f1"]
(1, 2, 1.0)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yxnlp.record import Record

GOLD_KEYS: dict[str, str] = {
    "COMPANY": "companies",
    "PROJECT": "projects",
    "ORG": "organizations",
    "PLACE": "places",
}
RELAXED_COVERAGE = 0.7


def gold_names(item: dict[str, Any] | str) -> list[str]:
    """Every name a gold item is known by (name first).

    >>> gold_names({"name": "区商务局", "aliases": ["商务局"]})
    ['区商务局', '商务局']
    """
    if isinstance(item, str):
        return [item]
    names = [item.get("name"), item.get("canonical")]
    names += list(item.get("aliases") or []) + list(item.get("mentions") or [])
    return list(dict.fromkeys(n for n in names if isinstance(n, str) and n))


def relaxed_match(a: str, b: str, *, coverage: float = RELAXED_COVERAGE) -> bool:
    """One name contains the other and covers at least ``coverage`` of it.

    >>> relaxed_match("数字产业园", "数字产业园项目"), relaxed_match("龙湾", "龙湾区科技孵化中心")
    (True, False)
    """
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) / len(long_) >= coverage


def _matches(pred: Iterable[str], gold: list[str], *, relaxed: bool) -> bool:
    for p in pred:
        for g in gold:
            if p == g or (relaxed and relaxed_match(p, g)):
                return True
    return False


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_names(
    predicted: list[list[str]], gold: list[list[str]], *, relaxed: bool
) -> dict[str, Any]:
    """One-to-one matching of predicted items (lists of names) to gold items (lists of names)."""
    taken = [False] * len(gold)
    tp_pairs: list[list[str]] = []
    fps: list[str] = []
    for names in predicted:
        hit = next(
            (i for i, g in enumerate(gold) if not taken[i] and _matches(names, g, relaxed=relaxed)),
            None,
        )
        if hit is None:
            fps.append(names[0])
        else:
            taken[hit] = True
            tp_pairs.append([names[0], gold[hit][0]])
    fns = [g[0] for i, g in enumerate(gold) if not taken[i]]
    out: dict[str, Any] = {"tp": len(tp_pairs), "fp": len(fps), "fn": len(fns)}
    out.update(_prf(len(tp_pairs), len(fps), len(fns)))
    out.update({"matched": tp_pairs, "spurious": fps, "missed": fns})
    return out


def _squash(name: str) -> str:
    return "".join(name.split())


def score_name_sets(predicted: Iterable[str], gold: list[list[str]]) -> dict[str, Any]:
    """The ``names`` mode: predicted names against gold items (lists of names).

    >>> s = score_name_sets(["兴华集团", "兴华", "光明村"], [["兴华集团", "兴华"], ["宏达"]])
    >>> s["hit_pred"], s["n_pred"], s["hit_gold"], s["n_gold"], s["precision"], s["recall"]
    (2, 3, 1, 2, 0.6667, 0.5)
    """
    preds = sorted({_squash(p) for p in predicted} - {""})
    golds = [{_squash(n) for n in g} - {""} for g in gold]

    def hit(p: str, names: set[str]) -> bool:
        return any(p == n or relaxed_match(p, n) for n in names)

    hit_pred = [p for p in preds if any(hit(p, g) for g in golds)]
    hit_gold = [g for g in golds if any(hit(p, g) for p in preds)]
    out: dict[str, Any] = {
        "hit_pred": len(hit_pred),
        "n_pred": len(preds),
        "hit_gold": len(hit_gold),
        "n_gold": len(golds),
        "spurious": [p for p in preds if p not in hit_pred],
        "missed": sorted(min(g, key=len) for g in golds if g not in hit_gold),
    }
    out.update(name_set_prf(out))
    return out


def name_set_prf(c: dict[str, Any]) -> dict[str, float]:
    """Precision, recall and F1 of ``names``-mode counts (also of summed counts)."""
    p = c["hit_pred"] / c["n_pred"] if c["n_pred"] else 0.0
    r = c["hit_gold"] / c["n_gold"] if c["n_gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_entities(record: Record, gold: dict[str, Any]) -> dict[str, Any]:
    """Per label, ``{"exact": {...}, "relaxed": {...}}`` with counts, P/R/F1 and name lists.

    Labels with neither gold items nor predictions are left out; a gold file without a
    category (e.g. no ``places`` key) is scored as having none.
    """
    result: dict[str, Any] = {}
    for label, key in GOLD_KEYS.items():
        gold_items = [gold_names(g) for g in gold.get(key) or []]
        gold_items = [g for g in gold_items if g]
        preds = [
            list(dict.fromkeys([e.canonical, e.name]))
            for e in record.entities
            if e.label == label
        ]
        if not gold_items and not preds:
            continue
        every = [n for e in record.entities if e.label == label
                 for n in (e.canonical, *(m.text for m in e.mentions))]  # fmt: skip
        result[label] = {
            "exact": score_names(preds, gold_items, relaxed=False),
            "relaxed": score_names(preds, gold_items, relaxed=True),
            "names": score_name_sets(every, gold_items),
        }
    if "PROJECT" in result:
        result["PROJECT"]["attributes"] = score_project_attributes(record, gold)
    return result


PROJECT_FIELDS = ("type", "owner", "investment", "status")


def score_project_attributes(record: Record, gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Agreement on type, owner, investment and status for relaxed-matched projects.

    >>> from yxnlp.record import Document, Entity, Record
    >>> rec = Record(document=Document(id="x", source="x"), entities=[Entity(id="e1",
    ...     label="PROJECT", name="光电产业园", canonical="光电产业园",
    ...     attributes={"type": "park", "owner": None, "status": "在建"})])
    >>> s = score_project_attributes(rec, {"projects": [{"name": "光电产业园", "type": "park",
    ...     "owner": None, "investment": None, "status": "planned"}]})
    >>> s["type"]["correct"], s["status"]["correct"], s["status"]["wrong"]
    (1, 0, [['光电产业园', '在建', 'planned']])
    """
    golds = [g for g in gold.get("projects") or [] if isinstance(g, dict)]
    taken = [False] * len(golds)
    out: dict[str, dict[str, Any]] = {f: {"correct": 0, "total": 0, "wrong": []} for f in PROJECT_FIELDS}
    for e in record.entities:
        if e.label != "PROJECT":
            continue
        names = [e.canonical, e.name]
        hit = next(
            (i for i, g in enumerate(golds) if not taken[i] and _matches(names, gold_names(g), relaxed=True)),
            None,
        )
        if hit is None:
            continue
        taken[hit] = True
        for f in PROJECT_FIELDS:
            want, got = golds[hit].get(f), e.attributes.get(f)
            out[f]["total"] += 1
            if want == got:
                out[f]["correct"] += 1
            else:
                out[f]["wrong"].append([e.canonical, got, want])
    return out


def score_surface_lists(predicted: list[str], gold: dict[str, Any], key: str) -> dict[str, Any]:
    """Score a flat list of predicted names (e.g. a baseline's) against one gold category."""
    gold_items = [gold_names(g) for g in gold.get(key) or []]
    preds = [[p] for p in dict.fromkeys(predicted)]
    return {
        "exact": score_names(preds, gold_items, relaxed=False),
        "relaxed": score_names(preds, gold_items, relaxed=True),
    }
