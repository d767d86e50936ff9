"""``yxnlp compare``: indicator keys across years or regions, with qualifiers, ranges and deltas.

Reads the store (``--db``) or record JSON files (``--records FILE_OR_DIR``). One row per
report series, year, key and status (``value``, ``max``, ``qualifier``, ``unit``, ``delta``,
``gap``, …; see :mod:`yxnlp.compare`); ``--wide`` gives one column per key and status instead,
named for Stata and R. What is left out, and why, is printed as notes on stderr (``-q`` hides
them). ``--entities`` prints new / continuing / dropped entities between consecutive reports of
each issuer instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp.batch.discovery import RESERVED
from yxnlp.cli.options import add_db, add_filters, filters, open_store
from yxnlp.cli.output import add_output, pick, render, wanted
from yxnlp.compare import Source, compare, continuity
from yxnlp.errors import InputError
from yxnlp.record import Record

NAMES = ("key", "status", "region", "issuer")
#: The columns of a long comparison as a table (csv and json: every column).
TABLE_COLUMNS = (
    "region issuer year key status value max qualifier unit text previous_year delta gap n_values"
).split()


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "compare", help="indicators by year or region, with qualifiers and deltas; continuity"
    )
    add_db(p)
    p.add_argument(
        "--records", type=Path, action="append", metavar="PATH",
        help="record JSON files or folders instead of the store (repeatable)",
    )  # fmt: skip
    p.add_argument("--by", choices=["year", "region"], default="year", help="row order")
    add_filters(p, [*NAMES, "label"], year="the indicator's year (with --entities: unused)")
    p.add_argument("--wide", action="store_true", help="one column per key and status")
    p.add_argument("--entities", action="store_true", help="entity continuity instead")
    add_output(p)
    p.set_defaults(run=run)


def _records(paths: list[Path]) -> list[Record]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(f for f in sorted(p.rglob("*.json")) if f.stem not in RESERVED)
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(p, "no such file or folder")
    records = []
    for f in files:
        try:
            records.append(Record.from_json(f.read_bytes()))
        except ValueError as exc:
            raise InputError(f, f"not a yxnlp record ({str(exc).splitlines()[0]})") from exc
    return records


def run(args: argparse.Namespace) -> int:
    source: Source = _records(args.records) if args.records else open_store(args)
    if args.entities:
        table = continuity(
            source, label=args.label or ("COMPANY", "PROJECT"),
            issuer=args.issuer, region=args.region,
        )  # fmt: skip
        render(pick(table, wanted(args), fmt=args.format), args.format, bom=args.bom)
        return 0
    table = compare(source, by=args.by, wide=args.wide, **filters(args, NAMES))
    default = [] if args.wide else TABLE_COLUMNS
    render(pick(table, wanted(args), table_default=default, fmt=args.format), args.format, bom=args.bom)  # fmt: skip
    return 0
