"""Key coverage on the 25 provincial 2026 reports, and a random sample of keyed figures to audit.

    .venv/bin/python benchmarks/key_coverage.py [--json benchmarks/results/key_coverage.json]
        [--sample 100 --seed 2026 --audit benchmarks/results/key_audit.tsv]
        [--recheck OLD_AUDIT.tsv --recheck-out benchmarks/results/key_audit_recheck.tsv]
        [--held-out]

Coverage is the share of all extracted indicators (rules only, no NER) that get a key; the
figures that must have none are counted apart: another place's (``scope``), comparisons and
percentage-point gaps. ``--audit`` writes a sample of keyed figures, one row each with its
sentence, and an empty ``judgement`` column for a person to fill in (right / wrong + why);
a file that already holds judgements for the same rows keeps them. ``--recheck`` reads an
earlier audit and finds each of its figures again: a figure whose key is unchanged keeps its
judgement, one whose key changed (or that lost its key) is marked for a new one
(``recheck-out`` has both keys and both judgements), so an earlier sample shows what a change did.
``--held-out`` adds the coverage of the shipped Shanghai and national reports, which the
taxonomy was not tuned on (``held_out`` in the result).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

from yxnlp import process
from yxnlp.record import Indicator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "provinces-2026"
HELD_OUT = {"shanghai": ROOT / "corpus" / "shanghai", "national": ROOT / "corpus" / "national"}
COLUMNS = ["n", "report", "key", "text", "subject", "status", "period", "sentence", "judgement"]


def rows(corpus: Path = CORPUS) -> list[tuple[str, str, Indicator]]:
    """``(report, source text, indicator)`` for every indicator of every report."""
    out = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text("utf-8")
        out += [(path.name, text, i) for i in process(text, source=path.name, ner=False).indicators]
    return out


def coverage(found: list[tuple[str, str, Indicator]]) -> dict[str, Any]:
    inds = [i for _, _, i in found]
    keyed = [i for i in inds if i.key]
    return {
        "reports": len({r for r, _, _ in found}),
        "indicators": len(inds),
        "keyed": len(keyed),
        "coverage": round(len(keyed) / len(inds), 3) if inds else 0.0,
        "by_source": dict(Counter(i.key_source for i in keyed)),
        "distinct_keys": len({i.key for i in keyed}),
        "other_place": sum(1 for i in inds if i.scope),
        "percentage_point": sum(1 for i in inds if i.normalized.unit == "percentage_point"),
        "by_kind": {k: {"n": n, "keyed": sum(1 for i in keyed if i.kind == k)}
                    for k, n in Counter(i.kind for i in inds).items()},
    }


def _sentence(text: str, i: Indicator) -> str:
    a, b = i.sentence_span
    start = max(a, i.span[0] - 70)
    return text[start : min(b, i.span[1] + 10)].replace("\n", " ").replace("\t", " ")


def audit(found: list[tuple[str, str, Indicator]], *, n: int, seed: int, path: Path) -> None:
    keyed = [(r, t, i) for r, t, i in found if i.key]
    sample = random.Random(seed).sample(keyed, min(n, len(keyed)))
    kept: dict[tuple[str, str, str], str] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                kept[(row["report"], row["key"], row["sentence"])] = row["judgement"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(COLUMNS)
        for k, (report, text, i) in enumerate(sample, 1):
            sentence = _sentence(text, i)
            w.writerow([k, report, i.key, i.text, i.subject, i.status, i.period, sentence,
                        kept.get((report, i.key or "", sentence), "")])  # fmt: skip


MISSING = "(figure not found)"
RECHECK_COLUMNS = ["n", "report", "text", "old_key", "key", "sentence", "old_judgement",
                   "judgement"]  # fmt: skip


def recheck(found: list[tuple[str, str, Indicator]], *, old: Path, path: Path) -> dict[str, int]:
    """The figures of an earlier audit found again, with their keys then and now."""
    now: dict[tuple[str, str, str], str | None] = {}
    for report, text, i in found:
        now.setdefault((report, i.text, _sentence(text, i)), i.key)
    counts = {"same": 0, "changed": 0, "missing": 0}
    with old.open(encoding="utf-8", newline="") as fh, path.open("w", encoding="utf-8") as out:
        w = csv.writer(out, delimiter="\t", lineterminator="\n")
        w.writerow(RECHECK_COLUMNS)
        for row in csv.DictReader(fh, delimiter="\t"):
            where = (row["report"], row["text"], row["sentence"])
            key = now[where] if where in now else MISSING
            state = "same" if key == row["key"] else "missing" if key == MISSING else "changed"
            counts[state] += 1
            kept = row["judgement"] if state == "same" else ""
            w.writerow([row["n"], row["report"], row["text"], row["key"], key or "", row["sentence"],
                        row["judgement"], kept])  # fmt: skip
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the coverage here")
    parser.add_argument("--audit", type=Path, help="write an audit sample here (TSV)")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--recheck", type=Path, help="an earlier audit (TSV) to find again")
    parser.add_argument("--recheck-out", type=Path, help="where the recheck goes (TSV)")
    parser.add_argument("--held-out", action="store_true", help="also the Shanghai and national reports")
    args = parser.parse_args()
    found = rows()
    result = coverage(found)
    if args.held_out:
        result["held_out"] = {name: {k: v for k, v in coverage(rows(path)).items() if k != "by_kind"}
                              for name, path in HELD_OUT.items()}  # fmt: skip
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if args.audit:
        audit(found, n=args.sample, seed=args.seed, path=args.audit)
    if args.recheck:
        out = args.recheck_out or args.recheck.with_name(args.recheck.stem + "_recheck.tsv")
        print(json.dumps(recheck(found, old=args.recheck, path=out)))


if __name__ == "__main__":
    main()
