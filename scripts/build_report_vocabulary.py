"""Write ``src/yxnlp/data/report_vocabulary.txt``: brands of the company lexicon that are
ordinary words of government work reports.

A word of the company lexicon's brand list (companynameparser) that stands as a word of its
own (on jieba's word boundaries) in at least ``--min-docs`` of the shipped reports in
``corpus/`` is report vocabulary (绿电, 天然林, 南水北调), not a firm's name: a firm rarely
recurs across many provinces' and years' reports. The entity rules read the file through
``yxnlp.resources``; rerun this script when the corpus or the lexicon changes.

usage: python scripts/build_report_vocabulary.py [--min-docs 8]
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

import jieba

from yxnlp import lexicon
from yxnlp.segment import load_tokenizer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "yxnlp" / "data" / "report_vocabulary.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-docs", type=int, default=8)
    args = ap.parse_args()
    load_tokenizer("jieba")
    brands = lexicon.load().words("brand")
    docs = sorted((ROOT / "corpus").rglob("*.txt"))
    df: collections.Counter[str] = collections.Counter()
    for path in docs:
        words = set(jieba.lcut(path.read_text("utf-8")))
        df.update(w for w in words if len(w) >= 2 and w in brands)
    vocab = sorted(w for w, n in df.items() if n >= args.min_docs)
    head = [
        f"# Brands of the company lexicon that are words of at least {args.min_docs} of the",
        f"# {len(docs)} shipped reports (scripts/build_report_vocabulary.py): report vocabulary,",
        "# not firms' names. One word per line.",
    ]
    OUT.write_text("\n".join([*head, *vocab]) + "\n", "utf-8")
    print(f"{OUT}: {len(vocab)} words from {len(docs)} reports")


if __name__ == "__main__":
    main()
