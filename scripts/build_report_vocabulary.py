"""Write ``src/yxnlp/data/report_vocabulary.txt`` (brands of the company lexicon that are
ordinary words of government work reports) and ``report_words.txt`` (words of the reports that
jieba's dictionary lacks: 双创, 实训, 冷链).

A word of the company lexicon's brand list (companynameparser) that stands as a word of its
own (on jieba's word boundaries) in at least ``--min-docs`` of the shipped reports in
``corpus/`` is report vocabulary (绿电, 天然林, 南水北调), not a firm's name: a firm rarely
recurs across many provinces' and years' reports. The entity rules read the file through
``yxnlp.resources``; rerun this script when the corpus or the lexicon changes.

A word jieba's segmenter finds in at least ``--min-docs-new`` shipped reports although its
dictionary lacks it, tagged as a common noun, verb or adjective (not a person's, place's or
body's name, not a place of the gazetteer nor a firm brand), is a word of the reports' own
vocabulary (policy words newer than the dictionary). The entity rules read it as an ordinary
word, so 双创示范基地 in a province's report reads as a class of bases, not a named one.

usage: python scripts/build_report_vocabulary.py [--min-docs 8] [--min-docs-new 3]
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

import jieba

from yxnlp import lexicon
from yxnlp.extract.entities.brands import place_stem
from yxnlp.extract.entities.dictionary import tagged, word_freq
from yxnlp.segment import load_tokenizer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "yxnlp" / "data" / "report_vocabulary.txt"
NEW = ROOT / "src" / "yxnlp" / "data" / "report_words.txt"
_COMMON_TAGS = ("n", "vn", "v", "a", "an", "j")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-docs", type=int, default=8)
    ap.add_argument("--min-docs-new", type=int, default=3)
    args = ap.parse_args()
    load_tokenizer("jieba")
    brands = lexicon.load().words("brand")
    docs = sorted((ROOT / "corpus").rglob("*.txt"))
    df: collections.Counter[str] = collections.Counter()
    new: collections.Counter[str] = collections.Counter()
    for path in docs:
        words = set(jieba.lcut(path.read_text("utf-8")))
        df.update(w for w in words if len(w) >= 2 and w in brands)
        new.update(w for w in words if 2 <= len(w) <= 4 and not word_freq(w) and re.fullmatch("[\u4e00-\u9fff]+", w))
    _write_new(sorted(w for w, n in new.items() if n >= args.min_docs_new and _common(w, brands)), len(docs), args.min_docs_new)
    vocab = sorted(w for w, n in df.items() if n >= args.min_docs)
    head = [
        f"# Brands of the company lexicon that are words of at least {args.min_docs} of the",
        f"# {len(docs)} shipped reports (scripts/build_report_vocabulary.py): report vocabulary,",
        "# not firms' names. One word per line.",
    ]
    OUT.write_text("\n".join([*head, *vocab]) + "\n", "utf-8")
    print(f"{OUT}: {len(vocab)} words from {len(docs)} reports")


def _common(word: str, brands: frozenset[str]) -> bool:
    tags = [t for _, t in tagged(word)]
    return len(tags) == 1 and tags[0] in _COMMON_TAGS and word not in brands and not place_stem(word)


def _write_new(words: list[str], n_docs: int, min_docs: int) -> None:
    head = [
        f"# Words of at least {min_docs} of the {n_docs} shipped reports that jieba's dictionary",
        "# lacks, tagged as common words (scripts/build_report_vocabulary.py): the reports' own",
        "# vocabulary (双创, 实训, 冷链), read by the entity rules as ordinary words. One per line.",
    ]
    NEW.write_text("\n".join([*head, *words]) + "\n", "utf-8")
    print(f"{NEW}: {len(words)} words")


if __name__ == "__main__":
    main()
