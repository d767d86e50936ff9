"""The NER model alone: P/R/F1 per label on held-out data, and its cost against jieba.

    .venv/bin/python benchmarks/ner_eval.py [--model DIR] [--repeat 20] [--json out.json]

Prints, for the model as :func:`yxnlp.extract.ner.spans` runs it (exact span and label):
- CLUENER dev (COMPANY ← company, ORG ← government), BosonNLP held-out documents (a seeded
  tenth, never trained on) and the fixture/silver dev split (the tenth of
  ``models/training-data/{silver,fixtures}`` that training holds out);
- the same with the pre-selection of :func:`yxnlp.extract.ner.worth_tagging` (clauses with a
  cue, 6 characters of context), and the share of gold entities inside the text it keeps
  (its recall cost);
- on ``../shared/gold/dev`` (if present): the model alone against the entity-only gold, by
  surface form, relaxed (one contains the other and covers ≥ 70% of it): COMPANY, ORG, PROJECT;
- cost on the seed report repeated ``--repeat`` times, in the same process and on the same
  text: ``jieba.lcut``'s chars/s, the model's pass over every sentence and over the
  pre-selected ones (with the segmenter's word starts passed in, as the pipeline does), the
  share of characters the pre-selection reads, and peak RSS.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from yxnlp import train
from yxnlp.extract import ner

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "models" / "training-data"
SEED = ROOT / "seeds" / "000_cba11b42fa3c7c35.txt"
GOLD_DEV = ROOT.parent / "shared" / "gold" / "dev"
GOLD_KEYS = {"COMPANY": "companies", "ORG": "organizations", "PROJECT": "projects"}
Keep = Callable[[str], bool] | None
#: How the pre-selection is run: clauses holding a cue, with enough context for the model's
#: window (its spans in those clauses are the same as when it reads everything).
PRESELECT: dict[str, Any] = {"unit": "clause", "margin": 6}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": round(p, 4), "r": round(r, 4), "f": round(f, 4)}


def score(examples: list[dict[str, Any]], *, model: str | None, keep: Keep) -> dict[str, Any]:
    """Exact-span scores per label over examples, the model run as :func:`ner.spans`."""
    counts: dict[str, list[int]] = {}
    for ex in examples:
        gold = {(s, e, lab) for s, e, lab in ex["entities"]}
        found = ner.spans(ex["text"], path=model, keep=keep, **(PRESELECT if keep else {}))
        pred = {(s.start, s.end, s.label) for s in found}
        for lab in {x[2] for x in gold | pred}:
            c = counts.setdefault(lab, [0, 0, 0])
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"overall": prf(*total), **{lab: prf(*c) for lab, c in sorted(counts.items())}}


def kept_share(examples: Iterable[dict[str, Any]]) -> float:
    """Share of gold entities inside the text the pre-selection hands to the model."""
    kept = total = 0
    for ex in examples:
        text = ex["text"]
        read = [(o, o + len(t)) for o, t in _selected(text)]
        for s, e, _ in ex["entities"]:
            total += 1
            kept += any(a <= s and e <= b for a, b in read)
    return round(kept / total, 4) if total else 1.0


def relaxed_hit(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.7 * len(long_)


def gold_dev(model: str | None, keep: Keep) -> dict[str, Any]:
    """The model alone on the entity-only gold pages, by distinct surface form, relaxed."""
    counts = {lab: [0, 0, 0] for lab in GOLD_KEYS}
    for gpath in sorted(GOLD_DEV.glob("*.gold.json")):
        gold = json.loads(gpath.read_text("utf-8"))
        text = (GOLD_DEV / gold["document"]).read_text("utf-8")
        found = ner.spans(text, path=model, keep=keep, **(PRESELECT if keep else {}))
        for lab, key in GOLD_KEYS.items():
            items = [{e["name"], *e.get("mentions", []), *e.get("aliases", [])}
                     for e in gold.get(key, [])]
            pred = {text[s.start : s.end] for s in found if s.label == lab}
            hit_items = sum(any(relaxed_hit(p, g) for p in pred for g in it) for it in items)
            good = sum(any(relaxed_hit(p, g) for it in items for g in it) for p in pred)
            counts[lab][0] += hit_items
            counts[lab][1] += len(pred) - good
            counts[lab][2] += len(items) - hit_items
    return {lab: prf(*c) for lab, c in counts.items()}


def cost(model: str | None, repeat: int) -> dict[str, Any]:
    import jieba

    from yxnlp.segment import segment

    seed = SEED.read_text("utf-8")
    text = "\n".join([seed] * repeat)
    starts = [t.idx for t in segment(text, segmenter="jieba")]  # the pipeline has these
    jieba.lcut(seed)
    ner.spans(seed, path=model, word_starts=[t.idx for t in segment(seed, segmenter="jieba")])
    runs: dict[str, Callable[[], object]] = {
        "jieba.lcut": lambda: jieba.lcut(text),
        "model, every sentence": lambda: ner.spans(text, path=model, word_starts=starts),
        "model, pre-selected clauses": lambda: ner.spans(
            text, path=model, word_starts=starts, keep=ner.worth_tagging, **PRESELECT
        ),
    }
    seconds = {}
    for name, fn in runs.items():
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t0)
        seconds[name] = best
    base = len(text) / seconds["jieba.lcut"]
    read = sum(len(t) for _, t in _selected(text))
    return {
        "chars": len(text),
        "preselected_share_of_chars": round(read / len(text), 4),
        **{k: {"seconds": round(v, 3), "chars_per_s": round(len(text) / v),
               "x_jieba": round(len(text) / v / base, 3)} for k, v in seconds.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _selected(text: str) -> list[tuple[int, str]]:
    return ner.selected(text, keep=ner.worth_tagging, **PRESELECT)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--model", help="model directory (default: the shipped model)")
    ap.add_argument("--repeat", type=int, default=20, help="seed copies for the cost figures")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--skip-cost", action="store_true")
    args = ap.parse_args(argv)
    _, dev = train.load_splits(DATA, seed=0)
    cluener = list(train.read_jsonl(DATA / "cluener" / "dev.jsonl"))
    sets = {
        "CLUENER dev": cluener,
        "Boson held-out": list(train.read_jsonl(DATA / "boson" / "heldout.jsonl")),
        "fixtures+silver dev": dev[len(cluener) :],
    }
    result: dict[str, Any] = {"model": ner.model_name() if not args.model else args.model}
    for name, exs in sets.items():
        result[name] = {
            "all sentences": score(exs, model=args.model, keep=None),
            "pre-selected": score(exs, model=args.model, keep=ner.worth_tagging),
            "gold kept by pre-selection": kept_share(exs),
        }
    if GOLD_DEV.is_dir():
        result["gold/dev relaxed (model alone)"] = {
            "all sentences": gold_dev(args.model, None),
            "pre-selected": gold_dev(args.model, ner.worth_tagging),
        }
    if not args.skip_cost:
        result["cost"] = cost(args.model, args.repeat)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
