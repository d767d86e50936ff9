"""Entity quality and cost on the seed, with a jieba.posseg baseline measured in the same run.

    .venv/bin/python benchmarks/ner_baseline.py [--json out/ner_baseline.json] [--repeat 20]

Prints, against ``../shared/gold`` (exact and relaxed P/R/F1 per label):
- the pipeline with rules only (``ner=False``), the NER model alone (raw spans, and spans that
  pass the rule layer's checks, as the pipeline uses them), and rules + NER merged;
- the baseline: jieba.posseg ``nt`` (organisation) words scored as COMPANY, as ORG and as
  COMPANY ∪ ORG, and ``ns`` (place) words as PLACE;
- the shipped model's own P/R/F1 on CLUENER dev (COMPANY ← company, ORG ← government);
- cost: chars/s of the whole pipeline with the NER model, rules only, and the NER model's
  pass alone, each as a ratio to jieba segmentation alone (``jieba.lcut``) on the seed text
  repeated ``--repeat`` times.
Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.evaluate.entities import GOLD_KEYS, score_entities, score_surface_lists
from yxnlp.extract import ner
from yxnlp.extract.entities import Candidate, build_entities, merge, ner_candidates
from yxnlp.pipeline import analyse, build_record, process
from yxnlp.record import Document, Record

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_cba11b42fa3c7c35.txt"
GOLD = ROOT.parent / "shared" / "gold" / "000_cba11b42fa3c7c35.gold.json"
CLUENER_DEV = ROOT / "models" / "training-data" / "cluener" / "dev.jsonl"


def rows(scores: dict[str, Any], system: str) -> list[dict[str, Any]]:
    out = []
    for label, modes in scores.items():
        for mode in ("exact", "relaxed"):
            s = modes[mode]
            out.append({"system": system, "label": label, "mode": mode, **{
                k: s[k] for k in ("tp", "fp", "fn", "precision", "recall", "f1")
            }})
    return out


def ner_alone(text_path: Path) -> Record:
    """Entities from the NER model's spans only (same checks, canonicalisation, no rules)."""
    a = analyse(ingest.read(text_path))
    cands: list[Candidate] = list(ner_candidates(a.masked))
    ents = build_entities(a, merge(cands))
    return Record(document=Document(id="x", source=str(text_path)), entities=ents)


def ner_raw(text_path: Path) -> Record:
    """Entities from the NER model's spans as they are (no rule checks)."""
    a = analyse(ingest.read(text_path))
    cands = [Candidate(lab, s, e, a.masked[s:e], "ner") for s, e, lab in ner.tag(a.masked)]  # type: ignore[arg-type]
    ents = build_entities(a, merge(cands))
    return Record(document=Document(id="x", source=str(text_path)), entities=ents)


def posseg_baseline(text: str, gold: dict[str, Any]) -> list[dict[str, Any]]:
    import jieba.posseg

    words = [(w.word, w.flag) for w in jieba.posseg.cut(text)]
    nt = [w for w, f in words if f == "nt"]
    ns = [w for w, f in words if f == "ns"]
    out: list[dict[str, Any]] = []
    for label, key, names in (("COMPANY", "companies", nt), ("ORG", "organizations", nt),
                              ("PLACE", "places", ns)):
        out += rows({label: score_surface_lists(names, gold, key)}, f"jieba.posseg {'nt' if label != 'PLACE' else 'ns'}")
    both = {"union": gold.get("companies", []) + gold.get("organizations", [])}
    out += rows({"COMPANY+ORG": score_surface_lists(nt, both, "union")}, "jieba.posseg nt")
    return out


def cluener_scores() -> dict[str, Any]:
    """The shipped model's per-label scores on CLUENER dev (spaCy's scorer)."""
    from spacy.scorer import Scorer
    from spacy.training import Example

    nlp = ner.load()
    examples = []
    for line in CLUENER_DEV.read_text("utf-8").splitlines():
        ex = json.loads(line)
        pred = nlp(ex["text"])
        ref = nlp.make_doc(ex["text"])
        ref.ents = [s for s in (ref.char_span(b, e, label=lab) for b, e, lab in ex["entities"]) if s]
        examples.append(Example(pred, ref))
    scores = Scorer.score_spans(examples, "ents")
    per_type: dict[str, Any] = scores["ents_per_type"]
    return {
        "overall": {k: round(float(scores[f"ents_{k}"]), 4) for k in ("p", "r", "f")},
        **{lab: {k: round(float(v), 4) for k, v in s.items()} for lab, s in per_type.items()},
    }


def cost(repeat: int) -> dict[str, Any]:
    import jieba

    text = "\n".join([SEED.read_text("utf-8")] * repeat)
    process(text[:2000], source="warm.txt", ner=True)
    jieba.lcut(text[:200])
    timings = {}
    for name, fn in (
        ("jieba.lcut", lambda: jieba.lcut(text)),
        ("pipeline rules only", lambda: process(text, source="bench.txt", ner=False)),
        ("pipeline rules + NER", lambda: process(text, source="bench.txt", ner=True)),
        ("NER model pass alone", lambda: ner.tag(text)),
    ):
        t0 = time.perf_counter()
        fn()
        timings[name] = time.perf_counter() - t0
    base = len(text) / timings["jieba.lcut"]
    return {
        "chars": len(text),
        **{k: {"seconds": round(v, 3), "chars_per_s": round(len(text) / v),
               "ratio_to_jieba": round((len(text) / v) / base, 4)} for k, v in timings.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--repeat", type=int, default=20, help="seed copies for the cost figures")
    args = ap.parse_args(argv)
    gold = json.loads(GOLD.read_text("utf-8"))
    text = SEED.read_text("utf-8")
    a = analyse(ingest.read(SEED))
    table = rows(score_entities(build_record(a, ner=False), gold), "rules only")
    table += rows(score_entities(ner_raw(SEED), gold), "NER alone (raw)")
    table += rows(score_entities(ner_alone(SEED), gold), "NER alone (checked)")
    table += rows(score_entities(build_record(a, ner=True), gold), "rules + NER (merged)")
    table += posseg_baseline(text, gold)
    result: dict[str, Any] = {"seed": table, "cluener_dev": cluener_scores(), "cost": cost(args.repeat)}
    print(f"{'system':<24}{'label':<12}{'mode':<9}{'tp':>4}{'fp':>4}{'fn':>4}{'P':>8}{'R':>8}{'F1':>8}")
    for r in table:
        print(f"{r['system']:<24}{r['label']:<12}{r['mode']:<9}{r['tp']:>4}{r['fp']:>4}{r['fn']:>4}"
              f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}")
    print("CLUENER dev:", json.dumps(result["cluener_dev"], ensure_ascii=False))
    for k, v in result["cost"].items():
        print(f"cost {k}: {v}")
    labels = ", ".join(GOLD_KEYS)
    print(f"(labels scored: {labels})")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
