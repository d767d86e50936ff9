"""``yxnlp export --format parquet|csv|jsonl|dta --out DIR``: the store's views as files.

Views (``--view``, repeatable; all by default): ``indicators`` (with each sentence),
``entities``, ``mentions`` (with each sentence) and ``documents``, typed as in pandas
(:mod:`yxnlp.store.export`); Parquet is written by pyarrow, CSV is UTF-8 (``--bom`` for Excel)
with column names valid in Stata and R, ``dta`` a Stata 118 file with a label on every
variable and value labels on the categoricals. The filters of the query commands narrow every view
they apply to (``--key`` and ``--status`` the indicators, ``--label`` the entities and
mentions, ``--region``, ``--issuer`` and ``--year`` all of them).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp.cli.options import add_db, add_filters, filters, note, open_store
from yxnlp.errors import UsageError
from yxnlp.store import FORMATS, VIEWS

NAMES = ("key", "status", "label", "region", "issuer")


class _OldParquet(argparse.Action):
    """``--parquet DIR``, the earlier form: now ``--format parquet --out DIR``."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option: str | None = None) -> None:
        note(namespace, "--parquet DIR is now --format parquet --out DIR")
        namespace.out, namespace.format = values, "parquet"


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="write the store's views as Parquet, CSV, JSON Lines or Stata files"
    )
    p.add_argument("--format", choices=FORMATS, default="parquet", help="file format (dta: Stata 14+)")
    p.add_argument("--out", type=Path, metavar="DIR", help="output folder (DIR/<view>.<format>)")
    p.add_argument("--view", action="append", choices=VIEWS, help="a view to write (repeatable)")
    p.add_argument("--bom", action="store_true", help="CSV with a byte-order mark (for Excel)")
    p.add_argument("--parquet", type=Path, action=_OldParquet, help=argparse.SUPPRESS)
    add_filters(p, NAMES, year="the indicator year (indicators), else the report year")
    add_db(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("export needs --out DIR (the folder to write <view>.<format> into)")
    written = open_store(args).export(
        args.out, format=args.format, views=args.view or VIEWS, bom=args.bom,
        **filters(args, NAMES),
    )  # fmt: skip
    for path in written:
        print(path)
    return 0
