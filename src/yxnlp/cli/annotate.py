"""``yxnlp annotate export|import``: correct extractions in an annotation tool.

``yxnlp annotate export RECORDS_OR_STORE... --format label-studio|doccano|spans --out FILE``
writes one task per report (one per top-level part of a long report) pre-filled with the
records' entities and indicator figures; for Label Studio its labelling config goes beside
(``FILE`` ``tasks.json`` → ``tasks.label_config.xml``). Records are record JSON files, folders
of them, or a store (``.duckdb``); each record's report is found where it was read (or in
``--docs DIR``) and must be unchanged.

``yxnlp annotate import FILE --format … --out GOLD_DIR`` checks every corrected task against
its report and writes the gold files, with a copy of each report, into ``GOLD_DIR`` (whole or
not at all): ``yxnlp evaluate --gold GOLD_DIR --docs GOLD_DIR`` scores against them and
``yxnlp train --extra GOLD_DIR`` learns from them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp import annotate
from yxnlp.annotate.tasks import MAX_CHARS


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "annotate", help="export records to an annotation tool, import corrections as gold"
    )
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    e = verbs.add_parser("export", help="records or a store → annotation tasks")
    e.add_argument("records", type=Path, nargs="+", metavar="RECORDS_OR_STORE",
                   help="record .json files, folders of them, or a .duckdb store")  # fmt: skip
    i = verbs.add_parser("import", help="corrected tasks → a gold folder")
    i.add_argument("file", type=Path, metavar="FILE", help="the annotation tool's export")
    for q in (e, i):
        q.add_argument("--format", choices=list(annotate.FORMATS), required=True)
        q.add_argument("--out", type=Path, required=True,
                       help="the task file (export) or the gold folder (import)")  # fmt: skip
        q.add_argument("--docs", type=Path, metavar="DIR",
                       help="folder of the reports, if they are not where they were read")  # fmt: skip
    e.add_argument("--max-chars", type=int, default=MAX_CHARS,
                   help=f"cut longer reports into one task per part (default {MAX_CHARS})")  # fmt: skip
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.verb == "export":
        n = annotate.export(annotate.read_records(args.records), args.out, format=args.format,
                            docs=args.docs, max_chars=args.max_chars)  # fmt: skip
        extra = f" and {annotate.config_path(args.out)}" if args.format == "label-studio" else ""
        print(f"{n} tasks written to {args.out}{extra}")
        return 0
    written = annotate.import_gold(args.file, args.out, format=args.format, docs=args.docs)
    print(f"{len(written)} gold files written to {args.out}")
    return 0
