"""``yxnlp batch PATH... --out DIR``: many reports into records (and the store), in parallel."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from yxnlp.batch import run_batch
from yxnlp.batch.manifest import read_user_manifest
from yxnlp.cli.options import add_model, use_model
from yxnlp.ingest import SUFFIXES
from yxnlp.store import ENV_DB


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "batch",
        help="process folders of reports into records and the store",
        description=(
            f"Process every {'/'.join(SUFFIXES)} file under PATH into DIR/<stem>.json "
            "(DIR/<parent>__<stem>.json when stems collide); unchanged files are skipped; "
            "failures go to DIR/errors.jsonl and make the exit status 1."
        ),
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    p.add_argument(
        "--db", type=Path, metavar="PATH",
        help=f"DuckDB store to upsert records into (default: ${ENV_DB} if set, else none)",
    )  # fmt: skip
    p.add_argument(
        "--manifest",
        type=Path,
        metavar="FILE.csv",
        help="metadata you know per file (columns path,title,issuer,region,published,"
        "summary_year,plan_year,url; paths relative to the CSV; empty cells are guessed)",
    )
    p.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes")
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default="jieba")
    p.add_argument("--no-ner", action="store_true", help="rules only, skip the NER model")
    add_model(p)
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on Dask: 'local' (a LocalCluster of --workers) or tcp://HOST:8786",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: when stderr is a terminal)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    use_model(args)
    if args.workers < 1:
        print("yxnlp: error: --workers must be at least 1", file=sys.stderr)
        return 2
    user_meta = read_user_manifest(args.manifest) if args.manifest else {}
    console = Console(stderr=True)
    progress = console.is_terminal if args.progress is None else args.progress
    options: dict[str, Any] = {
        "out": args.out,
        "db": args.db if args.db is not None else (os.environ.get(ENV_DB) or None),
        "workers": args.workers,
        "segmenter": args.segmenter,
        "ner": not args.no_ner,
        "progress": progress,
        "console": console,
        "user_meta": user_meta,
    }
    if args.dask:
        from yxnlp.batch.engines import connect, dask_engine

        preload = (args.segmenter, not args.no_ner)
        with connect(args.dask, workers=args.workers, preload=preload) as client:
            engine = dask_engine(
                client, segmenter=args.segmenter, ner=not args.no_ner, meta=user_meta
            )
            result = run_batch(args.paths, engine=engine, **options)
    else:
        result = run_batch(args.paths, **options)
    for failure in result.failed[:10]:
        print(f"failed: {failure.reason}", file=sys.stderr)
    if len(result.failed) > 10:
        print(f"… and {len(result.failed) - 10} more", file=sys.stderr)
    if not args.quiet:
        print(result.summary(), file=sys.stderr)
        db = options["db"]
        where = f"store: {db}" if db else "no store (--db PATH stores them for queries)"
        print(f"records: {args.out}; {where}", file=sys.stderr)
    return 0 if result.ok else 1
