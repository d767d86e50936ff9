"""Metadata accuracy on messy pages: our page fixtures, the corpus, and (if present) the
development pages of ``../shared/gold/dev`` (region and issuer only; measured, never tuned on).

    .venv/bin/python benchmarks/metadata_pages.py [--json benchmarks/results/metadata_pages.json]

Fixtures: ``tests/fixtures/metadata/*.txt`` with ``expected.json``; a field is right when it
equals the expectation (region: name and code; ``None`` expected and found counts as right).
Corpus: the 82 reports of ``corpus/manifest.csv`` (title, issuer, region, plan and summary year).
Dev pages: the gold region is resolved to a code by the gazetteer (the part before any
``(推断…)`` note, which marks a region inferred from companies, out of reach by design); the gold
issuer counts as right when the written part before its note matches.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path
from typing import Any

from yxnlp import gazetteer
from yxnlp.metadata import Metadata, read_metadata

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "metadata"
DEV = ROOT.parent / "shared" / "gold" / "dev"
FIELDS = ["title", "issuer", "region", "published", "summary_year", "plan_year",
          "summary_period", "zone"]


def _value(m: Metadata, name: str) -> Any:
    if name == "region":
        return [m.region.name, m.region.code] if m.region else None
    return getattr(m, name)


def fixtures() -> dict[str, Any]:
    expected = {k: v for k, v in json.loads((FIXTURES / "expected.json").read_text("utf-8")).items()
                if not k.startswith("_")}
    right = dict.fromkeys([*FIELDS, "rules"], 0)
    for stem, want in expected.items():
        m = read_metadata((FIXTURES / f"{stem}.txt").read_text("utf-8"))
        for name in FIELDS:
            right[name] += _value(m, name) == want[name]
        right["rules"] += all(m.rules.get(k) == v for k, v in want["rules"].items())
    n = len(expected)
    return {"pages": n, "right": right, "accuracy": {k: round(v / n, 3) for k, v in right.items()}}


def corpus() -> dict[str, Any]:
    with (ROOT / "corpus" / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    right = 0
    for row in rows:
        m = read_metadata((ROOT / "corpus" / row["path"]).read_text("utf-8"))
        y = int(row["year"])
        right += (m.title, m.issuer, _value(m, "region"), m.plan_year, m.summary_year) == (
            row["title"], row["issuer"], [row["region"], row["region_code"]], y, y - 1)
    return {"reports": len(rows), "all_fields_right": right}


def _written(value: str) -> str:
    return re.split(r"[(（]推断", value)[0].strip()


def dev() -> dict[str, Any] | None:
    if not DEV.is_dir():
        return None
    g = gazetteer.load()
    rows = []
    for path in sorted(DEV.glob("e*.txt")):
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))
        m = read_metadata(path.read_text("utf-8"))
        gold_region = g.resolve(_written(gold["region"]))
        rows.append({
            "page": path.stem,
            "region_reachable": "推断" not in gold["region"],
            "region_right": bool(gold_region and m.region and gold_region.code == m.region.code),
            "issuer_right": m.issuer == _written(gold["issuer"]),
            "rules": m.rules,  # rule ids only: the pages' names stay out of the results
        })
    return {
        "pages": len(rows),
        "region_right": sum(r["region_right"] for r in rows),
        "region_reachable": sum(r["region_reachable"] for r in rows),
        "issuer_right": sum(r["issuer_right"] for r in rows),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args(argv)
    result = {"fixtures": fixtures(), "corpus": corpus(), "dev": dev()}
    fx, cp, dv = result["fixtures"], result["corpus"], result["dev"]
    print(f"fixtures: {fx['pages']} pages; accuracy per field: {fx['accuracy']}")
    print(f"corpus: {cp['all_fields_right']}/{cp['reports']} reports with every field right")
    if dv is not None:
        print(f"dev pages: region {dv['region_right']}/{dv['pages']} "
              f"({dv['region_reachable']} reachable without inferring from companies), "
              f"issuer {dv['issuer_right']}/{dv['pages']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
