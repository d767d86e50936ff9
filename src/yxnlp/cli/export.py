"""``yxnlp export --parquet DIR``: each table of the store as ``DIR/<table>.parquet``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp.store import DEFAULT_PATH, Store


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="export the store's tables as Parquet files"
    )
    p.add_argument("--parquet", required=True, type=Path, metavar="DIR", help="output folder")
    p.add_argument("--db", type=Path, default=Path(DEFAULT_PATH), help="the DuckDB store")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for path in Store(args.db).export_parquet(args.parquet):
        print(path)
    return 0
