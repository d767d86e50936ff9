"""``yxnlp evaluate --gold DIR --docs DIR [--json OUT]``: score the pipeline on annotated reports.

Prints indicator precision/recall/F1, kind/qualifier/status/period accuracy on matched
indicators, then one row per entity label and mode the entity scorer returns.
``--verbose`` lists missed, spurious and mis-attributed indicators.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yxnlp.cli.options import add_model, use_model
from yxnlp.evaluate import evaluate
from yxnlp.io import write_atomic


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "evaluate", help="precision/recall/F1 against gold annotations"
    )
    p.add_argument("--gold", type=Path, required=True, help="folder of <stem>.gold.json files")
    p.add_argument("--docs", type=Path, required=True, help="folder of the annotated reports")
    p.add_argument("--json", type=Path, help="also write all scores as JSON here")
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default="jieba")
    p.add_argument("--no-ner", action="store_true", help="rules only, skip the NER model")
    add_model(p)
    p.add_argument("-v", "--verbose", action="store_true", help="list misses and errors")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    use_model(args)
    result = evaluate(args.gold, args.docs, segmenter=args.segmenter, ner=not args.no_ner)
    print(format_table(result, verbose=args.verbose))
    if args.json:
        write_atomic(args.json, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return 0


def _row(name: str, s: dict[str, Any]) -> str:
    if "n_pred" in s:  # the names mode: names found right of names predicted, gold found
        return (
            f"{name:<28} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
            f"  names {s['hit_pred']}/{s['n_pred']}, gold {s['hit_gold']}/{s['n_gold']}"
        )
    return (
        f"{name:<28} {s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f}"
        f" {s['tp']:>5} {s['fp']:>5} {s['fn']:>5}"
    )


def format_table(result: dict[str, Any], *, verbose: bool = False) -> str:
    """The scores as a plain-text table.

    >>> s = {"p": 1.0, "r": 0.5, "f1": 0.6667, "tp": 1, "fp": 0, "fn": 1,
    ...      "attributes": {"kind": {"accuracy": 1.0, "right": 1, "n": 1}}}
    >>> print(format_table({"documents": [], "indicators": s, "entities": {}}))
    documents evaluated: 0
    <BLANKLINE>
    item                              P      R     F1    TP    FP    FN
    indicators                    1.000  0.500  0.667     1     0     1
    <BLANKLINE>
    on matched indicators        accuracy  right      n
    kind                            1.000      1      1
    """
    ind = result["indicators"]
    lines = [f"documents evaluated: {len(result['documents'])}", ""]
    lines.append(f"{'item':<28} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    lines.append(_row("indicators", ind) if ind else "indicators: no indicator gold")
    for label, modes in sorted(result.get("entities", {}).items()):
        for mode, s in modes.items():
            lines.append(_row(f"{label} ({mode})", s))
    if ind:
        lines += ["", f"{'on matched indicators':<28} {'accuracy':>6} {'right':>6} {'n':>6}"]
        for attr, s in ind.get("attributes", {}).items():
            lines.append(f"{attr:<28} {s['accuracy']:>8.3f} {s['right']:>6} {s['n']:>6}")
    if verbose:
        lines += _details(result)
    return "\n".join(lines)


def _details(result: dict[str, Any]) -> list[str]:
    """Per document: missed, spurious and mis-attributed indicators; missed and spurious
    entity names (``names`` mode, as ``shared/tools/score_entities.py -v`` lists them)."""
    lines: list[str] = []
    for doc in result["documents"]:
        lines += ["", f"== {doc['document']}"]
        d = doc["indicators"]
        if d is not None:
            lines += [f"  missed    {m['number_text']!s:<12} in {m['quote']}" for m in d["missed"]]
            lines += [f"  spurious  {s['text']:<12} ({s['subject']})" for s in d["spurious"]]
            lines += [
                f"  {w['attribute']:<9} {w['text']:<12} gold {w['gold']} / got {w['predicted']}"
                for w in d["wrong"]
            ]
        for label, modes in sorted(doc["entities"].items()):
            n = modes.get("names")
            if n and (n["missed"] or n["spurious"]):
                lines.append(f"  {label}: missed {n['missed']} spurious {n['spurious']}")
    return lines
