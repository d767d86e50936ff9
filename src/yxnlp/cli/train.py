"""``yxnlp train``: prepare the NER training data and train the shipped model (seeded).

``yxnlp train --prepare --shared ../shared`` rewrites ``models/training-data/`` from CLUENER,
BosonNLP and the report texts in the project's development material (or name each source:
``--cluener DIR --boson FILE --reports FILE...``), then trains; ``yxnlp train`` alone trains
from the committed data with ``configs/ner.cfg`` into ``models/yxnlp-ner-zh``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from yxnlp import train
from yxnlp.annotate.training import gold_examples
from yxnlp.errors import UsageError


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("train", help="train the NER model")
    p.add_argument("--prepare", action="store_true", help="rewrite the training data first")
    p.add_argument("--cluener", type=Path, help="CLUENER 2020 directory (train.txt, dev.txt)")
    p.add_argument("--boson", type=Path, help="BosonNLP NER file (boson.txt)")
    p.add_argument("--shared", type=Path,
                   help="the development material: its CLUENER, BosonNLP and report texts")
    p.add_argument("--reports", type=Path, nargs="*", default=[],
                   help="report files (.txt, or .csv/.jsonl rows) for silver annotations")
    p.add_argument("--data", type=Path, help="training data directory (default models/training-data)")
    p.add_argument("--config", type=Path, help="spaCy config (default configs/ner.cfg)")
    p.add_argument("--output", "--out", type=Path, dest="output",
                   help="model directory (default models/yxnlp-ner-zh)")
    p.add_argument("--extra", type=Path, nargs="+", default=[], metavar="GOLD_DIR",
                   help="gold folders of corrections (yxnlp annotate import) to learn from too")
    p.add_argument("--extra-repeat", type=int, metavar="N",
                   help="use each corrected sentence N times per pass"
                   " (default: train_repeat.extra of configs/ner_labels.json, 10)")
    p.add_argument("--max-steps", type=int, help="override training.max_steps")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--skip-training", action="store_true", help="only prepare the data")
    p.set_defaults(run=run)


def _shared_sources(args: argparse.Namespace) -> None:
    """Fill the sources not named from ``--shared`` (the layout of ../shared)."""
    root: Path = args.shared
    args.cluener = args.cluener or root / "ner" / "cluener"
    args.boson = args.boson or root / "ner" / "boson" / "boson.txt"
    if not args.reports:
        args.reports = sorted((root / "corpus" / "provinces-2026").glob("*.csv"))
        args.reports += sorted((root / "corpus" / "shanghai").glob("*.jsonl"))


def run(args: argparse.Namespace) -> int:
    if args.shared is not None:
        _shared_sources(args)
    if args.prepare:
        counts = train.prepare(
            cluener_dir=args.cluener,
            boson=args.boson,
            report_texts=args.reports,
            data_dir=args.data,
            seed=args.seed,
        )
        print(json.dumps({"prepared": counts}, ensure_ascii=False))
    if args.skip_training:
        return 0
    if args.extra and args.output is None:
        raise UsageError("--extra needs --out DIR: a retrained model does not replace the shipped one")
    extra: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for folder in args.extra:
        examples, info = gold_examples(folder)
        extra += examples
        notes.append(info)
    result = train.train(
        extra=extra,
        extra_sources=notes,
        extra_repeat=args.extra_repeat,
        data_dir=args.data,
        config=args.config,
        output=args.output,
        max_steps=args.max_steps,
        seed=args.seed,
    )
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
