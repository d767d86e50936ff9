"""Period, status, key and scope on page fixtures of our own writing, and on the seed.

    .venv/bin/python benchmarks/context_pages.py [--json benchmarks/results/context_pages.json]

Fixtures: ``tests/fixtures/context/*.txt`` with ``expected.json`` (figures judged by hand);
a field is right when the figure is extracted and its value equals the expectation (``null``
expected and found counts as right); a figure not extracted counts as wrong in every field.
The seed's period and status accuracy is ``yxnlp evaluate``'s, run here on the same code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yxnlp import process
from yxnlp.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "context"
FIELDS = ("status", "period", "key", "scope")


def fixtures() -> dict[str, Any]:
    expected = {k: v for k, v in json.loads((FIXTURES / "expected.json").read_text("utf-8")).items()
                if not k.startswith("_")}
    right = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    wrong: list[dict[str, Any]] = []
    for stem, page in expected.items():
        inds = process(FIXTURES / f"{stem}.txt", ner=False).indicators
        for want in page["figures"]:
            same = [i for i in inds if i.text == want["text"]]
            n = want.get("n", 1)
            got = same[n - 1] if len(same) >= n else None
            for name in FIELDS:
                if name not in want:
                    continue
                total[name] += 1
                value = getattr(got, name) if got is not None else "<not extracted>"
                if value == want[name]:
                    right[name] += 1
                else:
                    wrong.append({"page": stem, "figure": want["text"], "n": n, "field": name,
                                  "expected": want[name], "got": value})
    accuracy = {k: round(right[k] / total[k], 3) for k in FIELDS if total[k]}
    return {"pages": len(expected), "figures": sum(len(p["figures"]) for p in expected.values()),
            "n": total, "right": right, "accuracy": accuracy, "wrong": wrong}


def seed() -> dict[str, Any]:
    gold = ROOT.parent / "shared" / "gold"
    if not gold.is_dir():
        return {"skipped": "needs ../shared/gold"}
    attrs = evaluate(gold, ROOT / "seeds", ner=False)["indicators"]["attributes"]
    return {k: attrs[k] for k in ("status", "period")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    result = {"fixtures": fixtures(), "seed": seed()}
    text = json.dumps(result, ensure_ascii=False, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
