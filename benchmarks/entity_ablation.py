"""Entity ablation, one run: rules alone, lexicon off, model alone, everything, on the seed
report and on the hand-annotated dev pages (relaxed F1 per label, scored as
``shared/tools/score_entities.py`` does: the ``names`` mode of :mod:`yxnlp.evaluate.entities`).

Each configuration runs in a fresh process, so the lexicon switch (``$YXNLP_LEXICON=off``: no
company lexicon for the rules nor for the model's features) and model loading are clean.

usage: python benchmarks/entity_ablation.py [--shared ../shared] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = {
    "rules alone": {"ner": False, "rules": True, "lexicon": True},
    "lexicon off": {"ner": True, "rules": True, "lexicon": False},
    "model alone": {"ner": True, "rules": False, "lexicon": True},
    "everything": {"ner": True, "rules": True, "lexicon": True},
}
LABELS = ("COMPANY", "PROJECT", "ORG", "PLACE")

_CHILD = r"""
import json, sys
from pathlib import Path
from yxnlp import ingest
from yxnlp.evaluate import GOLD_SUFFIX, find_document, read_gold
from yxnlp.evaluate.entities import score_entities
from yxnlp.extract.entities import build_entities, extract_entities, merge, ner_candidates
from yxnlp.pipeline import analyse, build_record

ner, rules = sys.argv[1] == "1", sys.argv[2] == "1"
out = {}
for name, gold_dir, docs_dir in json.loads(sys.argv[3]):
    sums = {}
    for gpath in sorted(Path(gold_dir).glob("*" + GOLD_SUFFIX)):
        gold = read_gold(gpath)
        doc = find_document(Path(docs_dir), gpath.name[: -len(GOLD_SUFFIX)], gold)
        if doc is None:
            continue
        a = analyse(ingest.read(doc))
        record = build_record(a, ner=ner)
        if not rules:  # the model's spans alone, merged and grouped as usual
            starts = a.doc.to_array("IDX").tolist()
            ents = build_entities(a, merge(ner_candidates(a.masked, word_starts=starts)))
            record = record.model_copy(update={"entities": ents})
        for label, modes in score_entities(record, gold).items():
            acc = sums.setdefault(label, [0, 0, 0, 0])
            n = modes["names"]
            for i, k in enumerate(("hit_pred", "n_pred", "hit_gold", "n_gold")):
                acc[i] += n[k]
    out[name] = sums
print(json.dumps(out))
"""


def _f1(c: list[int]) -> dict[str, float]:
    p = c[0] / c[1] if c[1] else 0.0
    r = c[2] / c[3] if c[3] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sets = [
        ["seed", str(args.shared / "gold"), str(ROOT / "seeds")],
        ["dev pages", str(args.shared / "gold" / "dev"), str(args.shared / "gold" / "dev")],
    ]
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {}
    for config, opts in CONFIGS.items():
        env = dict(os.environ, YXNLP_LEXICON="on" if opts["lexicon"] else "off")
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(int(opts["ner"])), str(int(opts["rules"])),
             json.dumps(sets)],
            capture_output=True, text=True, env=env, check=True,
        )  # fmt: skip
        raw = json.loads(done.stdout.strip().splitlines()[-1])
        results[config] = {
            name: {label: _f1(c) for label, c in sums.items()} for name, sums in raw.items()
        }
    print(f"{'configuration':<14} {'set':<10} " + " ".join(f"{lb:>8}" for lb in LABELS))
    for config, by_set in results.items():
        for name, scores in by_set.items():
            cells = " ".join(f"{scores.get(lb, {}).get('f1', 0.0):>8.3f}" for lb in LABELS)
            print(f"{config:<14} {name:<10} {cells}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
